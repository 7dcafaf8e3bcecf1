// The segmenter as it was before the speed-up of the scan and the rules
// (rules.go, chars.go, split.go, AppendSentences and langData.kind), kept
// as the reference of the differential tests in diff_test.go. It is a
// mechanical copy: every package-level name it declares carries the prefix
// old (first is oldFirst, langData.kind is langData.oldKind); the types,
// the parsed language data and New are shared with the package. Do not edit
// it but to follow a change of those. It proves that a change meant to be
// invisible (speed) is: when a rule changes on purpose, retire this file and
// diff_test.go with it; stops.golden, the table tests and make eval then
// carry the proof, and a copy of the new code can serve the next such change.

package segment

import (
	"bufio"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/corpustools/corpus/internal/swar"
)

// From chars.go.
const (
	oldTermNone termClass = iota
	// termSpaced terminators (. ? ! … ‽) end a sentence only when white space
	// or the end of the text follows them.
	oldTermSpaced
	// termUnspaced terminators (। ॥ ۔ ؟ 。 ！ ？) end a sentence even when the
	// next sentence follows with no space: their scripts need none.
	oldTermUnspaced
)

// stermBMP has a bit set for each Basic Multilingual Plane code point with the
// Unicode property Sentence_Terminal, plus U+2026 HORIZONTAL ELLIPSIS.
var oldStermBMP = func() *[1 << 16 / 64]uint64 {
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
var oldHotBMP = func() *[1 << 16 / 64]uint64 {
	t := *oldStermBMP
	for _, r := range []rune{'–', '—'} {
		t[r>>6] |= 1 << (r & 63)
	}
	return &t
}()

// classOf returns the terminator class of r.
func oldClassOf(r rune) termClass {
	if r < 0x10000 {
		if oldStermBMP[r>>6]&(1<<(r&63)) == 0 {
			return oldTermNone
		}
	} else if !unicode.Is(unicode.Sentence_Terminal, r) {
		return oldTermNone
	}
	switch {
	case r < 0x80, r == '…':
		return oldTermSpaced
	case r >= 0x2000 && r <= 0x2BFF, r >= 0xFE50 && r <= 0xFE6F:
		// General punctuation (‽ ⁇ ⁈ ⁉) and small forms follow Latin usage.
		return oldTermSpaced
	case r >= 0x0600 && r <= 0x06FF, r >= 0x0900:
		// Arabic script, Indic dandas, Tibetan, Myanmar, Khmer, Ethiopic, CJK
		// and fullwidth forms.
		return oldTermUnspaced
	}
	return oldTermSpaced
}

// isCloser reports whether r closes a quotation or a bracket and so stays with
// the sentence a terminator before it ends.
func oldIsCloser(r rune) bool {
	if r < utf8.RuneSelf {
		return oldAsciiCloser[r]
	}
	if r < 0x10000 {
		return oldCloserBMP[r>>6]&(1<<(r&63)) != 0
	}
	return unicode.Is(unicode.Pe, r) || unicode.Is(unicode.Pf, r)
}

// isOpener reports whether r opens a quotation or a bracket.
func oldIsOpener(r rune) bool {
	if r < utf8.RuneSelf {
		return oldAsciiOpener[r]
	}
	if r < 0x10000 {
		return oldOpenerBMP[r>>6]&(1<<(r&63)) != 0
	}
	return unicode.Is(unicode.Ps, r) || unicode.Is(unicode.Pi, r)
}

var (
	oldAsciiCloser = [utf8.RuneSelf]bool{'"': true, '\'': true, ')': true, ']': true, '}': true}
	oldAsciiOpener = [utf8.RuneSelf]bool{'"': true, '\'': true, '(': true, '[': true, '{': true}
	// closerBMP and openerBMP are isCloser and isOpener for the runes of
	// the Basic Multilingual Plane outside ASCII.
	oldCloserBMP = oldBmpOf([]rune{'＂', '＇'}, unicode.Pe, unicode.Pf)
	oldOpenerBMP = oldBmpOf([]rune{'¿', '¡'}, unicode.Ps, unicode.Pi)
)

// bmpOf returns the bit set of the runes of the Basic Multilingual Plane in
// list or in one of the tables.
func oldBmpOf(list []rune, tables ...*unicode.RangeTable) *[1 << 16 / 64]uint64 {
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
func oldIsSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return oldAsciiSpace[r]
	}
	switch r {
	case 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

var oldAsciiSpace = [utf8.RuneSelf]bool{' ': true, '\t': true, '\n': true, '\v': true, '\f': true, '\r': true}

const (
	oldScriptOther script = iota
	oldScriptLatin
	oldScriptDevanagari
	oldScriptArabic
	oldScriptHan
	oldNumScripts
)

// scriptOf returns the script of r.
func oldScriptOf(r rune) script {
	switch {
	case r < 0x80:
		if r|0x20 >= 'a' && r|0x20 <= 'z' {
			return oldScriptLatin
		}
		return oldScriptOther
	case r < 0x250:
		if unicode.IsLetter(r) {
			return oldScriptLatin
		}
	case r >= 0x1E00 && r <= 0x1EFF:
		return oldScriptLatin
	case r >= 0x0600 && r <= 0x06FF, r >= 0x0750 && r <= 0x077F, r >= 0x08A0 && r <= 0x08FF,
		r >= 0xFB50 && r <= 0xFDFF, r >= 0xFE70 && r <= 0xFEFF:
		return oldScriptArabic
	case r >= 0x0900 && r <= 0x097F, r >= 0xA8E0 && r <= 0xA8FF:
		return oldScriptDevanagari
	case oldIsCJK(r):
		return oldScriptHan
	}
	return oldScriptOther
}

// isCJK reports whether r belongs to a script written without spaces between
// words: Han, kana, CJK punctuation and fullwidth forms.
func oldIsCJK(r rune) bool {
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
func oldIsDevanagari(r rune) bool {
	return r >= 0x0900 && r <= 0x097F || r >= 0xA8E0 && r <= 0xA8FF
}

// uncased reports whether r is in a range of scripts without letter case
// (Hebrew to Myanmar, CJK), so that the case tests below can skip the
// Unicode tables for the bulk of Indic, Arabic and Han text.
func oldUncased(r rune) bool {
	return r >= 0x0590 && r < 0x10A0 || r >= 0x2E80 && r < 0xA640 || r >= 0xAC00 && r < 0xD800
}

// isLower reports whether r is a lowercase letter of a cased script.
func oldIsLower(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z'
	}
	if oldUncased(r) {
		return false
	}
	return unicode.IsLower(r)
}

// isUpper reports whether r is an uppercase or titlecase letter.
func oldIsUpper(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'A' && r <= 'Z'
	}
	if oldUncased(r) {
		return false
	}
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

// isDigit reports whether r is a decimal digit of any script.
func oldIsDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= '0' && r <= '9'
	}
	if oldIsDevanagari(r) {
		return r >= 0x0966 && r <= 0x096F
	}
	return unicode.IsDigit(r)
}

