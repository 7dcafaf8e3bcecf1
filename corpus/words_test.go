package corpus

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/words"
)

// wordAlphabet mixes what the fast path decides with what it must leave to
// the full rules: letters and marks of joining scripts, digits of three
// kinds, inner punctuation (MidLetter, MidNum, MidNumLet, ExtendNumLet),
// ideographs, Kana, Hebrew, Thai, emoji with ZWJ, symbols, controls, spaces.
var wordAlphabet = []string{
	"a", "Z", "é", "e\u0301", "ß", "0", "7", "_", ".", ",", ":", ";", "'", "\"", "-", "!", "?", "(", ")",
	" ", "\n", "\t", "\u00a0", "\u3000", "\r\n", "\v", "\u2028", "\u0085",
	"न", "म", "स", "्", "े", "ं", "क़", "\u200d", "\u200c", "।", "॥", "५", "|",
	"ا", "ر", "د", "و", "۔", "؟", "،", "\u064e", "\u0640", "٣", "۳", "\u066c", "\u066b", "\u0600",
	"п", "Я", "α", "ω", "\u0387", "\u037e", "ա", "ա\u055a", "ა", "한", "글",
	// Han, Kana and CJK punctuation: ideographs are words of their own,
	// Katakana runs join, the iteration mark 々 is ALetter, 〆 Ideographic.
	"今", "天", "年", "。", "、", "，", "：", "．", "！", "「", "」", "ア", "カ", "ー", "ひ", "ら",
	"々", "〆", "〇", "\u3099", "\u309b", "\uff9e", "ｶ", "ﾟ", "２", "０", "Ａ", "\u30a0", "\u3031",
	"א", "ש", "\u05f4", "\u05f3", "ก", "ข", "\u0e31", "๓", "ຂ", "ក", "က",
	"😀", "👍", "🏽", "🇮", "🇳", "\u00b7", "\u2019", "\u2018", "\uff0e", "\u202f", "\u2060", "\u00ad", "\u200b", "\ufeff",
	"\x01", "\x7f", "²", "½", "€", "ª", "\u02bc", "\u02c2", "\u00b8", "©", "™", "ℹ", "↔", "→", "°", "×", "Ⓐ", "㋐",
	"\u19da", "\ufe10", "\u2044", "\ufffd", "𠀀", "𝔘",
}

// invalidAlphabet holds invalid and truncated UTF-8 for the comparison with
// legacyTextStats, which defines TextStats on any bytes.
var invalidAlphabet = []string{
	"\xff", "\x80", "\xc3", "\xe0\xa4", "\xe4\xbb", "\xf0\x9f", "\xf0\x9f\x98", "\xed\xa0\x80",
	"\xe0\x80\xaf", "\xc0\xaf", "\xc1\x81", "\xe0\x81\x81", "\xe0\x9f\xbf", "\xf0\x80\x81\x81", "\xf4\x90\x80\x80",
}

// asciiAlphabet holds runs of ASCII for the 8-byte steps of the fast path
// (asciiRun), which they reach at every alignment and in every state when
// mixed with the pieces of wordAlphabet.
var asciiAlphabet = []string{
	"hello", "world ", "abcdefghij", "12345678", "Hello, world. ", "e.g. ", "don't ", "3.14159 ", "x_y ",
	"a-b (c) ", "it's", ".abc", ",123", "  \t\n", "\"quoted\" ", "http://ex.am/ple?q=1 ",
}

func slowCount(text string) int { return countUAX29(text) }

// slowScript is DominantScript by its definition: the script with most code
// points, Common and Inherited aside, ties to the code that sorts first.
func slowScript(text string) string {
	counts := map[string]int{}
	for _, r := range text {
		if c := ScriptOf(r); c != ScriptCommon && c != ScriptInherited && c != ScriptUnknown {
			counts[c]++
		}
	}
	best, bestCode := 0, ScriptCommon
	for code, n := range counts {
		if n > best || n == best && code < bestCode {
			best, bestCode = n, code
		}
	}
	return bestCode
}

// checkTextStats compares TextStats with legacyTextStats on any text and,
// on valid UTF-8, with the full UAX #29 rules and the rune-by-rune script
// count.
func checkTextStats(t *testing.T, text string) {
	t.Helper()
	script, n := TextStats(text)
	if lscript, ln := legacyTextStats(text); script != lscript || n != ln {
		t.Fatalf("TextStats(%+q) = %s, %d; before it was %s, %d", text, script, n, lscript, ln)
	}
	checkScriptCounts(t, text)
	if !utf8.ValidString(text) {
		return // documents are valid UTF-8 once decoded
	}
	if want := slowCount(text); n != want {
		t.Fatalf("CountWords(%+q) = %d, UAX #29 gives %d", text, n, want)
	}
	if want := slowScript(text); script != want {
		t.Fatalf("TextStats(%+q) script %s, counting rune by rune gives %s", text, script, want)
	}
}

