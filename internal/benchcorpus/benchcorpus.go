// Package benchcorpus generates deterministic multi-script text with the
// entropy of real prose, for benchmarks: words are drawn by a Zipf law from
// per-script vocabularies of made-up words built from syllables, sentences
// and paragraphs vary in length, documents in size, and phrases recur. zstd
// compresses it to about a quarter (4.0x at its default level), as it does
// real prose; template sentences compress ten times better and would
// flatter every figure.
package benchcorpus

import (
	"math"
	"math/rand/v2"
	"strings"
	"unicode/utf8"
)

// Script is one writing system the generator uses.
type Script struct {
	// Name is the ISO 15924 code.
	Name string
	// Weight is the share of documents in this script.
	Weight float64
	// syllables build the words; space separates words unless NoSpaces.
	syllables []string
	// terminators end sentences, chosen with the given frequencies.
	terminators []string
	// comma is the clause separator.
	comma    string
	noSpaces bool
}

// Scripts are the scripts of the default mix: Latin (with diacritics),
// Devanagari (with nukta and ZWJ), Arabic (Urdu), Han (no spaces), Cyrillic.
var Scripts = []Script{
	{Name: "Latn", Weight: 0.40, syllables: latin, terminators: []string{".", ".", ".", ".", "?", "!"}, comma: ","},
	{Name: "Deva", Weight: 0.30, syllables: devanagari, terminators: []string{"।", "।", "।", "।", "?", "॥"}, comma: ","},
	{Name: "Arab", Weight: 0.12, syllables: urdu, terminators: []string{"۔", "۔", "۔", "؟"}, comma: "،"},
	{Name: "Hani", Weight: 0.10, syllables: han, terminators: []string{"。", "。", "。", "！", "？"}, comma: "，", noSpaces: true},
	{Name: "Cyrl", Weight: 0.08, syllables: cyrillic, terminators: []string{".", ".", "?", "!"}, comma: ","},
}

var (
	latin = strings.Fields("ka ri to na me lo sa ve tur in an de el ma com pre ti on ca ble ro mi str ght ea ou ai é è ü ö ñ ç ø ss th ch qu er es al or is at")
	// Consonant + vowel sign syllables, a nukta letter and a ZWJ conjunct.
	devanagari = strings.Fields("क का कि की कु के को ख ग गा गी घ च छ ज जा जी झ ट ठ ड ढ त ता ती तु ते थ द दा दी ध न ना नी ने प पा पी फ ब बा भ म मा मी मे य या र रा री रु रे ल ला ली व वा श शा ष स सा सी से ह हा ही है ं ्र क़ ज़ फ़ ड़ ढ़ न्\u200dह क्ष त्र ज्ञ")
	urdu       = strings.Fields("کا کی کے سے میں ہے پا کس تان حکو مت نے کہا ور لو گوں کو با ت دی خا ص طو ر پر اس بہ ت شہ ر عل ما ء")
	han        = strings.Split("的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长", "")
	cyrillic   = strings.Fields("ка ро на то ли ст ра ве ни ко по мо да ль ен ов ск ий ая ое ть ся же бы ны го ду")
)

// vocabulary is a script's word list, most frequent first, with a few
// likely successors of each word: real prose repeats phrases, not just
// words, and that is what compressors find.
type vocabulary struct {
	words []string
	cdf   []float64
	next  [][3]int32
}

func newVocabulary(s *Script, size int, rng *rand.Rand) *vocabulary {
	v := &vocabulary{words: make([]string, 0, size), cdf: make([]float64, size)}
	seen := make(map[string]bool, size)
	for len(v.words) < size {
		n := 1 + rng.IntN(3)
		if len(v.words) > size/10 { // rarer words are longer
			n += rng.IntN(3)
		}
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(s.syllables[rng.IntN(len(s.syllables))])
		}
		w := b.String()
		if seen[w] {
			continue
		}
		seen[w] = true
		v.words = append(v.words, w)
	}
	// Zipf: frequency of rank r is proportional to 1/(r+2.7)^1.15.
	total := 0.0
	for r := range v.cdf {
		total += 1 / math.Pow(float64(r)+2.7, 1.15)
		v.cdf[r] = total
	}
	for r := range v.cdf {
		v.cdf[r] /= total
	}
	v.next = make([][3]int32, size)
	for r := range v.next {
		for k := range v.next[r] {
			v.next[r][k] = int32(v.pickIndex(rng))
		}
	}
	return v
}

