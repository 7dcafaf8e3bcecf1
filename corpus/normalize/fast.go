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
	return ((w-0x20*ones)|(w+ones)|w)&highs != 0
}

// printableRun returns the end of the run of printable ASCII starting at i.
func printableRun(src []byte, i int) int {
	for i < len(src)-7 && !hasNonPrintable(binary.LittleEndian.Uint64(src[i:])) {
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

// scan is the hot loop of appendText and isNormalized: from src[i] on, it
// goes over printable ASCII and runes of 2, 3 and 4 bytes (up to plane 3)
// that are starters, white space or marks passing the quick check, or
// Maybe characters that are unchanged, and returns where it stopped. It
// also takes a line break that follows a rune other than white space,
// which needs no trimming: line is then the start of the line after the
// last one (the caller's nl becomes 1). The state is that of appendText,
// in src indexes: seg, content and line are -1 if no starter, no rune
// other than white space or no line break was seen (seg is -1 too if no
// starter follows the last line break); state holds ss and lastCC<<8.
//
// scan takes ASCII itself, 8 bytes at a time where it can; from a byte
// that is not ASCII on, scanRun takes over, and scan's own code for such
// runes only sees what scanRun leaves.
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
			if i < n-7 && src[i]-0x20 < 0x5F && !hasNonPrintable(binary.LittleEndian.Uint64(src[i:])) {
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
		if j, sg, ct, ln, st, stop := t.scanRun(src, i, seg, content, state); j > i || stop {
			i, seg, content, state = j, sg, ct, st
			if ln >= 0 {
				line, prev = ln, -1
			}
			if stop {
				break
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

// scanRun is the inner loop of scan for text that is not ASCII, entered
// at a byte that is not ASCII: from src[i] on, it goes over runes and
// printable ASCII, updating seg, content and state as scan does, and
// returns where it stopped, which is i if it took nothing, and line as
// scan does (-1 if it took no line break). It takes the same runes as
// scan, with the same state after each, except that it leaves to scan the
// last 3 bytes of src, line breaks that scan does not take either, tabs,
// controls, invalid bytes, runes beyond plane 3 and Maybe characters with
// no starter before them in src[:i]; scan goes on from there. stop tells
// that it stopped at a rune where scan stops too (one to hand to x/text,
// or removed, or a line or paragraph separator).
//
// Most runes are taken by a tight loop (run3 or run2) that keeps no state
// but i: the state after a run it takes is that of the run's last rune,
// which it tells; seg is where the last starter or ASCII character starts
// (-1 if a line break comes after it), content is after the last rune
// that is not a space, line after the last line break. The runes it does
// not take are taken one at a time here, as scan takes them.
func (t *classTable) scanRun(src []byte, i, seg, content int, state uint16) (_, _, _, line int, _ uint16, stop bool) {
	n := len(src)
	line = -1
	// The current window, of the first rune of 2 or 3 bytes in a run;
	// none at first (window 0 of 3 bytes is invalid; the lead matches
	// nothing).
	wd := &t.win3[0]
	lead := uint32(0xFFFFFFFF)
	full := uint16(0) // t.full2 of the first byte of the window's rune
	for i+4 <= n {
		w := binary.LittleEndian.Uint32(src[i : i+4 : i+4])
		// Does a run start here? (It starts at starters and printable
		// ASCII; the window makes no difference for its first rune.)
		switch {
		case w&0xC0C0F0 == 0x8080E0:
			r := w&0x0F<<12 | w>>2&0xFC0 | w>>16&0x3F
			if t.kind3[r>>5&2047]>>(r&31*2)&3 == 0 {
				goto other
			}
			if w&0xC0FEFF != lead {
				wd = &t.win3[w&0x0F<<5|w>>9&0x1F]
				lead = w&0xFEFF | 0x800000
			}
		case w&0xC0E0 == 0x80C0:
			r := w&0x1F<<6 | w>>8&0x3F
			if t.kind2[r>>5&63]>>(r&31*2)&3 == 0 {
				goto other
			}
			if w&0xC0FE != lead {
				wd = &t.win2[w>>1&0x0F]
				lead = w&0xFE | 0x8000
				full = t.full2[w&0x1F]
			}
		case byte(w)-0x20 >= 0x5F && w&0xF8 != 0xF0:
			goto other // neither printable ASCII nor 4 bytes
		}
		if j, kind := t.run(src, i, wd, lead, full); j > i {
			// The state after the last rune taken, seg at the last
			// starter or ASCII character.
			end := j
			switch kind {
			case kindMark:
				// A rune of the window, after a starter or ASCII.
				end -= 3
				if lead <= 0xFFFF {
					end++
				}
				e := t.entry(decodeAt(src, end))
				if uint8(e) == clsMark {
					state = 1 | e&0xFF00
				} else {
					state = 1 | uint16(t.maybes[e>>8].ccc)<<8
				}
			case kindStarter:
				state = 0 // set below
			default:
				state = uint16(kind - 1)
			}
			if src[end-1] == '\n' {
				seg = -1
			} else {
				seg = end - 1
				for src[seg]&0xC0 == 0x80 {
					seg--
				}
				if kind == kindStarter {
					state = t.entry(decodeAt(src, seg)) // clsStarter+t
				}
			}
			if src[j-1] == '\n' {
				line = j // the only one: run3 and run2 stop after it
			}
			k := j
			for k > i && src[k-1] == ' ' {
				k--
			}
			if k > i {
				content = k
			}
			i = j
			if src[i-1] == '\n' {
				if src[i] < utf8.RuneSelf {
					break // ASCII: scan is faster at it
				}
				continue
			}
			if i+4 > n {
				break
			}
			w = binary.LittleEndian.Uint32(src[i : i+4 : i+4])
		}

		// Another rune: the same as in scan.
	other:
		var r rune
		size := 3
		if w&0xC0C0F0 == 0x8080E0 {
			r = rune(w&0x0F<<12 | w>>2&0xFC0 | w>>16&0x3F)
			if r < 0x800 {
				break // overlong
			}
		} else if w&0xC0E0 == 0x80C0 {
			r = rune(w&0x1F<<6 | w>>8&0x3F)
			if r < 0x80 {
				break // overlong
			}
			size = 2
		} else {
			break
		}
		e := t.entry(r)
		switch cls := uint8(e); {
		case cls < clsMark:
			seg, state = i, uint16(cls)
			content = i + size
		case cls == clsMark:
			if uint8(state) >= maxNonStarters || state>>8 > e>>8 {
				return i, seg, content, line, state, true
			}
			state = (state&0xFF + 1) | e&0xFF00
			content = i + size
		case cls == clsSpace:
			seg, state = i, 0
		case cls == clsMaybe:
			// Unchanged after a starter (state 0, seg at it) it does not
			// combine with; with no starter in src[:i] after the last
			// line break, scan knows the rune before.
			if seg < 0 {
				return i, seg, content, line, state, false
			}
			m := &t.maybes[e>>8]
			if state != 0 || m.combinesWith(decodeAt(src, seg)) {
				return i, seg, content, line, state, true
			}
			state = 1 | uint16(m.ccc)<<8
			content = i + size
		default:
			return i, seg, content, line, state, true
		}
		i += size
	}
	return i, seg, content, line, state, false
}

// run is run3 or run2, as lead tells.
func (t *classTable) run(src []byte, i int, wd *window, lead uint32, full uint16) (int, uint64) {
	if lead > 0xFFFF {
		return t.run3(src, i, wd, lead)
	}
	return t.run2(src, i, wd, lead, full)
}

// The kinds of rune that run3 and run2 tell for the last rune they took:
// 1+t after a starter of t <= 2 that is not of the window, or after ASCII
// (0); kindMark after a mark or Maybe character of the window (state 1
// and its combining class); kindStarter after a starter of the window (t
// from the table).
const (
	kindMark    = 4
	kindStarter = 5
)

// run3 is the tight loop of scanRun, with a current window wd of 3 bytes:
// w starts with a rune of wd if w&0xC0FEFF == lead. From src[i] on, it
// takes runes and printable ASCII while the state after each of them is
// known from the rune alone: starters of t <= 2 (of any t in the window,
// up to plane 3 outside it), printable ASCII, a line break that follows a
// rune it took other than a space (as scan takes them; it stops after
// it), and a mark or the window's Maybe character after a state of 0
// (after a starter of t = 0 or ASCII; the Maybe character only right
// after a starter of the window that it does not combine with). It stops
// at anything else or when fewer than 4 bytes are left, and returns
// where, and the kind of the last rune.
func (t *classTable) run3(src []byte, i int, wd *window, lead uint32) (int, uint64) {
	i0 := i
	kind := uint64(0)
	for i < len(src)-3 {
		w := binary.LittleEndian.Uint32(src[i:])
		if w&0xC0FEFF == lead {
			if wd.starter[w>>8&1]>>(w>>16&63)&1 != 0 {
				kind = 1
				i += 3
				continue
			}
			k := uint(w>>2&0x40 | w>>16&0x3F)
			if wd.starterT[k>>6]>>(k&63)&1 != 0 {
				kind = kindStarter
				i += 3
				continue
			}
			if kind == 1 {
				// After a state of 0: a mark, or the Maybe character
				// after a starter of the window it does not combine
				// with, 3 bytes before.
				take := wd.mark[k>>6]>>(k&63)&1 != 0
				if !take && k == uint(wd.maybeKey) && i-3 >= i0 {
					pw := binary.LittleEndian.Uint32(src[i-3:])
					pk := uint(pw>>2&0x40 | pw>>16&0x3F)
					take = pw&0xC0FEFF == lead && wd.maybeOK[pk>>6]>>(pk&63)&1 != 0
				}
				if take {
					kind = kindMark
					i += 3
					continue
				}
			}
		}
		// Outside the window.
		if c := byte(w); c-0x20 < 0x5F {
			kind = 1
			i++
			continue
		} else if c == '\n' && i > i0 && src[i-1] != ' ' && src[i-1] != '\n' {
			// The next line may be in another script: scanRun
			// chooses its window.
			kind = 1
			i++
			break
		}
		var x uint64
		size := 3
		if w&0xC0C0F0 == 0x8080E0 {
			r := w&0x0F<<12 | w>>2&0xFC0 | w>>16&0x3F
			x = t.kind3[r>>5&2047] >> (r & 31 * 2) & 3
		} else if w&0xC0E0 == 0x80C0 {
			r := w&0x1F<<6 | w>>8&0x3F
			x = t.kind2[r>>5&63] >> (r & 31 * 2) & 3
			size = 2
		} else if w&0xC0C0C0FF == 0x808080F0 && w&0xF000 >= 0x9000 {
			// F0 90..BF 80..BF 80..BF: planes 1 to 3.
			e := t.blocks[int(t.idx4[w>>2&0xFC0|w>>16&0x3F-0x400])<<6|int(w>>24&0x3F)]
			if uint8(e) <= clsStarter+2 {
				x = uint64(e) + 1
			}
			size = 4
		}
		if x == 0 {
			break
		}
		kind = x
		i += size
	}
	return i, kind
}

// run2 is run3 for a current window of 2 bytes (w&0xC0FE == lead). If
// full is not 0, it is a<<8|b for a range of first bytes a..b of 2-byte
// runes that are all starters, and run2 takes 8 bytes at a time where
// they hold only such runes and printable ASCII.
func (t *classTable) run2(src []byte, i int, wd *window, lead uint32, full uint16) (int, uint64) {
	i0 := i
	kind := uint64(0)
	// See fullBlock.
	lo, hi := uint64(full>>8&0x7F)*ones, uint64(full&0x7F+1)*ones
	for i < len(src)-3 {
		if full != 0 && i < len(src)-7 {
			if k := fullBlock(binary.LittleEndian.Uint64(src[i:]), lo, hi); k != 0 {
				i += k
				kind = 1
				if src[i-1] >= utf8.RuneSelf {
					kind = kindStarter
				}
				continue
			}
		}
		w := binary.LittleEndian.Uint32(src[i:])
		if w&0xC0FE == lead {
			if wd.starter[w&1]>>(w>>8&63)&1 != 0 {
				kind = 1
				i += 2
				continue
			}
			k := uint(w<<6&0x40 | w>>8&0x3F)
			if wd.starterT[k>>6]>>(k&63)&1 != 0 {
				kind = kindStarter
				i += 2
				continue
			}
			if kind == 1 {
				// After a state of 0: a mark, or the Maybe character
				// after a starter of the window it does not combine
				// with, 2 bytes before.
				take := wd.mark[k>>6]>>(k&63)&1 != 0
				if !take && k == uint(wd.maybeKey) && i-2 >= i0 {
					pw := binary.LittleEndian.Uint32(src[i-2:])
					pk := uint(pw<<6&0x40 | pw>>8&0x3F)
					take = pw&0xC0FE == lead && wd.maybeOK[pk>>6]>>(pk&63)&1 != 0
				}
				if take {
					kind = kindMark
					i += 2
					continue
				}
			}
		}
		// Outside the window: as in run3, written out again rather than
		// called (the shared step does not inline, and the call made
		// mixed text 5% slower: 676 -> 645 MB/s).
		if c := byte(w); c-0x20 < 0x5F {
			kind = 1
			i++
			continue
		} else if c == '\n' && i > i0 && src[i-1] != ' ' && src[i-1] != '\n' {
			// The next line may be in another script: scanRun
			// chooses its window.
			kind = 1
			i++
			break
		}
		var x uint64
		size := 3
		if w&0xC0C0F0 == 0x8080E0 {
			r := w&0x0F<<12 | w>>2&0xFC0 | w>>16&0x3F
			x = t.kind3[r>>5&2047] >> (r & 31 * 2) & 3
		} else if w&0xC0E0 == 0x80C0 {
			r := w&0x1F<<6 | w>>8&0x3F
			x = t.kind2[r>>5&63] >> (r & 31 * 2) & 3
			size = 2
		} else if w&0xC0C0C0FF == 0x808080F0 && w&0xF000 >= 0x9000 {
			e := t.blocks[int(t.idx4[w>>2&0xFC0|w>>16&0x3F-0x400])<<6|int(w>>24&0x3F)]
			if uint8(e) <= clsStarter+2 {
				x = uint64(e) + 1
			}
			size = 4
		}
		if x == 0 {
			break
		}
		kind = x
		i += size
	}
	return i, kind
}

// ones and highs are 1 and 0x80 in each byte of a word.
const ones, highs = 0x0101010101010101, 0x8080808080808080

// fullBlock returns how many of the 8 bytes of v (little endian: the
// first byte in the low bits) run2 can take at once, or 0: with lo and hi
// a and b+1 (of a range of first bytes a..b, C2..DF) less 0x80 in each
// byte, the bytes must hold only printable ASCII and runes of 2 bytes with
// a first byte in a..b, the last of which may be cut after its first byte
// (which is then left out).
func fullBlock(v, lo, hi uint64) int {
	hb := v & highs // bytes not ASCII
	x := v | highs  // the low 7 bits of each byte, with room for a borrow
	// Bytes of ASCII (<0x80) that are printable (0x20..0x7E) have their
	// high bit set in pr.
	pr := (x - 0x20*ones) &^ (v&^highs + ones)
	// First bytes in a..b, and the bytes after them.
	first := (x - lo) &^ (x - hi) & hb
	next := first << 8
	if (pr|hb)&highs != highs || hb != first|next || v&(next>>1) != 0 {
		return 0
	}
	return 8 - int(first>>63)
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
