package segment

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/corpustools/corpus/internal/swar"
)

// The boundary rules. first finds the end of the first sentence of a text
// that starts with a non-space character. It looks only at the text from the
// sentence start on, so cutting a text one sentence at a time (Split) gives
// the same sentences as cutting it whole (AppendSentences); all look-ahead is
// bounded and explicit, and when the text ends before a decision can be made
// and atEOF is false, first asks for more.

const (
	// maxWord bounds the look-ahead for the word after a terminator.
	maxWord = 64
	// maxSpeech bounds the look-ahead of the quotation-attribution rule.
	maxSpeech = 240
	// wrapWidth is the line length, in runes, from which a line end without
	// punctuation is taken for a wrapped line rather than a headline.
	wrapWidth = 60
	// maxGreeting bounds the length of a salutation or a closing.
	maxGreeting = 40
	// maxAddress bounds the length of an e-mail address or a URL.
	maxAddress = 512
)

// special marks the ASCII bytes at which the scanner must stop.
var special = [utf8.RuneSelf]bool{
	'.': true, '?': true, '!': true, '|': true, '\n': true, '-': true, ',': true,
	':': true, ';': true, '=': true, '@': true,
}

// decision is the outcome of a rule at one place in the text. The rules
// return it with an offset e and an offset next: the end of the sentence
// (before trimming) on decBreak, and the offset at which to go on scanning
// on decNone. On decBreak, next is 0 or, when the rule has it at hand and
// e follows a rune that is not white space, the start of the next
// sentence, skipSpace(s, e).
type decision uint8

const (
	decNone  decision = iota // no boundary here; go on after the place
	decBreak                 // the sentence ends
	decMore                  // more text is needed to decide
)

// first returns the end of the first sentence of s (trimmed of white space)
// and the rule that ended it, and the start of the next sentence: the end of
// the white space after end, skipSpace(s, end). s must start with a
// non-space character. When atEOF is false and the sentence may go on past
// the end of s, more is true.
func (sg *Segmenter) first(s string, atEOF bool) (end, next int, rule Rule, more bool) {
	i := 0
	lineStart := 0
	for {
		// Only the special ASCII bytes and the hot runes can end a
		// sentence: skip to the next one.
		if i = quiet(s, i); i == len(s) {
			break
		}
		var d decision
		var e, next int
		var rl Rule
		switch c := s[i]; c {
		case '.', '?', '!':
			e, next, rl, d = sg.terminator(s, i, rune(c), 1, termSpaced, atEOF)
		case '|':
			if isDandaBar(s, i) {
				e, next, rl, d = sg.terminator(s, i, '|', 1, termUnspaced, atEOF)
			} else {
				next = i + 1
			}
		case '\n':
			e, next, rl, d = sg.lineEnd(s, lineStart, i, atEOF)
			lineStart = i + 1
		case '-':
			e, next, rl, d = sg.dash(s, i, 1, atEOF)
		case ',':
			e, next, rl, d = sg.comma(s, i, atEOF)
		case '@':
			e, next, rl, d = sg.address(s, i, atEOF)
		case ':':
			if strings.HasPrefix(s[i:], "://") {
				e, next, rl, d = sg.address(s, i, atEOF)
			} else {
				e, next, rl, d = sg.emoticon(s, i, atEOF)
			}
		case ';', '=': // may start an emoticon
			e, next, rl, d = sg.emoticon(s, i, atEOF)
		default: // a hot rune
			r, n := decode(s[i:])
			if r == '–' || r == '—' {
				e, next, rl, d = sg.dash(s, i, n, atEOF)
			} else {
				e, next, rl, d = sg.terminator(s, i, r, n, classOf(r), atEOF)
			}
		}
		switch d {
		case decBreak:
			return sg.finish(s, e, next, rl, atEOF)
		case decMore:
			return 0, 0, 0, true
		}
		i = next
	}
	if !atEOF {
		return 0, 0, 0, true
	}
	return trimEnd(s), len(s), RuleEndOfText, false
}

// The scan. first stops only at the special ASCII bytes and at the hot
// runes: the runes of hotBMP (terminators and the dashes – —) and the
// terminators outside the Basic Multilingual Plane. Everything else is
// skipped, and how fast that goes decides how fast the segmenter is.
//
// A rune starts at an ASCII byte or at a lead byte (0xC0 and up), and no
// rune holds one but as its first byte; a continuation byte (0x80 to 0xBF)
// stops nothing: where no well-formed rune starts, the text is read as
// RuneError a byte at a time. So a scan from rune to rune looks at every
// ASCII and lead byte, and this scan need not step from rune to rune: it
// may skip any byte that is neither a special ASCII byte nor the lead byte
// of a hot rune, and must look closer only at those. That is what quietByte
// tells, and it takes most of Latin, Cyrillic and Han text a byte at a
// time. In Devanagari and Arabic text the lead bytes of most letters also
// start hot runes (the dandas । ॥ are E0 A5 A4 and E0 A5 A5, most
// Devanagari letters E0 A4 xx or E0 A5 xx; ؟ is D8 9F and ۔ DB 94, as the
// Urdu letters ت and ی are D8 AA and DB 8C): there the scan looks at eight
// bytes at a time for the byte patterns that may start a hot rune
// (quietIndic, quietArabic), and decides at each as coldRune does.
//
// TestQuietAllRunes and TestQuietBytes check the scan against the scan
// rune by rune as it was before, for every rune of the Unicode tables of the
// Go release in every context, and TestFirstStops the sentences around
// every hot rune against those recorded before. The tests of diff_test.go
// compare the scan, the rules and the sentences with the segmenter as it
// was before its loops were sped up (old_test.go).

