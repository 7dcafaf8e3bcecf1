package corpus

import (
	"math/bits"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/words"

	"github.com/corpustools/corpus/internal/swar"
)

// CountWords returns the number of UAX #29 words in text that hold at least
// one letter or digit (so punctuation, spaces and emoji are not words; an
// ideograph is a letter, and each is a word of its own under UAX #29).
//
// The text is counted in one pass by a small state machine over word
// classes (see wordClassOf) that decides exactly the common cases: runs of
// letters and digits of scripts that join (Latin, Devanagari, Arabic,
// Cyrillic, Hangul, ...), runs of Katakana, ideographs and the letters of
// scripts that UAX #29 does not join (Han, Hiragana, Thai, ...), each a word
// of its own, combining marks, and punctuation around them. Whatever it does
// not decide (inner punctuation as in "e.g." or "don't", "_", emoji,
// symbols, invalid UTF-8, ...) is counted by the full UAX #29 rules over the
// shortest stretch around it that is known to be cut from its neighbours
// (see countHard). A differential fuzz test holds the two paths equal.
func CountWords(text string) int {
	_, n := TextStats(text)
	return n
}

// TextStats returns what [DominantScript] and [CountWords] return, in one
// pass over text.
func TextStats(text string) (script string, words int) {
	s := loadScripts()
	var counts scriptCounts
	words = s.countText(text, &counts)
	return s.dominant(&counts), words
}

// Word classes of the fast path, by the Word_Break property of UAX #29 and
// by whether the code point is a letter or number (which makes the token
// holding it a word). Every class but classHard is exact: a code point is
// put in it only when its Word_Break value and letter-ness are the ones
// named, which TestWordClassesMatchUAX29 checks for every BMP code point
// against the segmenter itself.
const (
	// classHard is anything the fast path leaves to the full rules:
	// ExtendNumLet ("_"), symbols (some are Extended_Pictographic or
	// ALetter), Newline, non-ASCII WSegSpace, letters that are Extend,
	// non-letters that are ALetter or Numeric, code points unassigned in
	// package unicode, and everything above the BMP. It is 0, so that a
	// code point the table was not told about is hard.
	classHard = iota
	// classSpace is ASCII white space, the chunk separator: UAX #29 never
	// joins a word across it (TextStats has always counted chunk by chunk).
	classSpace
	// classOther is Word_Break=Other and neither letter nor number:
	// punctuation such as "!" or "。", currency, controls, private use. A
	// token of its own (with the Extend/Format/ZWJ after it), never a word.
	classOther
	// classIdeo is Word_Break=Other and a letter or number: ideographs,
	// Hiragana, the letters of Thai, Lao, Myanmar, Khmer, ..., numbers
	// such as "²" or "½". Each is a word of its own.
	classIdeo
	// classLetter is Word_Break ALetter, Hebrew_Letter or Numeric, and a
	// letter or number. A run of them (with marks) is one word (WB5-WB10).
	classLetter
	// classKana is Word_Break=Katakana and a letter. A run of them is one
	// word (WB13), a word apart from any letter next to it.
	classKana
	// classMark is Extend, Format or ZWJ and neither letter nor number. It
	// joins whatever precedes it (WB4) and is transparent to the rules.
	classMark
	// classMid is MidLetter, MidNum, MidNumLet, Single_Quote or
	// Double_Quote: it joins letters or digits on both sides (WB6, WB7,
	// WB7a-c, WB11, WB12) and is otherwise a non-word token. The fast
	// path decides it unless it stands between two letters (see stMid).
	// (FE10 and FE14 were MidNum before Unicode 17 and are Other since:
	// either way this class is right for them.)
	classMid
	// classSymbol is a symbol that is neither letter nor number and is
	// Word_Break=Other or Extended_Pictographic, which package unicode
	// cannot tell apart. Either way it is a non-word token of its own,
	// except that ZWJ joins an Extended_Pictographic to what precedes it
	// (WB3c) and no rule joins anything after it but Extend/Format/ZWJ: a
	// classOther that is not taken for a cut (see tally.segStart).
	classSymbol
)

