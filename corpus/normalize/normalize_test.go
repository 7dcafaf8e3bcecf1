package normalize

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"golang.org/x/text/transform"
)

var allForms = []Form{None, NFC, NFD, NFKC, NFKD}

// A case is an input with its expected output for some forms. The forms of
// one case share want; a form not listed is not checked by that case.
type normCase struct {
	name  string
	in    string
	forms []Form
	want  string
}

var (
	every    = allForms
	composed = []Form{None, NFC, NFKC}
	canon    = []Form{None, NFC, NFD}
	nfcOnly  = []Form{NFC}
	nfdOnly  = []Form{NFD}
	nfkcOnly = []Form{NFKC}
)

var normCases = []normCase{
	{"empty", "", every, ""},
	{"ascii", "hello, world", every, "hello, world"},
	{"indent kept, end trimmed", "  hello  ", every, "  hello"},
	{"crlf and cr", "a\r\nb\rc\nd\r\n", every, "a\nb\nc\nd"},
	{"cr cr lf", "a\r\r\nb", every, "a\n\nb"},
	{"line and paragraph separators", "a\u2028b\u2029c", every, "a\nb\n\nc"},
	{"bom anywhere", "\uFEFFhello\uFEFF wor\uFEFFld\uFEFF", every, "hello world"},
	{"controls removed", "a\x00b\x07c\x1bd\x7fe\u0085f\u009fg\th\vi\fj", every, "abcdefg\thij"},
	{"controls only", "\x00\x01\x02", every, ""},
	{"zwj zwnj kept", "क्\u200Dष र\u200Cय می\u200Cخواهم", every, "क्\u200Dष र\u200Cय می\u200Cخواهم"},
	{"format chars kept", "a\u200Bb\u2060c\u00ADd\u200Ee\u061Cf", every, "a\u200Bb\u2060c\u00ADd\u200Ee\u061Cf"},
	{"blank line runs", "\n\n  \n a\n\n\n\nb\n \t\n\u3000\nc\n\n", every, " a\n\nb\n\nc"},
	{"trailing unicode spaces", "a \t\u00A0\u3000\nb\u2003\u205F\u202F\u1680", every, "a\nb"},
	{"white space only", " \n\t\n\u3000\r\n", every, ""},
	{"trailing blank lines", "a\n   \n\t", every, "a"},
	{"nbsp inside line", "a\u00A0b", canon, "a\u00A0b"},
	{"nbsp nfkc", "a\u00A0b\u00A0\nc", nfkcOnly, "a b\nc"},
	{"ideographic space nfkc", "日本\u3000語\u3000", nfkcOnly, "日本 語"},
	{"en quad nfc", "a\u2000b\u2001", nfcOnly, "a\u2002b"},
	{"latin precomposed", "Ångström café naïve", composed, "Ångström café naïve"},
	{"latin nfc composes", "e\u0301 A\u030A", []Form{NFC, NFKC}, "é Å"},
	{"latin nfd", "café Å", []Form{NFD, NFKD}, "cafe\u0301 A\u030A"},
	{"control between base and mark", "e\x07\u0301", []Form{NFC, NFKC}, "é"},
	{"bom between base and mark", "e\uFEFF\u0301", []Form{NFC, NFKC}, "é"},
	{"vietnamese", "Tiếng Việt có dấu", composed, "Tiếng Việt có dấu"},
	{"vietnamese nfd", "ệ", nfdOnly, "e\u0323\u0302"},
	{"mark order nfc", "a\u0301\u0323", nfcOnly, "ạ\u0301"},
	{"devanagari", "हिन्दी भाषा में लिखा गया पाठ।", every, "हिन्दी भाषा में लिखा गया पाठ।"},
	{"devanagari zwj zwnj", "क्\u200Dष क्\u200Cष", every, "क्\u200Dष क्\u200Cष"},
	// U+0958–U+095F are composition exclusions: NFC decomposes them.
	{"nukta letters decomposed", "\u0958\u0959\u095A\u095B\u095C\u095D\u095E\u095F", []Form{NFC, NFD, NFKC, NFKD},
		"\u0915\u093C\u0916\u093C\u0917\u093C\u091C\u093C\u0921\u093C\u0922\u093C\u092B\u093C\u092F\u093C"},
	{"nukta letters none", "\u0958\u095B", []Form{None}, "\u0958\u095B"},
	{"nukta sequence stays decomposed", "ज़रूर फ़िल्म", every, "ज़रूर फ़िल्म"},
	{"nukta composes with na", "\u0928\u093C", []Form{NFC, NFKC}, "\u0929"},
	{"nukta decomposes from nnna", "\u0929", []Form{NFD, NFKD}, "\u0928\u093C"},
	{"bengali two-part vowel", "\u0995\u09C7\u09BE", []Form{NFC, NFKC}, "\u0995\u09CB"},
	{"arabic", "السلام عليكم ورحمة الله", every, "السلام عليكم ورحمة الله"},
	{"arabic marks reordered", "\u0628\u0651\u064E", []Form{NFC, NFD, NFKC, NFKD}, "\u0628\u064E\u0651"},
	{"arabic presentation forms nfkc", "\uFEFB\uFDF2", nfkcOnly, "\u0644\u0627\u0627\u0644\u0644\u0647"},
	{"cjk", "日本語のテキスト。中文文本。", every, "日本語のテキスト。中文文本。"},
	{"fullwidth nfkc", "ＡＢＣ１２３", nfkcOnly, "ABC123"},
	{"halfwidth katakana nfkc", "ｶﾞｷﾞ", nfkcOnly, "ガギ"},
	{"hangul syllables", "한국어 텍스트", composed, "한국어 텍스트"},
	{"hangul jamo nfc", "\u1100\u1161\u11A8", []Form{NFC, NFKC}, "각"},
	{"hangul nfd", "각", []Form{NFD, NFKD}, "\u1100\u1161\u11A8"},
	{"emoji zwj sequences", "👨\u200D👩\u200D👧\u200D👦 👍🏽 🏳️\u200D🌈", every, "👨\u200D👩\u200D👧\u200D👦 👍🏽 🏳️\u200D🌈"},
	{"ligature and super nfkc", "ﬁne x² ①", nfkcOnly, "fine x2 1"},
	{"invalid utf-8", "a\xffb\xe0\xa4c\xed\xa0\x80", every, "a\uFFFDb\uFFFD\uFFFDc\uFFFD\uFFFD\uFFFD"},
	{"invalid at end", "a\xe0\xa4", every, "a\uFFFD\uFFFD"},
	{"mark at text start", "\u0301a", canon, "\u0301a"},
	{"nukta at line start", "\u0928\n\u093Cb", every, "\u0928\n\u093Cb"},
	{"nukta after removed control", "\u0928\x00\u093C", []Form{NFC, NFKC}, "\u0929"},
	{"lines without trailing space", "a\nb\n\nc\n", every, "a\nb\n\nc"},
	{"mark after line break", "a\n\u0301b", canon, "a\n\u0301b"},
	{"mark after trailing space", "a \u0301\nb", canon, "a \u0301\nb"},
	{"spacing diaeresis nfkc at end", "a\u00A8", nfkcOnly, "a \u0308"},
	{"long mark run gets cgj", "a" + strings.Repeat("\u0305", 31), []Form{NFC, NFD},
		"a" + strings.Repeat("\u0305", 30) + "\u034F\u0305"},
	{"mixed document", "\uFEFFTitle  \r\n\r\n\r\nहिन्दी\u00A0\r\nनमस्ते\x00 दुनिया\t\r\n\r\n", composed,
		"Title\n\nहिन्दी\nनमस्ते दुनिया"},

	// The edges of the fast path for runs of text in one script (scanRun):
	// runes it takes in its tight loop or leaves to the rest, inside a run,
	// at its start and at the end of the text.
	{"nukta after na in a run", "कमन\u093C नर\u093C लळ\u093C", []Form{NFC, NFKC}, "कमऩ नऱ लऴ"},
	{"nukta after na in a run, decomposed", "कमन\u093C नर\u093C लळ\u093C", []Form{None, NFD, NFKD}, "कमन\u093C नर\u093C लळ\u093C"},
	{"nukta after letters it does not combine with", "ज\u093Cरूर फ\u093Cिल्म", every, "ज\u093Cरूर फ\u093Cिल्म"},
	{"virama then nukta", "क\u094D\u093Cष", []Form{NFC, NFD, NFKC, NFKD}, "क\u093C\u094Dष"},
	{"virama then nukta none", "क\u094D\u093Cष", []Form{None}, "क\u094D\u093Cष"},
	{"nukta then virama", "क\u093C\u094Dष", every, "क\u093C\u094Dष"},
	{"virama then nukta after na", "न\u094D\u093C", []Form{NFC, NFKC}, "\u0929\u094D"},
	{"virama then nukta after na, decomposed", "न\u094D\u093C", []Form{NFD, NFKD}, "न\u093C\u094D"},
	{"two viramas", "क\u094D\u094Dष", every, "क\u094D\u094Dष"},
	{"nukta letter in a run", "अ\u0958बार \u095Bरूर", []Form{NFC, NFD, NFKC, NFKD}, "अक\u093Cबार ज\u093Cरूर"},
	{"stress marks", "क\u0951 क\u0952\u0951 क\u0951\u0952", []Form{NFC, NFD, NFKC, NFKD}, "क\u0951 क\u0952\u0951 क\u0952\u0951"},
	{"run to the end of the text", "हिन्दी", every, "हिन्दी"},
	{"run cut inside a rune", "हिन्द\xE0\xA5", every, "हिन्द\uFFFD\uFFFD"},
	{"run cut after a first byte", "हिन्दी\xE0", every, "हिन्दी\uFFFD"},
	{"first bytes then ascii", "क\xE0\xA4a ख", every, "क\uFFFD\uFFFDa ख"},
	{"overlong in a run", "क\xE0\x80\x80ख", every, "क\uFFFD\uFFFD\uFFFDख"},
	{"nukta at text start", "\u093Cक", every, "\u093Cक"},
	{"nukta after space", "क \u093C", every, "क \u093C"},
	{"nukta after line break in a run", "क\n\u093Cख", every, "क\n\u093Cख"},
	{"lines of a run", "क ख।\nग घ।\n\nङ\n", every, "क ख।\nग घ।\n\nङ"},
	{"space before line break in a run", "क ख \nग", every, "क ख\nग"},
	{"arabic marks in a run", "مُحَمَّد عَرَبِيّ", every, "مُحَمَّد عَرَبِيّ"},
	{"hamza above after alef", "ا\u0654 ل\u0654", []Form{NFC, NFKC}, "أ ل\u0654"},
	{"cyrillic and latin blocks", "Москва и ёлка, café naïve façade Øresund łódź\nŽluťoučký kůň", composed,
		"Москва и ёлка, café naïve façade Øresund łódź\nŽluťoučký kůň"},
	{"cyrillic and latin blocks nfd", "ёлка café łódź", []Form{NFD, NFKD}, "е\u0308лка cafe\u0301 ło\u0301dz\u0301"},
	{"cyrillic combining marks", "и\u0306 е\u0308 д\u0483", []Form{NFC, NFKC}, "й ё д\u0483"},
	{"latin block cut", "façade é\xC3", composed, "façade é\uFFFD"},
	{"hangul and han", "한국어 日本語 텍스트\u3000", composed, "한국어 日本語 텍스트"},
	{"emoji run", "👨\u200D👩\u200D👧 👍🏽 🏳\uFE0F\u200D🌈.", every, "👨\u200D👩\u200D👧 👍🏽 🏳\uFE0F\u200D🌈."},
	{"supplementary marks", "\U0001D15E\U0001D165 \U00011099\U000110BA", []Form{NFC, NFKC}, "\U0001D157\U0001D165\U0001D165 \U0001109A"},
}