// checkScriptCounts compares countText with prevCountText, the code before
// countFast: the same words and the same count for every script that
// counts (Common, Inherited and Unknown do not, and neither counts them
// all).
func checkScriptCounts(t *testing.T, text string) {
	t.Helper()
	s := loadScripts()
	var counts scriptCounts
	n := s.countText(text, &counts)
	_, pn, pcounts := prevTextStats(text)
	counts.n[s.latin] += counts.latin
	pcounts.n[s.latin] += pcounts.latin
	if n != pn {
		t.Fatalf("countText(%+q) = %d words, prevCountText %d", text, n, pn)
	}
	for _, code := range []string{ScriptUnknown, ScriptCommon, ScriptInherited} {
		i := s.indexOf(code)
		counts.n[i], pcounts.n[i] = 0, 0
	}
	if counts.n != pcounts.n {
		for i := range counts.n {
			if counts.n[i] != pcounts.n[i] {
				t.Fatalf("countText(%+q) counts %d of %s, prevCountText %d", text, counts.n[i], s.codes[i], pcounts.n[i])
			}
		}
	}
}

func TestCountWordsMatchesUAX29(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	alphabet := append(append([]string(nil), wordAlphabet...), invalidAlphabet...)
	for i := 0; i < 50000; i++ {
		var b strings.Builder
		for n := rng.IntN(16); n >= 0; n-- {
			if i%4 == 0 {
				b.WriteString(alphabet[rng.IntN(len(alphabet))])
			} else {
				b.WriteString(wordAlphabet[rng.IntN(len(wordAlphabet))])
			}
		}
		checkTextStats(t, b.String())
	}
}

// TestCountWordsASCIIRuns mixes runs of ASCII with everything else, so
// that the 8-byte steps start in every state, next to every class.
func TestCountWordsASCIIRuns(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	alphabet := append(append(append([]string(nil), wordAlphabet...), invalidAlphabet...), asciiAlphabet...)
	for i := 0; i < 30000; i++ {
		var b strings.Builder
		for n := rng.IntN(24); n >= 0; n-- {
			if rng.IntN(2) == 0 {
				b.WriteString(asciiAlphabet[rng.IntN(len(asciiAlphabet))])
			} else {
				b.WriteString(alphabet[rng.IntN(len(alphabet))])
			}
		}
		checkTextStats(t, b.String())
	}
}