// States of the fast path: what the last code point other than a mark was,
// within the current chunk.
const (
	stNone   = iota // start of a chunk, or a code point that joins nothing after it
	stLetter        // classLetter: a following letter continues the word
	stKana          // classKana: a following Katakana continues the word
	stMid           // classMid right after a letter: a following letter may join across it
	numStates
)

// A transition of the fast path, packed in a byte: the next state in the
// low bits, then flags.
const (
	tState    = 0x03 // mask of the next state
	tWord     = 0x04 // the code point starts a word
	tCut      = 0x08 // UAX #29 breaks before the code point (segStart = its start)
	tCutAfter = 0x10 // ... or after it (ASCII white space: segStart = its end)
	tHard     = 0x20 // the fast path cannot decide: count with the full rules
	tRun      = 0x40 // a run of the same class group may follow (see countFast)
)

// transitions[state<<3|class] is the fast path's step on a code point of
// the class in the state, the UAX #29 rules as they apply to the classes:
//
//   - a letter starts a word unless it follows a letter (WB5-WB10), with
//     only marks between (WB4); a Katakana unless it follows a Katakana
//     (WB13); an ideograph always (WB999);
//   - a mark changes nothing (WB4);
//   - inner punctuation after a letter may join it to a letter after it
//     (WB6, WB7, WB7a-c, WB11, WB12): that letter is left to the full rules;
//   - anything else breaks (WB999).
var transitions = func() (t [numStates << 3]uint8) {
	for state := uint8(0); state < numStates; state++ {
		for class := uint8(0); class < 8; class++ {
			var next uint8
			switch class {
			case classHard:
				next = tHard
			case classSpace:
				next = stNone | tCutAfter
			case classOther:
				next = stNone | tCut
			case classIdeo:
				next = stNone | tCut | tWord | tRun
			case classSymbol:
				next = stNone
			case classLetter:
				switch state {
				case stLetter:
					next = stLetter | tRun
				case stMid:
					next = tHard // a letter, inner punctuation, a letter
				default:
					next = stLetter | tWord | tRun
				}
			case classKana:
				next = stKana
				if state != stKana {
					next |= tWord
				}
			case classMark:
				next = state
				if state == stLetter {
					next |= tRun
				}
			case classMid:
				next = stNone
				if state == stLetter {
					next = stMid
				}
			}
			t[state<<3|class] = next
		}
	}
	return t
}()

// asciiClass is the word class of each ASCII byte, with bit 7 set on the
// ASCII letters (counted as Latin script).
var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := rune(0); c < utf8.RuneSelf; c++ {
		t[c] = wordClassOf(c)
		if (c|0x20) >= 'a' && (c|0x20) <= 'z' {
			t[c] |= 0x80
		}
	}
	return t
}()

// runKey groups the classes of the runs of countFast: a table entry ORed
// with it is the same for two code points of the same script that are both
// classLetter or classMark (4|2 = 6|2 = 6), or both classIdeo (3|2 = 3,
// which only classSpace, never a code point outside ASCII, shares).
const runKey = 2 << 8

// tally is the state of the fast path between code points.
type tally struct {
	state uint8 // stNone, ...
	words int   // words so far
	// segStart is the last position before which UAX #29 surely breaks
	// and after which its rules start afresh: the start of the text, the
	// byte after ASCII white space, or the start of a classOther or
	// classIdeo code point (Word_Break=Other: no rule joins anything to
	// it, and the look-ahead of WB6/WB7b/WB12 stops at it). segWords is
	// the word count before segStart.
	segStart, segWords int
}

