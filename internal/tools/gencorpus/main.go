// Command gencorpus writes a deterministic multi-script benchmark corpus:
// text files into a folder, or JSONL to a file or stdout (so a corpus larger
// than the disk can be streamed into `corpus build -`).
//
//	gencorpus -size 1G -format text -out /tmp/bench/1g
//	gencorpus -size 10G -format jsonl | corpus build --input-format jsonl -o out -
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/corpustools/corpus/formats"
	"github.com/corpustools/corpus/internal/benchcorpus"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

func run() error {
	size := flag.String("size", "10M", "total text size: N, NK, NM or NG bytes")
	format := flag.String("format", "jsonl", "text (one file per document, under -out) or jsonl")
	out := flag.String("out", "-", "output folder (text) or file (jsonl; - for stdout)")
	seed := flag.Uint64("seed", 1, "random seed")
	mean := flag.Int("mean-doc", 16<<10, "mean document size in bytes")
	flag.Parse()
	total, err := parseSize(*size)
	if err != nil {
		return err
	}
	g := benchcorpus.New(*seed, *mean)
	var written int64
	var doc, line []byte
	switch *format {
	case "jsonl":
		var w io.Writer = os.Stdout
		if *out != "-" {
			f, err := os.Create(*out)
			if err != nil {
				return err
			}
			defer f.Close()
			w = f
		}
		bw := bufio.NewWriterSize(w, 1<<20)
		for i := 0; written < total; i++ {
			var script string
			doc, script = g.Document(doc[:0])
			line = append(line[:0], `{"id":"doc-`...)
			line = strconv.AppendInt(line, int64(i), 10)
			line = append(line, `","text":`...)
			line = formats.AppendJSONString(line, string(doc))
			line = append(line, `,"script_hint":"`...)
			line = append(line, script...)
			line = append(line, "\"}\n"...)
			if _, err := bw.Write(line); err != nil {
				return err
			}
			written += int64(len(doc))
		}
		return bw.Flush()
	case "text":
		if *out == "-" {
			return fmt.Errorf("-format text needs -out DIR")
		}
		for i := 0; written < total; i++ {
			doc, _ = g.Document(doc[:0])
			doc = append(doc, '\n')
			p := filepath.Join(*out, fmt.Sprintf("%03d", i/1000), fmt.Sprintf("%06d.txt", i))
			if i%1000 == 0 {
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					return err
				}
			}
			if err := os.WriteFile(p, doc, 0o644); err != nil {
				return err
			}
			written += int64(len(doc))
		}
		return nil
	}
	return fmt.Errorf("unknown -format %q (want text or jsonl)", *format)
}

func parseSize(s string) (int64, error) {
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "K"):
		mult, s = 1<<10, strings.TrimSuffix(s, "K")
	case strings.HasSuffix(s, "M"):
		mult, s = 1<<20, strings.TrimSuffix(s, "M")
	case strings.HasSuffix(s, "G"):
		mult, s = 1<<30, strings.TrimSuffix(s, "G")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("bad -size %q", s)
	}
	return n * mult, nil
}
