package normalize

import (
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
)

// isNormalized is IsNormalized: the loop of appendText without writing,
// failing at the first change Append would make.
func isNormalized(s string, f Form) bool {
	if !f.valid() {
		panic("normalize: invalid Form " + f.String())
	}
	if len(s) == 0 {
		return true
	}
	tab := tableFor(f)
	// The functions shared with appendText take a []byte; they only read
	// it.
	src := unsafe.Slice(unsafe.StringData(s), len(s))
	n := len(src)
	i := 0
	lineStart, contentEnd, segStart := 0, 0, 0
	prevBlank := false // the line before the current one is empty
	var ss, lastCC uint8
	prev := -1
	for i < n {
		j, seg, content, line, state, p := tab.scan(src, i, uint16(ss)|uint16(lastCC)<<8, prev)
		if j > i {
			if seg >= 0 {
				segStart = seg
			}
			if content >= 0 {
				contentEnd = content
			}
			if line >= 0 {
				lineStart, prevBlank = line, false
				if seg < line {
					segStart = line
				}
			}
			ss, lastCC, prev = uint8(state), uint8(state>>8), p
			i = j
		}
		if i >= n {
			break
		}
		c := src[i]
		var r rune
		var size int
		var e uint16
		switch {
		case c == '\t':
			segStart = i
			ss, lastCC = 0, 0
			prev = i
			i++
			continue
		case c == '\n':
			if contentEnd != i {
				return false // white space at the line end
			}
			if i == lineStart {
				if i == 0 || prevBlank {
					return false // leading blank line or run of blank lines
				}
				prevBlank = true
			} else {
				prevBlank = false
			}
			i++
			lineStart, contentEnd, segStart = i, i, i
			ss, lastCC = 0, 0
			prev = -1
			continue
		case c < utf8.RuneSelf:
			return false // CR or a control character
		default:
			r, size = utf8.DecodeRune(src[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				return false
			case size == 4:
				e = tab.supplementary(r, src[i:])
			default:
				e = tab.entry(r)
			}
		}
		switch cls := uint8(e); {
		case cls < clsMark:
			segStart = i
			ss, lastCC = cls, 0
			prev = i
			if cls != clsStarter {
				prev = -1
			}
			i += size
			contentEnd = i
			continue
		case cls == clsSpace:
			segStart = i
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
				contentEnd = i
				continue
			}
		case cls == clsMaybe:
			if prev >= 0 {
				m := &tab.maybes[e>>8]
				if !m.combinesWith(decodeAt(src, prev)) {
					ss, lastCC = 1, m.ccc
					prev = -1
					i += size
					contentEnd = i
					continue
				}
			}
		case cls == clsRemove || cls == clsLineSep || cls == clsParaSep:
			return false
		}
		// Check the segment from the last starter to the next starter
		// with x/text.
		end, useIter, ok := segmentEnd(src, i, tab)
		if !ok || !regionIsNormal(src[segStart:end], tab.nf, useIter) {
			return false
		}
		if k := lastNonSpace(src[:end], segStart); k > segStart {
			contentEnd = k
		}
		i = end
		segStart = i
		ss, lastCC = 0, 0
		prev = -1
	}
	return contentEnd == n && lineStart < n
}

// segmentEnd returns the end of the segment that normalizeSegment would
// hand to x/text from src[i] on, whether norm.Iter may normalize it, and
// false if the cleanup would remove a character in it.
func segmentEnd(src []byte, i int, tab *classTable) (end int, useIter, ok bool) {
	useIter = true
	for i < len(src) {
		c := src[i]
		if c < utf8.RuneSelf {
			if (c >= 0x20 && c != 0x7F) || c == '\t' || c == '\n' || c == '\r' {
				break
			}
			return i, false, false
		}
		r, size := utf8.DecodeRune(src[i:])
		var e uint16
		switch {
		case r == utf8.RuneError && size == 1:
			return i, false, false
		case size == 4:
			e = tab.supplementary(r, src[i:])
			useIter = false
		default:
			e = tab.entry(r)
		}
		switch uint8(e) {
		case clsStarter, clsStarter + 1, clsStarter + 2, clsStarter + 3, clsSpace, clsLineSep, clsParaSep:
			return i, useIter, true
		case clsRemove:
			return i, false, false
		case clsUnsafe:
			if e>>8 == unsafeForIter {
				useIter = false
			}
		}
		i += size
	}
	return i, useIter, true
}

// regionIsNormal reports whether nf leaves b unchanged, without allocating
// if useIter and b is short.
func regionIsNormal(b []byte, nf norm.Form, useIter bool) bool {
	if !useIter || len(b) > maxIterSegment {
		return nf.IsNormal(b)
	}
	it := iterPool.Get().(*norm.Iter)
	it.Init(nf, b)
	rest, same := b, true
	for !it.Done() {
		// An Iter must run to its end before it is reused: Init does not
		// clear a segment in progress.
		seg := it.Next()
		if same && (len(seg) > len(rest) || string(seg) != string(rest[:len(seg)])) {
			same = false
		}
		if same {
			rest = rest[len(seg):]
		}
	}
	it.Init(nf, iterReset)
	iterPool.Put(it)
	return same && len(rest) == 0
}