// countText counts the words of text and adds the scripts of its code
// points to counts, in one pass: countFast takes all but the last few
// bytes, stepCodePoints the rest one code point at a time, and countHard
// recounts what these cannot decide with the full rules, from segStart on.
// (Each of these loops keeps its state in registers: a call in a loop
// would make Go spill them all.)
func (s *scriptIndex) countText(text string, counts *scriptCounts) int {
	var t tally
	for i := 0; i < len(text); {
		next, hard := s.countFast(text, i, &t, counts)
		if !hard {
			next, hard = s.stepCodePoints(text, next, &t, counts)
		}
		if hard {
			next, t.words = s.countHard(text, t.segStart, next, t.segWords, counts)
			t.state = stNone
		}
		i = next
	}
	return t.words
}

// countFast takes text from i on while 8 bytes are left, and returns where
// it stopped and whether countHard must take over there (see
// stepCodePoints). It is the hot loop of TextStats; each step loads the 8
// bytes at i, and takes
//
//   - a space before a code point outside ASCII (the common case between
//     the words of most scripts) as the transition on classSpace does: a
//     cut after it;
//   - at least minBlock ASCII bytes with asciiRun, which goes on for as
//     long as the text is ASCII and Latin;
//   - else one code point, with the transitions of the state machine.
//     After a letter or mark that leaves it in a word, or an ideograph,
//     followed by more outside ASCII or a space, letterRun or ideoRun3
//     takes the run of code points like it that follows.
//
// The run functions and asciiRun loop on their own: a call in a loop
// would make Go spill all the registers of the loop around it, a loop as
// big as all of them together would not keep in registers what each of
// them needs.
func (s *scriptIndex) countFast(text string, i int, t *tally, counts *scriptCounts) (next int, hard bool) {
	state, words, segStart, segWords := t.state, t.words, t.segStart, t.segWords
	for i+8 <= len(text) {
		x := swar.Load64(text, i)
		var v uint16 // the table entry of the code point at i
		size := 1
		if x&0x80 == 0 {
			if x&0x80ff == 0x8020 {
				// A space before a code point outside ASCII: a cut after it
				// (classSpace). Its script, Common, counts for nothing.
				segStart, segWords, state = i+1, words, stNone
				i++
				continue
			}
			if asciiPrefix(x) >= minBlock {
				if j, u := s.asciiRun(text, i, tally{state, words, segStart, segWords}, counts); j > i {
					i, state, words, segStart, segWords = j, u.state, u.words, u.segStart, u.segWords
					continue
				}
			}
			v = s.bmp[byte(x)]
		} else {
			// Decode 2- and 3-byte sequences here; anything else (4-byte,
			// invalid, overlong) is left to countHard, which decodes it
			// with package utf8. Surrogates decode, to classHard entries.
			var r uint32
			if x&0xc0e0 == 0x80c0 {
				r, size = uint32(x&0x1f)<<6|uint32(x>>8&0x3f), 2
				if r < 0x80 {
					hard = true
					break
				}
			} else if x&0xc0c0f0 == 0x8080e0 {
				r, size = uint32(x&0x0f)<<12|uint32(x>>2&0xfc0)|uint32(x>>16&0x3f), 3
				if r < 0x800 {
					hard = true
					break
				}
			} else {
				hard = true
				break
			}
			v = s.bmp[uint16(r)]
		}
		counts.n[uint8(v)]++
		tr := transitions[state<<3|uint8(v>>8)]
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
		if tr&tRun == 0 || size == 1 || x>>(size*8)&0x80 == 0 && byte(x>>(size*8)) != ' ' {
			continue
		}
		// A run of code points of the same size, script and class group
		// (see runKey), and what the run functions take with them.
		// (Ideographs are 3 bytes but a few numbers such as "½".)
		u := tally{state, words, segStart, segWords}
		switch {
		case v>>8 == classIdeo:
			if size == 3 {
				i = s.ideoRun3(text, i, v, &u, counts)
			}
		default:
			i = s.letterRun(text, i, size, v|runKey, &u, counts)
		}
		state, words, segStart, segWords = u.state, u.words, u.segStart, u.segWords
	}
	t.state, t.words, t.segStart, t.segWords = state, words, segStart, segWords
	return i, hard
}