// quietByte marks the bytes at which no special byte and no hot rune
// starts: ASCII but the special bytes, continuation bytes, and the lead
// bytes of no hot rune.
var quietByte = func() (t [256]bool) {
	for c := range t {
		t[c] = c >= utf8.RuneSelf || !special[c]
	}
	var b [utf8.UTFMax]byte
	for r := rune(utf8.RuneSelf); r < 0x10000; r++ {
		if hotBMP[r>>6]&(1<<(r&63)) != 0 {
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
func quiet(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if quietByte[c] {
			i = skipQuiet(s, i+1)
			continue
		}
		if c < utf8.RuneSelf {
			return i // a special byte
		}
		if c == 0xE0 {
			return quietIndic(s, i) // Devanagari, or another Indic script
		}
		if c >= 0xD8 && c <= 0xDB {
			return quietArabic(s, i)
		}
		n := coldRune(s, i)
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
// the next byte. (The second implies the first, so their exclusive or tells
// that the byte is in the range.) So they make a mask with the top bit set
// of each of the eight bytes at which a special byte or a hot rune may
// start; the first such byte is looked at (stop), and the scan goes on
// after it. A mask may hold more bytes than those (false alarms, which stop
// passes over), never fewer.
const (
	ones = 0x0101010101010101
	tops = 0x8080808080808080
)

// asciiStops returns the mask (in the top bits) of the ASCII bytes of x,
// y = x &^ tops, but spaces and digits: the special bytes among them. A
// Latin word in Devanagari or Arabic text is then skipped by stop.
// (quietIndic makes the same mask with its constants.)
func asciiStops(x, y uint64) uint64 {
	space := (y + (0x80-' ')*ones) ^ (y + (0x7F-' ')*ones)
	digit := (y + (0x80-'0')*ones) ^ (y + (0x7F-'9')*ones)
	return ^(x | space | digit)
}

// quietIndic is quiet for text whose runes are E0 xx xx: Devanagari and the
// other Indic scripts. A stop may start at an ASCII byte (asciiStops), at
// a lead byte but E0, and at E0 before A5 A4 or A5 A5 (the dandas) and
// before A0 (U+0800-U+083F): no other rune E0 xx xx is hot.
//
// A byte equal to v is found as a zero byte of t = x ^ v*ones: the top bit
// of (t - ones) &^ t is set at each zero byte of t, and maybe at a byte
// after one (the borrow of the subtraction), a false alarm. The bytes A5
// A4 and A5 A5 are flagged at the byte before them, whatever it is, which
// saves the test for E0: before such a pair stands the E0 of a danda, a
// lead byte (flagged anyway) or, in text that is not UTF-8, a byte that
// stop passes over.
func quietIndic(s string, i int) int {
	k := &indicConsts
	for i+10 <= len(s) {
		// x1 and x2 hold the bytes one and two after those of x0. (One
		// slice of s, so that the loads need no bounds checks.)
		t := s[i : i+10]
		x0, x1, x2 := swar.Load64(t, 0), swar.Load64(t, 1), swar.Load64(t, 2)
		e := x0 ^ k.e0
		notE0 := (e&k.low + k.low) | e // top bit set where e is not 0
		lead := x0 & (x0 << 1) & notE0 // 0xC0 and up: the top two bits set
		d1, d2 := x1^k.a5, (x2|k.ones)^k.a5
		danda := (d1 - k.ones) &^ d1 & (d2 - k.ones) &^ d2 // A5, then A4 or A5
		a := x1 ^ k.a0
		a0 := (a - k.ones) &^ a &^ notE0 // E0, then A0
		y := x0 & k.low
		space := (y + k.geSpace) ^ (y + k.gtSpace)
		digit := (y + k.geDigit) ^ (y + k.gtDigit)
		ascii := ^(x0 | space | digit) // asciiStops(x0, y)
		m := (ascii | lead | danda | a0) & k.tops
		if m == 0 {
			i += 8 // perhaps into a rune: its continuation bytes are quiet
			continue
		}
		var p int
		if p, i = stop(s, i, m); p >= 0 {
			return p
		}
	}
	return quietRunes(s, i)
}

// indicConsts holds the constants of quietIndic, which reads them from
// memory: the compiler would otherwise load each of them into a register
// as an immediate in each round of the loop, which costs more (quietIndic
// went 7% faster on Devanagari text). y + geSpace has the top bit set
// where the byte of y is ' ' or more, y + gtSpace where it is more, and so
// for the digits.
var indicConsts = struct {
	tops, low, ones, e0, a5, a0, geSpace, gtSpace, geDigit, gtDigit uint64
}{
	tops, ^uint64(tops), ones, 0xE0 * ones, 0xA5 * ones, 0xA0 * ones,
	(0x80 - ' ') * ones, (0x7F - ' ') * ones, (0x80 - '0') * ones, (0x7F - '9') * ones,
}

// quietArabic is quiet for Arabic-script text, whose runes are two bytes
// long. A stop may start at an ASCII byte (asciiStops), at a lead byte but
// D8 to DB, at D8 before 9D to 9F (U+061D-U+061F) and at DB before 94
// (U+06D4): no other rune of D8 to DB is hot.
func quietArabic(s string, i int) int {
	for i+9 <= len(s) {
		t := s[i : i+9]
		x0, x1 := swar.Load64(t, 0), swar.Load64(t, 1)
		y, y1 := x0&^tops, x1&^tops
		// With their top bits cleared, D8 to DB are 0x58 to 0x5B, and
		// 9D to 9F 0x1D to 0x1F.
		arabic := (y + (0x80-0x58)*ones) ^ (y + (0x7F-0x5B)*ones)
		lead := x0 & (x0 << 1) &^ arabic
		d8 := (y + (0x80-0x58)*ones) ^ (y + (0x7F-0x58)*ones)
		db := (y + (0x80-0x5B)*ones) ^ (y + (0x7F-0x5B)*ones)
		q := (y1 + (0x80-0x1D)*ones) ^ (y1 + (0x7F-0x1F)*ones)
		full := (y1 + (0x80-0x14)*ones) ^ (y1 + (0x7F-0x14)*ones)
		m := (asciiStops(x0, y) | lead | (d8&q|db&full)&x0&x1) & tops
		if m == 0 {
			i += 8
			continue
		}
		var p int
		if p, i = stop(s, i, m); p >= 0 {
			return p
		}
	}
	return quietRunes(s, i)
}

// stop decides at the first byte p of s[i:i+8] that the mask m holds. It
// returns p when the scan stops there, else -1 and the offset at which to
// go on: after the rune at p, or after the run of quiet bytes at p (a word
// in Latin script).
func stop(s string, i int, m uint64) (p, next int) {
	p = i + bits.TrailingZeros64(m)/8
	if quietByte[s[p]] {
		return -1, skipQuiet(s, p+1)
	}
	if s[p] < utf8.RuneSelf {
		return p, 0 // a special byte
	}
	n := coldRune(s, p)
	if n == 0 {
		return p, 0
	}
	return -1, p + n
}

// skipQuiet returns the offset of the first byte of s at or after i that is
// not a quiet byte, or len(s). (It looks up four bytes at a time, taken
// from one slice of s so that only the slice is bounds-checked. A SWAR
// test of eight bytes, as in quietIndic, was slower: between the commas
// and full stops of Latin text, runs of quiet bytes are short.)
func skipQuiet(s string, i int) int {
	for i+4 <= len(s) {
		t := s[i : i+4]
		if !quietByte[t[0]] {
			return i
		}
		if !quietByte[t[1]] {
			return i + 1
		}
		if !quietByte[t[2]] {
			return i + 2
		}
		if !quietByte[t[3]] {
			return i + 3
		}
		i += 4
	}
	for i < len(s) && quietByte[s[i]] {
		i++
	}
	return i
}

// quietRunes is quiet rune by rune, for the end of a text.
func quietRunes(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if special[c] {
				return i
			}
			i++
			continue
		}
		n := coldRune(s, i)
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
// bytes is hot. A well-formed rune of hotBMP is hot: the dashes and every
// rune of stermBMP, whose class is not termNone.
func coldRune(s string, i int) int {
	switch c := s[i]; {
	case c >= 0xE0 && c < 0xF0 && i+2 < len(s):
		c1, c2 := s[i+1], s[i+2]
		if c1&0xC0 == 0x80 && c2&0xC0 == 0x80 {
			r := rune(c&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F)
			if hotBMP[r>>6]&(1<<(r&63)) == 0 {
				return 3
			}
			if r >= 0x800 && (r < 0xD800 || r > 0xDFFF) { // not overlong, not a surrogate
				return 0
			}
		}
	case c >= 0xC0 && c < 0xE0 && i+1 < len(s):
		if c1 := s[i+1]; c1&0xC0 == 0x80 {
			if hotBMP[c&0x1F]&(1<<(c1&0x3F)) == 0 {
				return 2
			}
			if c >= 0xC2 { // not overlong
				return 0
			}
		}
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	if r == '–' || r == '—' || classOf(r) != termNone {
		return 0
	}
	return n
}

// finish returns a break at e, or the end of the text when only white space
// follows e, as first returns them; k is skipSpace(s, e) when e follows a
// rune that is not white space (see decision), or 0. The next sentence
// starts after the white space after e: the white space between the end,
// trimEnd(s[:e]), and e is made of whole white space runes, which
// skipSpace passes too.
func (sg *Segmenter) finish(s string, e, k int, rl Rule, atEOF bool) (end, next int, rule Rule, more bool) {
	end, next = e, k
	if next == 0 {
		next = skipSpace(s, e)
		if e == 0 || mayEndSpace(s[e-1]) {
			end = trimEnd(s[:e]) // (else trimEnd is e)
		}
	}
	if next == len(s) {
		if !atEOF {
			return 0, 0, 0, true
		}
		return end, next, RuleEndOfText, false
	}
	return end, next, rl, false
}

// isDandaBar reports whether the vertical bar at s[i] is written for a danda:
// the nearest letter before it is Devanagari.
func isDandaBar(s string, i int) bool {
	t := s[:i]
	for len(t) > 0 {
		r, n := decodeLast(t)
		if !isSpace(r) {
			return isDevanagari(r)
		}
		t = t[:len(t)-n]
	}
	return false
}

// terminator decides at the terminator r (n bytes long, class cl) at s[i].
// It returns the end of the sentence e when it breaks, else the offset next
// at which to go on scanning.
func (sg *Segmenter) terminator(s string, i int, r rune, n int, cl termClass, atEOF bool) (e, next int, rl Rule, d decision) {
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
		c, m := decode(s[j:])
		switch {
		case c == '.':
			dots++
		case c == '…':
			dots += 2
		case c == ' ' && dots > 0 && j+1 < len(s) && s[j+1] == '.':
			// ". . ." spaced ellipsis
		case c == ' ' && j+1 < len(s) && (s[j+1] == ')' || s[j+1] == ']'):
			// a spaced closing bracket: "(… next day. )"
		case c < utf8.RuneSelf && !clusterByte[c]:
			goto done // (the cases below, for ASCII)
		case classOf(c) != termNone:
			if cl2 := classOf(c); cl2 == termUnspaced && cl != termUnspaced {
				cl, r = cl2, c
			}
		case c == '"' || c == '\'':
			// A straight quote closes when no letter or digit follows it.
			if j+m == len(s) && !atEOF {
				return 0, 0, 0, decMore
			}
			if j+m < len(s) {
				c2, _ := decode(s[j+m:])
				if isLetterOrDigit(c2) {
					goto done
				}
			}
			hasQuote = true
		case isCloser(c):
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
			return 0, 0, 0, decMore
		}
		return j, 0, RuleEndOfText, decBreak
	}
	rl = RuleTerminator
	switch {
	case r == '।' || r == '॥' || r == '|':
		rl = RuleDanda
	case r == '۔' || r == '؟':
		rl = RuleArabicTerminator
	case isCJK(r):
		rl = RuleCJKTerminator
	}
	k := j + 1 // one space before a byte that starts no white space: skipSpace(s, j)
	if k >= len(s) || s[j] != ' ' || maySpace(s[k]) {
		k = skipSpace(s, j)
	}
	if k == len(s) {
		if !atEOF {
			return 0, 0, 0, decMore
		}
		return j, 0, RuleEndOfText, decBreak
	}
	nr, _ := decode(s[k:])
	if nr == ',' || nr == ';' {
		return 0, j, 0, decNone // no sentence starts with a comma
	}
	if r == '?' && i > 0 && s[i-1] == ':' {
		return 0, j, 0, decNone // "Fax:? 555": a character lost in a bad conversion
	}
	if cl == termUnspaced {
		if k == j && (r == '．' || r == '۔') && isDigit(nr) {
			return 0, j, 0, decNone // ３．１４
		}
		// The Urdu full stop also follows abbreviations and initials
		// (ایس۔ ایم۔ کرشنا): when a space follows, it is weighed like a
		// Latin full stop below.
		if r != '۔' || k == j {
			return j, k, rl, decBreak
		}
	}
	if k == j {
		// No space after the terminator: a decimal, a version, a URL, an
		// e-mail address, "e.g" -- unless CJK text follows, which has no
		// spaces between sentences.
		if isCJK(nr) && scriptOf(nr) == scriptHan && !strings.Contains(s[i:j], "…") {
			// (The CJK ellipsis …… is written before 。 when it ends a
			// sentence, so without one it goes on.)
			return j, k, RuleCJKTerminator, decBreak
		}
		return 0, j, 0, decNone
	}
	newline := containsNewline(s[j:k])

	// The next word, without opening quotes and brackets, and its first
	// rune fr.
	w0 := k
	for w0 < len(s) {
		c, m := decode(s[w0:])
		if !isOpener(c) {
			break
		}
		w0 += m
	}
	var fr rune = -1
	if w0 < len(s) {
		fr, _ = decode(s[w0:])
	}
	// period weighs a single full stop and the Urdu full stop; it, and the
	// initials below, need the whole next word, and so does the request
	// for more text when the word may go on. Else the word is not needed.
	single := r == '.' && dots == 1 || r == '۔'
	var next1 string
	nextInitial := false
	if single || !atEOF {
		w1 := wordEnd(s, w0)
		if w1 == len(s) && !atEOF {
			return 0, 0, 0, decMore
		}
		next1 = s[w0:w1]

		// An initial follows: J. R. R. Tolkien, ایس۔ ایم۔
		if r == '.' && w1 < len(s) && s[w1] == '.' {
			nextInitial = utf8.RuneCountInString(next1) == 1
		} else if r == '۔' && strings.HasPrefix(s[w1:], "۔") && utf8.RuneCountInString(next1) <= 3 && !isDigit(fr) {
			return 0, j, 0, decNone // a one-word sentence would follow: initials
		}
	}
	if isLower(fr) && !newline {
		switch {
		case dots >= 2:
			// An ellipsis in mid-sentence: "wait... what".
			return 0, j, 0, decNone
		case hasQuote:
			// A quotation and its attribution: "Stop!" he said.
			return 0, j, 0, decNone
		case r == '!' && i == j-1 && sg.brandName(s, i):
			// A name with an exclamation mark: "Yahoo! and AOL".
			return 0, j, 0, decNone
		}
	}
	if hasQuote {
		d, ok := sg.attribution(s, k, atEOF)
		if d == decMore {
			return 0, 0, 0, decMore
		}
		if ok {
			return 0, j, 0, decNone
		}
	}
	if single {
		if sg.period(s, i, next1, fr, newline, nextInitial) == decNone {
			return 0, j, 0, decNone
		}
	}
	// Emoticons after the terminator stay with the sentence: "Great! :)".
	// (emoticonRun finds none when the next byte starts none and the text
	// holds the four bytes emoticonAt wants to see before it decides.) A
	// break at j comes with k: the cluster ends in a terminator, a quote or
	// a bracket, never in white space.
	if !newline && (emoticonStart[s[k]] || !atEOF && len(s)-k < 4) {
		ee, more := emoticonRun(s, k, atEOF)
		if more {
			return 0, 0, 0, decMore
		}
		if ee > k {
			return ee, 0, rl, decBreak
		}
	}
	return j, k, rl, decBreak
}

// emoticonStart marks the bytes at which emoticonAt may find an emoticon.
var emoticonStart = [256]bool{':': true, ';': true, '=': true, '<': true}

// clusterByte marks the ASCII bytes that the cases of the cluster loop of
// terminator take after the spaces: the terminators . ! ? (classOf), the
// straight quotes and the closing brackets (isCloser).
var clusterByte = [utf8.RuneSelf]bool{'.': true, '!': true, '?': true, '"': true, '\'': true, ')': true, ']': true, '}': true}

func containsNewline(s string) bool {
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
func prevWord(s string, i int) int {
	b := i
	for b > 0 && i-b < maxWord {
		if c := s[b-1]; c < utf8.RuneSelf {
			if asciiSpace[c] {
				break
			}
			b--
			continue
		}
		if isDevanagariAt(s, b-3) {
			b -= 3 // a Devanagari rune, not a space
			continue
		}
		if b >= 2 && s[b-2]-0xC2 < 0xE0-0xC2 && s[b-1]&0xC0 == 0x80 {
			// A two-byte rune (Cyrillic, Arabic), which decodeLast would
			// take whole; U+0085 and U+00A0 are white space.
			if s[b-2] == 0xC2 && (s[b-1] == 0x85 || s[b-1] == 0xA0) {
				break
			}
			b -= 2
			continue
		}
		r, n := decodeLast(s[:b])
		if isSpace(r) {
			break
		}
		b -= n
	}
	for b < i {
		r, n := decode(s[b:])
		if !isOpener(r) {
			break
		}
		b += n
	}
	return b
}

// period decides at a single full stop at s[i] that white space follows;
// next is the next word, fr its first rune, newline tells whether a line
// ends between them, and nextInitial whether next is a one-letter initial.
func (sg *Segmenter) period(s string, i int, next string, fr rune, newline, nextInitial bool) decision {
	b := prevWord(s, i)
	w := s[b:i]
	if w == "" {
		return decBreak
	}
	r0, _ := decode(w)
	sc := scriptOf(r0)
	d := sg.data[sc]
	k := d.kind(w)
	if k&kindTitle != 0 {
		return decNone // Dr. Smith, e.g. this
	}
	if newline {
		return decBreak
	}
	if sg.kindOf(next)&kindContinuer != 0 {
		return decNone // डी. फिल. की डिग्री
	}
	if k&kindNumeric != 0 && isDigit(fr) {
		return decNone // No. 5
	}
	if b == 0 && isListMarker(w) {
		return decNone // 1. First item
	}
	if k&kindAbbrev != 0 || isInitial(w, sc, d) {
		// Inc., U.S., J.: the sentence ends only if the next word
		// starts one.
		if !nextInitial && !isLower(fr) && !isDigit(fr) && sg.isStarter(next) {
			return decBreak
		}
		return decNone
	}
	return decBreak
}

// brandName reports whether the word before s[i] is a capitalized word
// inside the sentence, not its first word: a name such as Yahoo!.
func (sg *Segmenter) brandName(s string, i int) bool {
	b := prevWord(s, i)
	if b == 0 || b == i {
		return false
	}
	r, _ := decode(s[b:])
	return isUpper(r)
}

// kindOf returns the kinds of word w in the data of its script.
func (sg *Segmenter) kindOf(w string) uint16 {
	if w == "" {
		return 0
	}
	r, _ := decode(w)
	return sg.data[scriptOf(r)].kind(w)
}

// isStarter reports whether w often begins a sentence in its language.
func (sg *Segmenter) isStarter(w string) bool {
	if w == "" {
		return false
	}
	r, _ := decode(w)
	return sg.data[scriptOf(r)].kind(w)&kindStarter != 0
}

// isListMarker reports whether w, at the start of a sentence before a full
// stop, numbers a list item: 1 to 3 digits, a single letter, or a small roman
// numeral.
func isListMarker(w string) bool {
	if w == "" {
		return false
	}
	digits := true
	n := 0
	for _, r := range w {
		n++
		if !isDigit(r) {
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
func isInitial(w string, sc script, d *langData) bool {
	switch sc {
	case scriptLatin:
		r, n := decode(w)
		if n == len(w) {
			return isUpper(r)
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
			if scriptOf(r) != scriptLatin {
				return false
			}
			part++
			if part > 2 {
				return false
			}
		}
		return dotted
	case scriptDevanagari:
		if d.kind(w)&kindFinal != 0 {
			return false
		}
		// Dotted initials without spaces: ए.पी.जे
		for len(w) > 0 {
			j := 0
			for j < len(w) && w[j] != '.' {
				j++
			}
			if a := aksharas(w[:j]); a != 1 && d.kind(w[:j])&kindAbbrev == 0 {
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
func (sg *Segmenter) attribution(s string, k int, atEOF bool) (decision, bool) {
	i := k
	for i < len(s) && i-k < maxSpeech {
		w := i
		for i < len(s) {
			r, n := decode(s[i:])
			if isSpace(r) || classOf(r) != termNone || isCloser(r) || r == ',' {
				break
			}
			i += n
		}
		if i > w {
			r, _ := decode(s[w:])
			d := sg.data[scriptOf(r)]
			if d == nil || !d.hasSpeech {
				return decNone, false
			}
			if i == len(s) && !atEOF {
				return decMore, false
			}
			if d.kind(s[w:i])&kindSpeech != 0 {
				return decNone, true
			}
		}
		if i == len(s) {
			break
		}
		r, n := decode(s[i:])
		if classOf(r) != termNone {
			return decNone, false
		}
		i += n
	}
	if i >= len(s) && !atEOF {
		return decMore, false
	}
	return decNone, false
}

// lineEnd decides at a line end s[i] inside the paragraph; the line starts
// at lineStart. A line that does not end in a terminator ends a sentence
// (a headline, a list item, a signature), unless it looks wrapped: the next
// line starts with a lowercase letter, or the line is long.
func (sg *Segmenter) lineEnd(s string, lineStart, i int, atEOF bool) (e, next int, rl Rule, d decision) {
	k := skipSpace(s, i)
	if k == len(s) {
		if !atEOF {
			return 0, 0, 0, decMore
		}
		return i, 0, RuleEndOfText, decBreak
	}
	if containsNewline(s[i+1 : k]) {
		return i, 0, RuleLineBreak, decBreak // a blank line
	}
	line := s[lineStart:i]
	if trimEnd(line) == 0 {
		return 0, i + 1, 0, decNone
	}
	// A list item on the next line.
	if m, more := listItemStart(s[k:], atEOF); more {
		return 0, 0, 0, decMore
	} else if m {
		return i, 0, RuleListItem, decBreak
	}
	nr, _ := decode(s[k:])
	if isLower(nr) {
		return 0, i + 1, 0, decNone
	}
	if utf8.RuneCountInString(line) >= wrapWidth {
		return 0, i + 1, 0, decNone
	}
	pr, _ := decodeLast(line[:trimEnd(line)])
	if pr == '-' || pr == '‐' || pr == '\u00AD' {
		return 0, i + 1, 0, decNone
	}
	return i, 0, RuleLineBreak, decBreak
}

// listItemStart reports whether s starts with a list item marker: a bullet
// and a space, or 1 to 3 digits, "." or ")" and a space.
func listItemStart(s string, atEOF bool) (match, more bool) {
	r, n := decode(s)
	switch r {
	case '-', '*', '•', '·', '‣', '◦', '–', '—', '+', '○', '■', '□', '►', '▪':
		if n == len(s) {
			return false, !atEOF
		}
		c, _ := decode(s[n:])
		return isSpace(c), false
	}
	j := 0
	for j < len(s) && j < 4 {
		c, m := decode(s[j:])
		if !isDigit(c) {
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
	c, _ := decode(s[j+1:])
	return isSpace(c), false
}

// dash decides at a dash (- – —, n bytes long) at s[i] with a space on
// either side. It ends a sentence after a word that ends sentences (Urdu
// "ہے -") and after a closed quotation in a language that writes such
// dashes.
func (sg *Segmenter) dash(s string, i, n int, atEOF bool) (e, next int, rl Rule, d decision) {
	next = i + n
	if i == 0 || s[i-1] != ' ' {
		return
	}
	if i+n == len(s) {
		if !atEOF {
			d = decMore
		}
		return
	}
	if s[i+n] != ' ' {
		return
	}
	k := skipSpace(s, i+n)
	w1 := wordEnd(s, k)
	if w1 == len(s) && !atEOF {
		return 0, 0, 0, decMore
	}
	if k == len(s) {
		return
	}
	fr, _ := decode(s[k:])
	if isOpener(fr) || isDigit(fr) || isLower(fr) {
		return // a dash before a quotation, a number, a lowercase word
	}
	t := s[:trimEnd(s[:i])]
	// Closing quotes before the dash.
	u, quoted := t, false
	for len(u) > 0 {
		r, m := decodeLast(u)
		if !isCloser(r) {
			break
		}
		quoted = quoted || r != ')' && r != ']' && r != '}'
		u = u[:len(u)-m]
	}
	w := u[prevWord(u, len(u)):]
	if w == "" {
		return
	}
	r, _ := decode(w)
	ld := sg.data[scriptOf(r)]
	if ld == nil {
		return
	}
	if ld.hasFinal && (quoted || ld.kind(w)&kindFinal != 0) {
		return i + n, 0, RuleDash, decBreak
	}
	return
}

// isDevanagariAt reports whether a rune of the Devanagari block (U+0900 to
// U+097F, E0 A4 xx and E0 A5 xx) starts at s[i].
func isDevanagariAt(s string, i int) bool {
	return i >= 0 && i+2 < len(s) && s[i] == 0xE0 && s[i+1]&^1 == 0xA4 && s[i+2]&0xC0 == 0x80
}

// wordEnd returns the end of the word that starts at s[k]: letters,
// digits, marks and inner apostrophes and hyphens, at most maxWord bytes.
func wordEnd(s string, k int) int {
	w := k
	for w < len(s) && w-k < maxWord {
		if c := s[w]; c < utf8.RuneSelf {
			if !asciiWord[c] {
				break
			}
			w++
			continue
		}
		if isDevanagariAt(s, w) {
			// A letter, a mark or a digit but for the dandas and ॰.
			if s[w+1] == 0xA5 && (s[w+2] == 0xA4 || s[w+2] == 0xA5 || s[w+2] == 0xB0) {
				break
			}
			w += 3
			continue
		}
		if c := s[w]; c >= 0xC2 && c < 0xE0 && w+1 < len(s) && s[w+1]&0xC0 == 0x80 {
			// A two-byte rune (Cyrillic, Arabic): a letter, a mark or a
			// digit, in wordBMP, which holds neither U+0085 nor U+00A0
			// (white space), goes on the word.
			if r := rune(c&0x1F)<<6 | rune(s[w+1]&0x3F); wordBMP[r>>6]&(1<<(r&63)) == 0 {
				break
			}
			w += 2
			continue
		}
		c, m := decode(s[w:])
		if isSpace(c) || !isLetterOrDigit(c) && c != '\'' && c != '’' && c != '-' {
			break
		}
		w += m
	}
	return w
}

// asciiWord marks the ASCII bytes that wordEnd takes into a word.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		r := rune(c)
		t[c] = !isSpace(r) && (isLetterOrDigit(r) || r == '\'' || r == '-')
	}
	return
}()

// comma decides at a comma at s[i]: after a closing of a letter ("Best
// regards,") or a salutation ("Hi John,") at the start of the sentence, the
// sentence ends when a capitalized word follows.
func (sg *Segmenter) comma(s string, i int, atEOF bool) (e, next int, rl Rule, d decision) {
	next = i + 1
	// Where the byte before the comma ends neither white space nor an
	// opener word, opener would find nothing (trimEnd is i, and
	// openerEnds lacks the byte): it is not called.
	if i > 0 && (sg.openerEnds.has(s[i-1]) || mayEndSpace(s[i-1])) {
		if e, ok := sg.opener(s, i); ok {
			return e, 0, RuleOpener, decBreak
		}
	}
	if i > maxGreeting {
		return
	}
	// The comma of a salutation or a closing ends the sentence only before
	// white space and a capital (and asks for more text when the text may
	// go on after the white space); else the outcome is decNone whatever
	// the phrase before the comma. So what follows the comma is looked at
	// first: it rejects most commas at less cost than the phrase.
	k := skipSpace(s, i+1)
	if k == i+1 {
		return
	}
	if k == len(s) {
		if atEOF || !sg.letterPhrase(s[:i]) {
			return
		}
		return 0, next, 0, decMore
	}
	if r, _ := decode(s[k:]); !isUpper(r) || !sg.letterPhrase(s[:i]) {
		return
	}
	return i + 1, 0, RuleGreeting, decBreak
}

// letterPhrase reports whether phrase, the start of a sentence up to a
// comma, is a closing of a letter ("Best regards") or a salutation ("Hi
// John") in the data of its script.
func (sg *Segmenter) letterPhrase(phrase string) bool {
	r0, _ := decode(phrase)
	ld := sg.data[scriptOf(r0)]
	if ld == nil || !ld.hasLetters {
		return false
	}
	if ld.kind(phrase)&kindClosing != 0 {
		return true
	}
	// A salutation: its first word is a greeting, and it has at most four
	// words (fields between white space, as strings.Fields).
	f := skipSpace(phrase, 0)
	w := f
	for w < len(phrase) {
		r, n := decode(phrase[w:])
		if isSpace(r) {
			break
		}
		w += n
	}
	return ld.kind(phrase[f:w])&kindGreeting != 0 && fieldsAtMost(phrase[w:], 3)
}

// fieldsAtMost reports whether s has at most n fields: runs of non-space
// runes between white space, as strings.Fields counts them.
func fieldsAtMost(s string, n int) bool {
	inField := false
	for _, r := range s {
		if isSpace(r) {
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
func (sg *Segmenter) opener(s string, i int) (e int, ok bool) {
	j := i // "लेकिन,"
	if i == 0 || mayEndSpace(s[i-1]) {
		j = trimEnd(s[:i]) // "लेकिन ," (else trimEnd is i)
	}
	if !sg.mayEndOpener(s, j) {
		return 0, false // no opener word ends with these bytes
	}
	b := prevWord(s, j)
	if b == 0 || b == j {
		return 0, false
	}
	if r, _ := decodeLast(s[:b]); !isSpace(r) {
		return 0, false // a quote or a bracket before the word
	}
	w := s[b:j]
	r, _ := decode(w)
	ld := sg.data[scriptOf(r)]
	if ld == nil || !ld.hasOpeners || ld.kind(w)&kindOpener == 0 {
		return 0, false
	}
	e = trimEnd(s[:b])
	if e == 0 || ld.kind(s[prevWord(s, e):e])&kindFinal == 0 {
		return 0, false
	}
	return e, true
}

// address decides at the '@' of an e-mail address or the "://" of a URL
// at s[i]. A line of a signature, a header or a list of links ends with an
// address, so an address followed by a capitalized word or another address
// ends a sentence ("jane@example.com Phone: …"). A terminator at the end
// of the address is left to the terminator rules.
func (sg *Segmenter) address(s string, i int, atEOF bool) (e, next int, rl Rule, d decision) {
	next = i + 1
	if i == 0 || i+1 >= len(s) || !isAddressByte(s[i-1]) || !isAddressByte(s[i+1]) && s[i] == '@' {
		return
	}
	url := s[i] == ':'
	te := i + 1
	for te < len(s) {
		r, n := decode(s[te:])
		if isSpace(r) {
			break
		}
		if url && r == ':' && strings.HasPrefix(s[te:], "://") || !url && r == '@' {
			return // a second address in the same token: not one address
		}
		te += n
		if te-i > maxAddress {
			return // not an address, or too long to tell
		}
	}
	if te == len(s) {
		if !atEOF {
			d = decMore
		}
		return
	}
	if s[i] == '@' && !strings.Contains(s[i:te], ".") {
		return
	}
	if r, _ := decodeLast(s[:te]); classOf(r) != termNone {
		return
	}
	k := skipSpace(s, te)
	if containsNewline(s[te:k]) {
		return // the line end decides
	}
	if k+8 > len(s) && !atEOF {
		return 0, 0, 0, decMore // enough to see "https://"
	}
	if k == len(s) {
		return
	}
	r, _ := decode(s[k:])
	switch {
	case isUpper(r),
		r == '<' && !strings.HasPrefix(s[k:], "<<"),
		strings.HasPrefix(s[k:], "http://"), strings.HasPrefix(s[k:], "https://"),
		strings.HasPrefix(s[k:], "www."):
		return te, 0, RuleAddress, decBreak
	}
	return
}

// isAddressByte reports whether c may stand next to the '@' of an e-mail
// address or before the "://" of a URL.
func isAddressByte(c byte) bool {
	return c|0x20 >= 'a' && c|0x20 <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-' || c == '+' || c >= utf8.RuneSelf
}

// emoticon decides at ':', ';' or '=' at s[i]: an emoticon after white
// space, with more text after it, ends a sentence ("great :) Now").
func (sg *Segmenter) emoticon(s string, i int, atEOF bool) (e, next int, rl Rule, d decision) {
	next = i + 1
	if i == 0 || !isSpace(rune(s[i-1])) {
		return
	}
	end, more := emoticonRun(s, i, atEOF)
	if more {
		return 0, 0, 0, decMore
	}
	if end == i {
		return
	}
	return end, 0, RuleEmoticon, decBreak
}

// emoticonRun returns the end of the emoticons (":)", ":-(", ";P", "<3")
// at s[i], separated by single spaces, or i when there is none. An emoticon
// must be followed by white space or the end of the text.
func emoticonRun(s string, i int, atEOF bool) (end int, more bool) {
	end = i
	for {
		n, more := emoticonAt(s[end:], atEOF)
		if more {
			return 0, true
		}
		if n == 0 {
			return end, false
		}
		end += n
		if end+1 < len(s) && s[end] == ' ' {
			n, more := emoticonAt(s[end+1:], atEOF)
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
func emoticonAt(s string, atEOF bool) (n int, more bool) {
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
	if j < len(s) && !isSpace(rune(s[j])) {
		return 0, false
	}
	return j, false
}
