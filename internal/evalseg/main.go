// Command evalseg writes sentence-boundary predictions for a gold JSONL file
// of the segmentation development data (see scripts/eval.sh).
//
// It reads the units of the gold file, one JSON object with a "text" field a
// line, cuts each text into sentences and writes one line per unit to
// standard output: {"ends":[e1,e2,...]}, the sentence end offsets in code
// points, as tools/score_boundaries.py reads them.
//
//	evalseg -lang hi gold/hi_hdtb.dev.gold.jsonl > pred.jsonl
//	evalseg -mode uax29 gold/hi_hdtb.dev.gold.jsonl > pred.jsonl
//
// -mode corpus (the default) uses [segment.New] with -lang and
// AppendSentences; -mode uax29 uses the Unicode default sentence boundaries
// of UAX #29 alone, for comparison.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/sentences"
	"github.com/corpustools/corpus/corpus/segment"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "evalseg:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("evalseg", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lang := fs.String("lang", "", "BCP 47 language tag of the text (empty: by script)")
	mode := fs.String("mode", "corpus", "segmenter: corpus or uax29")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: evalseg [-lang TAG] [-mode corpus|uax29] GOLD.jsonl")
	}
	var cut func(text string, ends []int) []int
	switch *mode {
	case "corpus":
		seg, err := segment.New(*lang)
		if err != nil {
			return err
		}
		var sents []segment.Sentence
		cut = func(text string, ends []int) []int {
			sents = seg.AppendSentences(sents[:0], text)
			for _, s := range sents {
				ends = append(ends, s.End)
			}
			return ends
		}
	case "uax29":
		cut = func(text string, ends []int) []int {
			it := sentences.FromString(text)
			for it.Next() {
				// UAX #29 keeps trailing spaces in the sentence.
				ends = append(ends, it.Start()+len(strings.TrimRightFunc(it.Value(), unicode.IsSpace)))
			}
			return ends
		}
	default:
		return fmt.Errorf("unknown mode %q (want corpus or uax29)", *mode)
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	return predict(f, fs.Arg(0), stdout, cut)
}

// predict reads gold units from r (named name) and writes the code-point
// sentence ends that cut finds (as byte offsets) to w.
func predict(r io.Reader, name string, w io.Writer, cut func(text string, ends []int) []int) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<24)
	out := bufio.NewWriter(w)
	enc := json.NewEncoder(out)
	var ends []int
	for line := 1; sc.Scan(); line++ {
		var u struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &u); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
		ends = cut(u.Text, ends[:0])
		// Byte offsets to code points; a running count keeps it linear.
		cp := make([]int, len(ends))
		prevB, prevC := 0, 0
		for i, e := range ends {
			prevC += utf8.RuneCountInString(u.Text[prevB:e])
			prevB = e
			cp[i] = prevC
		}
		if err := enc.Encode(struct {
			Ends []int `json:"ends"`
		}{cp}); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return out.Flush()
}
