package segment

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The tests of the fast paths: the scan of first (quiet and the SWAR loops
// for Devanagari and Arabic text), and the tables that replace Unicode
// look-ups. Each fast path is compared with the plain code it replaced.

// refQuiet is the scan of first as it was before the fast paths, rune by
// rune: it returns the offset of the first special byte or hot rune of s at
// or after i, or len(s).
func refQuiet(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if special[c] {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r < 0x10000 && hotBMP[r>>6]&(1<<(r&63)) == 0 {
			i += n
			continue
		}
		if r == '–' || r == '—' || classOf(r) != termNone {
			return i
		}
		i += n
	}
	return i
}

// checkQuiet compares quiet with refQuiet from every offset of s.
func checkQuiet(t *testing.T, s string) {
	t.Helper()
	for i := 0; i <= len(s); i++ {
		if got, want := quiet(s, i), refQuiet(s, i); got != want {
			t.Fatalf("quiet(%q, %d) = %d, want %d", s, i, got, want)
		}
	}
}

// scanContexts are the texts before and after a rune in the scan tests:
// each sends the scan down one of its paths (quietByte, quietIndic,
// quietArabic), with the rune at each place of an eight-byte word.
var scanContexts = func() (c []string) {
	for n := range 18 {
		c = append(c, strings.Repeat("abcdefghi", 2)[:n])
	}
	for n := 1; n <= 9; n++ {
		c = append(c, strings.Repeat("क", n), strings.Repeat("ि", n)+" ")
	}
	for n := 1; n <= 5; n++ {
		c = append(c, strings.Repeat("ت", n), strings.Repeat("ی", n)+" ")
	}
	for n := 1; n <= 4; n++ {
		c = append(c, strings.Repeat("中", n))
	}
	return append(c, "Сон ", "é", "क a", "ت 1")
}()

// TestQuietAllRunes checks the scan against refQuiet at every rune, in every
// context: the byte patterns of quietIndic and quietArabic and the table
// quietByte against the Unicode tables of the Go release.
func TestQuietAllRunes(t *testing.T) {
	var runes []rune
	for r := rune(utf8.RuneSelf); r < 0x10000; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		runes = append(runes, r)
	}
	for _, rg := range unicode.Sentence_Terminal.R32 {
		for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
			runes = append(runes, r, r-1, r+1)
		}
	}
	runes = append(runes, '😀', 0x20000, 0x10FFFF)
	for c := range utf8.RuneSelf {
		runes = append(runes, rune(c))
	}
	tails := []string{"", "कखगघ", "تیتیت", "xyzxyzxyz"}
	for _, r := range runes {
		for i, ctx := range scanContexts {
			s := ctx + string(r) + tails[i%len(tails)]
			for _, j := range []int{0, len(ctx), len(ctx) + 1} {
				if got, want := quiet(s, j), refQuiet(s, j); got != want {
					t.Fatalf("quiet(%q, %d) = %d, want %d", s, j, got, want)
				}
			}
		}
	}
}

// TestQuietBytes checks the scan against refQuiet on text that is not
// always UTF-8: cut runes, overlong forms, surrogates, stray bytes, in
// every context and from every offset.
func TestQuietBytes(t *testing.T) {
	pieces := []string{
		"\xe0", "\xe0\xa5", "\xe0\xa4", "\xa4", "\xa5", "\x80", "\xbf", "\xc0\xae", "\xc1\xbf",
		"\xe0\x80\xae", "\xe0\x9f\xbf", "\xed\xa0\x80", "\xed\xbf\xbf", "\xf0\x80\x80\xae",
		"\xf4\x90\x80\x80", "\xff", "\xfe", "\xd8", "\xdb", "\xd8\x9f", "\xdb\x94", "\xe0\xa5\xa4",
		"\xe0\xa0\xb7", "\xe2\x80", "\xe2\x80\xa6", "\xf0\x91\x81", "\xf0\x91\x81\x87",
		".", "|", "\n", " ", "1", "a", "क", "।", "ت", "؟", "۔", "中", "。", "–", "…",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		b.WriteString(scanContexts[rng.IntN(len(scanContexts))])
		for range 1 + rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
			if rng.IntN(3) == 0 {
				b.WriteString(scanContexts[rng.IntN(len(scanContexts))])
			}
		}
		checkQuiet(t, b.String())
	}
}

