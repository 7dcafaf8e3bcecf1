package consumers

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// latinText is Latin text with diacritics, written precomposed (NFC). The
// decomposed fixture is its NFD form, which NFC must compose back, and
// "q\u0307\u0323" has its combining marks out of canonical order.
const latinText = "Café au lait, déjà vu. Ça va, Señor Núñez? São Paulo fica no Brasil!\n" +
	"Ångström, Øresund, Łódź and naïve façades. Zoë’s résumé: Tiếng Việt có dấu.\n\n" +
	"Dots: q\u0307\u0323 and ṩ. The end."

// multiscriptFiles are the text fixtures of the multi-script corpus, by
// file name. Each holds something that a consumer could get wrong: code
// points outside the BMP, joiners, composition exclusions, right-to-left
// text, CJK punctuation with closing quotes, an empty document.
var multiscriptFiles = map[string]string{
	"latin-precomposed.txt": latinText,
	"latin-decomposed.txt":  norm.NFD.String(latinText),
	// ZWJ (U+200D) and ZWNJ (U+200C) after a virama; nukta letters written
	// precomposed (U+0958 क़, U+095B ज़, U+095E फ़: composition exclusions,
	// which NFC decomposes) and decomposed (ड़ as ड + U+093C).
	"devanagari.txt": "क्\u200dष और क्\u200cष अलग लिखे जाते हैं। \u095Bिंदगी में \u095Eिल्म देखी॥ क्या यह सही है?\n\n" +
		"नुक्ता: \u0958लम, ख़बर, पेड\u093C और ग़ज़ल। अंत।",
	// Urdu: ۔ (U+06D4) ends sentences, ؟ questions, ZWNJ inside a word.
	"urdu.txt": "اردو پاکستان کی قومی زبان ہے۔ کیا آپ اردو بولتے ہیں؟ جی ہاں، میں بولتا ہوں۔\n\n" +
		"یہ دوسرا پیراگراف ہے۔ نیم\u200cفاصلہ بھی ہے۔",
	// Chinese and Japanese: 。！？ with closing quotes after them.
	"cjk.txt": "我爱北京天安门。你好吗？“太好了！”他说。\n\n「東京は日本の首都です。」と彼は言った！本当ですか？",
	// Emoji: ZWJ sequences, flags (regional indicator pairs), skin tones,
	// a keycap, variation selectors.
	"emoji.txt": "Family 👨\u200d👩\u200d👧\u200d👦 at home. Flags 🇮🇳 🇯🇵 🇺🇳! Wave 👋🏽? Keycap 1️⃣ and 🏳️\u200d🌈 too.\n\n" +
		"👍🏿 then 👍🏻.",
	"emoji-only.txt": "👨\u200d👩\u200d👧\u200d👦🇮🇳",
	// Windows line endings and trailing white space, which the cleanup removes.
	"windows.txt": "First line.  \r\nSecond line!\t\r\n\r\n\r\n\r\nThird paragraph?\r\n",
	// Documents with no text: with KeepEmpty they become rows with empty
	// text and empty span lists; without, they are skipped.
	"empty.txt":      "",
	"whitespace.txt": " \t\n\n \n",
}

// bigText returns a document of at least size bytes: paragraphs of five
// long sentences (about 1 KB each, so that the document has a few thousand
// sentences, not tens of thousands) in several scripts, some with
// decomposed characters.
func bigText(size int) string {
	phrases := []string{
		"the quick brown fox jumps over the lazy dog",
		"le cœur de l’été: cafe\u0301 et the\u0301",
		"यह एक लंबा दस्तावेज़ है",
		"这是一个很长的文件",
		"کیا یہ بہت لمبا ہے",
		"emoji 👨\u200d👩\u200d👧 and 🇯🇵 fit too",
		"Ünïcödé ïs fün",
	}
	ends := []string{".", "!", "?", "।", "。"}
	var b strings.Builder
	b.Grow(size + 4096)
	for p := 0; b.Len() < size; p++ {
		if p > 0 {
			b.WriteString("\n\n")
		}
		for s := range 5 {
			if s > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "Sentence %d.%d", p, s)
			for w := range 24 {
				b.WriteString(", ")
				b.WriteString(phrases[(p+s+w)%len(phrases)])
			}
			b.WriteString(ends[(p+s)%len(ends)])
		}
	}
	return b.String()
}