// dec2 decodes the 2-byte sequence that starts x (the first byte in the
// low byte), or returns noRune if there is none.
func dec2(x uint64) uint32 {
	r := uint32(x&0x1f)<<6 | uint32(x>>8&0x3f)
	if x&0xc0e0 != 0x80c0 || r < 0x80 {
		r = noRune
	}
	return r
}

// dec3 decodes the 3-byte sequence that starts x (the first byte in the
// low byte), or returns noRune if there is none.
func dec3(x uint64) uint32 {
	r := uint32(x&0x0f)<<12 | uint32(x>>2&0xfc0) | uint32(x>>16&0x3f)
	if x&0xc0c0f0 != 0x8080e0 || r < 0x800 {
		r = noRune
	}
	return r
}

// noRune stands for no code point in the run functions: a surrogate,
// whose table entry (classHard, script Unknown) is no key or word start of
// a run, no Inherited mark, no Latin letter.
const noRune = 0xd800

// inheritedMarkLen returns the length of the mark of script Inherited (a
// 2- or 3-byte classMark, such as ZWJ or a combining accent) that x starts
// with, or 0 if there is none.
func (s *scriptIndex) inheritedMarkLen(x uint64) int {
	if s.bmp[dec2(x)] == s.inheritedMark {
		return 2
	}
	if s.bmp[dec3(x)] == s.inheritedMark {
		return 3
	}
	return 0
}

// letterRun takes the run of letters and marks in the code points of size
// bytes (2 or 3) from i on, in a word (state stLetter, tally t), while 8 bytes are left,
// and returns where it stopped, with the tally there in t. The run is of
// the code points whose table entries ORed with runKey are key: a letter
// or a mark in a word changes nothing (WB5-WB10, WB4) but the count of its
// script, and runKey groups the letters and marks of a script. So do the
// marks of script Inherited (ZWJ, ZWNJ, harakat, combining accents), of
// any size, whose count does not matter. The run goes on across the
// punctuation and white space between two words of its script (see
// wordGap), which change nothing but the cut and the word count. It adds
// the scripts of what it takes to counts.
//
// The code points of the script go through the loop of scan3 or scan2,
// each specialised for its size and keeping in registers all it needs; the
// rest, once a word or so, comes back here.
func (s *scriptIndex) letterRun(text string, i, size int, key uint16, t *tally, counts *scriptCounts) int {
	letter := key &^ runKey // a letter of the script (classMark &^ runKey is classLetter)
	for {
		var end, n, spaces, cut int
		if size == 3 {
			end, n, spaces, cut = s.scan3(text, i, key)
		} else {
			end, n, spaces, cut = s.scan2(text, i, key)
		}
		counts.n[uint8(key)] += n
		if spaces != 0 {
			t.segStart, t.segWords = cut, t.words+spaces-1
			t.words += spaces
		}
		i = end
		if i > len(text)-8 {
			return i
		}
		x := swar.Load64(text, i)
		if n := s.inheritedMarkLen(x); n != 0 {
			i += n
			continue
		}
		gap := s.wordGap(x, letter, size, true, counts)
		if gap == 0 {
			return i
		}
		counts.n[uint8(key)]++
		t.segStart, t.segWords = i+gap, t.words
		t.words++
		i += gap + size
	}
}

