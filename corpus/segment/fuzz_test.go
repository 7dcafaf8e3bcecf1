package segment

import (
	"slices"
	"strings"
	"testing"
)

func fuzzSeeds(f *testing.F) {
	for _, tc := range sentenceCases {
		text, _ := parseMarked(tc.marked)
		f.Add(text)
	}
	f.Add("a\n\n\nb\n \nc")
	f.Add("\xff\xfe. \xe0\xa5. x")
	f.Add(". . . ! ? । ॥ ۔ 。")
}

// FuzzAppendSentences checks the span invariants for every language and
// that Split, fed slowly, gives the same sentences.
func FuzzAppendSentences(f *testing.F) {
	fuzzSeeds(f)
	var segs []*Segmenter
	for _, lang := range append([]string{""}, Languages()...) {
		s, err := New(lang)
		if err != nil {
			f.Fatal(err)
		}
		segs = append(segs, s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, seg := range segs {
			sents := seg.AppendSentences(nil, text)
			spans := make([]Span, len(sents))
			for i, s := range sents {
				spans[i] = s.Span
				if s.Rule >= numRules {
					t.Fatalf("rule %d", s.Rule)
				}
			}
			checkSpans(t, text, spans)
			want := sentenceTexts(seg, text)
			if got := scanAll(t, seg, text); !slices.Equal(got, want) {
				t.Fatalf("lang %q: Split gave %q, AppendSentences %q", seg.Language(), got, want)
			}
		}
	})
}

// FuzzAppendParagraphs checks the span invariants of every paragraph mode,
// and that blank mode never cuts inside what line mode keeps whole.
func FuzzAppendParagraphs(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		text = strings.ReplaceAll(text, "\r", "")
		for _, m := range []ParagraphMode{ParagraphsAuto, ParagraphsBlank, ParagraphsLine} {
			spans := AppendParagraphs(nil, text, m)
			checkSpans(t, text, spans)
			if m == ParagraphsLine {
				for _, sp := range spans {
					if strings.Contains(text[sp.Start:sp.End], "\n") {
						t.Fatalf("line paragraph %q holds a line end", text[sp.Start:sp.End])
					}
				}
			}
		}
	})
}
