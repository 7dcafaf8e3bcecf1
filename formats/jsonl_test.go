package formats

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

func TestAppendJSONString(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"plain", `"plain"`},
		{"नमस्ते \u200d दुनिया", `"नमस्ते ` + "\u200d" + ` दुनिया"`},
		{"q\"b\\s\n\r\t\x01\x7f", `"q\"b\\s\n\r\t\u0001` + "\x7f" + `"`},
		{"a\u2028b\u2029c\u20acd", `"a\u2028b\u2029c€d"`},
		{"bad\xffbyte\xe2\x80", `"bad\ufffdbyte\ufffd\ufffd"`},
		{"😀🇮🇳", `"😀🇮🇳"`},
		// Eight-byte ASCII runs, then what ends them.
		{"abcdefgh\"ijklmnop", `"abcdefgh\"ijklmnop"`},
		{"abcdefghi\\jklmnopq\x1f", `"abcdefghi\\jklmnopq\u001f"`},
		{"abcdefgh\u2028abcdefgh", `"abcdefgh\u2028abcdefgh"`},
		{"abcdefghé\x7fabcdefgh", `"abcdefghé` + "\x7f" + `abcdefgh"`},
		// Invalid sequences the three-byte path must refuse.
		{"abcdefgh\xe0\x80\x80", `"abcdefgh\ufffd\ufffd\ufffd"`}, // overlong
		{"\xed\xa0\x80abcdefgh", `"\ufffd\ufffd\ufffdabcdefgh"`}, // surrogate
		{"नमस्ते\xe0\xa4", `"नमस्ते\ufffd\ufffd"`},               // cut at the end
		{"\xe0\xa4a\xa4", `"\ufffd\ufffda\ufffd"`},               // cut by ASCII
		{"\xc2", `"\ufffd"`},                               // two-byte lead alone
		{"\xf0\x9f\x98", `"\ufffd\ufffd\ufffd"`},           // four bytes cut
		{"\xf4\x90\x80\x80", `"\ufffd\ufffd\ufffd\ufffd"`}, // beyond U+10FFFF
	} {
		if got := string(AppendJSONString(nil, tt.in)); got != tt.want {
			t.Errorf("AppendJSONString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// FuzzAppendJSONString: the output is valid JSON that decodes to the input
// (with invalid UTF-8 replaced), and is itself valid UTF-8.
func FuzzAppendJSONString(f *testing.F) {
	f.Add("a\u2028\"\\\x00é")
	f.Add("\xe2\x80\xa8\xe2\x80")
	f.Fuzz(func(t *testing.T, s string) {
		out := AppendJSONString(nil, s)
		if !utf8.Valid(out) {
			t.Fatalf("output not UTF-8: %q", out)
		}
		var back string
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("%q: %v", out, err)
		}
		want := []rune{}
		for i := 0; i < len(s); {
			r, size := utf8.DecodeRuneInString(s[i:])
			want = append(want, r)
			i += size
		}
		if back != string(want) {
			t.Fatalf("round trip %q -> %q, want %q", s, back, string(want))
		}
	})
}

func FuzzCountRunes(f *testing.F) {
	f.Add("नमस्ते, hello wörld 😀")
	f.Add("नमस्ते, hello wörld 😀 दुनिया — the 32-byte loop, and the 8-byte one after it: ok")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		if got, want := countRunes(s), utf8.RuneCountInString(s); got != want {
			t.Fatalf("countRunes(%q) = %d, want %d", s, got, want)
		}
	})
}

// FuzzRuneCursor: the cursor gives utf8.RuneCountInString of the prefix at
// every rune boundary, asked in increasing order and with some skipped,
// and starts over when asked for an earlier offset.
func FuzzRuneCursor(f *testing.F) {
	f.Add("नमस्ते, hello wörld 😀 दुनिया", uint8(1))
	f.Add("abcdefghijklmnopq", uint8(3))
	f.Fuzz(func(t *testing.T, s string, step uint8) {
		if !utf8.ValidString(s) {
			return
		}
		c := runeCursor{text: s}
		k := 0
		for off := 0; off <= len(s); off++ {
			if off < len(s) && !utf8.RuneStart(s[off]) {
				continue
			}
			if k++; step > 1 && k%int(step) != 0 {
				continue
			}
			if got, want := c.at(off), utf8.RuneCountInString(s[:off]); int(got) != want {
				t.Fatalf("at(%d) of %q = %d, want %d", off, s, got, want)
			}
		}
		if got := c.at(0); got != 0 {
			t.Fatalf("at(0) after the end = %d", got)
		}
	})
}
