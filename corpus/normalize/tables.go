package normalize

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The fast path classifies every code point of the Basic Multilingual Plane
// with a table per form. A class says what the cleanup does with the code
// point and how the quick check of x/text (the loop that finds the longest
// prefix it can copy unchanged) treats it. The classes of the normalization
// are not read from x/text's unexported data but found by probing its
// exported quick check (QuickSpanString) with short strings, so that the fast
// path copies exactly what x/text would copy, whatever Unicode version x/text
// is built with.
const (
	// clsStarter+t (t = 0..3): a starter that passes the quick check and
	// starts a segment, not white space; t is the number of non-starters its
	// decomposition ends with (x/text counts them toward the limit of 30
	// non-starters in a row).
	clsStarter = 0
	// clsMark: a non-starter that passes the quick check, counts as one
	// non-starter and has no decomposition; its canonical combining class
	// (1..230), in the high byte of the table entry, must not decrease
	// within a run of non-starters.
	clsMark = 4
	// clsSpace: white space that is a starter passing the quick check, with
	// t = 0.
	clsSpace = 5
	// clsRemove: a character the cleanup removes (C1 control, U+FEFF).
	clsRemove = 6
	// clsLineSep: U+2028, which the cleanup turns into "\n".
	clsLineSep = 7
	// clsParaSep: U+2029, which the cleanup turns into "\n\n".
	clsParaSep = 8
	// clsUnsafe: anything else; the segment around it is handed to x/text.
	clsUnsafe = 9
	// clsMaybe: a character of the composing forms that is unchanged alone
	// but may combine with the character before it (quick check Maybe),
	// counting as one non-starter; when the character before it is a
	// starter with which it does not combine, it is unchanged. The high
	// byte of the table entry is an index into classTable.maybes.
	clsMaybe = 10
)

// unsafeForIter, in the high byte of a clsUnsafe entry, marks a character
// that a segment handed to norm.Iter must not hold.
const unsafeForIter = 0x80

// maxNonStarters is the limit of x/text (Unicode Stream-Safe Text Format) on
// non-starters in a row; after it x/text inserts U+034F.
const maxNonStarters = 30

// A classTable maps each code point of the BMP to its class for one form.
// An entry holds the class in its low byte and, for clsMark, the combining
// class, for clsMaybe, an index into maybes, in its high byte. Entries come
// in blocks of 64 code points (the last byte of their UTF-8 encoding),
// shared between identical blocks, indexed by the leading bits of the
// encoding: idx2 by the first byte of 2-byte sequences, idx3 by the first
// two bytes of 3-byte sequences (where overlong encodings and surrogates
// lead to a block of clsUnsafe, so that the slow path sees them as
// invalid).
type classTable struct {
	idx2   [32]uint16
	idx3   [1 << 10]uint16
	idx4   [(maxTable - 0x10000) >> 6]uint16 // for U+10000 up to maxTable
	blocks []uint16
	maybes []maybeInfo
	form   Form
	nf     norm.Form

	// kind2 and kind3 hold 2 bits for each 2-byte and 3-byte encoding:
	// 1+t if it encodes a starter of class clsStarter+t with t <= 2, else 0.
	// kind2 is indexed by the low 5 bits of the first byte and the low 6
	// bits of the second, kind3 by the code point. Overlong encodings and
	// surrogates are 0.
	kind2 [1 << 11 / 32]uint64
	kind3 [1 << 16 / 32]uint64

	// full2 tells, for the first byte C0+k of 2-byte encodings, if its 64
	// code points are all starters (of any t): full2[k] is then a<<8|b,
	// with a..b the longest range of such first bytes around C0+k, else 0.
	full2 [32]uint16

	// The windows of the 2-byte and 3-byte encodings: win2 by the code
	// point>>7 (C0 and C1, overlong, make window 0), win3 by the code
	// point>>7 (overlong encodings and surrogates make windows of
	// clsUnsafe).
	win2 [1 << 4]window
	win3 [1 << 9]window
}

// A window is 128 code points whose UTF-8 encodings have the same length
// and differ only in their last 7 bits: the low bit of the byte before the
// last one and the low 6 bits of the last byte, which make the key k of a
// code point in the window. The code point of window w and key k is
// w<<7|k. Runs of text in one window (a Devanagari, Arabic or Cyrillic
// word) are checked with its bitmaps, one bit test per rune (see run3).
type window struct {
	// starter has bit k set if the entry of the code point of key k is 0:
	// clsStarter with t = 0.
	starter [2]uint64
	// starterT has bit k set if the code point of key k is a starter of
	// t > 0: its class is clsStarter+t.
	starterT [2]uint64
	// mark has bit k set if the code point of key k is of class clsMark.
	mark [2]uint64
	// maybeKey is the key of the window's only character of class
	// clsMaybe, or noKey if it has none or more than one; maybeCCC is its
	// combining class.
	maybeKey, maybeCCC uint8
	// maybeOK has bit k set if the code point of key k is a starter of
	// t = 0 that maybeKey does not combine with.
	maybeOK [2]uint64
}