// isLetterOrDigit reports whether r is a letter, a mark or a digit; in the
// Devanagari block, every rune but the dandas and ॰, and every rune of
// U+4E00-U+9FFF (Han).
func oldIsLetterOrDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return r|0x20 >= 'a' && r|0x20 <= 'z' || r >= '0' && r <= '9'
	}
	if r < 0x10000 {
		return oldWordBMP[r>>6]&(1<<(r&63)) != 0
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// wordBMP is isLetterOrDigit for the Basic Multilingual Plane.
var oldWordBMP = func() *[1 << 16 / 64]uint64 {
	t := oldBmpOf(nil, unicode.L, unicode.Nd, unicode.M)
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
func oldAksharas(w string) int {
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
		case oldIsDevanagari(r):
			// vowel signs, nukta, anusvara, candrabindu, visarga
		default:
			return -1
		}
		afterVirama = false
	}
	return n
}

// decodeLast is utf8.DecodeLastRuneInString with an ASCII fast path.
func oldDecodeLast(s string) (rune, int) {
	if s != "" && s[len(s)-1] < utf8.RuneSelf {
		return rune(s[len(s)-1]), 1
	}
	return utf8.DecodeLastRuneInString(s)
}

// decode is utf8.DecodeRuneInString, whose ASCII fast path is inlined.
func oldDecode(s string) (r rune, size int) {
	if s != "" && s[0] < utf8.RuneSelf {
		return rune(s[0]), 1
	} else {
		r, size = oldDecodeRune(s)
	}
	return
}

// decodeRune is utf8.DecodeRuneInString for a rune that is not ASCII, with
// the two- and three-byte runes of most scripts decoded by hand.
func oldDecodeRune(s string) (rune, int) {
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
func oldSkipSpace(s string, i int) int {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !oldAsciiSpace[c] {
				break
			}
			i++
			continue
		} else if !oldSpaceLead.has(c) {
			break // no white space rune starts with this byte
		}
		r, n := oldDecode(s[i:])
		if !oldIsSpace(r) {
			break
		}
		i += n
	}
	return i
}

// trimEnd returns the length of s without trailing white space.
func oldTrimEnd(s string) int {
	for len(s) > 0 {
		if c := s[len(s)-1]; c < utf8.RuneSelf {
			if !oldAsciiSpace[c] {
				break
			}
			s = s[:len(s)-1]
			continue
		} else if !oldSpaceLast.has(c) {
			break // no white space rune ends with this byte
		}
		r, n := oldDecodeLast(s)
		if !oldIsSpace(r) {
			break
		}
		s = s[:len(s)-n]
	}
	return len(s)
}

// spaceLead and spaceLast hold the first and the last bytes of the UTF-8
// encodings of the white space runes outside ASCII (those of isSpace, the
// Unicode White_Space property).
var oldSpaceLead, oldSpaceLast = func() (first, last byteSet) {
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

// From rules.go.
const (
	// maxWord bounds the look-ahead for the word after a terminator.
	oldMaxWord = 64
	// maxSpeech bounds the look-ahead of the quotation-attribution rule.
	oldMaxSpeech = 240
	// wrapWidth is the line length, in runes, from which a line end without
	// punctuation is taken for a wrapped line rather than a headline.
	oldWrapWidth = 60
	// maxGreeting bounds the length of a salutation or a closing.
	oldMaxGreeting = 40
	// maxAddress bounds the length of an e-mail address or a URL.
	oldMaxAddress = 512
)

// special marks the ASCII bytes at which the scanner must stop.
var oldSpecial = [utf8.RuneSelf]bool{
	'.': true, '?': true, '!': true, '|': true, '\n': true, '-': true, ',': true,
	':': true, ';': true, '=': true, '@': true,
}

const (
	oldDecNone  decision = iota // no boundary here; go on after the place
	oldDecBreak                 // the sentence ends
	oldDecMore                  // more text is needed to decide
)

// first returns the end of the first sentence of s (trimmed of white space)
// and the rule that ended it. s must start with a non-space character. When
// atEOF is false and the sentence may go on past the end of s, more is true.
func (sg *Segmenter) oldFirst(s string, atEOF bool) (end int, rule Rule, more bool) {
	i := 0
	lineStart := 0
	for {
		// Only the special ASCII bytes and the hot runes can end a
		// sentence: skip to the next one.
		if i = oldQuiet(s, i); i == len(s) {
			break
		}
		var d decision
		var e, next int
		var rl Rule
		switch c := s[i]; c {
		case '.', '?', '!':
			e, next, rl, d = sg.oldTerminator(s, i, rune(c), 1, oldTermSpaced, atEOF)
		case '|':
			if oldIsDandaBar(s, i) {
				e, next, rl, d = sg.oldTerminator(s, i, '|', 1, oldTermUnspaced, atEOF)
			} else {
				next = i + 1
			}
		case '\n':
			e, next, rl, d = sg.oldLineEnd(s, lineStart, i, atEOF)
			lineStart = i + 1
		case '-':
			e, next, rl, d = sg.oldDash(s, i, 1, atEOF)
		case ',':
			e, next, rl, d = sg.oldComma(s, i, atEOF)
		case '@':
			e, next, rl, d = sg.oldAddress(s, i, atEOF)
		case ':':
			if strings.HasPrefix(s[i:], "://") {
				e, next, rl, d = sg.oldAddress(s, i, atEOF)
			} else {
				e, next, rl, d = sg.oldEmoticon(s, i, atEOF)
			}
		case ';', '=': // may start an emoticon
			e, next, rl, d = sg.oldEmoticon(s, i, atEOF)
		default: // a hot rune
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == '–' || r == '—' {
				e, next, rl, d = sg.oldDash(s, i, n, atEOF)
			} else {
				e, next, rl, d = sg.oldTerminator(s, i, r, n, oldClassOf(r), atEOF)
			}
		}
		switch d {
		case oldDecBreak:
			return sg.oldFinish(s, e, rl, atEOF)
		case oldDecMore:
			return 0, 0, true
		}
		i = next
	}
	if !atEOF {
		return 0, 0, true
	}
	return oldTrimEnd(s), RuleEndOfText, false
}

// quietByte marks the bytes at which no special byte and no hot rune
// starts: ASCII but the special bytes, continuation bytes, and the lead
// bytes of no hot rune.
var oldQuietByte = func() (t [256]bool) {
	for c := range t {
		t[c] = c >= utf8.RuneSelf || !oldSpecial[c]
	}
	var b [utf8.UTFMax]byte
	for r := rune(utf8.RuneSelf); r < 0x10000; r++ {
		if oldHotBMP[r>>6]&(1<<(r&63)) != 0 {
			utf8.EncodeRune(b[:], r)
			t[b[0]] = false
		}
	}
	for _, rg := range unicode.Sentence_Terminal.R32 {
		for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
			utf8.EncodeRune(b[:], r)
			t[b[0]] = false
		}
	}
	return
}()

