package segment

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/corpustools/corpus/internal/benchcorpus"
)

// The differential tests: the segmenter against the segmenter as it was
// before the speed-up (old_test.go), on generated corpora, on random texts
// made of the pieces that trigger the rules, and under the fuzzer. Any
// difference in a span or a rule, for any language, fails.

// diffSegmenters returns the auto segmenter and the segmenter of every
// language that has data.
func diffSegmenters(tb testing.TB) []*Segmenter {
	tb.Helper()
	var segs []*Segmenter
	for _, lang := range append([]string{""}, Languages()...) {
		s, err := New(lang)
		if err != nil {
			tb.Fatal(err)
		}
		segs = append(segs, s)
	}
	return segs
}

// checkDiff compares the sentences of text, and the first sentence of every
// suffix of text that starts a sentence with atEOF false and true (as Split
// calls it), between the segmenter and the old one.
func checkDiff(t testing.TB, segs []*Segmenter, text string) {
	t.Helper()
	for _, seg := range segs {
		got := seg.AppendSentences(nil, text)
		want := seg.oldAppendSentences(nil, text)
		if !slices.Equal(got, want) {
			t.Fatalf("lang %q, text %q:\nAppendSentences %v\nold             %v", seg.Language(), text, got, want)
		}
		s := text[skipSpace(text, 0):]
		for _, atEOF := range []bool{false, true} {
			if s == "" {
				break
			}
			e1, next, r1, m1 := seg.first(s, atEOF)
			e2, r2, m2 := seg.oldFirst(s, atEOF)
			if e1 != e2 || r1 != r2 || m1 != m2 {
				t.Fatalf("lang %q, first(%q, %v) = %d %v %v, old %d %v %v", seg.Language(), s, atEOF, e1, r1, m1, e2, r2, m2)
			}
			if !m1 && next != skipSpace(s, e1) {
				t.Fatalf("lang %q, first(%q, %v): next %d, want %d", seg.Language(), s, atEOF, next, skipSpace(s, e1))
			}
		}
	}
}

// checkDiffPrefixes compares Split with the old Split on every prefix of
// text, as a stream that has not ended yet, and on text at its end.
func checkDiffPrefixes(t testing.TB, segs []*Segmenter, text string) {
	t.Helper()
	b := []byte(text)
	for _, seg := range segs {
		for n := 0; n <= len(b); n++ {
			for _, atEOF := range []bool{false, n == len(b)} {
				a1, t1, err1 := seg.Split(b[:n], atEOF)
				a2, t2, err2 := seg.oldSplit(b[:n], atEOF)
				if a1 != a2 || string(t1) != string(t2) || (t1 == nil) != (t2 == nil) || err1 != err2 {
					t.Fatalf("lang %q, Split(%q, %v) = %d %q %v, old %d %q %v", seg.Language(), b[:n], atEOF, a1, t1, err1, a2, t2, err2)
				}
			}
		}
	}
}

// diffPieces are the pieces of the random texts of TestDiffRandom: words of
// each script, every terminator, quotes and brackets, dashes, line ends,
// list markers, addresses, emoticons, white space of several kinds, and
// bytes that are not UTF-8. The words of the language data are added to
// them, so that every word list comes into play.
var diffPieces = []string{
	" ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2003", "\u3000", "\u200d", "\u200c",
	"the", "cat", "Sat", "on", "A", "J", "ii", "IV", "x", "word", "Mat", "Über", "élan", "Ñu", "naïve",
	"3", "14", "2019", "1,200", "3.5", "v1.2.3", "०", "१२०", "٣",
	"राम", "घर", "गया", "है", "की", "में", "पी", "डॉ", "लेकिन", "बहरहाल", "गए", "म्हणाला", "ज़मीन",
	"मल्\u200dलों", "क", "ि", "्", "ई", "एस",
	"وہ", "گھر", "ہے", "ایس", "ایم", "خان", "تی", "کیا",
	"今天", "下雨", "我們", "中", "「", "」", "『", "』", "（", "）", "、", "，",
	"Сон", "он", "Москва",
	".", ".", ".", "?", "!", "…", "‽", "?!", "...", ". . .", "..", "।", "॥", "|", "۔", "؟", "،",
	"。", "！", "？", "．", "﹒", "\u0589", "\u1362", "\U00011047", "\u0800", "\u0837", "\u061D",
	"বাংলা", "தமிழ்", "\u0964\u0970", "ॲ",
	"\"", "'", "“", "”", "‘", "’", "«", "»", "(", ")", "[", "]", "{", "}", "¿", "¡",
	"-", " - ", "–", "—", " – ", " — ", "‐", "\u00ad", ",", ";", ":", "=", "@", "*", "•",
	"\n- ", "\n1. ", "\n2) ", "\n* ", "1.", "12)",
	"jane@example.com", "a.b@c", "http://a.example/1.jpg", "https://x.org/a?b=c", "www.example.org", "://", "<", "<<",
	":)", ":-(", ";P", "<3", ":D", "=)", ":'(", ":^)", "XD",
	"Hi", "Hello", "Dear", "Best regards", "Thanks", "Cheers", "Regards",
	"\xff", "\xfe", "\xe0", "\xe0\xa5", "\xa4", "\x80", "\xc0\xae", "\xed\xa0\x80", "\xf0\x9f", "\xd8", "\xdb",
	"😀", "\U00020000",
}

