package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/corpustools/corpus/corpus"
	"github.com/corpustools/corpus/internal/benchcorpus"
	"github.com/corpustools/corpus/schemas"
)

// benchInput writes about size bytes of generated documents under a temp folder.
func benchInput(b *testing.B, size int) (string, int64) {
	b.Helper()
	dir := b.TempDir()
	g := benchcorpus.New(1, 16<<10)
	var total int64
	var doc []byte
	for i := 0; total < int64(size); i++ {
		doc, _ = g.Document(doc[:0])
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%05d.txt", i)), doc, 0o644); err != nil {
			b.Fatal(err)
		}
		total += int64(len(doc))
	}
	return dir, total
}

// BenchmarkBuild runs whole builds (read, normalize, segment, annotate,
// write) of a generated 16 MB multi-script corpus, per format and jobs.
func BenchmarkBuild(b *testing.B) {
	in, size := benchInput(b, 16<<20)
	for _, tc := range []struct {
		format, compression string
		jobs                int
	}{
		{"jsonl", "none", 1}, {"parquet", "zstd", 1}, {"parquet", "snappy", 1}, {"arrow", "none", 1},
		{"parquet", "zstd", 2}, {"jsonl", "none", 2},
	} {
		b.Run(fmt.Sprintf("%s-%s-j%d", tc.format, tc.compression, tc.jobs), func(b *testing.B) {
			b.SetBytes(size)
			for i := 0; i < b.N; i++ {
				out := filepath.Join(b.TempDir(), "out")
				_, err := Run(context.Background(), &Config{
					Inputs: []string{in}, Output: out, Formats: []string{tc.format},
					Compression: map[string]string{tc.format: tc.compression}, Unit: schemas.UnitDocument,
					Jobs: tc.jobs, Process: corpus.DefaultOptions(), ToolVersion: "bench",
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
