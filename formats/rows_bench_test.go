package formats

import (
	"strings"
	"testing"
)

func BenchmarkCountRunes(b *testing.B) {
	s := strings.Repeat("नमस्ते दुनिया, hello world. ", 1<<15)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		countRunes(s)
	}
}

// BenchmarkRuneCursor converts the spans of short sentences, as AppendRows
// does: two offsets every hundred bytes or so.
func BenchmarkRuneCursor(b *testing.B) {
	s := strings.Repeat("नमस्ते दुनिया, hello world. यह एक वाक्य है। ", 1<<13)
	var offs []int
	for i := 0; i < len(s); {
		j := strings.IndexAny(s[i:], ".।")
		if j < 0 {
			break
		}
		offs = append(offs, i, i+j+1)
		i += j + 2
	}
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		c := runeCursor{text: s}
		for _, o := range offs {
			c.at(o)
		}
	}
}