// TestCountWordsCases pins the cases the fast path decides, and the ones
// next to them that it leaves to the full rules, to their UAX #29 counts.
func TestCountWordsCases(t *testing.T) {
	for _, tt := range []struct {
		text string
		want int
	}{
		// Han: each ideograph is a word; punctuation is not.
		{"今天天气很好。", 6},
		{"「今天」，好！", 3},
		{"今\u0301天", 2},       // a mark joins the ideograph before it
		{"今\u200d天", 2},       // so does ZWJ, which joins nothing after
		{"今\u200d😀", 1},       // ... but an emoji (WB3c)
		{"\u0301今", 1},        // a mark at the start is no word
		{"2013年", 2},          // digits and ideographs do not join
		{"年2013年12.5月", 5},    // "12.5" is one word (WB11/WB12)
		{"第1,000名", 3},        // so is "1,000"
		{"ＡＢＣ２０１３年", 2},       // fullwidth letters and digits join
		{"価格：１２．５", 3},        // "：" is MidLetter, "．" MidNumLet
		{"Go语言and中文", 6},      // Latin and Han with no space
		{"中文e.g.中文", 5},       // inner punctuation between ideographs
		{"人々", 2},             // 々 is ALetter, 人 Other
		{"々々", 1},             // ... so two of them join
		{"〆切", 2},             // 〆 is Ideographic
		{"〇一二", 3},            // 〇 is Ideographic Nl
		{"\u3000今\u3000天", 2}, // ideographic space (WSegSpace)
		{"今,天", 2},            // MidNum between ideographs
		{"a今b", 3},            // letters do not join across an ideograph
		{"今_天", 2},            // ExtendNumLet does not join ideographs
		{"a_今", 2},            // ... but joins letters
		{"今天2013", 3},         // digits start a new word after an ideograph
		{"今天\u00ad好", 3},      // soft hyphen is Format
		{"今天\ufffd好", 3},      // U+FFFD is no word
		// Kana: Hiragana are Other, Katakana runs join (WB13).
		{"ひらがな", 4},
		{"カタカナ", 1},
		{"ラーメン", 1},     // ー is Katakana
		{"ひー", 2},       // ... and does not join Hiragana
		{"カタカナ漢字", 3},   // Katakana does not join ideographs
		{"カタカナabc", 2},  // ... nor letters
		{"カ\u3099カ", 1}, // a combining sound mark is Extend
		{"カ\u309bカ", 1}, // the spacing one is Katakana
		{"ｶﾞｶ", 1},      // halfwidth: ﾞ is Extend (and Lm)
		{"ﾞ", 1},        // ... so alone it is a word
		{"カ_カ", 1},      // ExtendNumLet joins Katakana
		{"カ・カ", 2},      // ・ is Other
		{"㋐㋐", 0},       // circled Katakana are Katakana, not letters
		{"カ㋐カ", 1},
		{"日本語のテキストです。", 7},
		// Thai, Lao, Khmer, Myanmar letters are Other; marks are Extend.
		{"ภาษาไทย", 7},
		{"กั", 1},
		{"๑๒๓", 1}, // Thai digits are Numeric
		// Joining scripts, marks, inner punctuation.
		{"नमस्ते दुनिया।", 2},
		{"न्\u200dह", 1},
		{"اردو، زبان۔", 2},
		{"Привет, мир!", 2},
		{"don't it’s e.g. U.S.A. 3.14 1,000.5", 6},
		{"a..b a.,b a'.b", 6},
		{"a.\u0301b", 1},
		{"a\u0301.b", 1},
		{"x²", 2},  // ² is Other and a number
		{"ª", 1},   // a Latin letter
		{"Ⓐb", 1},  // circled letters are ALetter
		{"Ⓐ", 0},   // ... but not letters
		{"a©b", 2}, // © is Extended_Pictographic
		{"a\u200d©b", 2},
		{"a™b", 2},
		{"שלום\"עולם", 1}, // WB7b/WB7c
		{"א'ב", 1},        // WB7a, WB7
		{"\u05d0\"", 1},
		{"a\"b", 2},
		// Runs of ASCII taken 8 bytes at a time, next to the cases above.
		{"hello world, how are you? fine.", 6},
		{"abcdefg.hijklmnop qrstuvwxyz", 2},  // inner punctuation in a block
		{"abcdefgh.ijklmnop qrstuvwxyz", 2},  // ... at its last byte
		{"é.bcdefghijklm", 1},                // ... before it
		{"é,1234567890", 2},                  // MidNum between a letter and digits
		{"1,234567890123", 1},                // ... between digits
		{"ab\u0301.cdefghijkl", 1},           // a mark between letter and punctuation
		{"カ.abcdefghijk", 2},                 // Katakana does not join across "."
		{"x_abcdefghijkl x", 2},              // ExtendNumLet in a block
		{"abcdefghijkl今abcdefghijklmnop", 3}, // an ideograph between blocks
		{"abcdefgh\u00a0ijklmnop", 2},        // no-break space is Other
		// Invalid UTF-8 (counted as before, chunk by chunk).
		{"ab\xffcd", 2},
		{"今\xff天", 2},
		{"ab\xe0\xa4", 1},
		{"\xc1\x81", 0},             // an overlong "A" is no letter
		{"\xe0\x81\x81b", 1},        // nor in three bytes
		{"abcdefgh\xc1\x81ijkl", 2}, // ... and cuts nothing either
	} {
		if got := CountWords(tt.text); got != tt.want {
			t.Errorf("CountWords(%+q) = %d, want %d", tt.text, got, tt.want)
		}
		checkTextStats(t, tt.text)
	}
}

// tokens returns the number of UAX #29 tokens of s.
func tokens(s string) int {
	n := 0
	for it := words.FromString(s); it.Next(); {
		n++
	}
	return n
}