// pickIndex draws a word rank by frequency.
func (v *vocabulary) pickIndex(rng *rand.Rand) int {
	x := rng.Float64()
	lo, hi := 0, len(v.cdf)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if v.cdf[mid] < x {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// phraseChance is the percentage of words that follow their predecessor as
// one of its usual successors.
const phraseChance = 80

// Generator makes documents. The same seed gives the same documents.
type Generator struct {
	rng    *rand.Rand
	vocabs []*vocabulary
	cum    []float64
	// MeanDocBytes is the mean document size (log-normal around it).
	MeanDocBytes int
}

// New returns a generator with the given seed and mean document size.
func New(seed uint64, meanDocBytes int) *Generator {
	g := &Generator{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), MeanDocBytes: meanDocBytes}
	total := 0.0
	for i := range Scripts {
		g.vocabs = append(g.vocabs, newVocabulary(&Scripts[i], 3000, g.rng))
		total += Scripts[i].Weight
		g.cum = append(g.cum, total)
	}
	return g
}

// Document appends one document to dst and returns it with the code of its
// script. Paragraphs are separated by "\n" (one paragraph a line).
func (g *Generator) Document(dst []byte) ([]byte, string) {
	x := g.rng.Float64() * g.cum[len(g.cum)-1]
	si := 0
	for si < len(g.cum)-1 && g.cum[si] < x {
		si++
	}
	s, v := &Scripts[si], g.vocabs[si]
	size := int(float64(g.MeanDocBytes) * math.Exp(g.rng.NormFloat64()*0.8-0.32))
	if size < 64 {
		size = 64
	}
	start := len(dst)
	for len(dst)-start < size {
		if len(dst) > start {
			dst = append(dst, '\n')
		}
		sentences := 2 + g.rng.IntN(6)
		for i := 0; i < sentences; i++ {
			if i > 0 && !s.noSpaces {
				dst = append(dst, ' ')
			}
			dst = g.sentence(dst, s, v)
		}
	}
	return dst, s.Name
}

func (g *Generator) sentence(dst []byte, s *Script, v *vocabulary) []byte {
	n := 4 + g.rng.IntN(18)
	prev := -1
	for i := 0; i < n; i++ {
		idx := v.pickIndex(g.rng)
		if prev >= 0 && g.rng.IntN(100) < phraseChance {
			idx = int(v.next[prev][g.rng.IntN(3)])
		}
		prev = idx
		w := v.words[idx]
		if i == 0 && !s.noSpaces {
			w = capitalize(w)
		}
		if i > 0 && !s.noSpaces {
			dst = append(dst, ' ')
		}
		dst = append(dst, w...)
		if i > 0 && i < n-1 && g.rng.IntN(9) == 0 {
			dst = append(dst, s.comma...)
		}
		if g.rng.IntN(40) == 0 { // numbers: years, amounts, decimals
			if !s.noSpaces {
				dst = append(dst, ' ')
			}
			switch g.rng.IntN(3) {
			case 0:
				dst = append(dst, []byte(itoa(1900+g.rng.IntN(130)))...)
			case 1:
				dst = append(dst, []byte(itoa(g.rng.IntN(1000)))...)
			default:
				dst = append(dst, []byte(itoa(g.rng.IntN(100))+"."+itoa(g.rng.IntN(100)))...)
			}
		}
	}
	return append(dst, s.terminators[g.rng.IntN(len(s.terminators))]...)
}

func capitalize(w string) string {
	r, size := utf8.DecodeRuneInString(w)
	if r >= 'a' && r <= 'z' {
		return string(r-'a'+'A') + w[size:]
	}
	if r >= 'а' && r <= 'я' {
		return string(r-'а'+'А') + w[size:]
	}
	return w
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
