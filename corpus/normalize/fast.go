package normalize

import (
	"encoding/binary"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The fast path makes one pass over src. Bytes that the cleanup keeps and
// the quick check accepts are not copied one by one: src[pc:i] is the
// pending run, copied to dst in one piece when something else happens (a
// character removed, a line break, a segment handed to x/text, the end).
// Positions in dst of bytes in the pending run are len(dst)+(i-pc).
//
// The state mirrors the quick check of x/text:
//   - segStart: position in dst of the last starter, where x/text would start
//     to normalize if the next rune fails the quick check;
//   - ss: non-starters since that starter (x/text's stream-safe count);
//   - lastCC: combining class of the previous rune.
//
// and the line cleanup:
//   - lineStart: position in dst where the current line starts;
//   - contentEnd: position in dst after the last rune of the current line
//     that is not white space (== lineStart if there is none);
//   - nl: line breaks at the end of dst[base:] (0, 1 or 2).
//
// A line break is a boundary for both: x/text never combines across it.

// hasNonPrintable reports whether a word of 8 bytes holds a byte outside the
// printable ASCII range 0x20..0x7E.
func hasNonPrintable(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	return ((w-0x20*ones)|(w+ones)|w)&highs != 0
}

// printableRun returns the end of the run of printable ASCII starting at i.
func printableRun(src []byte, i int) int {
	for i+8 <= len(src) && !hasNonPrintable(binary.LittleEndian.Uint64(src[i:])) {
		i += 8
	}
	for i < len(src) && src[i]-0x20 < 0x5F {
		i++
	}
	return i
}

// appendText is Append, adding the counts to st if it is not nil.
func appendText(dst, src []byte, f Form, st *Stats) []byte {
	if !f.valid() {
		panic("normalize: invalid Form " + f.String())
	}
	tab := tableFor(f)
	maybes := tab.maybes
	var stats Stats
	n := len(src)
	base := len(dst)
	i, pc := 0, 0
	lineStart, contentEnd, segStart := base, base, base
	nl := 0
	var ss, lastCC uint8
	// prev is the index in src of the previous rune if that is a starter
	// with t == 0, else -1.
	prev := -1
	for i < n {
		// The hot loop, with its own registers: nothing is written to dst,
		// so off maps src indexes to dst positions.
		off := len(dst) - pc
		j, seg, content, line, state, p := tab.scan(src, i, uint16(ss)|uint16(lastCC)<<8, prev)
		if j > i {
			if seg >= 0 {
				segStart = off + seg
			}
			if content >= 0 {
				contentEnd = off + content
			}
			if line >= 0 {
				lineStart, nl = off+line, 1
				if seg < line {
					segStart = lineStart
				}
			}
			ss, lastCC, prev = uint8(state), uint8(state>>8), p
			i = j
		}
		if i >= n {
			break
		}

		// Everything else.
		c := src[i]
		var r rune
		var size int
		var e uint16
		switch {
		case c == '\t':
			segStart = off + i
			ss, lastCC = 0, 0
			prev = i
			i++
			continue
		case c == '\n' || c == '\r':
			dst = append(dst, src[pc:i]...)
			dst, nl = lineBreak(dst, base, lineStart, contentEnd, nl, &stats)
			i++
			if c == '\r' {
				stats.LineBreaks++
				if i < n && src[i] == '\n' {
					i++
				}
			}
			pc = i
			lineStart, contentEnd, segStart = len(dst), len(dst), len(dst)
			ss, lastCC = 0, 0
			prev = -1
			continue
		case c < utf8.RuneSelf:
			e, size = clsRemove, 1
		default:
			r, size = utf8.DecodeRune(src[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				// Invalid UTF-8: one U+FFFD, a starter, per byte.
				stats.Invalid++
				dst = append(dst, src[pc:i]...)
				segStart = len(dst)
				dst = append(dst, "\uFFFD"...)
				contentEnd = len(dst)
				ss, lastCC = 0, 0
				prev = -1
				i++
				pc = i
				continue
			case size == 4:
				e = tab.supplementary(r, src[i:])
			default:
				e = tab.entry(r)
			}
		}
		switch cls := uint8(e); {
		case cls < clsMark:
			segStart = off + i
			ss, lastCC = cls, 0
			prev = i
			if cls != clsStarter {
				prev = -1
			}
			i += size
			contentEnd = off + i
			continue
		case cls == clsSpace:
			segStart = off + i
			ss, lastCC = 0, 0
			prev = i
			i += size
			continue
		case cls == clsMark:
			ccc := uint8(e >> 8)
			if ss < maxNonStarters && lastCC <= ccc {
				ss++
				lastCC = ccc
				prev = -1
				i += size
				contentEnd = off + i
				continue
			}
		case cls == clsMaybe:
			if prev >= 0 {
				m := &maybes[e>>8]
				if !m.combinesWith(decodeAt(src, prev)) {
					ss, lastCC = 1, m.ccc
					prev = -1
					i += size
					contentEnd = off + i
					continue
				}
			}
		case cls == clsRemove:
			stats.Removed++
			dst = append(dst, src[pc:i]...)
			i += size
			pc = i
			continue
		case cls == clsLineSep || cls == clsParaSep:
			stats.LineBreaks++
			dst = append(dst, src[pc:i]...)
			dst, nl = lineBreak(dst, base, lineStart, contentEnd, nl, &stats)
			if cls == clsParaSep {
				dst, nl = lineBreak(dst, base, len(dst), len(dst), nl, &stats)
			}
			i += size
			pc = i
			lineStart, contentEnd, segStart = len(dst), len(dst), len(dst)
			ss, lastCC = 0, 0
			prev = -1
			continue
		}
		// The rune may change or make its neighbours change: normalize the
		// segment from the last starter to the next starter with x/text.
		dst = append(dst, src[pc:i]...)
		dst, i = normalizeSegment(dst, src, i, segStart, tab, &stats)
		pc = i
		contentEnd = spaceTrimmed(dst, lineStart, segStart, contentEnd)
		segStart = len(dst)
		ss, lastCC = 0, 0
		prev = -1
	}
	dst = append(dst, src[pc:]...)
	// End of text: trim the last line and the line breaks before it.
	if len(dst) > contentEnd {
		stats.Trimmed += utf8.RuneCount(dst[contentEnd:])
		dst = dst[:contentEnd]
	}
	if contentEnd == lineStart {
		for len(dst) > base && dst[len(dst)-1] == '\n' {
			dst = dst[:len(dst)-1]
			stats.Trimmed++
		}
	}
	if st != nil {
		st.Add(stats)
	}
	return dst
}

// scan is the hot loop of appendText: from src[i] on, it goes over
// printable ASCII and runes of 2, 3 and 4 bytes (up to plane 3) that are
// starters, white space or marks passing the quick check, or Maybe
// characters that are unchanged, and returns where it stopped. It also
// takes a line break that follows a rune other than white space, which
// needs no trimming: line is then the start of the line after the last one
// (the caller's nl becomes 1). The state is that of appendText, in src
// indexes: seg, content and line are -1 if no starter, no rune other than
// white space or no line break was seen (seg is -1 too if no starter
// follows the last line break); state holds ss and lastCC<<8.
func (t *classTable) scan(src []byte, i int, state uint16, prev int) (j, seg, content, line int, _ uint16, _ int) {
	blocks, idx2, idx3, idx4 := t.blocks, &t.idx2, &t.idx3, &t.idx4
	n := len(src)
	i0 := i
	seg, content, line = -1, -1, -1
	for i < n {
		c := src[i]
		if c < utf8.RuneSelf {
			if c-0x20 >= 0x5F {
				// A line break right after content needs no trimming: it
				// stays in the pending run. Other line breaks, tabs and
				// controls are for the caller.
				if c != '\n' || content != i || line == i {
					break
				}
				i++
				line, content, state = i, i, 0
				seg, prev = -1, -1
				continue
			}
			seg, state = i, 0
			i++
			if c != ' ' {
				content = i
			}
			if i+8 <= n && src[i]-0x20 < 0x5F && !hasNonPrintable(binary.LittleEndian.Uint64(src[i:])) {
				j := printableRun(src, i+8)
				seg = j - 1
				k := j
				for k > i && src[k-1] == ' ' {
					k--
				}
				if k > i {
					content = k
				}
				i = j
			}
			continue
		}
		var e uint16
		size := 2
		if c >= 0xF0 {
			// Planes 1 to 3: F0 90..BF xx xx.
			if c != 0xF0 || i+3 >= n {
				break
			}
			c1, c2, c3 := src[i+1], src[i+2], src[i+3]
			if c1 < 0x90 || (c1^0x80)|(c2^0x80)|(c3^0x80) >= 0x40 {
				break
			}
			e = blocks[int(idx4[uint(c1&0x3F)<<6|uint(c2&0x3F)-0x400])<<6|int(c3&0x3F)]
			size = 4
		} else if c >= 0xE0 {
			if i+2 >= n {
				break
			}
			c1, c2 := src[i+1], src[i+2]
			if (c1^0x80)|(c2^0x80) >= 0x40 {
				break
			}
			e = blocks[int(idx3[uint(c&0x0F)<<6|uint(c1&0x3F)])<<6|int(c2&0x3F)]
			size = 3
		} else {
			if c < 0xC2 || i+1 >= n {
				break
			}
			c1 := src[i+1]
			if c1^0x80 >= 0x40 {
				break
			}
			e = blocks[int(idx2[c&0x1F])<<6|int(c1&0x3F)]
		}
		if cls := uint8(e); cls < clsMark {
			seg, state = i, uint16(cls)
			i += size
			content = i
		} else if cls == clsMark {
			// Fine if fewer than 30 non-starters and the combining
			// class does not decrease.
			if uint8(state) >= maxNonStarters || state>>8 > e>>8 {
				break
			}
			state = (state&0xFF + 1) | e&0xFF00
			i += size
			content = i
		} else if cls == clsSpace {
			seg, state = i, 0
			i += size
		} else {
			// Right after a starter it does not combine with, a Maybe
			// character is unchanged: there is nothing to reorder and
			// nothing else it may combine with. With state 0, the rune
			// before is the starter at seg, of t == 0.
			if cls != clsMaybe || state != 0 {
				break
			}
			p := seg
			if p < 0 {
				p = prev
			}
			if p < 0 || t.maybes[e>>8].combinesWith(decodeAt(src, p)) {
				break
			}
			state = 1 | uint16(t.maybes[e>>8].ccc)<<8
			i += size
			content = i
		}
	}
	switch {
	case seg >= 0 && state == 0:
		prev = seg
	case i > i0:
		prev = -1
	}
	return i, seg, content, line, state, prev
}

// decodeAt returns the rune starting at src[i], which is valid UTF-8.
func decodeAt(src []byte, i int) rune {
	switch c := src[i]; {
	case c < 0x80:
		return rune(c)
	case c < 0xE0:
		return rune(c&0x1F)<<6 | rune(src[i+1]&0x3F)
	case c < 0xF0:
		return rune(c&0x0F)<<12 | rune(src[i+1]&0x3F)<<6 | rune(src[i+2]&0x3F)
	}
	r, _ := utf8.DecodeRune(src[i:])
	return r
}

// lineBreak ends the line that starts at lineStart in dst: it trims the
// white space after contentEnd and appends "\n", unless the line is blank
// and follows a blank line or starts the text. It returns the new dst and
// the new count of line breaks at its end.
func lineBreak(dst []byte, base, lineStart, contentEnd, nl int, st *Stats) ([]byte, int) {
	if len(dst) > contentEnd {
		st.Trimmed += utf8.RuneCount(dst[contentEnd:])
		dst = dst[:contentEnd]
	}
	if contentEnd > lineStart {
		return append(dst, '\n'), 1
	}
	if len(dst) > base && nl < 2 {
		return append(dst, '\n'), nl + 1
	}
	st.Trimmed++
	return dst, nl
}

// normalizeSegment normalizes, with x/text, dst[segStart:] followed by the
// cleaned-up runes of src from i up to the next starter that passes the
// quick check (or line break, invalid byte, or end of src). It writes the
// result at dst[segStart:] and returns the new dst and the position in src
// where the fast path resumes.
func normalizeSegment(dst, src []byte, i, segStart int, tab *classTable, st *Stats) ([]byte, int) {
	useIter := true
loop:
	for i < len(src) {
		c := src[i]
		if c < utf8.RuneSelf {
			if (c >= 0x20 && c != 0x7F) || c == '\t' || c == '\n' || c == '\r' {
				break // a starter or a line break
			}
			st.Removed++
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		var e uint16
		switch {
		case r == utf8.RuneError && size == 1:
			break loop // becomes U+FFFD, a starter
		case size == 4:
			e = tab.supplementary(r, src[i:])
			useIter = false
		default:
			e = tab.entry(r)
		}
		switch uint8(e) {
		case clsStarter, clsStarter + 1, clsStarter + 2, clsStarter + 3, clsSpace, clsLineSep, clsParaSep:
			break loop
		case clsRemove:
			st.Removed++
		default:
			if e>>8 == unsafeForIter && uint8(e) == clsUnsafe {
				useIter = false
			}
			dst = append(dst, src[i:i+size]...)
		}
		i += size
	}
	return normalizeTail(dst, segStart, tab.nf, useIter), i
}

// maxIterSegment is the longest region normalized with a [norm.Iter]
// instead of [norm.Form.Append]. An Iter is reused and does not allocate
// (Append allocates for every call that does not just copy), but it
// inserts U+034F after 30 non-starters in places that differ in some cases
// from Append, and fails on U+FF9E and U+FF9F followed by non-starters in
// NFD. A region this short cannot hold more than 30 non-starters, even
// decomposed (every non-starter takes at least 2 bytes and decomposes into
// at most 3); regions with characters marked unsafeForIter, or of more
// than 3 bytes, go to Append.
const maxIterSegment = 20

var iterPool = sync.Pool{New: func() any { return new(norm.Iter) }}

// normalizeTail replaces dst[from:] with its normalized form, with a
// norm.Iter if useIter and the region is short.
func normalizeTail(dst []byte, from int, nf norm.Form, useIter bool) []byte {
	end := len(dst)
	if !useIter || end-from > maxIterSegment {
		// x/text writes after end, reading dst[from:end]; the result moves
		// down to from (append copies with memmove).
		out := nf.Append(dst[end:end], dst[from:end]...)
		return append(dst[:from], out...)
	}
	it := iterPool.Get().(*norm.Iter)
	it.Init(nf, dst[from:end])
	for !it.Done() {
		dst = append(dst, it.Next()...)
	}
	it.Init(nf, iterReset) // drop the reference to dst
	iterPool.Put(it)
	return append(dst[:from], dst[end:]...)
}

var iterReset = []byte{' '}

// spaceTrimmed returns the position after the last rune of the line
// starting at lineStart that is not white space, given that dst[segStart:]
// was just rewritten and contentEnd was that position before.
func spaceTrimmed(dst []byte, lineStart, segStart, contentEnd int) int {
	if k := lastNonSpace(dst, segStart); k > segStart {
		return k
	}
	if contentEnd <= segStart {
		return contentEnd
	}
	return lastNonSpace(dst[:segStart], lineStart)
}

// lastNonSpace returns the position after the last rune of dst[from:] that
// is not white space, or from if there is none.
func lastNonSpace(dst []byte, from int) int {
	k := len(dst)
	for k > from {
		r, size := utf8.DecodeLastRune(dst[from:k])
		if !isSpace(r) {
			break
		}
		k -= size
	}
	return k
}
