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
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		if got, want := countRunes(s), utf8.RuneCountInString(s); got != want {
			t.Fatalf("countRunes(%q) = %d, want %d", s, got, want)
		}
	})
}
