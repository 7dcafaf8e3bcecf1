package corpus

import (
	"testing"

	"github.com/corpustools/corpus/internal/benchcorpus"
)

// benchText is about 4 MB of generated multi-script prose.
func benchText(b *testing.B) string {
	b.Helper()
	return benchScriptText("")
}

// benchScriptText is about 4 MB of generated prose: the documents of the
// given script, or of all scripts if it is "".
func benchScriptText(script string) string {
	g := benchcorpus.New(5, 16<<10)
	var buf []byte
	for len(buf) < 4<<20 {
		n := len(buf)
		var s string
		buf, s = g.Document(buf)
		if script != "" && s != script {
			buf = buf[:n]
			continue
		}
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

// BenchmarkTextStats measures TextStats on the text of each script of the
// generated mix alone.
func BenchmarkTextStats(b *testing.B) {
	for _, sc := range benchcorpus.Scripts {
		b.Run(sc.Name, func(b *testing.B) {
			text := benchScriptText(sc.Name)
			b.SetBytes(int64(len(text)))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				TextStats(text)
			}
		})
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
