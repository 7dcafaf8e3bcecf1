package segment

import (
	"fmt"
	"strings"
)

// ParagraphMode chooses how a document is cut into paragraphs.
type ParagraphMode uint8

// The paragraph modes.
const (
	// ParagraphsAuto is ParagraphsBlank when the text has a blank line, else
	// ParagraphsLine.
	ParagraphsAuto ParagraphMode = iota
	// ParagraphsBlank separates paragraphs by blank lines; a line holding only
	// white space counts as blank.
	ParagraphsBlank
	// ParagraphsLine makes every non-empty line a paragraph.
	ParagraphsLine
)

var paragraphModeNames = [...]string{
	ParagraphsAuto:  "auto",
	ParagraphsBlank: "blank",
	ParagraphsLine:  "line",
}

// String returns the name of m: "auto", "blank" or "line".
func (m ParagraphMode) String() string {
	if int(m) < len(paragraphModeNames) {
		return paragraphModeNames[m]
	}
	return fmt.Sprintf("ParagraphMode(%d)", uint8(m))
}

// ParseParagraphMode returns the mode named s: "auto", "blank" or "line".
func ParseParagraphMode(s string) (ParagraphMode, error) {
	for m, name := range paragraphModeNames {
		if s == name {
			return ParagraphMode(m), nil
		}
	}
	return 0, fmt.Errorf("segment: unknown paragraph mode %q (want auto, blank or line)", s)
}

// AppendParagraphs appends to dst the paragraph spans of text, whose line
// endings are "\n", and returns the extended slice. The spans are trimmed of
// surrounding white space, in order and never empty.
func AppendParagraphs(dst []Span, text string, mode ParagraphMode) []Span {
	if mode == ParagraphsAuto {
		mode = ParagraphsLine
		if hasBlankLine(text) {
			mode = ParagraphsBlank
		}
	}
	start := -1 // start of the current paragraph's text, or -1 outside one
	end := 0    // end of its last non-blank line
	for pos := 0; pos < len(text); {
		n := strings.IndexByte(text[pos:], '\n')
		lineEnd := len(text)
		if n >= 0 {
			lineEnd = pos + n
		}
		a := skipSpace(text[:lineEnd], pos)
		if a == lineEnd { // a blank line
			if start >= 0 {
				dst = append(dst, Span{start, end})
				start = -1
			}
		} else {
			b := pos + trimEnd(text[pos:lineEnd])
			if mode == ParagraphsLine {
				dst = append(dst, Span{a, b})
			} else {
				if start < 0 {
					start = a
				}
				end = b
			}
		}
		pos = lineEnd + 1
	}
	if start >= 0 {
		dst = append(dst, Span{start, end})
	}
	return dst
}

// hasBlankLine reports whether text has a line holding only white space
// between two lines that do not.
func hasBlankLine(text string) bool {
	seenText := false
	blank := false
	for pos := 0; pos < len(text); {
		n := strings.IndexByte(text[pos:], '\n')
		lineEnd := len(text)
		if n >= 0 {
			lineEnd = pos + n
		}
		if skipSpace(text[:lineEnd], pos) == lineEnd {
			blank = seenText
		} else {
			if blank {
				return true
			}
			seenText = true
		}
		pos = lineEnd + 1
	}
	return false
}