// quiet returns the offset of the first special byte or hot rune in s at
// or after i, or len(s).
func oldQuiet(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if oldQuietByte[c] {
			i = oldSkipQuiet(s, i+1)
			continue
		}
		if c < utf8.RuneSelf {
			return i // a special byte
		}
		if c == 0xE0 {
			return oldQuietIndic(s, i) // Devanagari, or another Indic script
		}
		if c >= 0xD8 && c <= 0xDB {
			return oldQuietArabic(s, i)
		}
		n := oldColdRune(s, i)
		if n == 0 {
			return i
		}
		i += n
	}
	return i
}

// SWAR (SIMD within a register): quietIndic and quietArabic load eight
// bytes into a word, and find with a few additions the bytes that lie in a
// range [lo, hi]. For a word y of bytes below 0x80, each byte of
// y + (0x80-lo)*ones has its top bit set exactly when the byte is lo or
// more, and of y + (0x7F-hi)*ones when it is above hi; no sum carries into
// the next byte. So they make a mask with the top bit set of each of the
// eight bytes at which a special byte or a hot rune may start; the first
// such byte is looked at (stop), and the scan goes on after it.
const (
	oldOnes = 0x0101010101010101
	oldTops = 0x8080808080808080
)

// like returns a mask with the top bit set of each byte of x equal to the
// byte v, and maybe of a byte after such a one (the borrow of the
// subtraction): a false alarm, which stop deals with.
func oldLike(x, v uint64) uint64 {
	t := x ^ v*oldOnes
	return (t - oldOnes) &^ t & oldTops
}

// asciiStops returns the mask of the ASCII bytes of x, y = x &^ tops, but
// spaces and digits: the special bytes among them. A Latin word in
// Devanagari or Arabic text is then skipped by stop.
func oldAsciiStops(x, y uint64) uint64 {
	space := (y + (0x80-' ')*oldOnes) &^ (y + (0x7F-' ')*oldOnes)
	digit := (y + (0x80-'0')*oldOnes) &^ (y + (0x7F-'9')*oldOnes)
	return ^x &^ (space | digit)
}

// quietIndic is quiet for text whose runes are E0 xx xx: Devanagari and the
// other Indic scripts. A stop may start at an ASCII byte (asciiStops), at
// a lead byte but E0, and at E0 before A5 A4 or A5 A5 (the dandas) and
// before A0 (U+0800-U+083F): no other rune E0 xx xx is hot.
func oldQuietIndic(s string, i int) int {
	for i+10 <= len(s) {
		// x1 and x2 hold the bytes one and two after those of x0.
		x0, x1, x2 := swar.Load64(s, i), swar.Load64(s, i+1), swar.Load64(s, i+2)
		y := x0 &^ oldTops
		t := x0 ^ 0xE0*oldOnes
		notE0 := (t&^oldTops + ^uint64(oldTops)) | t // top bit set where t is not 0
		lead := x0 & (x0 << 1) & notE0               // 0xC0 and up: the top two bits set
		danda := oldLike(x1, 0xA5) & oldLike(x2|oldOnes, 0xA5)
		m := (oldAsciiStops(x0, y) | lead | (danda|oldLike(x1, 0xA0))&^notE0) & oldTops
		if m == 0 {
			i += 8 // perhaps into a rune: its continuation bytes are quiet
			continue
		}
		var p int
		if p, i = oldStop(s, i, m); p >= 0 {
			return p
		}
	}
	return oldQuietRunes(s, i)
}

// quietArabic is quiet for Arabic-script text, whose runes are two bytes
// long. A stop may start at an ASCII byte (asciiStops), at a lead byte but
// D8 to DB, at D8 before 9D to 9F (U+061D-U+061F) and at DB before 94
// (U+06D4): no other rune of D8 to DB is hot.
func oldQuietArabic(s string, i int) int {
	for i+9 <= len(s) {
		x0, x1 := swar.Load64(s, i), swar.Load64(s, i+1)
		y, y1 := x0&^oldTops, x1&^oldTops
		// With their top bits cleared, D8 to DB are 0x58 to 0x5B, and
		// 9D to 9F 0x1D to 0x1F.
		arabic := (y + (0x80-0x58)*oldOnes) &^ (y + (0x7F-0x5B)*oldOnes)
		lead := x0 & (x0 << 1) &^ arabic
		d8 := (y + (0x80-0x58)*oldOnes) &^ (y + (0x7F-0x58)*oldOnes)
		db := (y + (0x80-0x5B)*oldOnes) &^ (y + (0x7F-0x5B)*oldOnes)
		q := (y1 + (0x80-0x1D)*oldOnes) &^ (y1 + (0x7F-0x1F)*oldOnes)
		full := (y1 + (0x80-0x14)*oldOnes) &^ (y1 + (0x7F-0x14)*oldOnes)
		m := (oldAsciiStops(x0, y) | lead | (d8&q|db&full)&x0&x1) & oldTops
		if m == 0 {
			i += 8
			continue
		}
		var p int
		if p, i = oldStop(s, i, m); p >= 0 {
			return p
		}
	}
	return oldQuietRunes(s, i)
}

// stop decides at the first byte p of s[i:i+8] that the mask m holds. It
// returns p when the scan stops there, else -1 and the offset at which to
// go on: after the rune at p, or after the run of quiet bytes at p (a word
// in Latin script).
func oldStop(s string, i int, m uint64) (p, next int) {
	p = i + bits.TrailingZeros64(m)/8
	if oldQuietByte[s[p]] {
		return -1, oldSkipQuiet(s, p+1)
	}
	if s[p] < utf8.RuneSelf {
		return p, 0 // a special byte
	}
	n := oldColdRune(s, p)
	if n == 0 {
		return p, 0
	}
	return -1, p + n
}

