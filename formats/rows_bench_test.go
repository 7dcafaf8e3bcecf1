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