// scan3 takes the run of 3-byte code points from i on whose table entries
// ORed with runKey are key (see letterRun), while 8 bytes are left, and
// across single spaces before a letter of the script: a cut after the
// space, a word at the letter (what wordGap does, in the common case). It
// returns where the run ends, how many code points it holds, how many
// spaces it crossed and where the code point after the last of them
// starts.
func (s *scriptIndex) scan3(text string, i int, key uint16) (end, n, spaces, cut int) {
	letter := key &^ runKey
	base := i // the start of the run, plus the spaces
	for i <= len(text)-8 {
		x := swar.Load64(text, i)
		if s.bmp[dec3(x)]|runKey == key {
			i += 3
			continue
		}
		if byte(x) != ' ' || s.bmp[dec3(x>>8)] != letter {
			break
		}
		spaces++
		base++
		i++
		cut = i
		i += 3
	}
	return i, (i - base) / 3, spaces, cut
}

// scan2 is scan3 for 2-byte code points.
func (s *scriptIndex) scan2(text string, i int, key uint16) (end, n, spaces, cut int) {
	letter := key &^ runKey
	base := i
	for i <= len(text)-8 {
		x := swar.Load64(text, i)
		if s.bmp[dec2(x)]|runKey == key {
			i += 2
			continue
		}
		if byte(x) != ' ' || s.bmp[dec2(x>>8)] != letter {
			break
		}
		spaces++
		base++
		i++
		cut = i
		i += 2
	}
	return i, (i - base) / 2, spaces, cut
}

// ideoRun3 takes the run of 3-byte ideographs (classIdeo) whose table entry
// is key (the same script) from i on, after one (tally t), while 8 bytes
// are left, across the punctuation and white space between them (see
// wordGap), and returns where it stopped, with the tally there in t: each
// ideograph is a word, with a cut before it (WB999), whatever precedes it.
// It adds the scripts of what it takes to counts.
func (s *scriptIndex) ideoRun3(text string, i int, key uint16, t *tally, counts *scriptCounts) int {
	base := i
	words := t.words
	for i <= len(text)-8 {
		for i <= len(text)-8 && s.bmp[dec3(swar.Load64(text, i))] == key {
			words++
			i += 3
		}
		if i > len(text)-8 {
			break
		}
		gap := s.wordGap(swar.Load64(text, i), key, 3, false, counts)
		if gap == 0 {
			break
		}
		words++
		base += gap
		i += gap + 3
	}
	if words != t.words { // the last ideograph starts at i-3
		t.segStart, t.segWords, t.words = i-3, words-1, words
	}
	t.state = stNone
	counts.n[uint8(key)] += (i - base) / 3
	return i
}

// wordGap returns the length of the gap that x, the 8 bytes at a position
// in a run of letterRun or ideoRun3, starts with, if what
// follows it is a code point of size bytes whose table entry is start (a
// letter or an ideograph, which starts a word); else 0. The gap is at most
// one code point of classOther or classMid, then one byte of ASCII white
// space, which may be missing only if start is an ideograph (inWord is
// false). wordGap counts the script of the punctuation.
//
// Whatever the state before it, the gap holds no word (no letter) and no
// hard case (no letter after classMid), and the last cut before the code
// point after it is at that code point: after the white space, or at the
// ideograph (classIdeo). A word starts there: exactly what the run
// functions do.
func (s *scriptIndex) wordGap(x uint64, start uint16, size int, inWord bool, counts *scriptCounts) int {
	var v uint16 // the table entry of the punctuation
	n := 0       // its length
	switch c := byte(x); {
	case c < utf8.RuneSelf:
		v, n = s.bmp[c], 1
	case c < 0xe0:
		v, n = s.bmp[dec2(x)], 2
	default:
		v, n = s.bmp[dec3(x)], 3
	}
	switch class := uint8(v >> 8); {
	case class == classSpace:
		n, v = 0, 0 // no punctuation: the white space below
	case class != classOther && class != classMid:
		return 0
	}
	x >>= n * 8
	gap := n
	if c := byte(x); c < utf8.RuneSelf && uint8(s.bmp[c]>>8) == classSpace {
		x >>= 8
		gap++
	} else if inWord {
		return 0
	}
	r := dec3(x)
	if size == 2 {
		r = dec2(x)
	}
	if gap == 0 || s.bmp[r] != start {
		return 0
	}
	if n > 1 {
		counts.n[uint8(v)]++
	}
	return gap
}