// skipQuiet returns the offset of the first byte of s at or after i that is
// not a quiet byte, or len(s).
func oldSkipQuiet(s string, i int) int {
	for i+4 <= len(s) && oldQuietByte[s[i]] && oldQuietByte[s[i+1]] && oldQuietByte[s[i+2]] && oldQuietByte[s[i+3]] {
		i += 4
	}
	for i < len(s) && oldQuietByte[s[i]] {
		i++
	}
	return i
}

// quietRunes is quiet rune by rune, for the end of a text.
func oldQuietRunes(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if oldSpecial[c] {
				return i
			}
			i++
			continue
		}
		n := oldColdRune(s, i)
		if n == 0 {
			return i
		}
		i += n
	}
	return i
}

// coldRune returns the length of the rune at s[i], which is not ASCII (1
// when no well-formed rune starts there), or 0 when the rune is hot.
//
// A two- or three-byte rune is looked up without decoding it: its first
// bytes give its 64-rune block, the index of a word of hotBMP, and its last
// byte the bit. The sequence need not be well-formed: an overlong form or
// a surrogate would be read as RuneError a byte at a time, and none of its
// bytes is hot.
func oldColdRune(s string, i int) int {
	switch c := s[i]; {
	case c >= 0xE0 && c < 0xF0 && i+2 < len(s):
		c1, c2 := s[i+1], s[i+2]
		if c1&0xC0 == 0x80 && c2&0xC0 == 0x80 && oldHotBMP[int(c&0x0F)<<6|int(c1&0x3F)]&(1<<(c2&0x3F)) == 0 {
			return 3
		}
	case c >= 0xC0 && c < 0xE0 && i+1 < len(s):
		if c1 := s[i+1]; c1&0xC0 == 0x80 && oldHotBMP[c&0x1F]&(1<<(c1&0x3F)) == 0 {
			return 2
		}
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	if r == '–' || r == '—' || oldClassOf(r) != oldTermNone {
		return 0
	}
	return n
}

// finish returns a break at e, or the end of the text when only white space
// follows e.
func (sg *Segmenter) oldFinish(s string, e int, rl Rule, atEOF bool) (int, Rule, bool) {
	if oldSkipSpace(s, e) == len(s) {
		if !atEOF {
			return 0, 0, true
		}
		return oldTrimEnd(s[:e]), RuleEndOfText, false
	}
	return oldTrimEnd(s[:e]), rl, false
}

// isDandaBar reports whether the vertical bar at s[i] is written for a danda:
// the nearest letter before it is Devanagari.
func oldIsDandaBar(s string, i int) bool {
	t := s[:i]
	for len(t) > 0 {
		r, n := oldDecodeLast(t)
		if !oldIsSpace(r) {
			return oldIsDevanagari(r)
		}
		t = t[:len(t)-n]
	}
	return false
}

// terminator decides at the terminator r (n bytes long, class cl) at s[i].
// It returns the end of the sentence e when it breaks, else the offset next
// at which to go on scanning.
func (sg *Segmenter) oldTerminator(s string, i int, r rune, n int, cl termClass, atEOF bool) (e, next int, rl Rule, d decision) {
	// The cluster: terminators, spaced dots of an ellipsis, closing quotes
	// and brackets, and again terminators (？」。).
	j := i + n
	dots := 0 // full stops in the cluster; an ellipsis counts as two
	switch r {
	case '.':
		dots = 1
	case '…':
		dots = 2
	}
	hasQuote := false
	for j < len(s) {
		c, m := oldDecode(s[j:])
		switch {
		case c == '.':
			dots++
		case c == '…':
			dots += 2
		case c == ' ' && dots > 0 && j+1 < len(s) && s[j+1] == '.':
			// ". . ." spaced ellipsis
		case c == ' ' && j+1 < len(s) && (s[j+1] == ')' || s[j+1] == ']'):
			// a spaced closing bracket: "(… next day. )"
		case c < utf8.RuneSelf && !oldClusterByte[c]:
			goto done // (the cases below, for ASCII)
		case oldClassOf(c) != oldTermNone:
			if cl2 := oldClassOf(c); cl2 == oldTermUnspaced && cl != oldTermUnspaced {
				cl, r = cl2, c
			}
		case c == '"' || c == '\'':
			// A straight quote closes when no letter or digit follows it.
			if j+m == len(s) && !atEOF {
				return 0, 0, 0, oldDecMore
			}
			if j+m < len(s) {
				c2, _ := oldDecode(s[j+m:])
				if oldIsLetterOrDigit(c2) {
					goto done
				}
			}
			hasQuote = true
		case oldIsCloser(c):
			if c != ')' && c != ']' && c != '}' {
				hasQuote = true
			}
		default:
			goto done
		}
		j += m
	}
done:
	if j == len(s) {
		if !atEOF {
			return 0, 0, 0, oldDecMore
		}
		return j, 0, RuleEndOfText, oldDecBreak
	}
	rl = RuleTerminator
	switch {
	case r == '।' || r == '॥' || r == '|':
		rl = RuleDanda
	case r == '۔' || r == '؟':
		rl = RuleArabicTerminator
	case oldIsCJK(r):
		rl = RuleCJKTerminator
	}
	k := oldSkipSpace(s, j)
	if k == len(s) {
		if !atEOF {
			return 0, 0, 0, oldDecMore
		}
		return j, 0, RuleEndOfText, oldDecBreak
	}
	nr, _ := oldDecode(s[k:])
	if nr == ',' || nr == ';' {
		return 0, j, 0, oldDecNone // no sentence starts with a comma
	}
	if r == '?' && i > 0 && s[i-1] == ':' {
		return 0, j, 0, oldDecNone // "Fax:? 555": a character lost in a bad conversion
	}
	if cl == oldTermUnspaced {
		if k == j && oldIsDigit(nr) && (r == '．' || r == '۔') {
			return 0, j, 0, oldDecNone // ３．１４
		}
		// The Urdu full stop also follows abbreviations and initials
		// (ایس۔ ایم۔ کرشنا): when a space follows, it is weighed like a
		// Latin full stop below.
		if r != '۔' || k == j {
			return j, 0, rl, oldDecBreak
		}
	}
	if k == j {
		// No space after the terminator: a decimal, a version, a URL, an
		// e-mail address, "e.g" -- unless CJK text follows, which has no
		// spaces between sentences.
		if oldIsCJK(nr) && oldScriptOf(nr) == oldScriptHan && !strings.Contains(s[i:j], "…") {
			// (The CJK ellipsis …… is written before 。 when it ends a
			// sentence, so without one it goes on.)
			return j, 0, RuleCJKTerminator, oldDecBreak
		}
		return 0, j, 0, oldDecNone
	}
	newline := oldContainsNewline(s[j:k])

	// The next word, without opening quotes and brackets.
	w0 := k
	for w0 < len(s) {
		c, m := oldDecode(s[w0:])
		if !oldIsOpener(c) {
			break
		}
		w0 += m
	}
	w1 := oldWordEnd(s, w0)
	if w1 == len(s) && !atEOF {
		return 0, 0, 0, oldDecMore
	}
	next1 := s[w0:w1]
	var fr rune = -1
	if w0 < len(s) {
		fr, _ = oldDecode(s[w0:])
	}

	// An initial follows: J. R. R. Tolkien, ایس۔ ایم۔
	nextInitial := false
	if r == '.' && w1 < len(s) && s[w1] == '.' {
		nextInitial = utf8.RuneCountInString(next1) == 1
	} else if r == '۔' && strings.HasPrefix(s[w1:], "۔") && utf8.RuneCountInString(next1) <= 3 && !oldIsDigit(fr) {
		return 0, j, 0, oldDecNone // a one-word sentence would follow: initials
	}
	if oldIsLower(fr) && !newline {
		switch {
		case dots >= 2:
			// An ellipsis in mid-sentence: "wait... what".
			return 0, j, 0, oldDecNone
		case hasQuote:
			// A quotation and its attribution: "Stop!" he said.
			return 0, j, 0, oldDecNone
		case r == '!' && i == j-1 && sg.oldBrandName(s, i):
			// A name with an exclamation mark: "Yahoo! and AOL".
			return 0, j, 0, oldDecNone
		}
	}
	if hasQuote {
		d, ok := sg.oldAttribution(s, k, atEOF)
		if d == oldDecMore {
			return 0, 0, 0, oldDecMore
		}
		if ok {
			return 0, j, 0, oldDecNone
		}
	}
	if r == '.' && dots == 1 || r == '۔' {
		if sg.oldPeriod(s, i, next1, fr, newline, nextInitial) == oldDecNone {
			return 0, j, 0, oldDecNone
		}
	}
	// Emoticons after the terminator stay with the sentence: "Great! :)".
	e = j
	if !newline {
		ee, more := oldEmoticonRun(s, k, atEOF)
		if more {
			return 0, 0, 0, oldDecMore
		}
		if ee > k {
			e = ee
		}
	}
	return e, 0, rl, oldDecBreak
}

// clusterByte marks the ASCII bytes that the cases of the cluster loop of
// terminator take after the spaces: the terminators . ! ? (classOf), the
// straight quotes and the closing brackets (isCloser).
var oldClusterByte = [utf8.RuneSelf]bool{'.': true, '!': true, '?': true, '"': true, '\'': true, ')': true, ']': true, '}': true}

func oldContainsNewline(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return true
		}
	}
	return false
}

