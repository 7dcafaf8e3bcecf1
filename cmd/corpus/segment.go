package main

import (
	"bufio"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/corpustools/corpus/corpus"
	"github.com/corpustools/corpus/corpus/normalize"
	"github.com/corpustools/corpus/corpus/segment"
)

func segmentCommand() *cli.Command {
	return &cli.Command{
		Name:      "segment",
		Usage:     "split text from stdin into sentences, one per line, each with the rule that ended it",
		ArgsUsage: " ",
		Description: `Reads UTF-8 text from stdin, normalizes it (--normalize), finds paragraphs
(--paragraphs) and sentences (--lang), and prints one line per sentence:
paragraph index, sentence index, the rule that ended the sentence, and the
sentence. Use it to see why a split happened.

   echo 'डॉ. शर्मा आए। "हम जीतेंगे।" इसके बाद' | corpus segment --lang hi`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "lang", Usage: "BCP 47 language (empty: chosen by script)"},
			&cli.StringFlag{Name: "normalize", Value: "nfc", Usage: "nfc, nfkc, nfd, nfkd or none"},
			&cli.StringFlag{Name: "paragraphs", Value: "auto", Usage: "auto, blank or line"},
			&cli.Int64Flag{Name: "max-doc-bytes", Value: 64 << 20, Usage: "refuse input larger than this"},
		},
		Action: func(c *cli.Context) error {
			o := corpus.DefaultOptions()
			var err error
			if o.Form, err = normalize.ParseForm(c.String("normalize")); err != nil {
				return withCode(exitUsage, err)
			}
			if o.Paragraphs, err = segment.ParseParagraphMode(c.String("paragraphs")); err != nil {
				return withCode(exitUsage, err)
			}
			o.Lang = c.String("lang")
			if _, err := segment.New(o.Lang); err != nil {
				return withCode(exitUsage, fmt.Errorf("--lang: %w", err))
			}
			o.KeepEmpty = true
			limit := c.Int64("max-doc-bytes")
			raw, err := io.ReadAll(io.LimitReader(c.App.Reader, limit+1))
			if err != nil {
				return withCode(exitInvalid, fmt.Errorf("stdin: %w", err))
			}
			if int64(len(raw)) > limit {
				return withCode(exitInvalid, fmt.Errorf("stdin: %w: more than --max-doc-bytes=%d", corpus.ErrTooLarge, limit))
			}
			d, err := corpus.Process(&corpus.Input{Source: "stdin", Key: "stdin", Raw: raw}, o)
			if err != nil {
				return withCode(exitInvalid, err)
			}
			return explain(c.App.Writer, d)
		},
	}
}

// explain prints each sentence of d on a line: paragraph, sentence index,
// rule, text (newlines inside a sentence shown as ⏎).
func explain(w io.Writer, d *corpus.Document) error {
	bw := bufio.NewWriter(w)
	for i, s := range d.Sentences {
		text := d.Text[s.Start:s.End]
		fmt.Fprintf(bw, "%d\t%d\t%s\t%s\n", s.Paragraph, i, s.Rule, visibleNewlines(text))
	}
	return bw.Flush()
}

func visibleNewlines(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if r == '\n' {
			out = append(out, '⏎')
			continue
		}
		out = append(out, r)
	}
	return string(out)
}
