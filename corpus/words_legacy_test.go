package corpus

import (
	"sync"
	"unicode"
	"unicode/utf8"
)

// legacyTextStats is TextStats as it was before the one-pass state machine
// (split on ASCII white space, a fast path for chunks that are one run of
// letters of "joining" scripts, the full UAX #29 rules for any other chunk),
// kept verbatim as a reference: TextStats must give the same script and the
// same count for every input, invalid UTF-8 included.
func legacyTextStats(text string) (script string, words int) {
	s := loadScripts()
	l := loadLegacy()
	var counts scriptCounts
	for i := 0; i < len(text); {
		for i < len(text) && legacyIsASCIISpace(text[i]) {
			i++
		}
		if i == len(text) {
			break
		}
		start := i
		for i < len(text) && !legacyIsASCIISpace(text[i]) {
			i++
		}
		words += l.countChunk(s, text[start:i], &counts)
	}
	return s.dominant(&counts), words
}

func legacyIsASCIISpace(b byte) bool {
	return b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\v' || b == '\f'
}

const (
	legacyOther  = iota // punctuation, symbols: not part of a word here
	legacyJoiner        // letter or digit that joins its neighbours
	legacyMark          // combining mark, ZWJ, ZWNJ: joins what precedes it
	legacyHard          // anything the fast path does not decide
)

type legacyIndex struct {
	joining [256]bool
	words   [1 << 16]uint8
}

var (
	legacyOnce sync.Once
	legacy     *legacyIndex
)

func loadLegacy() *legacyIndex {
	legacyOnce.Do(func() {
		s := loadScripts()
		l := &legacyIndex{}
		for _, code := range []string{
			"Latn", "Grek", "Cyrl", "Armn", "Geor", "Deva", "Beng", "Guru", "Gujr", "Orya", "Taml",
			"Telu", "Knda", "Mlym", "Arab", "Zinh",
		} {
			l.joining[s.indexOf(code)] = true
		}
		for r := rune(0x80); r < 1<<16; r++ {
			l.words[r] = uint8(l.wordClassOf(s, r))
		}
		legacy = l
	})
	return legacy
}

var legacyASCIIClass = func() (t [utf8.RuneSelf]uint8) {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			t[c] = legacyJoiner
		case c == '_' || c < 0x20 || c == 0x7f:
			t[c] = legacyHard
		default:
			t[c] = legacyOther
		}
	}
	return t
}()

func (l *legacyIndex) countChunk(s *scriptIndex, chunk string, counts *scriptCounts) int {
	state := 0 // 0 leading, 1 core, 2 trailing
	prev := legacyOther
	hard := false
	for i := 0; i < len(chunk); {
		c := chunk[i]
		var class, size int
		if c < utf8.RuneSelf {
			size = 1
			class = int(legacyASCIIClass[c])
			if (c|0x20) >= 'a' && (c|0x20) <= 'z' {
				counts.latin++
			}
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(chunk[i:])
			class = legacyHard
			if r < 1<<16 {
				class = int(l.words[r])
			}
			counts.n[s.of(r)]++
		}
		i += size
		if hard {
			continue
		}
		switch {
		case class == legacyHard:
			hard = true
		case class == legacyJoiner:
			if state == 2 {
				hard = true
			}
			state = 1
		case class == legacyMark:
			if prev != legacyJoiner && prev != legacyMark {
				hard = true
			}
		default:
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

func (l *legacyIndex) wordClassOf(s *scriptIndex, r rune) int {
	switch {
	case r == utf8.RuneError:
		return legacyHard
	case r == '\u200d' || r == '\u200c':
		return legacyMark
	case r >= 0x0966 && r <= 0x096f, r >= 0x0660 && r <= 0x0669, r >= 0x06f0 && r <= 0x06f9:
		return legacyJoiner
	}
	if r >= 1<<16 {
		return legacyHard
	}
	if !l.joining[s.of(r)] {
		if unicode.IsPunct(r) && !legacyIsMidPunct(r) {
			return legacyOther
		}
		return legacyHard
	}
	switch {
	case unicode.IsLetter(r):
		return legacyJoiner
	case unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me):
		return legacyMark
	case unicode.IsPunct(r) && !legacyIsMidPunct(r):
		return legacyOther
	}
	return legacyHard
}

func legacyIsMidPunct(r rune) bool {
	switch r {
	case '\u00b7', '\u0387', '\u055f', '\u05f4', '\u2027', '\ufe13', '\ufe55', '\uff1a',
		'\u037e', '\u0589', '\u060c', '\u060d', '\u066c', '\u07f8', '\u2044', '\ufe10', '\ufe14', '\ufe50', '\ufe54', '\uff0c', '\uff1b',
		'\u2018', '\u2019', '\u2024', '\ufe52', '\uff07', '\uff0e',
		'\u202f', '\u203f', '\u2040', '\u2054', '\ufe33', '\ufe34', '\ufe4d', '\ufe4e', '\ufe4f', '\uff3f':
		return true
	}
	return false
}
