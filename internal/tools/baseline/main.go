// Command baseline is the reference pipeline quoted in issue #6: the
// straightforward Go program one would write with the standard libraries to
// turn a directory of text files into a Parquet corpus (read, NFC, sentence
// segmentation, SHA-256, Parquet with zstd), single goroutine, no tuning.
//
// It exists only so that `make bench` can measure our tool against it on the
// same machine; it is not product code and must stay plain and idiomatic
// rather than optimized.
//
//	baseline -o OUT.parquet DIR
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"

	"github.com/clipperhouse/uax29/v2/sentences"
	"github.com/parquet-go/parquet-go"
	"golang.org/x/text/unicode/norm"
)

// Span is a sentence as byte offsets [Start, End) into Row.Text.
type Span struct {
	Start int32 `parquet:"start"`
	End   int32 `parquet:"end"`
}

// Row is one document of the output file.
type Row struct {
	ID        string `parquet:"id"`
	Source    string `parquet:"source"`
	Text      string `parquet:"text"`
	SHA256    string `parquet:"sha256"`
	Sentences []Span `parquet:"sentences"`
}

type stats struct {
	Docs  int
	Bytes int64
}

func main() {
	out := flag.String("o", "", "output Parquet file")
	cpuprofile := flag.String("cpuprofile", "", "")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: baseline -o OUT.parquet DIR")
	}
	flag.Parse()
	if *out == "" || flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := mainErr(flag.Arg(0), *out, *cpuprofile); err != nil {
		fmt.Fprintln(os.Stderr, "baseline:", err)
		os.Exit(1)
	}
}

func mainErr(dir, out, cpuprofile string) error {
	if cpuprofile != "" {
		f, err := os.Create(cpuprofile)
		if err != nil {
			return fmt.Errorf("cpu profile: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("cpu profile: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	start := time.Now()
	st, err := run(dir, out)
	if err != nil {
		return err
	}
	secs := time.Since(start).Seconds()
	fmt.Fprintf(os.Stderr, "documents: %d\nbytes: %d\nseconds: %.2f\nMB/s: %.1f\n",
		st.Docs, st.Bytes, secs, float64(st.Bytes)/1e6/secs)
	return nil
}

// run reads every regular file under dir and writes one row per file to out.
func run(dir, out string) (stats, error) {
	var st stats
	f, err := os.Create(out)
	if err != nil {
		return st, fmt.Errorf("create output: %w", err)
	}
	defer f.Close()
	w := parquet.NewGenericWriter[Row](f, parquet.Compression(&parquet.Zstd))

	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("read: %w", err)
		}
		row := makeRow(rel, data)
		if _, err := w.Write([]Row{row}); err != nil {
			return fmt.Errorf("write %s: %w", rel, err)
		}
		st.Docs++
		st.Bytes += int64(len(data))
		return nil
	})
	if err != nil {
		return st, fmt.Errorf("walk %s: %w", dir, err)
	}
	if err := w.Close(); err != nil {
		return st, fmt.Errorf("close parquet writer: %w", err)
	}
	if err := f.Close(); err != nil {
		return st, fmt.Errorf("close %s: %w", out, err)
	}
	return st, nil
}

// makeRow normalizes, segments and hashes one document.
func makeRow(rel string, data []byte) Row {
	text := norm.NFC.Bytes(data)

	var spans []Span
	it := sentences.FromBytes(text)
	for it.Next() {
		spans = append(spans, Span{Start: int32(it.Start()), End: int32(it.End())})
	}

	sum := sha256.Sum256(text)
	id := sha256.Sum256([]byte(rel))
	return Row{
		ID:        hex.EncodeToString(id[:16]),
		Source:    rel,
		Text:      string(text),
		SHA256:    hex.EncodeToString(sum[:]),
		Sentences: spans,
	}
}
