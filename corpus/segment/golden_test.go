package segment

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden cuts each testdata/<lang>-*.input into paragraphs (auto mode)
// and sentences, and compares the result with testdata/<name>.golden. Run
// go test -run Golden -update to rewrite the golden files after a wanted
// change, and review the diff.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/*.input")
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) == 0 {
		t.Fatal("no testdata/*.input files")
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".input")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			lang, _, _ := strings.Cut(name, "-")
			seg, err := New(lang)
			if err != nil {
				t.Fatal(err)
			}
			got := renderSegments(seg, string(src))
			golden := strings.TrimSuffix(in, ".input") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run Golden -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s:\ngot:\n%s\nwant:\n%s", in, golden, got, want)
			}
		})
	}
}

// renderSegments lists paragraphs and sentences, one sentence a line:
// paragraph number, rule, and the sentence with its line ends shown as ⏎.
func renderSegments(seg *Segmenter, doc string) string {
	var b strings.Builder
	for i, p := range AppendParagraphs(nil, doc, ParagraphsAuto) {
		para := doc[p.Start:p.End]
		for _, s := range seg.AppendSentences(nil, para) {
			fmt.Fprintf(&b, "%d\t%-18s %s\n", i, s.Rule, strings.ReplaceAll(para[s.Start:s.End], "\n", "⏎"))
		}
	}
	return b.String()
}
