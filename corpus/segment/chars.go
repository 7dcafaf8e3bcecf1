package segment

import (
	"unicode"
	"unicode/utf8"
)

// Character classes used by the segmenter. All of them work on runes decoded
// from the text; the text itself is never changed.

// termClass tells how a sentence terminator behaves.
type termClass uint8

const (
	termNone termClass = iota
	// termSpaced terminators (. ? ! … ‽) end a sentence only when white space
	// or the end of the text follows them.
	termSpaced
	// termUnspaced terminators (। ॥ ۔ ؟ 。 ！ ？) end a sentence even when the
	// next sentence follows with no space: their scripts need none.
	termUnspaced
)

// stermBMP has a bit set for each Basic Multilingual Plane code point with the
// Unicode property Sentence_Terminal, plus U+2026 HORIZONTAL ELLIPSIS.
var stermBMP = func() *[1 << 16 / 64]uint64 {
	var t [1 << 16 / 64]uint64
	set := func(r rune) { t[r>>6] |= 1 << (r & 63) }
	for _, rg := range unicode.Sentence_Terminal.R16 {
		for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
			set(r)
		}
	}
	set('…')
	return &t
}()

// hotBMP is stermBMP with the dashes – and — added: the non-ASCII runes of
// the Basic Multilingual Plane at which the scanner stops.
var hotBMP = func() *[1 << 16 / 64]uint64 {
	t := *stermBMP
	for _, r := range []rune{'–', '—'} {
		t[r>>6] |= 1 << (r & 63)
	}
	return &t
}()

// classOf returns the terminator class of r.
func classOf(r rune) termClass {
	if r < 0x10000 {
		if stermBMP[r>>6]&(1<<(r&63)) == 0 {
			return termNone
		}
	} else if !unicode.Is(unicode.Sentence_Terminal, r) {
		return termNone
	}
	switch {
	case r < 0x80, r == '…':
		return termSpaced
	case r >= 0x2000 && r <= 0x2BFF, r >= 0xFE50 && r <= 0xFE6F:
		// General punctuation (‽ ⁇ ⁈ ⁉) and small forms follow Latin usage.
		return termSpaced
	case r >= 0x0600 && r <= 0x06FF, r >= 0x0900:
		// Arabic script, Indic dandas, Tibetan, Myanmar, Khmer, Ethiopic, CJK
		// and fullwidth forms.
		return termUnspaced
	}
	return termSpaced
}

// isCloser reports whether r closes a quotation or a bracket and so stays with
// the sentence a terminator before it ends.
func isCloser(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '}', '＂', '＇':
		return true
	}
	return r >= 0x80 && (unicode.Is(unicode.Pe, r) || unicode.Is(unicode.Pf, r))
}

// isOpener reports whether r opens a quotation or a bracket.
func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '(', '[', '{', '¿', '¡':
		return true
	}
	return r >= 0x80 && (unicode.Is(unicode.Ps, r) || unicode.Is(unicode.Pi, r))
}

