package corpus

import (
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/words"
)

// CountWords returns the number of UAX #29 words in text that hold at least
// one letter or digit (so punctuation, spaces and emoji are not words; an
// ideograph is a letter, and each is a word of its own under UAX #29).
//
// UAX #29 never joins a word across ASCII white space, so the text is
// counted chunk by chunk. A chunk that is a run of letters, digits and
// combining marks of scripts whose letters all join (Latin, Devanagari,
// Arabic, Cyrillic, ...), with only punctuation around it, is one word; that
// covers most chunks of most text and is decided in one pass. Any other
// chunk (inner punctuation as in "e.g." or "don't", ideographs, Katakana,
// Thai, ...) goes through the full UAX #29 rules. A differential fuzz test
// holds the two paths equal.
func CountWords(text string) int {
	_, n := TextStats(text)
	return n
}

// TextStats returns what [DominantScript] and [CountWords] return, in one
// pass over text.
func TextStats(text string) (script string, words int) {
	s := loadScripts()
	var counts scriptCounts
	for i := 0; i < len(text); {
		// Skip ASCII white space.
		for i < len(text) && isASCIISpace(text[i]) {
			i++
		}
		if i == len(text) {
			break
		}
		start := i
		for i < len(text) && !isASCIISpace(text[i]) {
			i++
		}
		words += countChunk(s, text[start:i], &counts)
	}
	return s.dominant(&counts), words
}

func isASCIISpace(b byte) bool {
	return b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\v' || b == '\f'
}

// Character classes of the fast path.
const (
	classOther  = iota // punctuation, symbols: not part of a word here
	classJoiner        // letter or digit that joins its neighbours
	classMark          // combining mark, ZWJ, ZWNJ: joins what precedes it
	classHard          // anything the fast path does not decide
)

// asciiWordClass is the class of each ASCII byte: letters and digits join;
// "_" (ExtendNumLet, which joins) and controls are left to the full rules.
var asciiWordClass = func() (t [utf8.RuneSelf]uint8) {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			t[c] = classJoiner
		case c == '_' || c < 0x20 || c == 0x7f:
			t[c] = classHard
		default:
			t[c] = classOther
		}
	}
	return t
}()

// countChunk counts the words of one chunk without white space, and adds
// the scripts of its code points to counts.
func countChunk(s *scriptIndex, chunk string, counts *scriptCounts) int {
	// Shape: other* (joiner (joiner|mark)*)? other*, with no mark right
	// after an other (marks extend what precedes them).
	state := 0 // 0 leading, 1 core, 2 trailing
	prev := classOther
	hard := false
	for i := 0; i < len(chunk); {
		c := chunk[i]
		var class, size int
		if c < utf8.RuneSelf {
			size = 1
			class = int(asciiWordClass[c])
			if (c|0x20) >= 'a' && (c|0x20) <= 'z' {
				counts.latin++
			}
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(chunk[i:])
			class = s.wordClass(r)
			counts.n[s.of(r)]++
		}
		i += size
		if hard {
			continue // only counting scripts now
		}
		switch {
		case class == classHard:
			hard = true
		case class == classJoiner:
			if state == 2 {
				hard = true // punctuation between letters
			}
			state = 1
		case class == classMark:
			if prev != classJoiner && prev != classMark {
				hard = true
			}
		default: // other
			if state == 1 {
				state = 2
			}
		}
		prev = class
	}
	if hard {
		return countUAX29(chunk)
	}
	if state == 0 {
		return 0
	}
	return 1
}

// wordClass classifies a non-ASCII rune for the fast path of CountWords,
// by table in the BMP.
func (s *scriptIndex) wordClass(r rune) int {
	if r < 1<<16 {
		return int(s.words[r])
	}
	return classHard
}

// wordClassOf computes the class of r that wordClass looks up.
func (s *scriptIndex) wordClassOf(r rune) int {
	switch {
	case r == utf8.RuneError:
		return classHard
	case r == '\u200d' || r == '\u200c':
		return classMark
	case r >= 0x0966 && r <= 0x096f, r >= 0x0660 && r <= 0x0669, r >= 0x06f0 && r <= 0x06f9:
		return classJoiner // Devanagari and Arabic-Indic digits (Numeric)
	}
	if r >= 1<<16 {
		return classHard
	}
	if !s.joining[s.bmp[r]] {
		if unicode.IsPunct(r) && !isMidPunct(r) {
			return classOther
		}
		return classHard
	}
	switch {
	case unicode.IsLetter(r):
		return classJoiner
	case unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me):
		return classMark
	case unicode.IsPunct(r) && !isMidPunct(r):
		return classOther
	}
	return classHard
}

// isMidPunct reports the punctuation that UAX #29 lets join letters or
// digits on both sides (MidLetter, MidNum, MidNumLet) or that joins
// unconditionally (ExtendNumLet); the fast path leaves them to the full rules.
func isMidPunct(r rune) bool {
	switch r {
	case '\u00b7', '\u0387', '\u055f', '\u05f4', '\u2027', '\ufe13', '\ufe55', '\uff1a', // MidLetter
		'\u037e', '\u0589', '\u060c', '\u060d', '\u066c', '\u07f8', '\u2044', '\ufe10', '\ufe14', '\ufe50', '\ufe54', '\uff0c', '\uff1b', // MidNum
		'\u2018', '\u2019', '\u2024', '\ufe52', '\uff07', '\uff0e', // MidNumLet
		'\u202f', '\u203f', '\u2040', '\u2054', '\ufe33', '\ufe34', '\ufe4d', '\ufe4e', '\ufe4f', '\uff3f': // ExtendNumLet
		return true
	}
	return false
}

// joiningScripts are the scripts whose letters all have Word_Break=ALetter
// and whose marks are Extend: a run of them is one UAX #29 word.
var joiningScripts = []string{
	"Latn", "Grek", "Cyrl", "Armn", "Geor", "Deva", "Beng", "Guru", "Gujr", "Orya", "Taml",
	"Telu", "Knda", "Mlym", "Arab", "Zinh",
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
