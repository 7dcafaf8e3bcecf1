package corpus

//go:generate ../scripts/gen-scripts-table.sh /usr/share/unicode/PropertyValueAliases.txt scripts_table.go

import (
	"sort"
	"sync"
	"unicode"
)

// Script codes that never count as a document's dominant script.
const (
	ScriptCommon    = "Zyyy"
	ScriptInherited = "Zinh"
	ScriptUnknown   = "Zzzz"
)

// scriptIndex is the lookup built once from package unicode: script names
// in a fixed order, a table for the BMP and sorted ranges above it.
type scriptIndex struct {
	codes []string // index → ISO 15924 code; 0 is Zzzz
	// bmp holds, for each BMP code point, its script index in the low byte
	// and its word class (see wordClassOf) in the high byte, so that the
	// hot loop of TextStats needs one lookup per code point.
	bmp  [1 << 16]uint16
	high []scriptRange
	// latin is the index of Latn.
	latin uint8
	// inheritedMark is the table entry of the marks of script Inherited.
	inheritedMark uint16
}

type scriptRange struct {
	lo, hi rune
	idx    uint8
}

var (
	scriptsOnce sync.Once
	scripts     *scriptIndex
)

func loadScripts() *scriptIndex {
	scriptsOnce.Do(func() {
		s := &scriptIndex{codes: []string{ScriptUnknown}}
		names := make([]string, 0, len(unicode.Scripts))
		for name := range unicode.Scripts {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			code, ok := scriptCodes[name]
			if !ok {
				code = name // a script newer than the table: keep its name, a test flags it
			}
			idx := uint8(len(s.codes))
			s.codes = append(s.codes, code)
			t := unicode.Scripts[name]
			for _, r := range t.R16 {
				for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
					s.bmp[c] = uint16(idx)
				}
			}
			for _, r := range t.R32 {
				if r.Stride == 1 {
					s.high = append(s.high, scriptRange{rune(r.Lo), rune(r.Hi), idx})
					continue
				}
				for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
					s.high = append(s.high, scriptRange{c, c, idx})
				}
			}
		}
		sort.Slice(s.high, func(i, j int) bool { return s.high[i].lo < s.high[j].lo })
		s.latin = s.indexOf("Latn")
		s.inheritedMark = classMark<<8 | uint16(s.indexOf(ScriptInherited))
		fillASCIIPairBits()
		for r := rune(0); r < 1<<16; r++ {
			s.bmp[r] |= uint16(wordClassOf(r)) << 8
		}
		scripts = s
	})
	return scripts
}

func (s *scriptIndex) of(r rune) uint8 {
	if r < 1<<16 {
		return uint8(s.bmp[r])
	}
	i := sort.Search(len(s.high), func(i int) bool { return s.high[i].hi >= r })
	if i < len(s.high) && s.high[i].lo <= r {
		return s.high[i].idx
	}
	return 0
}

// ScriptOf returns the ISO 15924 code of the script of r ("Zyyy" for
// punctuation, digits and symbols shared by scripts, "Zinh" for combining
// marks that inherit their base's script, "Zzzz" when unassigned).
func ScriptOf(r rune) string {
	s := loadScripts()
	return s.codes[s.of(r)]
}

// DominantScript returns the ISO 15924 code of the script with the most code
// points in text, ignoring Common, Inherited and unassigned code points, or
// "Zyyy" when the text has none of any other script. Ties go to the code
// that sorts first, so the result is deterministic.
func DominantScript(text string) string {
	script, _ := TextStats(text)
	return script
}

// scriptCounts counts code points by script index, and apart, in latin,
// ASCII letters that were counted in bulk (they are Latn). The counts of
// Common, Inherited and Unknown, which DominantScript ignores, are left
// short where that is faster (TextStats skips the spaces between words and
// the marks of Inherited in its runs).
type scriptCounts struct {
	n     [256]int
	latin int
}

// dominant returns the code of the script counted most, as DominantScript
// documents.
func (s *scriptIndex) dominant(c *scriptCounts) string {
	c.n[s.latin] += c.latin
	best, bestCode := 0, ScriptCommon
	for idx, n := range c.n {
		if n == 0 || idx == 0 {
			continue
		}
		code := s.codes[idx]
		if code == ScriptCommon || code == ScriptInherited {
			continue
		}
		if n > best || (n == best && code < bestCode) {
			best, bestCode = n, code
		}
	}
	return bestCode
}

func (s *scriptIndex) indexOf(code string) uint8 {
	for i, c := range s.codes {
		if c == code {
			return uint8(i)
		}
	}
	return 0
}
