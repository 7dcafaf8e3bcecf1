package segment

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// dataFS holds the language data files; see the package documentation.
//
//go:embed data/*.txt
var dataFS embed.FS

// Word kinds, as bits in langData.words.
const (
	kindTitle uint16 = 1 << iota
	kindAbbrev
	kindNumeric
	kindStarter
	kindFinal
	kindSpeech
	kindGreeting
	kindClosing
	kindContinuer
	kindOpener
)

var sectionKinds = map[string]uint16{
	"titles":        kindTitle,
	"abbreviations": kindAbbrev,
	"numeric":       kindNumeric,
	"starters":      kindStarter,
	"final":         kindFinal,
	"speech":        kindSpeech,
	"greetings":     kindGreeting,
	"closings":      kindClosing,
	"continuers":    kindContinuer,
	"openers":       kindOpener,
}

// langData is the parsed data file of one language.
type langData struct {
	tag   string
	words map[string]uint16
	// hasSpeech is set when the [speech] section is not empty.
	hasSpeech bool
	// hasLetters is set when [greetings] or [closings] is not empty.
	hasLetters bool
	// hasFinal is set when the [final] section is not empty.
	hasFinal bool
	// hasOpeners is set when the [openers] section is not empty.
	hasOpeners bool
	// filter has the bit wordHash(w) set for every word w of words, so
	// that kind rejects most other words without a look-up.
	filter [1 << filterLog / 64]uint64
	// heads and entries index words by wordHash for kind, in place of
	// the map: heads[wordHash(w)&mask] is the first entry (counted from 1,
	// 0 for none) of a chain through entries that holds every word w with
	// that hash; a chain is short, and the hash is at hand after the
	// filter.
	heads   []uint16
	entries []wordEntry
	mask    uint32
	upper   []upperEntry // capitals variants, while parsing
}

// wordEntry is a word of langData.words with its kinds, in a chain of
// langData.entries.
type wordEntry struct {
	w    string
	kind uint16
	next uint16
}

// kind returns the kinds of the word w, d.words[w] (0 for a nil d).
func (d *langData) kind(w string) uint16 {
	if d == nil || w == "" {
		return 0
	}
	h := wordHash(w)
	if d.filter[h/64]&(1<<(h%64)) == 0 {
		return 0 // not a word of the lists
	}
	for e := d.heads[h&d.mask]; e != 0; {
		en := &d.entries[e-1]
		if en.w == w {
			return en.kind
		}
		e = en.next
	}
	return 0
}

// filterLog is the base-2 logarithm of the number of bits of
// langData.filter: 2 KB a language, for a few hundred words.
const filterLog = 14

// wordHash hashes the length and the first and last bytes of the
// non-empty word w to a bit of langData.filter. The third byte from each
// end tells apart the first and the last rune of a Devanagari or Han word,
// whose first two bytes are mostly the same.
func wordHash(w string) uint32 {
	n := len(w)
	h := uint32(n)<<24 | uint32(w[0])<<16 | uint32(w[n-1])<<8
	if n >= 3 {
		h ^= uint32(w[2])<<4 ^ uint32(w[n-3])
	}
	return h * 0x9E3779B1 >> (32 - filterLog)
}

// parseData parses one data file. name is used in error messages.
func parseData(name, tag, src string) (*langData, error) {
	d := &langData{tag: tag, words: make(map[string]uint16)}
	var kind uint16
	sc := bufio.NewScanner(strings.NewReader(src))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if i := strings.Index(line, " #"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		if line == "" || line[0] == '#' {
			continue
		}
		if line[0] == '[' {
			k, ok := sectionKinds[strings.Trim(line, "[]")]
			if !ok || !strings.HasSuffix(line, "]") {
				return nil, fmt.Errorf("segment: %s:%d: unknown section %s", name, n, line)
			}
			kind = k
			continue
		}
		if kind == 0 {
			return nil, fmt.Errorf("segment: %s:%d: word %q before any section", name, n, line)
		}
		if kind != kindClosing && strings.ContainsAny(line, " \t") {
			return nil, fmt.Errorf("segment: %s:%d: entry %q holds a space", name, n, line)
		}
		w := strings.Join(strings.Fields(strings.TrimSuffix(line, ".")), " ")
		if w == "" {
			return nil, fmt.Errorf("segment: %s:%d: empty entry", name, n)
		}
		d.words[w] |= kind
		switch kind {
		case kindSpeech:
			d.hasSpeech = true
		case kindFinal:
			d.hasFinal = true
		case kindOpener:
			d.hasOpeners = true
		case kindGreeting, kindClosing:
			d.hasLetters = true
		case kindTitle, kindAbbrev, kindNumeric:
			// Capitalized entries also match in capitals: INC., DR., PVT.
			if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
				if u := strings.ToUpper(w); u != w {
					d.upper = append(d.upper, upperEntry{u, kind})
				}
			}
		}
	}
	for _, e := range d.upper {
		d.words[e.w] |= e.kind
	}
	d.upper = nil
	if len(d.words) >= 1<<16 {
		return nil, fmt.Errorf("segment: %s: %d words, too many", name, len(d.words))
	}
	nb := 1 // buckets: a power of two, at least twice the words
	for nb < 2*len(d.words) {
		nb *= 2
	}
	d.heads, d.mask = make([]uint16, nb), uint32(nb-1)
	for _, w := range slices.Sorted(maps.Keys(d.words)) {
		h := wordHash(w)
		d.filter[h/64] |= 1 << (h % 64)
		d.entries = append(d.entries, wordEntry{w, d.words[w], d.heads[h&d.mask]})
		d.heads[h&d.mask] = uint16(len(d.entries))
	}
	return d, sc.Err()
}

type upperEntry struct {
	w    string
	kind uint16
}

// loadData parses every embedded data file once.
var loadData = sync.OnceValues(func() (map[string]*langData, error) {
	m := make(map[string]*langData)
	names, err := fs.Glob(dataFS, "data/*.txt")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		src, err := dataFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		tag := strings.TrimSuffix(path.Base(name), ".txt")
		d, err := parseData(name, tag, string(src))
		if err != nil {
			return nil, err
		}
		m[tag] = d
	}
	return m, nil
})

// mustData returns the parsed data files; the embedded files are part of the
// program, so an error in them is a bug caught by the tests.
func mustData() map[string]*langData {
	m, err := loadData()
	if err != nil {
		panic(err)
	}
	return m
}

// Languages returns the tags that have data files, sorted.
func Languages() []string {
	m := mustData()
	tags := make([]string, 0, len(m))
	for t := range m {
		tags = append(tags, t)
	}
	slices.Sort(tags)
	return tags
}