// prevWord returns the start of the word that ends at s[i], without opening
// quotes and brackets. It looks back at most about maxWord bytes: a longer
// word is no abbreviation, and the bound keeps the scan linear.
func oldPrevWord(s string, i int) int {
	b := i
	for b > 0 && i-b < oldMaxWord {
		if c := s[b-1]; c < utf8.RuneSelf {
			if oldAsciiSpace[c] {
				break
			}
			b--
			continue
		}
		if oldIsDevanagariAt(s, b-3) {
			b -= 3 // a Devanagari rune, not a space
			continue
		}
		r, n := oldDecodeLast(s[:b])
		if oldIsSpace(r) {
			break
		}
		b -= n
	}
	for b < i {
		r, n := oldDecode(s[b:])
		if !oldIsOpener(r) {
			break
		}
		b += n
	}
	return b
}

// period decides at a single full stop at s[i] that white space follows;
// next is the next word, fr its first rune, newline tells whether a line
// ends between them, and nextInitial whether next is a one-letter initial.
func (sg *Segmenter) oldPeriod(s string, i int, next string, fr rune, newline, nextInitial bool) decision {
	b := oldPrevWord(s, i)
	w := s[b:i]
	if w == "" {
		return oldDecBreak
	}
	r0, _ := oldDecode(w)
	sc := oldScriptOf(r0)
	d := sg.data[sc]
	k := d.oldKind(w)
	if k&kindTitle != 0 {
		return oldDecNone // Dr. Smith, e.g. this
	}
	if newline {
		return oldDecBreak
	}
	if sg.oldKindOf(next)&kindContinuer != 0 {
		return oldDecNone // डी. फिल. की डिग्री
	}
	if k&kindNumeric != 0 && oldIsDigit(fr) {
		return oldDecNone // No. 5
	}
	if b == 0 && oldIsListMarker(w) {
		return oldDecNone // 1. First item
	}
	if k&kindAbbrev != 0 || oldIsInitial(w, sc, d) {
		// Inc., U.S., J.: the sentence ends only if the next word
		// starts one.
		if !nextInitial && !oldIsLower(fr) && !oldIsDigit(fr) && sg.oldIsStarter(next) {
			return oldDecBreak
		}
		return oldDecNone
	}
	return oldDecBreak
}

// brandName reports whether the word before s[i] is a capitalized word
// inside the sentence, not its first word: a name such as Yahoo!.
func (sg *Segmenter) oldBrandName(s string, i int) bool {
	b := oldPrevWord(s, i)
	if b == 0 || b == i {
		return false
	}
	r, _ := oldDecode(s[b:])
	return oldIsUpper(r)
}

// kindOf returns the kinds of word w in the data of its script.
func (sg *Segmenter) oldKindOf(w string) uint16 {
	if w == "" {
		return 0
	}
	r, _ := oldDecode(w)
	return sg.data[oldScriptOf(r)].oldKind(w)
}

// isStarter reports whether w often begins a sentence in its language.
func (sg *Segmenter) oldIsStarter(w string) bool {
	if w == "" {
		return false
	}
	r, _ := oldDecode(w)
	return sg.data[oldScriptOf(r)].oldKind(w)&kindStarter != 0
}

// isListMarker reports whether w, at the start of a sentence before a full
// stop, numbers a list item: 1 to 3 digits, a single letter, or a small roman
// numeral.
func oldIsListMarker(w string) bool {
	if w == "" {
		return false
	}
	digits := true
	n := 0
	for _, r := range w {
		n++
		if !oldIsDigit(r) {
			digits = false
		}
	}
	if digits {
		return n <= 3
	}
	if n == 1 {
		return true
	}
	switch w {
	case "ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii",
		"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII":
		return true
	}
	return false
}

