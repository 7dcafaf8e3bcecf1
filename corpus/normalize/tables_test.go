package normalize

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// interestingRunes are characters around which normalization is tricky:
// marks of several combining classes, characters that combine with the one
// before (quick check Maybe), decomposing characters, conjoining jamo,
// non-starter decompositions, U+FF9E (a starter with a non-starter
// decomposition in NFKC), Hangul syllables, white space and ASCII.
var interestingRunes = []rune{
	'a', 'e', 'A', 'u', ' ', 0x00A0, 0x2000, 0x3000,
	0x0300, 0x0301, 0x0302, 0x0304, 0x0305, 0x0308, 0x030A, 0x0316, 0x0323, 0x0327, 0x0334, 0x0338, 0x0345,
	0x035C, 0x0344, 0x0F73, 0x0F71, 0x0F72, 0x0F80, 0xFF9E, 0x3099, 0x304B, 0x30AB,
	0x00E9, 0x00C5, 0x01D6, 0x1E9B, 0x0958, 0x0915, 0x0928, 0x093C, 0x094D, 0x0930,
	0x09C7, 0x09BE, 0x09D7, 0x0B47, 0x0B3E, 0x0DD9, 0x0DCF, 0x0DCA,
	0x1100, 0x1161, 0x11A8, 0xAC00, 0xAC01, 0x0627, 0x0653, 0x0654, 0x064E, 0x0651,
	0x034F, 0x200D, 0x0041, 0x212B, 0xFB01, 0x00BD, 0x1D15E, 0x1D165, 0x11099, 0x110BA,
}

func randomInteresting(rng *rand.Rand, maxBytes int) string {
	var b strings.Builder
	for {
		r := interestingRunes[rng.IntN(len(interestingRunes))]
		if b.Len()+utf8.RuneLen(r) > maxBytes {
			return b.String()
		}
		b.WriteRune(r)
	}
}

// TestIterMatchesAppend checks that a norm.Iter, used for short segments,
// gives the output of norm.Form.Append on strings up to maxIterSegment
// bytes.
func TestIterMatchesAppend(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := 200000
	if testing.Short() {
		n = 20000
	}
	for _, nf := range []norm.Form{norm.NFC, norm.NFD, norm.NFKC, norm.NFKD} {
		for k := 0; k < n/4; k++ {
			s := []byte(randomInteresting(rng, 1+rng.IntN(maxIterSegment)))
			want := nf.Append(nil, s...)
			useIter := !bytes.ContainsAny(s, "\uFF9E\uFF9F") && utf8.RuneCount(s) == len([]rune(string(s))) && !has4(s)
			got := normalizeTail(append([]byte("x"), s...), 1, nf, useIter)[1:]
			if string(got) != string(want) {
				t.Fatalf("form %d: Iter gives %+q, Append %+q for %+q", nf, got, want, s)
			}
			if regionIsNormal(s, nf, useIter) != (string(want) == string(s)) {
				t.Fatalf("form %d: regionIsNormal(%+q) = %v", nf, s, !(string(want) == string(s)))
			}
		}
	}
}

// TestRandomInteresting compares Append with the reference on random text
// made of interesting characters, in every form.
func TestRandomInteresting(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for k := 0; k < n; k++ {
		s := randomInteresting(rng, 1+rng.IntN(60))
		for _, f := range allForms {
			want := appendSimple(nil, []byte(s), f, nil)
			got := Append(nil, []byte(s), f)
			if string(got) != string(want) {
				t.Fatalf("%v: Append(%+q) = %+q, reference %+q", f, s, got, want)
			}
			if IsNormalized(s, f) != (string(want) == s) {
				t.Fatalf("%v: IsNormalized(%+q) = %v, reference changes it: %v", f, s, !(string(want) == s), string(want) != s)
			}
		}
	}
}

// TestEveryCodePoint checks every code point of the BMP, and every code
// point beyond that x/text does not mark as inert, alone and in a few
// contexts, in every form against the reference.
func TestEveryCodePoint(t *testing.T) {
	contexts := []struct{ before, after string }{
		{"", ""}, {"a", "\u0301"}, {"\u0928", "\u093C"}, {"e\u0301", "\u0316 "},
	}
	step := rune(1)
	if testing.Short() {
		step = 13
	}
	var got, want []byte
	var buf [utf8.UTFMax]byte
	for r := rune(0); r <= 0x10FFFF; r += step {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		rb := buf[:utf8.EncodeRune(buf[:], r)]
		if r > 0xFFFF && norm.NFC.Properties(rb).BoundaryAfter() && norm.NFKC.Properties(rb).BoundaryAfter() {
			continue
		}
		for _, c := range contexts {
			s := []byte(c.before + string(rb) + c.after)
			for _, f := range allForms {
				want = appendSimple(want[:0], s, f, nil)
				got = Append(got[:0], s, f)
				if string(got) != string(want) {
					t.Fatalf("%v: Append(%+q) = %+q, reference %+q", f, s, got, want)
				}
			}
		}
	}
}