// TestWordClassesMatchUAX29 checks the word class of every BMP code point
// against the segmenter itself: each class stands for a set of Word_Break
// values (and letter or not, as isWord sees it), and probes of short
// strings tell the values apart.
func TestWordClassesMatchUAX29(t *testing.T) {
	s := loadScripts()
	joined := func(a, b string) bool { return tokens(a+b) == 1 }
	for r := rune(0); r < 1<<16; r++ {
		if r >= 0xd800 && r <= 0xdfff {
			continue
		}
		class := uint8(s.bmp[r] >> 8)
		if r < utf8.RuneSelf && asciiClass[r]&0x7f != class {
			t.Fatalf("%U: asciiClass %d, table %d", r, asciiClass[r]&0x7f, class)
		}
		R := string(r)
		letter := unicode.IsLetter(r) || unicode.IsNumber(r)
		// afterZWJ: not Extended_Pictographic (WB3c). kana: joins Katakana
		// (Katakana, ExtendNumLet, Extend/Format/ZWJ).
		afterZWJ := !joined("\u200d", R)
		kana := joined("カ", R)
		// notJoining: Word_Break is Other, Extended_Pictographic or one
		// of the Mid* and quote values; the next probes tell which.
		notJoining := !joined("a", R) && !joined(R, "a") && !kana &&
			!joined(R, R) && !joined(" ", R) && joined(R, "\u0301")
		midless := tokens("a"+R+"a") == 3 && tokens("1"+R+"1") == 3 && tokens("א"+R+"א") == 3
		var ok bool
		switch class {
		case classHard:
			ok = true
		case classSpace:
			ok = strings.ContainsRune(" \t\n\r\v\f", r)
		case classLetter: // ALetter, Hebrew_Letter, Numeric
			ok = letter && joined("a", R) && joined(R, "a") && !kana && afterZWJ
		case classKana: // Katakana
			ok = letter && kana && !joined("a", R) && !joined(R, "a") && afterZWJ
		case classMark: // Extend, Format, ZWJ
			ok = !letter && joined("a", R) && !joined(R, "a") && kana && tokens("a"+R+"a") == 1
		case classMid: // MidLetter, MidNum, MidNumLet, quotes, or Other
			ok = !letter && notJoining && afterZWJ
		case classOther: // Other
			ok = !letter && notJoining && midless && afterZWJ
		case classIdeo: // Other
			ok = letter && notJoining && midless && afterZWJ
		case classSymbol: // Other or Extended_Pictographic
			ok = !letter && notJoining && midless
		}
		if !ok {
			t.Errorf("%U %q: class %d does not match its UAX #29 segmentation", r, R, class)
		}
	}
}

// FuzzCountWords compares TextStats with the implementation before it on
// any bytes, and with the full UAX #29 rules and the rune-by-rune script
// count on valid UTF-8.
func FuzzCountWords(f *testing.F) {
	f.Add("Dr. Smith's e.g. 3.14 नमस्ते। اردو۔ 今天 😀👍🏽")
	f.Add("a\u0301 \u0301b _x_ x.y 1,000")
	f.Add("今天天气很好。2013年12.5月，ＡＢＣ２０１３年「今\u0301天」今\u200d😀")
	f.Add("カタカナ漢字ひらがなラーメンｶﾞｶ人々〆切 Go语言and中文e.g.中文")
	f.Add("ภาษาไทย กั ๑๒๓ שלום\"עולם א'ב x² Ⓐb a\u200d©b")
	f.Add("ab\xffcd 今\xff天 ab\xe0\xa4 \xc1\x81 \xe0\x81\x81b abcdefgh\xc1\x81ijkl")
	f.Add("hello world, abcdefg.hijklmnop é.bcdefghijklm 1,234567890123 x_abcdefghijkl x")
	// The runs of countFast: long words with marks, Inherited marks, gaps,
	// changes of script in a word, invalid UTF-8 in a run, Latin letters
	// of 2 bytes in ASCII, at every offset from the 8-byte loads.
	f.Add("प्रतिनिधित्वकर्ताओं न्\u200dह क्\u200cष, दुनिया। ठीक? हाँ॥ कক क́ख कà¤ख कí \u0080ख x")
	f.Add("بِسْمِ ٱللَّهِ، می\u200cخواهم۔ خوب؟ Привет, мир! дaд αβγ δεζ. д д д _д 12,5 x")
	f.Add("中文字，中文字。中文字！ 中́中 中a中 ア中 一二三四五六七八九十 x")
	f.Add("a caféteria naïve été aλb façade×crème Œuvre ĳssel d'été à la x")
	f.Add(".नमस्ते दुनिया ..नमस्ते दुनिया ...नमस्ते दुनिया ....नमस्ते दुनिया .....नमस्ते दुनिया")
	f.Fuzz(func(t *testing.T, text string) {
		checkTextStats(t, text)
	})
}

// FuzzCountWordsMix builds texts from the pieces of wordAlphabet,
// invalidAlphabet and asciiAlphabet, one byte a piece, which reaches the interesting
// neighbourhoods (a letter, inner punctuation, a mark, a letter) far sooner
// than random bytes do.
func FuzzCountWordsMix(f *testing.F) {
	alphabet := append(append(append([]string(nil), wordAlphabet...), invalidAlphabet...), asciiAlphabet...)
	f.Add([]byte{0, 8, 0, 1, 20, 0})
	f.Add([]byte{60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75})
	f.Fuzz(func(t *testing.T, pieces []byte) {
		var b strings.Builder
		for _, p := range pieces {
			b.WriteString(alphabet[int(p)%len(alphabet)])
		}
		checkTextStats(t, b.String())
	})
}