// FuzzQuiet compares the scan with refQuiet.
func FuzzQuiet(f *testing.F) {
	for _, s := range scanContexts {
		f.Add(s + "।" + s)
	}
	f.Add("\xe0\xa5\xa4\xe0\xa5\xa5\xd8\x9f\xdb\x94")
	f.Fuzz(func(t *testing.T, s string) {
		checkQuiet(t, s)
	})
}

// stopItems are the special bytes and hot runes at which the scan stops,
// their neighbours in Unicode, at which it must not, and bytes that are not
// UTF-8.
var stopItems = []string{
	".", "?", "!", "|", "\n", "-", ",", ":", ";", "=", "@", " - ", " . ", "...", ". . .", "?!",
	"\"", "'", ")", ".\"", ".)", ". )", "://", " :) ", "<3", "\n\n", "\n- ", "\n1. ",
	"…", "‽", "‼", "⁇", "⁈", "⁉", "–", "—", " – ", " — ", "‐", "‒", "―", "‥", "‰",
	"।", "॥", " । ", "॰", "०", "॑", "ॲ", "\u0963", "\u0966",
	"۔", "؟", " ۔ ", "\u061D", "\u061E", "،", "؛", "٪", "ۓ", "ە", "\u06DD",
	"。", "！", "？", "．", "｡", "、", "，", "」。", "……", "﹒", "﹐",
	"\u0589", "\u0700", "\u07F9", "\u0837", "\u083D", "\u1362", "\u166E", "\u1803", "\u2E2E",
	"\u2E3C", "\uA4FF", "\uA60E", "\uAAF0", "\uABEB", "\U00011047", "\U00016AF5", "\U0001DA88",
	"😀", "\U00020000",
	"\xe0", "\xe0\xa5", "\xe0\x80\xae", "\xc0\xae", "\xed\xa0\x80", "\xd8", "\xdb", "\xff", "\xa4",
}

// stopText returns the texts of TestFirstStops for one item: the item in
// every context of scanContexts, before three different endings.
func stopTexts(item string) []string {
	var texts []string
	for _, ctx := range scanContexts {
		for _, end := range []string{"", " Next one here.", "x अगला वाक्य। 下一句。"} {
			texts = append(texts, ctx+item+end)
		}
	}
	return texts
}