// has4 reports whether s holds a rune of 4 bytes.
func has4(s []byte) bool {
	for _, r := range string(s) {
		if r >= 0x10000 {
			return true
		}
	}
	return false
}

// TestWhiteSpaceSet checks that the white space trimmed at line ends is
// Unicode's White_Space less the line breaks and the controls the cleanup
// removes.
func TestWhiteSpaceSet(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		want := unicode.Is(unicode.White_Space, r) && r != '\n' && r != '\r' && r != 0x2028 && r != 0x2029 && !isRemoved(r)
		if isSpace(r) != want {
			t.Errorf("isSpace(%U) = %v, want %v", r, isSpace(r), want)
		}
	}
}

// TestFormsKeepCleanup checks the assumption that makes the cleanup and the
// forms commute: no form turns a character the cleanup keeps into one it
// removes or rewrites (a control, U+FEFF, CR, LF, U+2028, U+2029).
func TestFormsKeepCleanup(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		if (r >= 0xD800 && r <= 0xDFFF) || isRemoved(r) || r == '\r' || r == '\n' || r == 0x2028 || r == 0x2029 {
			continue
		}
		for _, nf := range []norm.Form{norm.NFC, norm.NFD, norm.NFKC, norm.NFKD} {
			for _, c := range nf.String(string(r)) {
				if isRemoved(c) || c == '\r' || c == '\n' || c == 0x2028 || c == 0x2029 {
					t.Errorf("form %d maps %U to %+q", nf, r, nf.String(string(r)))
				}
			}
		}
	}
}

// TestClasses spot-checks the class tables.
func TestClasses(t *testing.T) {
	tests := []struct {
		f    Form
		r    rune
		want uint8
	}{
		{NFC, 'a', clsStarter},
		{NFC, 0x00E9, clsStarter + 1}, // é: e + U+0301
		{NFC, 0x0915, clsStarter},
		{NFC, 0x094D, clsMark},  // virama
		{NFC, 0x093C, clsMaybe}, // nukta
		{NFD, 0x093C, clsMark},
		{NFC, 0x0958, clsUnsafe}, // composition exclusion
		{NFC, 0x00A0, clsSpace},
		{NFKC, 0x00A0, clsUnsafe},
		{NFC, 0x2000, clsUnsafe}, // maps to U+2002
		{NFC, 0x3000, clsSpace},
		{NFC, 0xFEFF, clsRemove},
		{NFC, 0x0085, clsRemove},
		{NFC, 0x2028, clsLineSep},
		{NFC, 0x2029, clsParaSep},
		{NFC, 0x1161, clsUnsafe},      // jamo: composed by algorithm
		{NFC, 0xAC00, clsStarter + 1}, // x/text counts its V as trailing
		{NFD, 0xAC00, clsUnsafe},
		{NFC, 0xFF9E, clsUnsafe},
		{None, 0x0958, clsStarter},
		{None, 0x0301, clsStarter},
	}
	for _, tc := range tests {
		if got := tableFor(tc.f).lookup(tc.r); got != tc.want {
			t.Errorf("%v: class of %U = %d, want %d", tc.f, tc.r, got, tc.want)
		}
	}
	if e := tableFor(NFC).entry(0x094D); e>>8 != 9 {
		t.Errorf("NFC: combining class of U+094D = %d, want 9", e>>8)
	}
	if e := tableFor(NFD).entry(0xFF9E); e>>8 != unsafeForIter {
		t.Errorf("NFD: U+FF9E not marked unsafe for norm.Iter: %#x", e)
	}
	m := tableFor(NFC).maybes[tableFor(NFC).entry(0x093C)>>8]
	if m.ccc != 7 || !m.combinesWith(0x0928) || m.combinesWith(0x0915) {
		t.Errorf("NFC: nukta info = %+v", m)
	}
}
