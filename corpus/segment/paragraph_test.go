package segment

import (
	"slices"
	"testing"
)

func TestAppendParagraphs(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mode   ParagraphMode
		marked string // paragraphs separated by mark
	}{
		{"auto/blank-lines", ParagraphsAuto, "First para,\nsecond line.\n¶\nSecond para."},
		{"auto/no-blank-line", ParagraphsAuto, "Line one.\n¶Line two.\n¶Line three."},
		{"auto/whitespace-line-is-blank", ParagraphsAuto, "One.\n  \t\n¶Two.\nstill two."},
		{"auto/leading-blank-only", ParagraphsAuto, "\n\nOne.\n¶Two."},
		{"blank/basic", ParagraphsBlank, "  A headline\nA line.  \n\n\n¶  B para.\n"},
		{"blank/single", ParagraphsBlank, "One.\nTwo.\nThree."},
		{"blank/unicode-space-line", ParagraphsBlank, "एक।\n\u3000\u00a0\n¶दो।"},
		{"line/basic", ParagraphsLine, "One.\n¶\n\n  Two.  \n¶Three."},
		{"line/blank-lines-ignored", ParagraphsLine, "\n \nपहला।\n\n¶दूसरा।\n"},
		{"empty", ParagraphsAuto, ""},
		{"only-space", ParagraphsBlank, " \n\t\n "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, want := parseMarked(tc.marked)
			got := AppendParagraphs(nil, text, tc.mode)
			if !slices.Equal(got, want) {
				t.Errorf("got  %q\nwant %q", showMarked(text, got), tc.marked)
			}
			checkSpans(t, text, got)
		})
	}
}

func TestAppendParagraphsAppends(t *testing.T) {
	dst := []Span{{1, 2}}
	got := AppendParagraphs(dst, "a\n\nb", ParagraphsBlank)
	if want := []Span{{1, 2}, {0, 1}, {3, 4}}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestParseParagraphMode(t *testing.T) {
	for _, m := range []ParagraphMode{ParagraphsAuto, ParagraphsBlank, ParagraphsLine} {
		got, err := ParseParagraphMode(m.String())
		if err != nil || got != m {
			t.Errorf("ParseParagraphMode(%q) = %v, %v", m.String(), got, err)
		}
	}
	_, err := ParseParagraphMode("para")
	if err == nil {
		t.Fatal("no error for an unknown mode")
	}
	for _, name := range []string{"auto", "blank", "line"} {
		if !contains(err.Error(), name) {
			t.Errorf("error %q does not name %q", err, name)
		}
	}
	if s := ParagraphMode(9).String(); s == "" {
		t.Error("empty name for an unknown mode")
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