// noKey is a window key that matches no code point.
const noKey = 0xFF

// A maybeInfo describes a character of class clsMaybe.
type maybeInfo struct {
	ccc    uint8  // canonical combining class
	firsts []rune // the characters it combines with, sorted
}

// entry returns the table entry of r, which must be < 0x10000.
func (t *classTable) entry(r rune) uint16 {
	if r < 0x800 {
		return t.blocks[int(t.idx2[(r>>6)&31])<<6|int(r&63)]
	}
	return t.blocks[int(t.idx3[(r>>6)&1023])<<6|int(r&63)]
}

// lookup returns the class of r, which must be < 0x10000.
func (t *classTable) lookup(r rune) uint8 { return uint8(t.entry(r)) }

// maxTable is the end of the code points in the table: the BMP and the
// planes 1 to 3, where the assigned characters beyond the BMP are.
const maxTable = 0x40000

// supplementary returns the entry of the rune r beyond the BMP, which
// starts src: the planes beyond the BMP have no white space and no
// characters removed. Beyond plane 3, a rune that x/text marks as inert is
// a starter, all others take the x/text path.
func (t *classTable) supplementary(r rune, src []byte) uint16 {
	if r < maxTable {
		return t.blocks[int(t.idx4[(r-0x10000)>>6])<<6|int(r&63)]
	}
	if t.form == None || t.nf.Properties(src).BoundaryAfter() {
		return clsStarter
	}
	return clsUnsafe
}

// combinesWith reports whether canonical composition combines prev
// followed by the character m describes.
func (m *maybeInfo) combinesWith(prev rune) bool {
	if len(m.firsts) <= 8 {
		for _, f := range m.firsts {
			if f == prev {
				return true
			}
		}
		return false
	}
	_, found := slices.BinarySearch(m.firsts, prev)
	return found
}

var (
	tableOnce [5]sync.Once
	tables    [5]*classTable
)

// tableFor returns the class table of f, building it on first use.
func tableFor(f Form) *classTable {
	tableOnce[f].Do(func() { tables[f] = buildTable(f) })
	return tables[f]
}

// buildTable computes the class table of f.
func buildTable(f Form) *classTable {
	t := &classTable{form: f}
	nf, hasNorm := f.normForm()
	t.nf = nf
	var p prober
	var firsts map[rune][]rune
	if hasNorm {
		p = prober{nf: nf, cache: make(map[norm.Properties]uint8)}
		if f == NFC || f == NFKC {
			p.maybe = true
			firsts = compositionFirsts()
		}
	}
	seen := make(map[string]uint16)
	addBlock := func(block *[64]uint16) uint16 {
		var k [128]byte
		for i, e := range block {
			k[2*i], k[2*i+1] = byte(e), byte(e>>8)
		}
		key := string(k[:])
		id, ok := seen[key]
		if !ok {
			id = uint16(len(t.blocks) >> 6)
			seen[key] = id
			t.blocks = append(t.blocks, block[:]...)
		}
		return id
	}
	var block [64]uint16
	for i := range block {
		block[i] = clsUnsafe
	}
	invalid := addBlock(&block)
	for hi := 0; hi < maxTable>>6; hi++ {
		for lo := range block {
			r := rune(hi<<6 | lo)
			cls := baseClass(r, hasNorm, &p)
			e := uint16(cls)
			if cls == clsUnsafe|unsafeForIter {
				cls = clsUnsafe
				e = clsUnsafe | unsafeForIter<<8
			}
			switch cls {
			case clsMark:
				e |= uint16(nf.PropertiesString(string(r)).CCC()) << 8
			case clsMaybe:
				if len(t.maybes) == 256 {
					e = clsUnsafe // no room: never expected
					break
				}
				e |= uint16(len(t.maybes)) << 8
				t.maybes = append(t.maybes, maybeInfo{
					ccc:    nf.PropertiesString(string(r)).CCC(),
					firsts: firsts[r],
				})
			}
			block[lo] = e
		}
		id := addBlock(&block)
		switch {
		case hi < 0x800>>6:
			t.idx2[hi] = id
			t.idx3[hi] = invalid // overlong
		case hi >= 0xD800>>6 && hi < 0xE000>>6:
			t.idx3[hi] = invalid // surrogates
		case hi < 0x10000>>6:
			t.idx3[hi] = id
		default:
			t.idx4[hi-0x10000>>6] = id
		}
	}
	for r := rune(0x80); r < 0x10000; r++ {
		if cls := uint8(t.entry(r)); cls <= clsStarter+2 {
			k := uint64(1+cls) << (2 * (r & 31))
			if r < 0x800 {
				t.kind2[r>>5] |= k
			} else {
				t.kind3[r>>5] |= k
			}
		}
	}
	var full [32]bool
	for k := 2; k < 32; k++ { // C0 and C1: overlong
		full[k] = true
		for r := rune(k << 6); r < rune(k+1)<<6; r++ {
			if uint8(t.entry(r)) >= clsMark {
				full[k] = false
			}
		}
	}
	for k := range full {
		if full[k] {
			a, b := k, k
			for a > 0 && full[a-1] {
				a--
			}
			for b < 31 && full[b+1] {
				b++
			}
			t.full2[k] = uint16(0xC0+a)<<8 | uint16(0xC0+b)
		}
	}
	for w := range t.win2 {
		blk := [2]uint16{t.idx2[2*w], t.idx2[2*w+1]}
		if w == 0 {
			blk = [2]uint16{invalid, invalid} // C0 and C1: overlong
		}
		t.win2[w] = t.makeWindow(blk, rune(w)<<7)
	}
	for w := range t.win3 {
		t.win3[w] = t.makeWindow([2]uint16{t.idx3[2*w], t.idx3[2*w+1]}, rune(w)<<7)
	}
	return t
}