// stepCodePoints takes text from i on, one code point at a time, until the
// end of text or a code point it cannot decide. It returns where it
// stopped and whether countHard must take over; if so, next is where
// countHard is to start counting scripts: past the code point it could not
// decide if that was decoded (and counted), else at it.
func (s *scriptIndex) stepCodePoints(text string, i int, t *tally, counts *scriptCounts) (next int, hard bool) {
	state, words, segStart, segWords := t.state, t.words, t.segStart, t.segWords
	for i < len(text) {
		c := text[i]
		size := 1
		var v uint16
		if c < utf8.RuneSelf {
			v = s.bmp[c]
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
			v = s.bmp[r]
		}
		counts.n[uint8(v)]++
		tr := transitions[state<<3|uint8(v>>8)]
		if tr&(tCut|tCutAfter) != 0 {
			segStart, segWords = i+int(tr>>4&1), words
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

// Flags of an ASCII byte for asciiFlags.
const (
	bLatin  = 1 << iota // an ASCII letter (Latin script)
	bLetter             // classLetter
	bCut                // classSpace or classOther: UAX #29 breaks before it
	bSpace              // classSpace: ... and after it
	bMid                // classMid
	bHard               // classHard
)

// asciiBits holds the flags of each ASCII byte (and none for the others).
var asciiBits = func() (t [256]uint8) {
	for c := 0; c < utf8.RuneSelf; c++ {
		a := asciiClass[c]
		if a&0x80 != 0 {
			t[c] |= bLatin
		}
		switch a & 0x7f {
		case classLetter:
			t[c] |= bLetter
		case classSpace:
			t[c] |= bCut | bSpace
		case classOther:
			t[c] |= bCut
		case classMid:
			t[c] |= bMid
		case classHard:
			t[c] |= bHard
		}
	}
	return t
}()

// minBlock is the fewest ASCII bytes worth a call of asciiRun (fewer are
// mostly the gaps between words of other scripts).
const minBlock = 3

// lsb has the lowest bit of each byte set.
const lsb = 0x0101010101010101

// asciiPrefix returns how many of the 8 bytes of x (the first in the low
// byte) are ASCII before the first that is not.
func asciiPrefix(x uint64) int {
	return bits.TrailingZeros64(x&(0x80*lsb)) >> 3
}

// asciiPairBits holds the flags (asciiBits) of each two ASCII bytes, the
// first in the low byte, at the index of the two as a little-endian uint16
// without their high bits: asciiFlags looks them up two at a time. It is
// filled by loadScripts.
var asciiPairBits [0x8000]uint16

// fillASCIIPairBits fills asciiPairBits.
func fillASCIIPairBits() {
	for i := range asciiPairBits {
		asciiPairBits[i] = uint16(asciiBits[i&0x7f]) | uint16(asciiBits[i>>8])<<8
	}
}

// asciiFlags returns the flags (asciiBits) of the bytes of x, each in its
// byte (and garbage for the bytes that are not ASCII): each flag is then a
// bit per byte.
func asciiFlags(x uint64) uint64 {
	const m = 0x7f7f
	return uint64(asciiPairBits[x&m]) | uint64(asciiPairBits[x>>16&m])<<16 |
		uint64(asciiPairBits[x>>32&m])<<32 | uint64(asciiPairBits[x>>48&m])<<48
}

// asciiRun takes text from i on, given the tally before i, while 8 bytes
// are left: the ASCII bytes that start the 8 at i at once, unless they hold
// a hard byte or a letter, inner punctuation, a letter, and the 2-byte
// Latin letters and Inherited marks between (the accented letters of Latin
// text, whether composed or not; the letters of other scripts are left to
// letterRun, which takes them faster). It returns where it stopped and
// the tally there.
//
// The flags of the ASCII bytes (asciiFlags) go in their bytes of a word,
// and each flag is then a bit per byte: a word starts at a letter whose
// previous byte is no letter, for one.
func (s *scriptIndex) asciiRun(text string, i int, t tally, counts *scriptCounts) (int, tally) {
	state, words, segStart, segWords := t.state, t.words, t.segStart, t.segWords
	latin := 0
	for i+8 <= len(text) {
		x := swar.Load64(text, i)
		if x&0x80 != 0 {
			// A 2-byte Latin letter or Inherited mark: the transition
			// on it (a letter starts a word unless it is in one, a mark
			// changes nothing), but for a letter after inner
			// punctuation after a letter, which is hard: that, and
			// anything else, is left to countFast.
			v := s.bmp[dec2(x)]
			if uint8(v) != s.latin && v != s.inheritedMark {
				break
			}
			if class := uint8(v >> 8); class == classLetter && state != stMid {
				if state != stLetter {
					words++
				}
				state = stLetter
			} else if class != classMark {
				break
			}
			counts.n[uint8(v)]++
			i += 2
			continue
		}
		n := asciiPrefix(x)
		y := asciiFlags(x) & (1<<(uint(n)*8) - 1) // (1<<64 is 0 in Go: all ones for n == 8)
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
		// The last byte is a letter, inner punctuation after a letter,
		// or else.
		last := uint(n-1) * 8
		state = uint8(letters>>last)*stLetter | uint8(mids&afterLetter>>last)*stMid
		i += n
	}
	counts.latin += latin
	return i, tally{state, words, segStart, segWords}
}

// countHard counts with the full UAX #29 rules the stretch of text from
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
func (s *scriptIndex) countHard(text string, segStart, from, words int, counts *scriptCounts) (end, total int) {
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

// wordClassOf returns the word class of a code point of the BMP (see the
// class constants). It follows the definitions of the Word_Break values in
// UAX #29 (Table 3), built on package unicode, and puts in classHard what
// they would need data that package does not have for (Line_Break,
// Extended_Pictographic) or what the fast path does not handle.
func wordClassOf(r rune) uint8 {
	if r < utf8.RuneSelf {
		switch {
		case r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\v' || r == '\f':
			return classSpace
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			return classLetter
		case r == '_':
			return classHard // ExtendNumLet
		case r == '\'' || r == '"' || r == ',' || r == '.' || r == ':' || r == ';':
			return classMid
		}
		return classOther // other punctuation, symbols, controls
	}
	if isMidPunct(r) {
		return classMid
	}
	switch r {
	case '\u0085', // Newline
		'\u055a', '\u055b', '\u055c', '\u055e', '\u058a', '\u05f3', // ALetter, not letters
		'\u066b',                     // Numeric, not a number
		'\u19da',                     // Numeric No: the one number that is not Word_Break=Other
		'\u2139',                     // ALetter and Extended_Pictographic
		'\u309b', '\u309c', '\u30a0': // Katakana, not letters
		return classHard
	case '\u203c', '\u2049', '\u3030', '\u303d': // punctuation, Extended_Pictographic
		return classSymbol
	case '\u00a0', '\u2007': // Zs that are not WSegSpace (Line_Break=Glue)
		return classOther
	case '\u200b': // ZWSP: Cf but Word_Break=Other
		return classOther
	}
	switch {
	case unicode.IsLetter(r) || unicode.Is(unicode.Nl, r):
		switch {
		case unicode.Is(unicode.Other_Grapheme_Extend, r):
			return classHard // Extend, yet a letter (halfwidth sound marks)
		case unicode.Is(unicode.Katakana, r), r >= 0x3031 && r <= 0x3035, r == 0x30fc, r == 0xff70:
			return classKana
		case unicode.Is(unicode.Ideographic, r), unicode.Is(unicode.Hiragana, r), isComplexContext(r):
			return classIdeo // not ALetter: Ideographic, Hiragana or Line_Break=SA
		}
		return classLetter // ALetter, Hebrew_Letter
	case unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me, unicode.Other_Grapheme_Extend):
		return classMark // Extend
	case unicode.Is(unicode.Nd, r):
		return classLetter // Numeric
	case unicode.Is(unicode.No, r):
		return classIdeo
	case unicode.Is(unicode.Cf, r):
		if unicode.Is(unicode.Prepended_Concatenation_Mark, r) {
			return classHard // Prepend: Numeric or ALetter
		}
		return classMark // Format
	case unicode.In(r, unicode.Pd, unicode.Ps, unicode.Pe, unicode.Pi, unicode.Pf, unicode.Po),
		unicode.In(r, unicode.Sc, unicode.Cc, unicode.Co):
		return classOther
	case unicode.In(r, unicode.Sm, unicode.Sk, unicode.So):
		if unicode.In(r, unicode.Other_Alphabetic, unicode.Katakana) || isALetterSymbol(r) {
			return classHard // ALetter or Katakana, not letters: circled letters, ...
		}
		return classSymbol
	}
	// Pc (ExtendNumLet), Zs (WSegSpace), Zl, Zp (Newline), Cs and code
	// points unassigned in package unicode.
	return classHard
}

// isALetterSymbol reports the modifier symbols that UAX #29 lists as
// ALetter (Table 3), and U+00B8 CEDILLA, ALetter since Unicode 17.
func isALetterSymbol(r rune) bool {
	switch {
	case r == 0x00b8, r >= 0x02c2 && r <= 0x02c5, r >= 0x02d2 && r <= 0x02d7,
		r == 0x02de, r == 0x02df, r >= 0x02e5 && r <= 0x02eb, r == 0x02ed,
		r >= 0x02ef && r <= 0x02ff, r >= 0xa708 && r <= 0xa716, r == 0xa720,
		r == 0xa721, r == 0xa789, r == 0xa78a, r == 0xab5b:
		return true
	}
	return false
}

// isComplexContext reports the BMP scripts of Line_Break=SA (South East
// Asian), whose letters UAX #29 leaves Word_Break=Other.
func isComplexContext(r rune) bool {
	return unicode.In(r, unicode.Thai, unicode.Lao, unicode.Myanmar, unicode.Khmer,
		unicode.Tai_Le, unicode.New_Tai_Lue, unicode.Tai_Tham, unicode.Tai_Viet)
}

// isMidPunct reports the non-ASCII punctuation of Word_Break MidLetter,
// MidNum and MidNumLet, which UAX #29 lets join letters or digits on both
// sides.
func isMidPunct(r rune) bool {
	switch r {
	case '\u00b7', '\u0387', '\u055f', '\u05f4', '\u2027', '\ufe13', '\ufe55', '\uff1a', // MidLetter
		'\u037e', '\u0589', '\u060c', '\u060d', '\u066c', '\u07f8', '\u2044', '\ufe10', '\ufe14', '\ufe50', '\ufe54', '\uff0c', '\uff1b', // MidNum
		'\u2018', '\u2019', '\u2024', '\ufe52', '\uff07', '\uff0e': // MidNumLet
		return true
	}
	return false
}

// countUAX29 counts the words of s with the full UAX #29 rules.
func countUAX29(s string) int {
	n := 0
	it := words.FromString(s)
	for it.Next() {
		if isWord(it.Value()) {
			n++
		}
	}
	return n
}

func isWord(tok string) bool {
	for i := 0; i < len(tok); {
		b := tok[i]
		if b < utf8.RuneSelf {
			if (b|0x20) >= 'a' && (b|0x20) <= 'z' || b >= '0' && b <= '9' {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(tok[i:])
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			return true
		}
		i += size
	}
	return false
}