// renderStops renders the sentences of each text, one line a text, as the
// ends and rules of its sentences.
func renderStops(texts []string, cut func(string) []Sentence) string {
	var b strings.Builder
	for _, text := range texts {
		b.WriteString(strconv.Quote(text))
		for _, s := range cut(text) {
			fmt.Fprintf(&b, " %d-%d:%s", s.Start, s.End, s.Rule)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// TestFirstStops cuts every item of stopItems in every context with the
// auto segmenter and compares the sentences and rules with those recorded
// in testdata/stops.golden, one digest of renderStops an item. The digests
// were recorded with the segmenter as it was before the fast paths of the
// scan. Run go test -run FirstStops -update to record them again after a
// wanted change of the rules; -v prints the sentences of the items that
// differ.
func TestFirstStops(t *testing.T) {
	seg, _ := New("")
	cut := func(text string) []Sentence { return seg.AppendSentences(nil, text) }
	var got strings.Builder
	for _, item := range stopItems {
		fmt.Fprintf(&got, "%q %x\n", item, sha256.Sum256([]byte(renderStops(stopTexts(item), cut))))
	}
	const golden = "testdata/stops.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	wantLines := strings.Split(strings.TrimSpace(string(want)), "\n")
	gotLines := strings.Split(strings.TrimSpace(got.String()), "\n")
	if len(wantLines) != len(gotLines) {
		t.Fatalf("%d items, %s has %d", len(gotLines), golden, len(wantLines))
	}
	for i, line := range gotLines {
		if line != wantLines[i] {
			t.Errorf("item %q: the sentences differ from %s", stopItems[i], golden)
			if testing.Verbose() {
				t.Log(renderStops(stopTexts(stopItems[i]), cut))
			}
		}
	}
}

// TestCharTables checks the tables of chars.go against the Unicode look-ups
// they replace, for every rune.
func TestCharTables(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		wantWord := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
		switch {
		case r < utf8.RuneSelf:
			wantWord = r|0x20 >= 'a' && r|0x20 <= 'z' || r >= '0' && r <= '9'
		case r >= 0x0900 && r <= 0x097F:
			wantWord = r != 0x0964 && r != 0x0965 && r != 0x0970
		case r >= 0x4E00 && r <= 0x9FFF:
			wantWord = true
		}
		if got := isLetterOrDigit(r); got != wantWord {
			t.Fatalf("isLetterOrDigit(%U) = %v", r, got)
		}
		wantOpener := strings.ContainsRune("\"'([{¿¡", r) || r >= 0x80 && (unicode.Is(unicode.Ps, r) || unicode.Is(unicode.Pi, r))
		if got := isOpener(r); got != wantOpener {
			t.Fatalf("isOpener(%U) = %v", r, got)
		}
		wantCloser := strings.ContainsRune("\"')]}＂＇", r) || r >= 0x80 && (unicode.Is(unicode.Pe, r) || unicode.Is(unicode.Pf, r))
		if got := isCloser(r); got != wantCloser {
			t.Fatalf("isCloser(%U) = %v", r, got)
		}
		if isSpace(r) != unicode.IsSpace(r) {
			t.Fatalf("isSpace(%U) = %v", r, isSpace(r))
		}
		if isSpace(r) && r >= utf8.RuneSelf {
			b := string(r)
			if !spaceLead.has(b[0]) || !spaceLast.has(b[len(b)-1]) {
				t.Fatalf("%U: spaceLead, spaceLast", r)
			}
		}
	}
	for c := range rune(utf8.RuneSelf) {
		if got, want := asciiWord[c], isLetterOrDigit(c) || c == '\'' || c == '-'; got != want {
			t.Fatalf("asciiWord[%q] = %v", c, got)
		}
		if got, want := clusterByte[c], c == '.' || classOf(c) != termNone || isCloser(c); got != want {
			t.Fatalf("clusterByte[%q] = %v", c, got)
		}
	}
}

// TestDecode checks decode, decodeLast, skipSpace and trimEnd against the
// utf8 and unicode functions on runes and on bytes that are not UTF-8.
func TestDecode(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []string{"a", " ", "\u00a0", "\u2003", "\u3000", "\u0085", "\u1680", "\u205f", "क", "ت", "中", "😀",
		"\xe0", "\xa0", "\x80", "\xc2", "\xe2\x80", "\xed\xa0\x80", "\xe0\x80\x80", "\xf0\x9f", "\xff"}
	for range 100000 {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		s := b.String()
		r1, n1 := decode(s)
		r2, n2 := utf8.DecodeRuneInString(s)
		if r1 != r2 || n1 != n2 {
			t.Fatalf("decode(%q) = %q %d, want %q %d", s, r1, n1, r2, n2)
		}
		r1, n1 = decodeLast(s)
		r2, n2 = utf8.DecodeLastRuneInString(s)
		if r1 != r2 || n1 != n2 {
			t.Fatalf("decodeLast(%q) = %q %d, want %q %d", s, r1, n1, r2, n2)
		}
		if got, want := skipSpace(s, 0), len(s)-len(strings.TrimLeftFunc(s, unicode.IsSpace)); got != want {
			t.Fatalf("skipSpace(%q) = %d, want %d", s, got, want)
		}
		if got, want := trimEnd(s), len(strings.TrimRightFunc(s, unicode.IsSpace)); got != want {
			t.Fatalf("trimEnd(%q) = %d, want %d", s, got, want)
		}
		for n := range 4 {
			if got, want := fieldsAtMost(s, n), len(strings.Fields(s)) <= n; got != want {
				t.Fatalf("fieldsAtMost(%q, %d) = %v", s, n, got)
			}
		}
	}
}

// TestWordBounds checks wordEnd and prevWord, which step over Devanagari
// runes without decoding them, against the plain loops they replaced.
func TestWordBounds(t *testing.T) {
	refWordEnd := func(s string, k int) int {
		w := k
		for w < len(s) && w-k < maxWord {
			c, m := utf8.DecodeRuneInString(s[w:])
			if unicode.IsSpace(c) || !isLetterOrDigit(c) && c != '\'' && c != '’' && c != '-' {
				break
			}
			w += m
		}
		return w
	}
	refPrevWord := func(s string, i int) int {
		b := i
		for b > 0 && i-b < maxWord {
			r, n := utf8.DecodeLastRuneInString(s[:b])
			if unicode.IsSpace(r) {
				break
			}
			b -= n
		}
		for b < i {
			r, n := utf8.DecodeRuneInString(s[b:])
			if !isOpener(r) {
				break
			}
			b += n
		}
		return b
	}
	alphabet := []string{"a", "Z", "1", "'", "’", "-", " ", ".", "\"", "(", "क", "ि", "्", "।", "॥", "॰", "०",
		"\u200d", "ऀ", "ॿ", "ت", "中", "“", "😀", "à", "à¤", "à¥", "¤", "à\u0080\u0080", "ÿ"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 30000 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		s := b.String()
		for i := 0; i <= len(s); i++ {
			if got, want := wordEnd(s, i), refWordEnd(s, i); got != want {
				t.Fatalf("wordEnd(%q, %d) = %d, want %d", s, i, got, want)
			}
			if got, want := prevWord(s, i), refPrevWord(s, i); got != want {
				t.Fatalf("prevWord(%q, %d) = %d, want %d", s, i, got, want)
			}
		}
	}
}

// TestWordFilter checks that the filter of every language passes its words,
// and the opener ends of every segmenter.
func TestWordFilter(t *testing.T) {
	for _, lang := range append([]string{""}, Languages()...) {
		seg, _ := New(lang)
		for _, d := range seg.data {
			if d == nil {
				continue
			}
			for w, k := range d.words {
				if got := d.kind(w); got != k {
					t.Fatalf("%s: kind(%q) = %d, want %d", d.tag, w, got, k)
				}
				if k&kindOpener != 0 && d.hasOpeners && !seg.openerEnds.has(w[len(w)-1]) {
					t.Fatalf("%q: opener %q not in openerEnds", lang, w)
				}
				if k&kindOpener != 0 && d.hasOpeners && !seg.mayEndOpener(" "+w, len(w)+1) {
					t.Fatalf("%q: opener %q not in openerTails", lang, w)
				}
			}
		}
	}
}

// TestSkipQuiet checks skipQuiet against a byte loop for every byte value
// at every place of its unrolled loop, between neighbours of each kind.
func TestSkipQuiet(t *testing.T) {
	ref := func(s string, i int) int {
		for i < len(s) && quietByte[s[i]] {
			i++
		}
		return i
	}
	for c := range 256 {
		for _, o := range []byte{' ', '0', 'a', 'Z', '\'', 0x7F, 0x80, 0xBF, 0xD0, 0xE4, 0xE9, 0xEB, 0xF1} {
			for pos := range 17 {
				b := bytes.Repeat([]byte{o}, 20)
				b[pos] = byte(c)
				s := string(b)
				for i := 0; i <= pos+1; i++ {
					if got, want := skipQuiet(s, i), ref(s, i); got != want {
						t.Fatalf("skipQuiet(%q, %d) = %d, want %d", s, i, got, want)
					}
				}
			}
		}
	}
}
