package segment

import (
	"bufio"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// MaxSentence is the size limit of [Segmenter.Split]: when the data hold this
// many bytes and no sentence boundary can be decided in them, Split returns
// them (cut at the last white space, else at a rune boundary) as one token
// rather than fail. It equals [bufio.MaxScanTokenSize], the largest buffer a
// default [bufio.Scanner] grows to; a Scanner given a smaller maximum with
// [bufio.Scanner.Buffer] stops with [bufio.ErrTooLong] on a longer sentence.
const MaxSentence = bufio.MaxScanTokenSize

// Split is a [bufio.SplitFunc] that reads a stream of one paragraph's text
// and returns one sentence at a time, trimmed of surrounding white space. It
// asks for more data while a boundary decision needs look-ahead (the word
// after a full stop, the line after a line end), and returns the last
// sentence at EOF. The sentences are the ones [Segmenter.AppendSentences]
// finds in the whole text. A sentence longer than [MaxSentence] bytes is
// returned in pieces of at most that size. Split keeps no state between
// calls, so each call looks at the sentence from its start again: reads of
// a few bytes at a time make it quadratic in the sentence length.
func (s *Segmenter) Split(data []byte, atEOF bool) (advance int, token []byte, err error) {
	// Look at whole runes only: a rune cut by the end of the buffer waits
	// for the next read.
	n := len(data)
	if !atEOF {
		n -= incompleteTail(data)
	}
	// The text is only read during this call and never kept, so it may
	// share data's memory.
	text := unsafe.String(unsafe.SliceData(data), n)
	start := skipSpace(text, 0)
	if start == len(text) {
		return start, nil, nil
	}
	text = text[start:]
	forced := false
	if len(text) >= MaxSentence {
		text = text[:MaxSentence-incompleteTail(data[start:start+MaxSentence])]
		forced = true
	}
	end, _, _, more := s.first(text, atEOF || forced)
	if more {
		return start, nil, nil
	}
	if forced && end == trimEnd(text) {
		// No boundary in MaxSentence bytes: cut at the last white space.
		if c := strings.LastIndexFunc(text, isSpace); c > 0 {
			end = trimEnd(text[:c])
		}
	}
	return start + end, data[start : start+end], nil
}

// incompleteTail returns how many bytes at the end of b are the start of a
// rune that is not complete (0 when b ends on a rune boundary).
func incompleteTail(b []byte) int {
	for n := 1; n <= utf8.UTFMax && n <= len(b); n++ {
		if utf8.RuneStart(b[len(b)-n]) {
			if utf8.FullRune(b[len(b)-n:]) {
				return 0
			}
			return n
		}
	}
	return 0
}