// diffWords returns the pieces with the words of every data file.
func diffWords() []string {
	pieces := slices.Clone(diffPieces)
	for _, d := range mustData() {
		for w := range d.words {
			pieces = append(pieces, w, w+".")
		}
	}
	slices.Sort(pieces) // map order is random: keep the texts the same
	return pieces
}

// randomText returns a text of up to n pieces, mostly separated by spaces.
func randomText(rng *rand.Rand, pieces []string, n int) string {
	var b strings.Builder
	for range 1 + rng.IntN(n) {
		b.WriteString(pieces[rng.IntN(len(pieces))])
		if rng.IntN(3) > 0 {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// TestDiffRandom compares the segmenter with the old one on random texts
// of the pieces, and Split with the old Split on every prefix of some.
func TestDiffRandom(t *testing.T) {
	segs := diffSegmenters(t)
	pieces := diffWords()
	rng := rand.New(rand.NewPCG(7, 8))
	iters := 20000
	if testing.Short() {
		iters = 2000
	}
	for i := range iters {
		text := randomText(rng, pieces, 30)
		checkDiff(t, segs, text)
		if i%20 == 0 {
			checkDiffPrefixes(t, segs[:1], text)
		}
	}
}

// TestDiffCorpus compares the segmenter with the old one on the
// multi-script benchmark corpus, the prose of BenchmarkAppendSentences and
// the golden inputs, paragraph by paragraph and whole.
func TestDiffCorpus(t *testing.T) {
	segs := diffSegmenters(t)
	var texts []string
	g := benchcorpus.New(5, 16<<10)
	size := 4 << 20
	if testing.Short() {
		size = 256 << 10
	}
	var buf []byte
	for len(buf) < size {
		buf, _ = g.Document(buf)
		buf = append(buf, '\n')
	}
	texts = append(texts, string(buf), mixedProse(size/4))
	inputs, err := filepath.Glob("testdata/*.input")
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range inputs {
		src, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(src))
	}
	for _, text := range texts {
		for _, p := range AppendParagraphs(nil, text, ParagraphsAuto) {
			checkDiff(t, segs, text[p.Start:p.End])
		}
		for _, seg := range segs {
			if !slices.Equal(seg.AppendSentences(nil, text), seg.oldAppendSentences(nil, text)) {
				t.Fatalf("lang %q: the sentences of a whole text differ", seg.Language())
			}
		}
	}
}

// diffSeeds adds to the corpus of a fuzz target the test cases and texts
// of several scripts: Devanagari with dandas, Urdu, Chinese, English
// abbreviations, quotes, emoticons and bytes that are not UTF-8.
func diffSeeds(f *testing.F) {
	fuzzSeeds(f)
	for _, s := range []string{
		"राम घर गया। वह खुश था॥ क्या तुम आओगे? हाँ। डॉ. शर्मा आए। ई. एस. एल. नरसिम्हन राज्यपाल बने।",
		"इस दूरी को पाटने में कई दशक लग गए बहरहाल , उरी के लोग खुश हैं । मल्\u200dलों ने ज़मीन ख़रीदी।",
		"وہ گھر گیا۔ کیا آپ آئیں گے؟ ایس۔ ایم۔ خان نے تقریر کی۔ کام مکمل ہو گیا ہے - اب آرام کریں۔",
		"今天下雨。我們在家！你來嗎？他說：「我們走吧。」長度為３．５米．我去過兩次……下次再去。",
		"Dr. Watson met Mr. Holmes at 5 p.m. in the U.S. Senate, e.g. at No. 5. J. R. R. Tolkien wrote it. Acme Inc. Sales rose.",
		`He said, "Stop." Then he left. "Stop!" he shouted. She asked, “Why not?” (We fly on Monday. ) Yahoo! and AOL.`,
		"I love it. :) See you soon. what a day :-( Tomorrow <3 ok =) Hi John, Thanks. Best regards,\nAnna",
		"Write to jane@example.com Phone calls. Photos: http://a.example/1.jpg http://a.example/2.jpg",
		"Storm Hits Coast\nHeavy rain fell.\n1. Mix\n- a tent\nThis line was wrapped by a mail program that\nbreaks lines.",
		"\xff\xfe. \xe0\xa5\xa4 \xe0\xa5. \xd8\x9f\xdb \xc0\xae. \xed\xa0\x80! x \xf0\x9f\x98",
		"Москва — столица. Он сказал: «Да!» Сон... и всё.",
		"আমি বাংলায় গান গাই। தமிழ் \u0837 ࠀ\u0800 ॲ॰ \u061D\u061E ጢ\u1362 \U00011047 😀 \U00020000.",
	} {
		f.Add(s)
	}
}

// FuzzDiffSegment compares the segmenter with the old one: the sentences
// of the text for every language, the first sentence with atEOF false and
// true, and (for texts of up to 300 bytes) Split on every prefix.
func FuzzDiffSegment(f *testing.F) {
	diffSeeds(f)
	segs := diffSegmenters(f)
	f.Fuzz(func(t *testing.T, text string) {
		checkDiff(t, segs, text)
		if len(text) <= 300 {
			checkDiffPrefixes(t, segs, text)
		}
	})
}

// checkDiffInternals compares the functions that the speed-up changed with
// their old versions, at every offset of s: the scan (quiet and its loops),
// the word bounds, the decoding and white space helpers, the character
// classes of every rune of s, the word look-up of every short piece of s,
// and the rules of the terminators and the comma with atEOF false and true.
// The rules may now hand the start of the next sentence to finish on a
// break, where they gave 0: next is compared on the other decisions only.
func checkDiffInternals(t testing.TB, segs []*Segmenter, s string) {
	t.Helper()
	for i := 0; i <= len(s); i++ {
		if got, want := quiet(s, i), oldQuiet(s, i); got != want {
			t.Fatalf("quiet(%q, %d) = %d, old %d", s, i, got, want)
		}
		if got, want := quietIndic(s, i), oldQuietIndic(s, i); got != want {
			t.Fatalf("quietIndic(%q, %d) = %d, old %d", s, i, got, want)
		}
		if got, want := quietArabic(s, i), oldQuietArabic(s, i); got != want {
			t.Fatalf("quietArabic(%q, %d) = %d, old %d", s, i, got, want)
		}
		if got, want := skipQuiet(s, i), oldSkipQuiet(s, i); got != want {
			t.Fatalf("skipQuiet(%q, %d) = %d, old %d", s, i, got, want)
		}
		if i < len(s) && s[i] >= 0x80 {
			if got, want := coldRune(s, i), oldColdRune(s, i); got != want {
				t.Fatalf("coldRune(%q, %d) = %d, old %d", s, i, got, want)
			}
		}
		if got, want := prevWord(s, i), oldPrevWord(s, i); got != want {
			t.Fatalf("prevWord(%q, %d) = %d, old %d", s, i, got, want)
		}
		if got, want := wordEnd(s, i), oldWordEnd(s, i); got != want {
			t.Fatalf("wordEnd(%q, %d) = %d, old %d", s, i, got, want)
		}
		if got, want := skipSpace(s, i), oldSkipSpace(s, i); got != want {
			t.Fatalf("skipSpace(%q, %d) = %d, old %d", s, i, got, want)
		}
		if got, want := trimEnd(s[:i]), oldTrimEnd(s[:i]); got != want {
			t.Fatalf("trimEnd(%q) = %d, old %d", s[:i], got, want)
		}
		r1, n1 := decodeLast(s[:i])
		r2, n2 := oldDecodeLast(s[:i])
		if r1 != r2 || n1 != n2 {
			t.Fatalf("decodeLast(%q) = %q %d, old %q %d", s[:i], r1, n1, r2, n2)
		}
		if i == len(s) {
			break
		}
		r, n := decode(s[i:])
		if classOf(r) != oldClassOf(r) || isOpener(r) != oldIsOpener(r) || isCloser(r) != oldIsCloser(r) {
			t.Fatalf("the classes of %U differ", r)
		}
		for _, c := range []rune{r, -1} { // (-1: no next word, in terminator)
			if scriptOf(c) != oldScriptOf(c) || isLower(c) != oldIsLower(c) || isUpper(c) != oldIsUpper(c) ||
				isDigit(c) != oldIsDigit(c) || isLetterOrDigit(c) != oldIsLetterOrDigit(c) {
				t.Fatalf("the classes of %U differ", c)
			}
		}
		for _, d := range mustData() {
			for j := i + 1; j <= len(s) && j <= i+maxWord; j++ {
				if got, want := d.kind(s[i:j]), d.oldKind(s[i:j]); got != want {
					t.Fatalf("%s: kind(%q) = %d, old %d", d.tag, s[i:j], got, want)
				}
			}
		}
		for _, seg := range segs {
			e1, ok1 := seg.opener(s, i)
			if e2, ok2 := seg.oldOpener(s, i); e1 != e2 || ok1 != ok2 {
				t.Fatalf("lang %q: opener(%q, %d) = %d %v, old %d %v", seg.Language(), s, i, e1, ok1, e2, ok2)
			}
			for _, atEOF := range []bool{false, true} {
				var cl termClass
				switch {
				case s[i] == ',':
					checkDiffRule(t, seg, "comma", s, i, atEOF, seg.comma, seg.oldComma)
					continue
				case s[i] == '.' || s[i] == '?' || s[i] == '!':
					cl = termSpaced
				case s[i] == '|':
					cl = termUnspaced
				case classOf(r) != termNone:
					cl = classOf(r)
				default:
					continue
				}
				checkDiffRule(t, seg, "terminator", s, i, atEOF,
					func(s string, i int, atEOF bool) (int, int, Rule, decision) {
						return seg.terminator(s, i, r, n, cl, atEOF)
					},
					func(s string, i int, atEOF bool) (int, int, Rule, decision) {
						return seg.oldTerminator(s, i, r, n, cl, atEOF)
					})
			}
			if !isSpace(r) {
				e1, next, r1, m1 := seg.first(s[i:], true)
				e2, r2, m2 := seg.oldFirst(s[i:], true)
				if e1 != e2 || r1 != r2 || m1 != m2 || next != skipSpace(s[i:], e1) {
					t.Fatalf("lang %q: first(%q) = %d %d %v %v, old %d %v %v", seg.Language(), s[i:], e1, next, r1, m1, e2, r2, m2)
				}
			}
		}
	}
}

// checkDiffRule compares a rule with its old version at s[i], and checks
// the start of the next sentence that the rule may give with a break (see
// decision).
func checkDiffRule(t testing.TB, seg *Segmenter, name, s string, i int, atEOF bool, rule, old func(string, int, bool) (int, int, Rule, decision)) {
	t.Helper()
	e1, n1, r1, d1 := rule(s, i, atEOF)
	e2, n2, r2, d2 := old(s, i, atEOF)
	if e1 != e2 || r1 != r2 || d1 != d2 || d1 != decBreak && n1 != n2 ||
		d1 == decBreak && n1 != 0 && (n1 != skipSpace(s, e1) || trimEnd(s[:e1]) != e1) {
		t.Fatalf("lang %q: %s(%q, %d, %v) = %d %d %v %d, old %d %d %v %d", seg.Language(), name, s, i, atEOF, e1, n1, r1, d1, e2, n2, r2, d2)
	}
}

// TestDiffInternals compares the changed functions with their old versions
// on random texts of the pieces of TestDiffRandom.
func TestDiffInternals(t *testing.T) {
	segs := diffSegmenters(t)
	pieces := diffWords()
	rng := rand.New(rand.NewPCG(9, 10))
	iters := 1000
	if testing.Short() {
		iters = 100
	}
	for range iters {
		checkDiffInternals(t, segs, randomText(rng, pieces, 12))
	}
}

// FuzzDiffInternals compares the changed functions with their old versions
// (checkDiffInternals) on texts of up to 200 bytes.
func FuzzDiffInternals(f *testing.F) {
	diffSeeds(f)
	segs := diffSegmenters(f)
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 200 {
			s = s[:200]
		}
		checkDiffInternals(t, segs, s)
	})
}