// makeWindow returns the window of the code points base..base+127, whose
// halves (keys 0..63 and 64..127) have the blocks blk (see classTable).
func (t *classTable) makeWindow(blk [2]uint16, base rune) window {
	w := window{maybeKey: noKey}
	entry := func(k int) uint16 { return t.blocks[int(blk[k>>6])<<6|k&63] }
	maybes := 0
	for k := 0; k < 128; k++ {
		switch e := entry(k); {
		case e == 0:
			w.starter[k>>6] |= 1 << (k & 63)
		case uint8(e) < clsMark:
			w.starterT[k>>6] |= 1 << (k & 63)
		case uint8(e) == clsMark:
			w.mark[k>>6] |= 1 << (k & 63)
		case uint8(e) == clsMaybe:
			maybes++
			w.maybeKey, w.maybeCCC = uint8(k), t.maybes[e>>8].ccc
		}
	}
	if maybes != 1 {
		w.maybeKey, w.maybeCCC = noKey, 0
		return w
	}
	m := &t.maybes[entry(int(w.maybeKey))>>8]
	for k := 0; k < 128; k++ {
		if entry(k) == 0 && !m.combinesWith(base+rune(k)) {
			w.maybeOK[k>>6] |= 1 << (k & 63)
		}
	}
	return w
}

// baseClass returns the class of the BMP code point r.
func baseClass(r rune, hasNorm bool, p *prober) uint8 {
	switch {
	case r < utf8.RuneSelf:
		// ASCII is handled before the table is consulted; fill in the
		// classes for completeness.
		switch {
		case r == '\t' || r == ' ':
			return clsSpace
		case isRemoved(r) || r == '\r' || r == '\n':
			return clsRemove
		}
		return clsStarter
	case r >= 0xD800 && r <= 0xDFFF:
		return clsUnsafe // surrogates: never decoded
	case isRemoved(r):
		return clsRemove
	case r == 0x2028:
		return clsLineSep
	case r == 0x2029:
		return clsParaSep
	}
	cls := uint8(clsStarter)
	if hasNorm {
		cls = p.class(r)
	}
	if isSpace(r) {
		if cls != clsStarter {
			return clsUnsafe
		}
		return clsSpace
	}
	return cls
}

// A prober finds the class of a code point for a normalization form by
// running the quick check of x/text on short strings built around it.
type prober struct {
	nf    norm.Form
	cache map[norm.Properties]uint8 // code points with equal properties behave alike
	maybe bool                      // use clsMaybe (composing forms)
}

// probeMark is a non-starter of class 230 that passes every quick check and
// combines with nothing: U+0305 COMBINING OVERLINE.
const probeMark = "\u0305"

var probeMarks = strings.Repeat(probeMark, maxNonStarters+1)

// marks returns k probe marks.
func marks(k int) string { return probeMarks[:k*len(probeMark)] }

// passes reports whether x/text's quick check accepts all of s.
func (p *prober) passes(s string) bool { return p.nf.QuickSpanString(s) == len(s) }

// class returns the normalization class of r (clsStarter+t, clsMark,
// clsMaybe or clsUnsafe); r is neither ASCII nor removed nor a line break.
func (p *prober) class(r rune) uint8 {
	s := string(r)
	props := p.nf.PropertiesString(s)
	if props.BoundaryAfter() {
		return clsStarter // inert: never changes, never interacts
	}
	if c, ok := p.cache[props]; ok {
		return c
	}
	c := p.probe(s, props)
	p.cache[props] = c
	return c
}