// isInitial reports whether w, before a full stop, looks like an initial or
// a short abbreviation of script sc: a single uppercase letter (J.), letters
// with inner full stops (U.S, e.g, Ph.D), or one Devanagari syllable that is
// not a common final word (पी, डॉ).
func oldIsInitial(w string, sc script, d *langData) bool {
	switch sc {
	case oldScriptLatin:
		r, n := oldDecode(w)
		if n == len(w) {
			return oldIsUpper(r)
		}
		// Dotted abbreviations: every part one or two letters.
		part, dotted := 0, false
		for _, r := range w {
			if r == '.' {
				if part == 0 {
					return false
				}
				part, dotted = 0, true
				continue
			}
			if oldScriptOf(r) != oldScriptLatin {
				return false
			}
			part++
			if part > 2 {
				return false
			}
		}
		return dotted
	case oldScriptDevanagari:
		if d.oldKind(w)&kindFinal != 0 {
			return false
		}
		// Dotted initials without spaces: ए.पी.जे
		for len(w) > 0 {
			j := 0
			for j < len(w) && w[j] != '.' {
				j++
			}
			if a := oldAksharas(w[:j]); a != 1 && d.oldKind(w[:j])&kindAbbrev == 0 {
				return false
			}
			if j == len(w) {
				break
			}
			w = w[j+1:]
		}
		return true
	}
	return false
}

// attribution reports whether the text after a closing quotation at s[k] is
// its attribution ("…नाही." वकील म्हणाला.): a verb of saying of the
// language's [speech] list before the next terminator.
func (sg *Segmenter) oldAttribution(s string, k int, atEOF bool) (decision, bool) {
	i := k
	for i < len(s) && i-k < oldMaxSpeech {
		w := i
		for i < len(s) {
			r, n := oldDecode(s[i:])
			if oldIsSpace(r) || oldClassOf(r) != oldTermNone || oldIsCloser(r) || r == ',' {
				break
			}
			i += n
		}
		if i > w {
			r, _ := oldDecode(s[w:])
			d := sg.data[oldScriptOf(r)]
			if d == nil || !d.hasSpeech {
				return oldDecNone, false
			}
			if i == len(s) && !atEOF {
				return oldDecMore, false
			}
			if d.oldKind(s[w:i])&kindSpeech != 0 {
				return oldDecNone, true
			}
		}
		if i == len(s) {
			break
		}
		r, n := oldDecode(s[i:])
		if oldClassOf(r) != oldTermNone {
			return oldDecNone, false
		}
		i += n
	}
	if i >= len(s) && !atEOF {
		return oldDecMore, false
	}
	return oldDecNone, false
}

// lineEnd decides at a line end s[i] inside the paragraph; the line starts
// at lineStart. A line that does not end in a terminator ends a sentence
// (a headline, a list item, a signature), unless it looks wrapped: the next
// line starts with a lowercase letter, or the line is long.
func (sg *Segmenter) oldLineEnd(s string, lineStart, i int, atEOF bool) (e, next int, rl Rule, d decision) {
	k := oldSkipSpace(s, i)
	if k == len(s) {
		if !atEOF {
			return 0, 0, 0, oldDecMore
		}
		return i, 0, RuleEndOfText, oldDecBreak
	}
	if oldContainsNewline(s[i+1 : k]) {
		return i, 0, RuleLineBreak, oldDecBreak // a blank line
	}
	line := s[lineStart:i]
	if oldTrimEnd(line) == 0 {
		return 0, i + 1, 0, oldDecNone
	}
	// A list item on the next line.
	if m, more := oldListItemStart(s[k:], atEOF); more {
		return 0, 0, 0, oldDecMore
	} else if m {
		return i, 0, RuleListItem, oldDecBreak
	}
	nr, _ := oldDecode(s[k:])
	if oldIsLower(nr) {
		return 0, i + 1, 0, oldDecNone
	}
	if utf8.RuneCountInString(line) >= oldWrapWidth {
		return 0, i + 1, 0, oldDecNone
	}
	pr, _ := oldDecodeLast(line[:oldTrimEnd(line)])
	if pr == '-' || pr == '‐' || pr == '\u00AD' {
		return 0, i + 1, 0, oldDecNone
	}
	return i, 0, RuleLineBreak, oldDecBreak
}

// listItemStart reports whether s starts with a list item marker: a bullet
// and a space, or 1 to 3 digits, "." or ")" and a space.
func oldListItemStart(s string, atEOF bool) (match, more bool) {
	r, n := oldDecode(s)
	switch r {
	case '-', '*', '•', '·', '‣', '◦', '–', '—', '+', '○', '■', '□', '►', '▪':
		if n == len(s) {
			return false, !atEOF
		}
		c, _ := oldDecode(s[n:])
		return oldIsSpace(c), false
	}
	j := 0
	for j < len(s) && j < 4 {
		c, m := oldDecode(s[j:])
		if !oldIsDigit(c) {
			break
		}
		j += m
	}
	if j == 0 || j > 3 {
		return false, false
	}
	if j+1 >= len(s) {
		return false, !atEOF
	}
	if s[j] != '.' && s[j] != ')' {
		return false, false
	}
	c, _ := oldDecode(s[j+1:])
	return oldIsSpace(c), false
}

// dash decides at a dash (- – —, n bytes long) at s[i] with a space on
// either side. It ends a sentence after a word that ends sentences (Urdu
// "ہے -") and after a closed quotation in a language that writes such
// dashes.
func (sg *Segmenter) oldDash(s string, i, n int, atEOF bool) (e, next int, rl Rule, d decision) {
	next = i + n
	if i == 0 || s[i-1] != ' ' {
		return
	}
	if i+n == len(s) {
		if !atEOF {
			d = oldDecMore
		}
		return
	}
	if s[i+n] != ' ' {
		return
	}
	k := oldSkipSpace(s, i+n)
	w1 := oldWordEnd(s, k)
	if w1 == len(s) && !atEOF {
		return 0, 0, 0, oldDecMore
	}
	if k == len(s) {
		return
	}
	fr, _ := oldDecode(s[k:])
	if oldIsOpener(fr) || oldIsDigit(fr) || oldIsLower(fr) {
		return // a dash before a quotation, a number, a lowercase word
	}
	t := s[:oldTrimEnd(s[:i])]
	// Closing quotes before the dash.
	u, quoted := t, false
	for len(u) > 0 {
		r, m := oldDecodeLast(u)
		if !oldIsCloser(r) {
			break
		}
		quoted = quoted || r != ')' && r != ']' && r != '}'
		u = u[:len(u)-m]
	}
	w := u[oldPrevWord(u, len(u)):]
	if w == "" {
		return
	}
	r, _ := oldDecode(w)
	ld := sg.data[oldScriptOf(r)]
	if ld == nil {
		return
	}
	if ld.hasFinal && (quoted || ld.oldKind(w)&kindFinal != 0) {
		return i + n, 0, RuleDash, oldDecBreak
	}
	return
}

