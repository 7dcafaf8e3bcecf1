package corpus

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// wordAlphabet mixes what the fast path decides with what it must leave to
// the full rules: letters and marks of joining scripts, digits of three
// kinds, inner punctuation (MidLetter, MidNum, MidNumLet, ExtendNumLet),
// ideographs, Katakana, Hebrew, Thai, emoji with ZWJ, controls, spaces.
var wordAlphabet = []string{
	"a", "Z", "é", "e\u0301", "ß", "0", "7", "_", ".", ",", ":", ";", "'", "\"", "-", "!", "?", "(", ")",
	" ", "\n", "\t", "\u00a0", "\u3000",
	"न", "म", "स", "्", "े", "ं", "क़", "\u200d", "\u200c", "।", "॥", "५", "|",
	"ا", "ر", "د", "و", "۔", "؟", "،", "\u064e", "\u0640", "٣", "۳", "\u066c",
	"п", "Я", "α", "ω", "\u0387", "\u037e", "ա", "ა",
	"今", "天", "。", "ア", "ー", "ひ", "א", "ש", "\u05f4", "ก", "ข",
	"😀", "👍", "🏽", "🇮", "🇳", "\u00b7", "\u2019", "\u2018", "\uff0e", "\u202f", "\u2060", "\u00ad",
	"\x01", "\x7f", "²", "½", "€", "ª", "\u02bc",
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

func TestCountWordsMatchesUAX29(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rng.IntN(12); n >= 0; n-- {
			b.WriteString(wordAlphabet[rng.IntN(len(wordAlphabet))])
		}
		text := b.String()
		if got, want := CountWords(text), slowCount(text); got != want {
			t.Fatalf("CountWords(%+q) = %d, UAX #29 gives %d", text, got, want)
		}
		if script, _ := TextStats(text); script != slowScript(text) {
			t.Fatalf("TextStats(%+q) script %s, counting rune by rune gives %s", text, script, slowScript(text))
		}
	}
}

func FuzzCountWords(f *testing.F) {
	f.Add("Dr. Smith's e.g. 3.14 नमस्ते। اردو۔ 今天 😀👍🏽")
	f.Add("a\u0301 \u0301b _x_ x.y 1,000")
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return // documents are valid UTF-8 once decoded
		}
		if got, want := CountWords(text), slowCount(text); got != want {
			t.Fatalf("CountWords(%+q) = %d, UAX #29 gives %d", text, got, want)
		}
	})
}
