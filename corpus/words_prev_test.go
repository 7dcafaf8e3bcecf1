package corpus

import (
	"math/bits"
	"unicode/utf8"

	"github.com/corpustools/corpus/internal/swar"
)

// This file keeps TextStats as it was before countFast and its runs
// (prevTextStats), verbatim but for the names, as a reference for the
// differential tests (checkScriptCounts): the new code must give the same
// words and the same script counts on every input. It shares the tables
// (transitions, asciiBits, the scriptIndex) with the new code, which has
// only added the flag tRun to transitions, which this code ignores. It
// proves that a change meant to be invisible (speed) is: when the counting
// changes on purpose, retire it with the checks that use it; the UAX #29
// and legacy comparisons then carry the proof.

// prevTextStats is TextStats as it was, returning the script counts too.
func prevTextStats(text string) (script string, words int, counts scriptCounts) {
	s := loadScripts()
	words = s.prevCountText(text, &counts)
	c := counts
	return s.dominant(&c), words, counts
}

// prevCountText counts the words of text and adds the scripts of its code
// points to counts, in one pass: asciiRun takes stretches of ASCII 8 bytes
// at a time, stepCodePoints anything else one code point at a time, and
// prevCountHard recounts what these cannot decide with the full rules, from
// segStart on. (Each of these loops keeps its state in registers: a call
// in a loop would make Go spill them all.)
func (s *scriptIndex) prevCountText(text string, counts *scriptCounts) int {
	var t tally
	for i := 0; i < len(text); {
		until := i + 8
		if j := prevAsciiRun(text, i, &t, counts); j > i {
			i, until = j, j
		}
		next, hard := s.prevStepCodePoints(text, i, until, &t, counts)
		if hard {
			next, t.words = s.prevCountHard(text, t.segStart, next, t.segWords, counts)
			t.state = stNone
		}
		i = next
	}
	return t.words
}

// prevStepCodePoints takes text from i on, one code point at a time, until the
// end of text, a code point it cannot decide, or, past until, a stretch of
// ASCII that asciiRun can take. It returns where it stopped and whether
// prevCountHard must take over; if so, next is where countHard is to start
// counting scripts: past the code point it could not decide if that was
// decoded (and counted), else at it.
func (s *scriptIndex) prevStepCodePoints(text string, i, until int, t *tally, counts *scriptCounts) (next int, hard bool) {
	state, words, segStart, segWords := t.state, t.words, t.segStart, t.segWords
	for i < len(text) {
		c := text[i]
		size := 1
		var class uint8
		if c < utf8.RuneSelf {
			if i >= until && i+8 <= len(text) && asciiPrefix(swar.Load64(text, i)) >= minBlock {
				break
			}
			v := s.bmp[c]
			counts.n[uint8(v)]++
			class = uint8(v >> 8)
		} else {
			// Decode 2- and 3-byte sequences here; anything else (4-byte,
			// invalid, truncated, overlong) is left to countHard, which
			// decodes it with package utf8. Surrogates decode, to classHard
			// entries of the table.
			var r rune
			size = 0
			if c < 0xe0 {
				if c >= 0xc2 && i+1 < len(text) && text[i+1]&0xc0 == 0x80 {
					r, size = rune(c&0x1f)<<6|rune(text[i+1]&0x3f), 2
				}
			} else if c < 0xf0 && i+2 < len(text) && text[i+1]&0xc0 == 0x80 && text[i+2]&0xc0 == 0x80 {
				r = rune(c&0x0f)<<12 | rune(text[i+1]&0x3f)<<6 | rune(text[i+2]&0x3f)
				if r >= 0x800 {
					size = 3
				}
			}
			if size == 0 {
				hard = true
				break
			}
			v := s.bmp[r]
			counts.n[uint8(v)]++
			class = uint8(v >> 8)
			if state == stLetter && (class == classLetter || class == classMark) {
				i += size // within a word: nothing changes
				continue
			}
			if class == classIdeo { // a word of its own, cut on both sides
				segStart, segWords = i, words
				words++
				state = stNone
				i += size
				continue
			}
		}
		tr := transitions[state<<3|class]
		// A cut (the ifs compile to conditional moves).
		if cut := i + int(tr>>4&1); tr&(tCut|tCutAfter) != 0 {
			segStart = cut
		}
		if tr&(tCut|tCutAfter) != 0 {
			segWords = words
		}
		i += size
		if tr&tHard != 0 {
			hard = true
			break
		}
		words += int(tr >> 2 & 1)
		state = tr & tState
	}
	t.state, t.words, t.segStart, t.segWords = state, words, segStart, segWords
	return i, hard
}

