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

// classOf returns the terminator class of r. (The ASCII runes, the most
// frequent, are looked up in a table that classOfRune fills, so that the
// call inlines. isCloser, isOpener, scriptOf, isLower, isUpper and isDigit
// too decide ASCII inline and leave the other runes to a function.)
func classOf(r rune) termClass {
	if r < utf8.RuneSelf {
		return asciiClass[r]
	}
	return classOfRune(r)
}

// asciiClass is classOf for ASCII.
var asciiClass = func() (t [utf8.RuneSelf]termClass) {
	for c := range t {
		t[c] = classOfRune(rune(c))
	}
	return
}()

// classOfRune is classOf for any rune.
func classOfRune(r rune) termClass {
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
	if r < utf8.RuneSelf {
		return asciiCloser[r]
	}
	return isCloserRune(r)
}

// isCloserRune is isCloser for a rune that is not ASCII.
func isCloserRune(r rune) bool {
	if r < 0x10000 {
		return closerBMP[r>>6]&(1<<(r&63)) != 0
	}
	return unicode.Is(unicode.Pe, r) || unicode.Is(unicode.Pf, r)
}

// isOpener reports whether r opens a quotation or a bracket.
func isOpener(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiOpener[r]
	}
	return isOpenerRune(r)
}

// isOpenerRune is isOpener for a rune that is not ASCII.
func isOpenerRune(r rune) bool {
	if r < 0x10000 {
		return openerBMP[r>>6]&(1<<(r&63)) != 0
	}
	return unicode.Is(unicode.Ps, r) || unicode.Is(unicode.Pi, r)
}

var (
	asciiCloser = [utf8.RuneSelf]bool{'"': true, '\'': true, ')': true, ']': true, '}': true}
	asciiOpener = [utf8.RuneSelf]bool{'"': true, '\'': true, '(': true, '[': true, '{': true}
	// closerBMP and openerBMP are isCloser and isOpener for the runes of
	// the Basic Multilingual Plane outside ASCII.
	closerBMP = bmpOf([]rune{'＂', '＇'}, unicode.Pe, unicode.Pf)
	openerBMP = bmpOf([]rune{'¿', '¡'}, unicode.Ps, unicode.Pi)
)

// bmpOf returns the bit set of the runes of the Basic Multilingual Plane in
// list or in one of the tables.
func bmpOf(list []rune, tables ...*unicode.RangeTable) *[1 << 16 / 64]uint64 {
	var t [1 << 16 / 64]uint64
	for _, r := range list {
		t[r>>6] |= 1 << (r & 63)
	}
	for _, tab := range tables {
		for _, rg := range tab.R16 {
			for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
				t[r>>6] |= 1 << (r & 63)
			}
		}
	}
	return &t
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
	if r < 0x80 {
		if uint32(r|0x20)-'a' <= 'z'-'a' { // (so that scriptOf inlines)
			return scriptLatin
		}
		return scriptOther
	}
	return scriptOfRune(r)
}

