package normalize

import (
	"unicode/utf8"

	"golang.org/x/text/transform"
)

// NewTransformer returns a [transform.Transformer] that does what [Append]
// does, for streams (wrap it with [transform.NewReader] or
// [transform.NewWriter]). Its output is identical to that of Append on the
// whole input, for any chunking of the input.
//
// It is the chain ([transform.Chain]) of three transformers: the character
// cleanup (invalid UTF-8, line breaks, removed characters), the x/text
// normalization form (left out for [None]) and the line cleanup. The line
// cleanup holds back the white space that follows the last non-space
// character of a line until it knows whether the line goes on, so its
// memory grows with the longest run of white space inside a line.
//
// NewTransformer panics if f is not one of the declared forms.
func NewTransformer(f Form) transform.Transformer {
	if !f.valid() {
		panic("normalize: invalid Form " + f.String())
	}
	if nf, ok := f.normForm(); ok {
		return transform.Chain(&charCleaner{}, nf, &lineCleaner{})
	}
	return transform.Chain(&charCleaner{}, &lineCleaner{})
}

// charCleaner is the character cleanup: invalid bytes become U+FFFD, CRLF,
// CR and U+2028 become "\n", U+2029 becomes "\n\n", controls other than tab
// and newline and U+FEFF are removed.
type charCleaner struct {
	afterCR bool // the last byte seen was a CR: skip a following LF
}

// Reset implements [transform.Transformer].
func (t *charCleaner) Reset() { t.afterCR = false }

// Transform implements [transform.Transformer].
func (t *charCleaner) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		c := src[nSrc]
		if t.afterCR {
			t.afterCR = false
			if c == '\n' {
				nSrc++
				continue
			}
		}
		if c < utf8.RuneSelf {
			if (c >= 0x20 && c != 0x7F) || c == '\t' || c == '\n' || c == '\r' {
				if nDst >= len(dst) {
					return nDst, nSrc, transform.ErrShortDst
				}
				if c == '\r' {
					c = '\n'
					t.afterCR = true
				}
				dst[nDst] = c
				nDst++
			}
			nSrc++
			continue
		}
		if !atEOF && !utf8.FullRune(src[nSrc:]) {
			return nDst, nSrc, transform.ErrShortSrc
		}
		r, size := utf8.DecodeRune(src[nSrc:])
		var out []byte
		switch {
		case r == utf8.RuneError && size == 1:
			out = replacementChar
		case r == 0x2028:
			out = newline1
		case r == 0x2029:
			out = newline2
		case isRemoved(r):
			out = nil
		default:
			out = src[nSrc : nSrc+size]
		}
		if nDst+len(out) > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += copy(dst[nDst:], out)
		nSrc += size
	}
	return nDst, nSrc, nil
}

var (
	replacementChar = []byte("\uFFFD")
	newline1        = []byte("\n")
	newline2        = []byte("\n\n")
)

// lineCleaner is the line cleanup on valid UTF-8: it drops white space at
// line ends, collapses blank-line runs, drops leading blank lines and
// trailing white space and line breaks.
type lineCleaner struct {
	started bool   // some content was written
	nl      int    // line breaks since the last content, at most 2
	ws      []byte // white space since the last content or line break
	wsOut   int    // bytes of ws already written
}

// Reset implements [transform.Transformer].
func (t *lineCleaner) Reset() {
	t.started, t.nl, t.ws, t.wsOut = false, 0, t.ws[:0], 0
}

// Transform implements [transform.Transformer].
func (t *lineCleaner) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		c := src[nSrc]
		size := 1
		space := false
		switch {
		case c == '\n':
			t.ws, t.wsOut = t.ws[:0], 0
			if t.nl < 2 {
				t.nl++
			}
			nSrc++
			continue
		case c < utf8.RuneSelf:
			space = c == ' ' || c == '\t'
		default:
			if !atEOF && !utf8.FullRune(src[nSrc:]) {
				return nDst, nSrc, transform.ErrShortSrc
			}
			var r rune
			r, size = utf8.DecodeRune(src[nSrc:])
			space = isSpace(r)
		}
		if space {
			t.ws = append(t.ws, src[nSrc:nSrc+size]...)
			nSrc += size
			continue
		}
		// Content: write what was held back, then the character.
		if !t.started {
			t.nl = 0
		}
		for ; t.nl > 0; t.nl-- {
			if nDst >= len(dst) {
				return nDst, nSrc, transform.ErrShortDst
			}
			dst[nDst] = '\n'
			nDst++
		}
		if t.wsOut < len(t.ws) {
			n := copy(dst[nDst:], t.ws[t.wsOut:])
			nDst += n
			t.wsOut += n
			if t.wsOut < len(t.ws) {
				return nDst, nSrc, transform.ErrShortDst
			}
		}
		t.ws, t.wsOut = t.ws[:0], 0
		if nDst+size > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += copy(dst[nDst:], src[nSrc:nSrc+size])
		nSrc += size
		t.started = true
		// Copy the rest of a run of ASCII content directly.
		for nSrc < len(src) && nDst < len(dst) {
			c := src[nSrc]
			if c <= ' ' || c >= utf8.RuneSelf {
				break
			}
			dst[nDst] = c
			nDst++
			nSrc++
		}
	}
	return nDst, nSrc, nil
}