func (p *prober) probe(s string, props norm.Properties) uint8 {
	if !p.passes(s) {
		if p.maybe && p.isMaybe(s, props) {
			return clsMaybe
		}
		return clsUnsafe // quick check No or Maybe
	}
	// After "a", the quick check restarts its segment at s only if s is a
	// starter; the overflow of the probe marks then reports that start.
	if p.nf.QuickSpanString("a"+s+marks(maxNonStarters+1)) == 1 {
		// A starter: find how many probe marks may follow it before the
		// quick check reports an overflow.
		for t := 0; t <= 3; t++ {
			if p.passes(s+marks(maxNonStarters-t)) && !p.passes(s+marks(maxNonStarters-t+1)) {
				// The combining class the quick check keeps for the order
				// check after s must be 0: a mark of class 1 may follow.
				if !p.passes(s + "\u0334") {
					return clsUnsafe
				}
				return clsStarter + uint8(t)
			}
		}
		return clsUnsafe
	}
	// A non-starter for x/text although Unicode makes it a starter
	// (U+FF9E and U+FF9F in the canonical forms): norm.Iter fails on these.
	if props.BoundaryBefore() {
		return clsUnsafe | unsafeForIter
	}
	// A non-starter: keep the simple ones, without decomposition, counting
	// as one non-starter, with a class the probe marks can follow.
	ccc := props.CCC()
	if ccc == 0 || ccc > 230 || props.LeadCCC() != ccc || props.TrailCCC() != ccc || props.Decomposition() != nil {
		return clsUnsafe
	}
	if !p.passes(s+marks(maxNonStarters-1)) || p.passes(s+marks(maxNonStarters)) {
		return clsUnsafe
	}
	return clsMark
}

// graphemeJoiner is U+034F, which x/text inserts after 30 non-starters.
const graphemeJoiner = "\u034F"

// isMaybe reports whether s, which fails the quick check alone, is a
// character that only combines with the character before it: it has no
// decomposition, is unchanged alone, is not a conjoining jamo (Hangul
// composes them by algorithm, not by pairs) and counts as one non-starter
// for x/text's limit of 30.
func (p *prober) isMaybe(s string, props norm.Properties) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if props.Decomposition() != nil || p.nf.String(s) != s || (r >= 0x1100 && r <= 0x11FF) || (r >= 0xA960 && r <= 0xA97F) || (r >= 0xD7B0 && r <= 0xD7FF) {
		return false
	}
	if props.CCC() != props.LeadCCC() || props.CCC() != props.TrailCCC() {
		return false
	}
	// "!" combines with nothing; with 29 more non-starters x/text inserts
	// no U+034F, with 30 it does.
	return !strings.Contains(p.nf.String("!"+s+marks(maxNonStarters-1)), graphemeJoiner) &&
		strings.Contains(p.nf.String("!"+s+marks(maxNonStarters)), graphemeJoiner)
}

var (
	firstsOnce sync.Once
	firsts     map[rune][]rune
)

// compositionFirsts returns, for each code point that canonical composition
// combines with a code point before it, the sorted list of those code points
// (the same for NFC and NFKC). It finds the pairs from the canonical
// decompositions of the composed characters of NFC: for a composite c, a
// pair is c's decomposition less one code point b, composed, followed by b,
// if that composes back to c. Hangul syllables are left out (their jamo are
// never of class clsMaybe).
func compositionFirsts() map[rune][]rune {
	firstsOnce.Do(func() {
		firsts = make(map[rune][]rune)
		var buf [utf8.UTFMax]byte
		for c := rune(0x80); c < 0x20000; c++ {
			if (c >= 0xD800 && c <= 0xDFFF) || (c >= 0xAC00 && c <= 0xD7A3) {
				continue
			}
			cs := buf[:utf8.EncodeRune(buf[:], c)]
			if norm.NFD.Properties(cs).Decomposition() == nil || !norm.NFC.IsNormal(cs) {
				continue
			}
			rs := []rune(norm.NFD.String(string(cs)))
			for j, b := range rs {
				rest := string(rs[:j]) + string(rs[j+1:])
				a := []rune(norm.NFC.String(rest))
				if len(a) == 1 && norm.NFC.String(string(a[0])+string(b)) == string(cs) && !slices.Contains(firsts[b], a[0]) {
					firsts[b] = append(firsts[b], a[0])
				}
			}
		}
		for _, fs := range firsts {
			slices.Sort(fs)
		}
	})
	return firsts
}