// isDevanagariAt reports whether a rune of the Devanagari block (U+0900 to
// U+097F, E0 A4 xx and E0 A5 xx) starts at s[i].
func oldIsDevanagariAt(s string, i int) bool {
	return i >= 0 && i+2 < len(s) && s[i] == 0xE0 && s[i+1]&^1 == 0xA4 && s[i+2]&0xC0 == 0x80
}

// wordEnd returns the end of the word that starts at s[k]: letters,
// digits, marks and inner apostrophes and hyphens, at most maxWord bytes.
func oldWordEnd(s string, k int) int {
	w := k
	for w < len(s) && w-k < oldMaxWord {
		if c := s[w]; c < utf8.RuneSelf {
			if !oldAsciiWord[c] {
				break
			}
			w++
			continue
		}
		if oldIsDevanagariAt(s, w) {
			// A letter, a mark or a digit but for the dandas and ॰.
			if s[w+1] == 0xA5 && (s[w+2] == 0xA4 || s[w+2] == 0xA5 || s[w+2] == 0xB0) {
				break
			}
			w += 3
			continue
		}
		c, m := oldDecode(s[w:])
		if oldIsSpace(c) || !oldIsLetterOrDigit(c) && c != '\'' && c != '’' && c != '-' {
			break
		}
		w += m
	}
	return w
}

// asciiWord marks the ASCII bytes that wordEnd takes into a word.
var oldAsciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		r := rune(c)
		t[c] = !oldIsSpace(r) && (oldIsLetterOrDigit(r) || r == '\'' || r == '-')
	}
	return
}()

// comma decides at a comma at s[i]: after a closing of a letter ("Best
// regards,") or a salutation ("Hi John,") at the start of the sentence, the
// sentence ends when a capitalized word follows.
func (sg *Segmenter) oldComma(s string, i int, atEOF bool) (e, next int, rl Rule, d decision) {
	next = i + 1
	if e, ok := sg.oldOpener(s, i); ok {
		return e, next, RuleOpener, oldDecBreak
	}
	if i > oldMaxGreeting {
		return
	}
	phrase := s[:i]
	r0, _ := oldDecode(phrase)
	ld := sg.data[oldScriptOf(r0)]
	if ld == nil || !ld.hasLetters {
		return
	}
	ok := ld.oldKind(phrase)&kindClosing != 0
	if !ok {
		// A salutation: its first word is a greeting, and it has at most
		// four words (fields between white space, as strings.Fields).
		f := oldSkipSpace(phrase, 0)
		w := f
		for w < len(phrase) {
			r, n := oldDecode(phrase[w:])
			if oldIsSpace(r) {
				break
			}
			w += n
		}
		ok = ld.oldKind(phrase[f:w])&kindGreeting != 0 && oldFieldsAtMost(phrase[w:], 3)
	}
	if !ok {
		return
	}
	k := oldSkipSpace(s, i+1)
	if k == i+1 {
		return
	}
	if k == len(s) {
		if !atEOF {
			d = oldDecMore
		}
		return
	}
	if r, _ := oldDecode(s[k:]); oldIsUpper(r) {
		return i + 1, 0, RuleGreeting, oldDecBreak
	}
	return
}

// fieldsAtMost reports whether s has at most n fields: runs of non-space
// runes between white space, as strings.Fields counts them.
func oldFieldsAtMost(s string, n int) bool {
	inField := false
	for _, r := range s {
		if oldIsSpace(r) {
			inField = false
		} else if !inField {
			inField = true
			if n--; n < 0 {
				return false
			}
		}
	}
	return true
}

// opener reports whether the comma at s[i] follows an [openers] word (a
// sentence adverb or conjunction such as Hindi बहरहाल or लेकिन) that itself
// follows a [final] word with only white space between them. Such a word
// opens a sentence when a comma follows it, so the sentence before it lost
// its terminator (a headline, a quotation): "… कई दशक लग गए बहरहाल , उरी …"
// ends after गए, at e. It looks only back from the comma, a word or two.
func (sg *Segmenter) oldOpener(s string, i int) (e int, ok bool) {
	j := oldTrimEnd(s[:i]) // "लेकिन ," and "लेकिन,"
	if j == 0 || !sg.openerEnds.has(s[j-1]) {
		return 0, false // no opener word ends with this byte
	}
	b := oldPrevWord(s, j)
	if b == 0 || b == j {
		return 0, false
	}
	if r, _ := oldDecodeLast(s[:b]); !oldIsSpace(r) {
		return 0, false // a quote or a bracket before the word
	}
	w := s[b:j]
	r, _ := oldDecode(w)
	ld := sg.data[oldScriptOf(r)]
	if ld == nil || !ld.hasOpeners || ld.oldKind(w)&kindOpener == 0 {
		return 0, false
	}
	e = oldTrimEnd(s[:b])
	if e == 0 || ld.oldKind(s[oldPrevWord(s, e):e])&kindFinal == 0 {
		return 0, false
	}
	return e, true
}

// address decides at the '@' of an e-mail address or the "://" of a URL
// at s[i]. A line of a signature, a header or a list of links ends with an
// address, so an address followed by a capitalized word or another address
// ends a sentence ("jane@example.com Phone: …"). A terminator at the end
// of the address is left to the terminator rules.
func (sg *Segmenter) oldAddress(s string, i int, atEOF bool) (e, next int, rl Rule, d decision) {
	next = i + 1
	if i == 0 || i+1 >= len(s) || !oldIsAddressByte(s[i-1]) || !oldIsAddressByte(s[i+1]) && s[i] == '@' {
		return
	}
	url := s[i] == ':'
	te := i + 1
	for te < len(s) {
		r, n := oldDecode(s[te:])
		if oldIsSpace(r) {
			break
		}
		if url && r == ':' && strings.HasPrefix(s[te:], "://") || !url && r == '@' {
			return // a second address in the same token: not one address
		}
		te += n
		if te-i > oldMaxAddress {
			return // not an address, or too long to tell
		}
	}
	if te == len(s) {
		if !atEOF {
			d = oldDecMore
		}
		return
	}
	if s[i] == '@' && !strings.Contains(s[i:te], ".") {
		return
	}
	if r, _ := oldDecodeLast(s[:te]); oldClassOf(r) != oldTermNone {
		return
	}
	k := oldSkipSpace(s, te)
	if oldContainsNewline(s[te:k]) {
		return // the line end decides
	}
	if k+8 > len(s) && !atEOF {
		return 0, 0, 0, oldDecMore // enough to see "https://"
	}
	if k == len(s) {
		return
	}
	r, _ := oldDecode(s[k:])
	switch {
	case oldIsUpper(r),
		r == '<' && !strings.HasPrefix(s[k:], "<<"),
		strings.HasPrefix(s[k:], "http://"), strings.HasPrefix(s[k:], "https://"),
		strings.HasPrefix(s[k:], "www."):
		return te, 0, RuleAddress, oldDecBreak
	}
	return
}