// isSpace reports whether r is white space (unicode.IsSpace).
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiSpace[r]
	}
	switch r {
	case 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

var asciiSpace = [utf8.RuneSelf]bool{' ': true, '\t': true, '\n': true, '\v': true, '\f': true, '\r': true}

// script is a writing system, as far as the segmenter cares.
type script uint8

const (
	scriptOther script = iota
	scriptLatin
	scriptDevanagari
	scriptArabic
	scriptHan
	numScripts
)

// scriptOf returns the script of r.
func scriptOf(r rune) script {
	switch {
	case r < 0x80:
		if r|0x20 >= 'a' && r|0x20 <= 'z' {
			return scriptLatin
		}
		return scriptOther
	case r < 0x250:
		if unicode.IsLetter(r) {
			return scriptLatin
		}
	case r >= 0x1E00 && r <= 0x1EFF:
		return scriptLatin
	case r >= 0x0600 && r <= 0x06FF, r >= 0x0750 && r <= 0x077F, r >= 0x08A0 && r <= 0x08FF,
		r >= 0xFB50 && r <= 0xFDFF, r >= 0xFE70 && r <= 0xFEFF:
		return scriptArabic
	case r >= 0x0900 && r <= 0x097F, r >= 0xA8E0 && r <= 0xA8FF:
		return scriptDevanagari
	case isCJK(r):
		return scriptHan
	}
	return scriptOther
}

// isCJK reports whether r belongs to a script written without spaces between
// words: Han, kana, CJK punctuation and fullwidth forms.
func isCJK(r rune) bool {
	switch {
	case r >= 0x3000 && r <= 0x30FF, // CJK punctuation, kana
		r >= 0x3400 && r <= 0x4DBF,   // Han extension A
		r >= 0x4E00 && r <= 0x9FFF,   // Han
		r >= 0xF900 && r <= 0xFAFF,   // Han compatibility
		r >= 0xFF00 && r <= 0xFFEF,   // fullwidth and halfwidth forms
		r >= 0x20000 && r <= 0x3FFFF: // Han extensions B and later
		return true
	}
	return false
}

// isDevanagari reports whether r is in the Devanagari blocks.
func isDevanagari(r rune) bool {
	return r >= 0x0900 && r <= 0x097F || r >= 0xA8E0 && r <= 0xA8FF
}

// uncased reports whether r is in a range of scripts without letter case
// (Hebrew to Myanmar, CJK), so that the case tests below can skip the
// Unicode tables for the bulk of Indic, Arabic and Han text.
func uncased(r rune) bool {
	return r >= 0x0590 && r < 0x10A0 || r >= 0x2E80 && r < 0xA640 || r >= 0xAC00 && r < 0xD800
}

// isLower reports whether r is a lowercase letter of a cased script.
func isLower(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z'
	}
	if uncased(r) {
		return false
	}
	return unicode.IsLower(r)
}

// isUpper reports whether r is an uppercase or titlecase letter.
func isUpper(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'A' && r <= 'Z'
	}
	if uncased(r) {
		return false
	}
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

// isDigit reports whether r is a decimal digit of any script.
func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= '0' && r <= '9'
	}
	if isDevanagari(r) {
		return r >= 0x0966 && r <= 0x096F
	}
	return unicode.IsDigit(r)
}

// isLetterOrDigit reports whether r is a letter, a mark or a digit.
func isLetterOrDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return r|0x20 >= 'a' && r|0x20 <= 'z' || r >= '0' && r <= '9'
	}
	switch {
	case r >= 0x0900 && r <= 0x097F: // Devanagari: all but the dandas and ॰
		return r != 0x0964 && r != 0x0965 && r != 0x0970
	case r >= 0x4E00 && r <= 0x9FFF: // Han
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// aksharas counts the Devanagari syllables of w: base letters (consonants and
// independent vowels) that do not follow a virama. It returns -1 when w holds
// a rune that is not Devanagari (or a zero-width joiner).
func aksharas(w string) int {
	n := 0
	afterVirama := false
	for _, r := range w {
		switch {
		case r == 0x200C || r == 0x200D: // ZWNJ, ZWJ keep the cluster going
			continue
		case r == 0x094D: // virama
			afterVirama = true
			continue
		case r >= 0x0904 && r <= 0x0939, r >= 0x0958 && r <= 0x0961, r >= 0x0972 && r <= 0x097F:
			if !afterVirama {
				n++
			}
		case isDevanagari(r):
			// vowel signs, nukta, anusvara, candrabindu, visarga
		default:
			return -1
		}
		afterVirama = false
	}
	return n
}

// decodeLast is utf8.DecodeLastRuneInString.
func decodeLast(s string) (rune, int) { return utf8.DecodeLastRuneInString(s) }

// decode is utf8.DecodeRuneInString with an ASCII fast path.
func decode(s string) (rune, int) {
	if len(s) > 0 && s[0] < utf8.RuneSelf {
		return rune(s[0]), 1
	}
	return utf8.DecodeRuneInString(s)
}

// skipSpace returns the offset of the first non-space rune of s at or after i.
func skipSpace(s string, i int) int {
	for i < len(s) {
		r, n := decode(s[i:])
		if !isSpace(r) {
			break
		}
		i += n
	}
	return i
}

// trimEnd returns the length of s without trailing white space.
func trimEnd(s string) int {
	for len(s) > 0 {
		r, n := decodeLast(s)
		if !isSpace(r) {
			break
		}
		s = s[:len(s)-n]
	}
	return len(s)
}