func TestAppend(t *testing.T) {
	for _, tc := range normCases {
		for _, f := range tc.forms {
			got := string(Append(nil, []byte(tc.in), f))
			if got != tc.want {
				t.Errorf("%s: Append(%+q, %v) =\n\t%+q\nwant\n\t%+q", tc.name, tc.in, f, got, tc.want)
			}
		}
	}
}

// TestAppendAllForms checks every case in every form against the reference
// (cleanup then x/text), and the invariants of the output.
func TestAppendAllForms(t *testing.T) {
	for _, tc := range normCases {
		for _, f := range allForms {
			checkAll(t, tc.name, []byte(tc.in), f)
		}
	}
}

// checkAll checks Append on in against the reference, the transformer, the
// idempotence and IsNormalized.
func checkAll(t *testing.T, name string, in []byte, f Form) {
	t.Helper()
	want := appendSimple(nil, in, f, nil)
	got := Append(nil, in, f)
	if !bytes.Equal(got, want) {
		t.Errorf("%s: Append(%+q, %v) =\n\t%+q\nreference\n\t%+q", name, in, f, got, want)
		return
	}
	if again := Append(nil, got, f); !bytes.Equal(again, got) {
		t.Errorf("%s: Append not idempotent for %v: %+q -> %+q", name, f, got, again)
	}
	if !IsNormalized(string(got), f) {
		t.Errorf("%s: IsNormalized(%+q, %v) = false for Append output", name, got, f)
	}
	if IsNormalized(string(in), f) != bytes.Equal(in, got) {
		t.Errorf("%s: IsNormalized(%+q, %v) = %v, Append changes it: %v", name, in, f, !bytes.Equal(in, got), !bytes.Equal(in, got))
	}
	if s := String(string(in), f); s != string(got) {
		t.Errorf("%s: String(%+q, %v) = %+q, want %+q", name, in, f, s, got)
	}
	prefix := []byte("prefix\u00A0")
	if out := Append(append([]byte(nil), prefix...), in, f); !bytes.Equal(out, append(prefix, got...)) {
		t.Errorf("%s: Append with a prefix in dst = %+q, want %+q", name, out, append(prefix, got...))
	}
	for _, chunk := range []int{1, 2, 3, 7} {
		r := transform.NewReader(&slowReader{data: in, max: chunk}, NewTransformer(f))
		stream, err := io.ReadAll(r)
		if err != nil {
			t.Errorf("%s: transformer %v chunk %d: %v", name, f, chunk, err)
			continue
		}
		if !bytes.Equal(stream, want) {
			t.Errorf("%s: transformer %v chunk %d =\n\t%+q\nwant\n\t%+q", name, f, chunk, stream, want)
		}
	}
}