// isAddressByte reports whether c may stand next to the '@' of an e-mail
// address or before the "://" of a URL.
func oldIsAddressByte(c byte) bool {
	return c|0x20 >= 'a' && c|0x20 <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-' || c == '+' || c >= utf8.RuneSelf
}

// emoticon decides at ':', ';' or '=' at s[i]: an emoticon after white
// space, with more text after it, ends a sentence ("great :) Now").
func (sg *Segmenter) oldEmoticon(s string, i int, atEOF bool) (e, next int, rl Rule, d decision) {
	next = i + 1
	if i == 0 || !oldIsSpace(rune(s[i-1])) {
		return
	}
	end, more := oldEmoticonRun(s, i, atEOF)
	if more {
		return 0, 0, 0, oldDecMore
	}
	if end == i {
		return
	}
	return end, 0, RuleEmoticon, oldDecBreak
}

// emoticonRun returns the end of the emoticons (":)", ":-(", ";P", "<3")
// at s[i], separated by single spaces, or i when there is none. An emoticon
// must be followed by white space or the end of the text.
func oldEmoticonRun(s string, i int, atEOF bool) (end int, more bool) {
	end = i
	for {
		n, more := oldEmoticonAt(s[end:], atEOF)
		if more {
			return 0, true
		}
		if n == 0 {
			return end, false
		}
		end += n
		if end+1 < len(s) && s[end] == ' ' {
			n, more := oldEmoticonAt(s[end+1:], atEOF)
			if more {
				return 0, true
			}
			if n > 0 {
				end++
				continue
			}
		}
		return end, false
	}
}

// emoticonAt returns the length of the emoticon at the start of s, or 0.
func oldEmoticonAt(s string, atEOF bool) (n int, more bool) {
	if len(s) < 4 && !atEOF {
		return 0, true
	}
	if len(s) < 2 {
		return 0, false
	}
	j := 0
	switch s[0] {
	case ':', ';', '=':
		j = 1
		if j < len(s) && (s[j] == '-' || s[j] == '\'' || s[j] == 'o' || s[j] == '^') {
			j++
		}
		m := j
		for j < len(s) && strings.IndexByte(")(DPpO/|][3*", s[j]) >= 0 && (j == m || s[j] == s[m]) {
			j++
		}
		if j == m {
			return 0, false
		}
	case '<':
		if s[1] != '3' {
			return 0, false
		}
		j = 2
	default:
		return 0, false
	}
	if j < len(s) && !oldIsSpace(rune(s[j])) {
		return 0, false
	}
	return j, false
}

// From split.go.
// MaxSentence is the size limit of [Segmenter.Split]: when the data hold this
// many bytes and no sentence boundary can be decided in them, Split returns
// them (cut at the last white space, else at a rune boundary) as one token
// rather than fail. It equals [bufio.MaxScanTokenSize], the largest buffer a
// default [bufio.Scanner] grows to; a Scanner given a smaller maximum with
// [bufio.Scanner.Buffer] stops with [bufio.ErrTooLong] on a longer sentence.
const oldMaxSentence = bufio.MaxScanTokenSize

// Split is a [bufio.SplitFunc] that reads a stream of one paragraph's text
// and returns one sentence at a time, trimmed of surrounding white space. It
// asks for more data while a boundary decision needs look-ahead (the word
// after a full stop, the line after a line end), and returns the last
// sentence at EOF. The sentences are the ones [Segmenter.AppendSentences]
// finds in the whole text. A sentence longer than [MaxSentence] bytes is
// returned in pieces of at most that size. Split keeps no state between
// calls, so each call looks at the sentence from its start again: reads of
// a few bytes at a time make it quadratic in the sentence length.
func (s *Segmenter) oldSplit(data []byte, atEOF bool) (advance int, token []byte, err error) {
	// Look at whole runes only: a rune cut by the end of the buffer waits
	// for the next read.
	n := len(data)
	if !atEOF {
		n -= oldIncompleteTail(data)
	}
	// The text is only read during this call and never kept, so it may
	// share data's memory.
	text := unsafe.String(unsafe.SliceData(data), n)
	start := oldSkipSpace(text, 0)
	if start == len(text) {
		return start, nil, nil
	}
	text = text[start:]
	forced := false
	if len(text) >= oldMaxSentence {
		text = text[:oldMaxSentence-oldIncompleteTail(data[start:start+oldMaxSentence])]
		forced = true
	}
	end, _, more := s.oldFirst(text, atEOF || forced)
	if more {
		return start, nil, nil
	}
	if forced && end == oldTrimEnd(text) {
		// No boundary in MaxSentence bytes: cut at the last white space.
		if c := strings.LastIndexFunc(text, oldIsSpace); c > 0 {
			end = oldTrimEnd(text[:c])
		}
	}
	return start + end, data[start : start+end], nil
}

// incompleteTail returns how many bytes at the end of b are the start of a
// rune that is not complete (0 when b ends on a rune boundary).
func oldIncompleteTail(b []byte) int {
	for n := 1; n <= utf8.UTFMax && n <= len(b); n++ {
		if utf8.RuneStart(b[len(b)-n]) {
			if utf8.FullRune(b[len(b)-n:]) {
				return 0
			}
			return n
		}
	}
	return 0
}

// From segment.go.

// oldAppendSentences is AppendSentences with oldFirst.
func (s *Segmenter) oldAppendSentences(dst []Sentence, text string) []Sentence {
	pos := oldSkipSpace(text, 0)
	for pos < len(text) {
		end, rule, _ := s.oldFirst(text[pos:], true)
		dst = append(dst, Sentence{Span{pos, pos + end}, rule})
		pos = oldSkipSpace(text, pos+end)
	}
	return dst
}

// From data.go.

// oldKind is langData.kind as it was, with a map look-up.
func (d *langData) oldKind(w string) uint16 {
	if d == nil || w == "" {
		return 0
	}
	if h := wordHash(w); d.filter[h/64]&(1<<(h%64)) == 0 {
		return 0 // not a word of the lists
	}
	return d.words[w]
}