// prevAsciiRun does what stepCodePoints does, from text[i] on, 8 bytes at a
// time while at least minBlock of them are ASCII, and returns where it
// stopped. It stops early, before 8 bytes it does not take, at a hard byte
// or a letter, inner punctuation, a letter (also across their start).
//
// Each byte's flags (asciiBits) go in the same byte of a word, and each
// flag is then a bit per byte: a word starts at a letter whose previous
// byte is no letter, for one.
func prevAsciiRun(text string, i int, t *tally, counts *scriptCounts) int {
	state, words, segStart, segWords := t.state, t.words, t.segStart, t.segWords
	latin := 0
	for i+8 <= len(text) {
		x := swar.Load64(text, i)
		n := asciiPrefix(x)
		if n < minBlock {
			break
		}
		y := uint64(asciiBits[byte(x)]) | uint64(asciiBits[byte(x>>8)])<<8 |
			uint64(asciiBits[byte(x>>16)])<<16 | uint64(asciiBits[byte(x>>24)])<<24 |
			uint64(asciiBits[byte(x>>32)])<<32 | uint64(asciiBits[byte(x>>40)])<<40 |
			uint64(asciiBits[byte(x>>48)])<<48 | uint64(asciiBits[byte(x>>56)])<<56
		last := uint(n-1) * 8 // bit 0 of the last byte taken
		y &= 1<<(last+8) - 1  // (1<<64 is 0 in Go: all ones for n == 8)
		letters := y >> 1 & lsb
		mids := y >> 4 & lsb
		var afterLetter uint64 // the byte before is a letter
		if state == stLetter {
			afterLetter = 1
		}
		afterLetter |= letters << 8
		if y&(bHard*lsb) != 0 || mids&afterLetter&(letters>>8) != 0 || state == stMid && letters&1 != 0 {
			break
		}
		starts := letters &^ afterLetter
		// The last cut (if any: the ifs compile to conditional moves).
		cuts := y >> 2 & lsb
		hi := 63 - bits.LeadingZeros64(cuts|1)  // bit 0 of the last cut's byte
		cutStart := i + hi/8 + int(y>>(hi+3)&1) // after it if it is white space
		cutWords := words + bits.OnesCount64(starts&(1<<hi-1))
		if cuts != 0 {
			segStart = cutStart
		}
		if cuts != 0 {
			segWords = cutWords
		}
		words += bits.OnesCount64(starts)
		latin += bits.OnesCount64(y & lsb)
		// The last byte is a letter, inner punctuation after a letter, or
		// else.
		state = uint8(letters>>last)*stLetter | uint8(mids&afterLetter>>last)*stMid
		i += n
	}
	t.state, t.words, t.segStart, t.segWords = state, words, segStart, segWords
	counts.latin += latin
	return i
}

// prevCountHard counts with the full UAX #29 rules the stretch of text from
// segStart (see countText) to the next position where UAX #29 surely
// breaks, and returns that position and the word count up to it, given
// words, the count before segStart. The code points before from have been
// classified and their scripts counted by the fast path, which could not
// decide the one just before from or at from; countHard adds the scripts
// of the code points from there on to counts.
//
// The stretch ends before the next classOther or classIdeo code point or
// ASCII white space. If it holds invalid UTF-8, it runs to the end of the
// chunk (the next ASCII white space), as TextStats always did: the
// segmenter takes a sequence cut short by the end of its input together
// with all that follows, so where the input ends matters ("५\xf0\x9fa" is
// one token, "५\xf0\x9fa-b" three). Counting from segStart rather than from
// the start of the chunk gives the same count, since the text before
// segStart is valid and UAX #29 breaks at it whatever follows.
func (s *scriptIndex) prevCountHard(text string, segStart, from, words int, counts *scriptCounts) (end, total int) {
	invalid := false
	i := from
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			a := asciiClass[c]
			if class := a & 0x7f; class == classSpace || class == classOther && !invalid {
				break
			}
			counts.latin += int(a >> 7)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError && size == 1 {
			invalid = true
		}
		if !invalid && r < 1<<16 {
			if class := uint8(s.bmp[r] >> 8); class == classOther || class == classIdeo {
				break
			}
		}
		counts.n[s.of(r)]++
		i += size
	}
	return i, words + countUAX29(text[segStart:i])
}