// slowReader hands out at most max bytes per Read, cycling 1..max, so that
// buffer boundaries fall everywhere, also inside a multi-byte rune.
type slowReader struct {
	data []byte
	max  int
	n    int
}

func (r *slowReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	r.n = r.n%r.max + 1
	n := min(r.n, len(p), len(r.data))
	copy(p, r.data[:n])
	r.data = r.data[n:]
	return n, nil
}

func TestStats(t *testing.T) {
	var st Stats
	in := "\uFEFFa\x00b \r\n\r\n\r\n\u2028c\xff\u2029  "
	got := AppendStats(nil, []byte(in), NFC, &st)
	if want := "ab\n\nc\uFFFD"; string(got) != want {
		t.Fatalf("AppendStats = %+q, want %+q", got, want)
	}
	want := Stats{Removed: 2, Invalid: 1, LineBreaks: 5, Trimmed: 7}
	if st != want {
		t.Errorf("Stats = %+v, want %+v", st, want)
	}
	AppendStats(nil, []byte("x\x01"), NFC, &st)
	if st.Removed != 3 {
		t.Errorf("Stats do not add up: Removed = %d, want 3", st.Removed)
	}
	AppendStats(nil, []byte(in), NFC, nil) // nil Stats is allowed
}

func TestParseForm(t *testing.T) {
	for _, f := range allForms {
		for _, name := range []string{f.String(), strings.ToUpper(f.String())} {
			got, err := ParseForm(name)
			if err != nil || got != f {
				t.Errorf("ParseForm(%q) = %v, %v; want %v", name, got, err, f)
			}
		}
	}
	for _, name := range []string{"", "nfx", "NFC ", "c"} {
		_, err := ParseForm(name)
		if !errors.Is(err, ErrUnknownForm) {
			t.Errorf("ParseForm(%q) error = %v, want ErrUnknownForm", name, err)
			continue
		}
		for _, accepted := range []string{"none", "nfc", "nfd", "nfkc", "nfkd"} {
			if !strings.Contains(err.Error(), accepted) {
				t.Errorf("ParseForm(%q) error %q does not name %q", name, err, accepted)
			}
		}
	}
}