// scriptOfRune is scriptOf for a rune that is not ASCII.
func scriptOfRune(r rune) script {
	switch {
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
	return isLowerRune(r)
}

// isLowerRune is isLower for a rune that is not ASCII.
func isLowerRune(r rune) bool {
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
	return isUpperRune(r)
}

// isUpperRune is isUpper for a rune that is not ASCII.
func isUpperRune(r rune) bool {
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
	return isDigitRune(r)
}

// isDigitRune is isDigit for a rune that is not ASCII.
func isDigitRune(r rune) bool {
	if isDevanagari(r) {
		return r >= 0x0966 && r <= 0x096F
	}
	return unicode.IsDigit(r)
}

// isLetterOrDigit reports whether r is a letter, a mark or a digit; in the
// Devanagari block, every rune but the dandas and ॰, and every rune of
// U+4E00-U+9FFF (Han).
func isLetterOrDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return r|0x20 >= 'a' && r|0x20 <= 'z' || r >= '0' && r <= '9'
	}
	if r < 0x10000 {
		return wordBMP[r>>6]&(1<<(r&63)) != 0
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// wordBMP is isLetterOrDigit for the Basic Multilingual Plane.
var wordBMP = func() *[1 << 16 / 64]uint64 {
	t := bmpOf(nil, unicode.L, unicode.Nd, unicode.M)
	set := func(lo, hi rune, on bool) {
		for r := lo; r <= hi; r++ {
			if on {
				t[r>>6] |= 1 << (r & 63)
			} else {
				t[r>>6] &^= 1 << (r & 63)
			}
		}
	}
	set(0x0900, 0x097F, true) // Devanagari: all but the dandas and ॰
	set(0x0964, 0x0965, false)
	set(0x0970, 0x0970, false)
	set(0x4E00, 0x9FFF, true) // Han
	return t
}()

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

// decodeLast is utf8.DecodeLastRuneInString with an ASCII fast path.
func decodeLast(s string) (rune, int) {
	if s != "" && s[len(s)-1] < utf8.RuneSelf {
		return rune(s[len(s)-1]), 1
	}
	return decodeLastRune(s)
}

// decodeLastRune is utf8.DecodeLastRuneInString for a text that does not
// end in ASCII, with the two- and three-byte runes of most scripts decoded
// by hand. It is exact: utf8.DecodeLastRuneInString decodes from the last
// byte of s that may start a rune, and when s ends in a lead byte and one
// or two continuation bytes, that lead byte is the one; the rune is then
// taken as decodeRune takes it, and anything else is left to the utf8
// package.
func decodeLastRune(s string) (rune, int) {
	n := len(s)
	if n >= 3 && s[n-3]&0xF0 == 0xE0 && s[n-2]&0xC0 == 0x80 && s[n-1]&0xC0 == 0x80 {
		r := rune(s[n-3]&0x0F)<<12 | rune(s[n-2]&0x3F)<<6 | rune(s[n-1]&0x3F)
		if r >= 0x800 && (r < 0xD800 || r > 0xDFFF) { // not overlong, not a surrogate
			return r, 3
		}
	} else if n >= 2 && s[n-2] >= 0xC2 && s[n-2] < 0xE0 && s[n-1]&0xC0 == 0x80 {
		return rune(s[n-2]&0x1F)<<6 | rune(s[n-1]&0x3F), 2
	}
	return utf8.DecodeLastRuneInString(s)
}

// decode is utf8.DecodeRuneInString, whose ASCII fast path is inlined.
func decode(s string) (r rune, size int) {
	if s != "" && s[0] < utf8.RuneSelf {
		return rune(s[0]), 1
	} else {
		r, size = decodeRune(s)
	}
	return
}

// decodeRune is utf8.DecodeRuneInString for a rune that is not ASCII, with
// the two- and three-byte runes of most scripts decoded by hand.
func decodeRune(s string) (rune, int) {
	if len(s) >= 3 && s[0]&0xF0 == 0xE0 && s[1]&0xC0 == 0x80 && s[2]&0xC0 == 0x80 {
		r := rune(s[0]&0x0F)<<12 | rune(s[1]&0x3F)<<6 | rune(s[2]&0x3F)
		if r >= 0x800 && (r < 0xD800 || r > 0xDFFF) { // not overlong, not a surrogate
			return r, 3
		}
	} else if len(s) >= 2 && s[0] >= 0xC2 && s[0] < 0xE0 && s[1]&0xC0 == 0x80 {
		return rune(s[0]&0x1F)<<6 | rune(s[1]&0x3F), 2
	}
	return utf8.DecodeRuneInString(s)
}

// skipSpace returns the offset of the first non-space rune of s at or after i.
func skipSpace(s string, i int) int {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			i++
			continue
		} else if !spaceLead.has(c) {
			break // no white space rune starts with this byte
		}
		r, n := decode(s[i:])
		if !isSpace(r) {
			break
		}
		i += n
	}
	return i
}

// maySpace reports whether a white space rune may start with the byte c.
// When it is false for s[i], skipSpace(s, i) is i.
func maySpace(c byte) bool {
	if c < utf8.RuneSelf {
		return asciiSpace[c]
	}
	return spaceLead.has(c)
}

// mayEndSpace reports whether a white space rune may end with the byte c.
// When it is false for the last byte of s, trimEnd(s) is len(s).
func mayEndSpace(c byte) bool {
	if c < utf8.RuneSelf {
		return asciiSpace[c]
	}
	return spaceLast.has(c)
}

// trimEnd returns the length of s without trailing white space.
func trimEnd(s string) int {
	for len(s) > 0 {
		if c := s[len(s)-1]; c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			s = s[:len(s)-1]
			continue
		} else if !spaceLast.has(c) {
			break // no white space rune ends with this byte
		}
		r, n := decodeLast(s)
		if !isSpace(r) {
			break
		}
		s = s[:len(s)-n]
	}
	return len(s)
}

// byteSet is a set of bytes.
type byteSet [4]uint64

func (b *byteSet) add(c byte)      { b[c/64] |= 1 << (c % 64) }
func (b *byteSet) has(c byte) bool { return b[c/64]&(1<<(c%64)) != 0 }

// spaceLead and spaceLast hold the first and the last bytes of the UTF-8
// encodings of the white space runes outside ASCII (those of isSpace, the
// Unicode White_Space property).
var spaceLead, spaceLast = func() (first, last byteSet) {
	for _, rg := range unicode.White_Space.R16 {
		for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
			if r >= utf8.RuneSelf {
				var b [utf8.UTFMax]byte
				n := utf8.EncodeRune(b[:], r)
				first.add(b[0])
				last.add(b[n-1])
			}
		}
	}
	return
}()
