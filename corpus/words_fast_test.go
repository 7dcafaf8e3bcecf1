package corpus

import (
	"encoding/binary"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// The tests of the pieces of countFast, and differential tests of
// countText against prevCountText (words_prev_test.go), the code before
// it, on texts made to go through its runs (letterRun,
// ideoRun3, wordGap) and asciiRun in every way, besides the full UAX #29
// rules and legacyTextStats (see checkTextStats).

// load8 returns the first 8 bytes of s, padded with zeros, as swar.Load64
// loads them.
func load8(s string) uint64 {
	var b [8]byte
	copy(b[:], s)
	return binary.LittleEndian.Uint64(b[:])
}

// TestDec2Dec3 checks dec2 and dec3 against package utf8 on every 2 bytes,
// and on every 3 bytes that start with the first byte of a 3-byte
// sequence or with some others: they decode what it decodes to 2 and 3
// bytes, and nothing else but surrogates (which it does not decode, and
// whose table entries are classHard like that of noRune).
func TestDec2Dec3(t *testing.T) {
	s := loadScripts()
	for i := 0; i < 1<<16; i++ {
		b := string([]byte{byte(i), byte(i >> 8)})
		r, size := utf8.DecodeRuneInString(b)
		got := dec2(uint64(i))
		if size == 2 && got != uint32(r) || size != 2 && got != noRune {
			t.Fatalf("dec2(%+q) = %#x; utf8 decodes %#x, %d bytes", b, got, r, size)
		}
	}
	n := 0
	for _, lead := range []int{0x00, 0x80, 0xc3, 0xdf, 0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xff} {
		for rest := 0; rest < 1<<16; rest++ {
			i := lead | rest<<8
			n++
			b := string([]byte{byte(i), byte(i >> 8), byte(i >> 16)})
			r, size := utf8.DecodeRuneInString(b)
			got := dec3(uint64(i))
			switch {
			case size == 3 && got == uint32(r):
			case size != 3 && got == noRune:
			case size != 3 && got >= 0xd800 && got <= 0xdfff: // a surrogate
				if class := uint8(s.bmp[got] >> 8); class != classHard {
					t.Fatalf("dec3(%+q) = %#x, class %d", b, got, class)
				}
			default:
				t.Fatalf("dec3(%+q) = %#x; utf8 decodes %#x, %d bytes", b, got, r, size)
			}
		}
	}
	if n != 22<<16 {
		t.Fatalf("%d sequences of 3 bytes checked", n)
	}
	if v := s.bmp[noRune]; v>>8 != classHard || uint8(v) != 0 {
		t.Fatalf("the table entry of noRune is %#x, want classHard and script Unknown", v)
	}
}

// TestASCIIFlags checks asciiFlags, which looks asciiBits up two bytes at
// a time, against asciiBits on every pair of ASCII bytes at every place.
func TestASCIIFlags(t *testing.T) {
	loadScripts()
	for i := 0; i < 1<<14; i++ {
		a, b := byte(i&0x7f), byte(i>>7)
		for shift := 0; shift < 64; shift += 16 {
			x := (uint64(a)|uint64(b)<<8)<<shift | 0x6161616161616161&^(0xffff<<shift)
			want := uint64(asciiBits[a]) | uint64(asciiBits[b])<<8
			if got := asciiFlags(x) >> shift & 0xffff; got != want {
				t.Fatalf("asciiFlags(%#x) at %d = %#x, want %#x", x, shift, got, want)
			}
		}
	}
}

// TestRunKey checks what the run functions take runKey for: ORed with it,
// a class is the same as classLetter or classMark just when it is one of
// them, and the same as classIdeo just when it is classIdeo or classSpace,
// which no code point outside ASCII is; ANDNOT it makes the letter of a
// key of letters and marks. It checks the entry of the Inherited marks too.
func TestRunKey(t *testing.T) {
	s := loadScripts()
	for c := uint16(0); c < 8; c++ {
		letters := c == classLetter || c == classMark
		if got := c<<8|runKey == classLetter<<8|runKey; got != letters {
			t.Errorf("class %d: the same as classLetter under runKey is %v", c, got)
		}
		if got := c<<8|runKey == classMark<<8|runKey; got != letters {
			t.Errorf("class %d: the same as classMark under runKey is %v", c, got)
		}
		if got := c<<8|runKey == classIdeo<<8|runKey; got != (c == classIdeo || c == classSpace) {
			t.Errorf("class %d: the same as classIdeo under runKey is %v", c, got)
		}
	}
	if (classLetter<<8|runKey)&^runKey != classLetter<<8 || (classMark<<8|runKey)&^runKey != classLetter<<8 {
		t.Errorf("runKey does not turn the key of letters and marks into that of letters")
	}
	for r := rune(utf8.RuneSelf); r < 1<<16; r++ {
		if uint8(s.bmp[r]>>8) == classSpace {
			t.Fatalf("%U is classSpace", r)
		}
	}
	for _, r := range []rune{0x200c, 0x200d, 0x0301, 0x064e, 0x0951} {
		if s.bmp[r] != s.inheritedMark {
			t.Errorf("%U: entry %#x, want that of the Inherited marks %#x", r, s.bmp[r], s.inheritedMark)
		}
	}
}

// TestInheritedMarkLen checks inheritedMarkLen on marks and non-marks.
func TestInheritedMarkLen(t *testing.T) {
	s := loadScripts()
	for _, tt := range []struct {
		s    string
		want int
	}{
		{"\u0301a", 2}, {"\u064e", 2}, {"\u200d", 3}, {"\u200c", 3}, {"\u0951", 3},
		{"a", 0}, {"\u093e", 0}, {"\u0902", 0}, {"क", 0}, {"\xe2\x80", 0}, {"\xcc", 0}, {"", 0},
	} {
		if got := s.inheritedMarkLen(load8(tt.s)); got != tt.want {
			t.Errorf("inheritedMarkLen(%+q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

// TestWordGap checks wordGap on the gaps it takes and on those it leaves.
func TestWordGap(t *testing.T) {
	s := loadScripts()
	deva := s.bmp['क'] // a letter of a 3-byte script
	cyrl := s.bmp['д'] // ... of a 2-byte one
	hani := s.bmp['中'] // an ideograph
	for _, tt := range []struct {
		s      string
		start  uint16
		size   int
		inWord bool
		want   int
	}{
		{" क", deva, 3, true, 1},
		{", क", deva, 3, true, 2},
		{"। क", deva, 3, true, 4},
		{"।\nक", deva, 3, true, 4},
		{"? क", deva, 3, true, 2},
		{"॥ क", deva, 3, true, 4},
		{"।क", deva, 3, true, 0},  // in a word, white space is a must
		{",क", deva, 3, true, 0},  // a letter, inner punctuation, a letter
		{"  क", deva, 3, true, 0}, // one space at most
		{" ा", deva, 3, true, 0},  // a mark starts no word
		{" ক", deva, 3, true, 0},  // another script
		{" д", deva, 3, true, 0},  // another size
		{"_ क", deva, 3, true, 0}, // ExtendNumLet is hard
		{"a क", deva, 3, true, 0},
		{"\u200d क", deva, 3, true, 0},
		{"\xe0\xa4 क", deva, 3, true, 0},
		{", д", cyrl, 2, true, 2},
		{"، д", cyrl, 2, true, 3},
		{"— д", cyrl, 2, true, 4},
		{"\u00a0д", cyrl, 2, true, 0},
		{"，中", hani, 3, false, 3},
		{"。中", hani, 3, false, 3},
		{"。 中", hani, 3, false, 4},
		{" 中", hani, 3, false, 1},
		{"中", hani, 3, false, 0},
		{"，文", hani, 3, false, 0}, // 文 is Han too, but...
		{"，ア", hani, 3, false, 0},
	} {
		var counts scriptCounts
		if tt.s == "，文" {
			tt.want = 3 // ... its entry is the same as that of 中
		}
		if got := s.wordGap(load8(tt.s), tt.start, tt.size, tt.inWord, &counts); got != tt.want {
			t.Errorf("wordGap(%+q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

// runAlphabet holds what the runs of countFast take and what they stop
// at: the letters, marks and punctuation of 2- and 3-byte scripts, the
// Inherited marks (ZWJ, ZWNJ, harakat, combining accents), the gaps
// between words, Latin letters of 2 bytes among ASCII, ASCII of every
// length (for every alignment of the 8-byte loads), invalid UTF-8.
var runAlphabet = []string{
	// Devanagari: letters, vowel signs, virama, nukta, anusvara, danda.
	"क", "ष", "न", "ह", "क़", "ा", "ि", "्", "़", "ं", "ँ", "।", "॥", "५", "ॐ",
	"\u200d", "\u200c", "\u0951", // Inherited: ZWJ, ZWNJ, a stress sign
	"ক", "া", "ગ", // Bengali, Gujarati: other 3-byte scripts
	// Arabic, Persian: letters, harakat, tatweel, punctuation, digits.
	"ب", "ت", "ی", "ک", "\u064e", "\u0650", "\u0651", "\u0640", "،", "۔", "؟", "٣", "۳",
	"д", "Ж", "ё", "λ", "Ω", "ա", "ש", "\u05b8", "\u05f4", // Cyrillic, Greek, Armenian, Hebrew
	"é", "ß", "ł", "ǂ", "\u0301", "\u0308", "×", "ª", "µ", "ʰ", "ʼ", "·", // Latin, accents, Common
	"中", "文", "字", "，", "。", "！", "？", "、", "「", "」", "ア", "ー", "ひ", "々", "²",
	"ก", "ั", "한", "글", "ᄀ", "ⅷ", "€", "—", "…", "\u2028", "\u00a0", "\u3000",
	// Gaps and punctuation.
	" ", " ", "  ", ", ", ". ", "! ", "? ", "\n", "\t", "\r\n", ",", ".", "'", ":", "-", "_", "(", ")", "\"",
	// ASCII of every length.
	"a", "Zb", "abc", "abcd", "Abcde", "abcdef", "abcdefg", "abcdefgh", "abcdefghi", "1", "12.5", "3,000",
	// Invalid UTF-8, surrogates, overlong, 4 bytes.
	"\xe0\xa4", "\xe0", "\xa4", "\xd8", "\xed\xa0\x80", "\xe0\x80\x80", "\xc0\xaf", "\xc1\x81", "\xf0\x9f\x98", "😀", "\xff", "𠀀",
}

// runWords are words of one script each (letters and marks), for
// TestCountWordsRuns to join with gaps.
var runWords = [][]string{
	{"क", "ष", "न", "ह", "क़", "ा", "ि", "्", "़", "ं"},
	{"ب", "ت", "ی", "ک", "\u064e", "\u0650", "\u0640"},
	{"д", "Ж", "ё", "ы", "ь"},
	{"λ", "Ω", "ά", "\u0301"},
	{"中", "文", "字", "国"},
	{"a", "b", "é", "ß", "ł", "\u0301", "x", "y"},
	{"한", "글", "ᄀ", "ᅡ"},
}

// runGaps are the gaps between the words of runWords.
var runGaps = []string{" ", " ", " ", " ", ", ", "। ", "، ", "۔ ", "? ", "\n", "，", "。", "", " 12 ", ". "}

// TestCountWordsRuns joins words of the scripts of runWords, long and
// short, with gaps, and here and there something else from runAlphabet,
// and prefixes of ASCII of every length, so that the runs of countFast
// start, stop and cross gaps at every offset and next to everything.
func TestCountWordsRuns(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		b.WriteString("abcdefgh"[:i%8])
		for n := rng.IntN(12); n >= 0; n-- {
			w := runWords[rng.IntN(len(runWords))]
			for m := 1 + rng.IntN(14); m > 0; m-- {
				b.WriteString(w[rng.IntN(len(w))])
				if rng.IntN(40) == 0 {
					b.WriteString(runAlphabet[rng.IntN(len(runAlphabet))])
				}
				if rng.IntN(60) == 0 {
					w = runWords[rng.IntN(len(runWords))] // a change of script in a word
				}
			}
			b.WriteString(runGaps[rng.IntN(len(runGaps))])
		}
		checkTextStats(t, b.String())
	}
}

// TestCountWordsRunAlphabet strings pieces of runAlphabet together.
func TestCountWordsRunAlphabet(t *testing.T) {
	rng := rand.New(rand.NewPCG(33, 34))
	for i := 0; i < 30000; i++ {
		var b strings.Builder
		for n := rng.IntN(30); n >= 0; n-- {
			b.WriteString(runAlphabet[rng.IntN(len(runAlphabet))])
		}
		checkTextStats(t, b.String())
	}
}

// TestCountWordsRunCases pins cases of the runs to their UAX #29 counts.
func TestCountWordsRunCases(t *testing.T) {
	for _, tt := range []struct {
		text string
		want int
	}{
		{"नमस्ते दुनिया, कैसे हो। ठीक है? हाँ॥ बिल्कुल", 8},
		{"न्\u200dह न्\u200cह क्\u200dष", 3},
		{"क\u0301ख", 1}, // a 2-byte Inherited mark in a 3-byte run
		{"بِسْمِ ٱللَّهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ", 4},
		{"می\u200cخواهم، نمی\u200cدانم۔ خوب؟ بله", 4},
		{"Привет, мир! Как дела? Хорошо. ДаNo", 6},
		{"αβγ δεζ, ηθι. κλμ", 4},
		{"中文字，中文字。中文字！中文字", 12},
		{"中文 字\n中", 4},
		{"中a中", 3},
		{"中\u0301中", 2},
		{"Caféteria naïve façade Œuvre ĳssel e\u0301te\u0301 à la", 8},
		{"café×crème", 2},
		{"aλb", 1}, // Greek within a Latin word: one word
		{"дaд", 1}, // Cyrillic and Latin letters join too
		{"कক", 1},  // Devanagari and Bengali
		{"क ক", 2},
		{"д, 12 д", 3},
		{"д. д,д", 3}, // MidNum between letters
		{"д _д", 2},
		{"д\u00a0д", 2},
		{"क  ख", 2},
		{"क \u093eख", 2},      // a mark after a space
		{"क\xe0\xa4ख", 2},     // invalid UTF-8 in a run
		{"क\xed\xa0\x80ख", 2}, // a surrogate
		{"क😀ख", 2},
	} {
		if got := CountWords(tt.text); got != tt.want {
			t.Errorf("CountWords(%+q) = %d, want %d", tt.text, got, tt.want)
		}
		checkTextStats(t, tt.text)
		// The same at every offset from an 8-byte boundary and before
		// the last 8 bytes.
		for pad := 1; pad < 9; pad++ {
			checkTextStats(t, strings.Repeat(".", pad)+tt.text+strings.Repeat(" ", pad))
			checkTextStats(t, strings.Repeat("x", pad)+" "+tt.text+tt.text)
		}
	}
}

// FuzzCountWordsRuns is FuzzCountWordsMix with runAlphabet.
func FuzzCountWordsRuns(f *testing.F) {
	f.Add([]byte{0, 70, 1, 70, 5, 75, 2, 3, 80, 0, 1})
	f.Add([]byte{25, 26, 27, 28, 30, 70, 25, 26, 72, 29, 31})
	f.Add([]byte{58, 59, 60, 61, 62, 58, 63, 73, 59, 60})
	f.Fuzz(func(t *testing.T, pieces []byte) {
		var b strings.Builder
		for _, p := range pieces {
			b.WriteString(runAlphabet[int(p)%len(runAlphabet)])
		}
		checkTextStats(t, b.String())
	})
}