// bigDocBytes is the size of the input of the big document.
const bigDocBytes = 5 << 20

// jsonlLines are the lines of the JSONL corpus: ids that are strings and
// numbers, languages present, absent, null and malformed, and metadata
// fields of varying keys and JSON types, so that meta has keys only known
// at run time. The first three documents have no language, so that the
// first shard of a sharded build has only null languages (a consumer that
// infers types per file sees a null column there, strings later).
var jsonlLines = []string{
	`{"text":"No id and no language here. Second sentence!","author":"Zoë","名前":"値"}`,
	`{"id":"no-lang","text":"Also no language. Fine?","flag":true}`,
	`{"id":"null-lang","lang":null,"text":"A null language. Right.","n":0}`,
	`{"id":"hi-001","lang":"hi","text":"नमस्ते दुनिया। यह पहला वाक्य है।\n\nदूसरा अनुच्छेद॥","url":"https://example.org/हिंदी/1","year":2024,"score":0.875,"tags":["news","hindi"],"info":{"nested":{"depth":2,"ok":true}},"draft":false,"note":null}`,
	`{"id":42,"lang":"ur","text":"یہ ایک جملہ ہے۔ یہ دوسرا ہے؟","views":12345678901234567890,"ratio":1.50,"sci":1e3}`,
	`{"id":"zh-1","lang":"zh","text":"他说：“你好！”然后走了。真的吗？","license":"cc-by-4.0"}`,
	`{"id":"empty","lang":"en","text":"","empty_obj":{},"empty_list":[]}`,
	``,
	`{"id":"esc","lang":"en","text":"Quotes \"inside\" and a back\\slash.\tTab. Line\u2028separator. Control\u0007bell. Coder 👩🏽\u200d💻 done.","path":"C:\\dir\\file"}`,
	`{"id":"bad-lang","lang":"not a tag!!","text":"Skipped: the language tag is malformed."}`,
	`{"id":"ja-1","lang":"ja","text":"「こんにちは。」と言った。元気ですか？","score":-0.0}`,
}

// jsonlGzLines go to a gzip-compressed input file.
var jsonlGzLines = []string{
	`{"id":"gz-1","lang":"en-GB","text":"Compressed input works. Yes!","source":"gz"}`,
	`{"id":"gz-2","text":"Ünïcödé in a gzip stream.","n":[1,2,{"k":"v"}]}`,
}

// fixtures are the folders of the generated inputs.
type fixtures struct {
	multiscript, big, jsonl, nothing string
}

// writeFixtures writes the generated inputs under dir.
func writeFixtures(t *testing.T, dir string) fixtures {
	t.Helper()
	fx := fixtures{
		multiscript: filepath.Join(dir, "multiscript"),
		big:         filepath.Join(dir, "big"),
		jsonl:       filepath.Join(dir, "jsonl"),
		nothing:     filepath.Join(dir, "nothing"),
	}
	for _, d := range []string{fx.multiscript, fx.big, fx.jsonl, fx.nothing} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for name, text := range multiscriptFiles {
		writeFile(t, filepath.Join(fx.multiscript, name), []byte(text))
	}
	writeFile(t, filepath.Join(fx.big, "big.txt"), []byte(bigText(bigDocBytes)))
	writeFile(t, filepath.Join(fx.jsonl, "docs.jsonl"), []byte(strings.Join(jsonlLines, "\n")+"\n"))
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(strings.Join(jsonlGzLines, "\r\n")))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(fx.jsonl, "more.jsonl.gz"), gz.Bytes())
	writeFile(t, filepath.Join(fx.nothing, "empty.txt"), nil)
	return fx
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