func TestFormString(t *testing.T) {
	want := map[Form]string{None: "none", NFC: "nfc", NFD: "nfd", NFKC: "nfkc", NFKD: "nfkd", Form(9): "Form(9)"}
	for f, s := range want {
		if f.String() != s {
			t.Errorf("Form(%d).String() = %q, want %q", uint8(f), f.String(), s)
		}
	}
}

func TestInvalidFormPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Append with Form(9) did not panic")
		}
	}()
	Append(nil, []byte("x"), Form(9))
}

func TestIsNormalized(t *testing.T) {
	tests := []struct {
		in   string
		f    Form
		want bool
	}{
		{"", NFC, true},
		{"a", NFC, true},
		{"a\n\nb", NFC, true},
		{"a\n\n\nb", NFC, false},
		{"\na", NFC, false},
		{"a\n", NFC, false},
		{"a \nb", NFC, false},
		{" a\nb", NFC, true},
		{"a\r\nb", NFC, false},
		{"a\x00", None, false},
		{"\uFEFFa", None, false},
		{"a\u2028b", None, false},
		{"a\xff", None, false},
		{"e\u0301", NFC, false},
		{"e\u0301", NFD, true},
		{"é", NFD, false},
		{"é", NFC, true},
		{"a\u00A0b", NFC, true},
		{"a\u00A0b", NFKC, false},
		{"a\u00A0", NFC, false},
		{"\u0958", None, true},
		{"\u0958", NFC, false},
		{"\u0915\u093C", NFC, true},
		{"a\n \nb", NFC, false},
	}
	for _, tc := range tests {
		if got := IsNormalized(tc.in, tc.f); got != tc.want {
			t.Errorf("IsNormalized(%+q, %v) = %v, want %v", tc.in, tc.f, got, tc.want)
		}
	}
}
