package corpus

import (
	"testing"

	"github.com/corpustools/corpus/internal/benchcorpus"
)

// benchText is about 4 MB of generated multi-script prose.
func benchText(b *testing.B) string {
	b.Helper()
	g := benchcorpus.New(5, 16<<10)
	var buf []byte
	for len(buf) < 4<<20 {
		buf, _ = g.Document(buf)
		buf = append(buf, '\n')
	}
	return string(buf)
}

// BenchmarkCountWords measures TextStats: script and word counts in one pass.
func BenchmarkCountWords(b *testing.B) {
	text := benchText(b)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		CountWords(text)
	}
}

func BenchmarkProcess(b *testing.B) {
	text := []byte(benchText(b))
	o := DefaultOptions()
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Process(&Input{Source: "b", Key: "b", Raw: text}, o); err != nil {
			b.Fatal(err)
		}
	}
}
