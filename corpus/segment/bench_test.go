package segment

import (
	"bufio"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/corpustools/corpus/internal/benchcorpus"
)

var (
	// Word lists for generated prose: common words, a few names, numbers,
	// abbreviations and titles, as often as they come in news text.
	enWords = strings.Fields(`the a of and to in is was for on that with as by it at from this
		be are have has had not but or an which their they we he she his her its one all
		would there been if more when will about up out who so can what said some them
		report city council market water school people government river morning evening
		price company village festival station summer winter plan road bridge team game
		new old large small quick quiet bright green early late long short public local
		build open close share meet carry wait visit follow explain decide remember
		yesterday today often again later never always soon together almost nearly
		London Delhi Maria James Priya 2019 1,200 3.5 U.S. Dr. Smith e.g. p.m.`)
	hiWords = strings.Fields(`के में की है और से को का एक पर यह भी कि था लिए गया कर ने
		हैं थे नहीं इस साथ तो होने वह जो अपने कहा बाद उन्होंने हो रहा रही किया जा दिया
		सरकार बाजार पानी गांव शहर स्कूल लोग नदी सुबह शाम त्योहार कंपनी योजना सड़क पुल
		टीम खेल मौसम गर्मी सर्दी स्टेशन परिवार बच्चे किसान बारिश फसल अस्पताल डॉक्टर
		नया पुराना बड़ा छोटा जल्दी धीरे सुंदर अच्छा सार्वजनिक स्थानीय लंबा पहला दूसरा
		बनाना खोलना मिलना रुकना जाना बताना समझना याद आज कल अक्सर फिर हमेशा जल्द
		दिल्ली मुंबई राम सीता 2019 १२० डॉ. श्री. पी. ज़मीन फ़ैसला ` + " मल्\u200dलों")
)

// mixedProse returns about n bytes of English and Hindi prose, in sentences
// of 5 to 24 words, paragraphs joined by single spaces.
func mixedProse(n int) string {
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for b.Len() < n {
		words, end := enWords, []string{". ", "? ", "! ", "."}
		if rng.IntN(2) == 0 {
			words, end = hiWords, []string{"। ", " । ", "? ", "।"}
		}
		k := 5 + rng.IntN(20)
		for i := range k {
			w := words[rng.IntN(len(words))]
			if i == 0 && w[0] >= 'a' && w[0] <= 'z' {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			b.WriteString(w)
			if i < k-1 {
				b.WriteByte(' ')
			}
		}
		b.WriteString(end[rng.IntN(len(end))])
		if rng.IntN(10) == 0 {
			b.WriteString("\n")
		}
	}
	return b.String()
}

func BenchmarkAppendSentences(b *testing.B) {
	text := mixedProse(1 << 20)
	seg, err := New("")
	if err != nil {
		b.Fatal(err)
	}
	dst := seg.AppendSentences(nil, text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		dst = seg.AppendSentences(dst[:0], text)
	}
}

func BenchmarkAppendParagraphs(b *testing.B) {
	text := mixedProse(1 << 20)
	dst := AppendParagraphs(nil, text, ParagraphsAuto)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		dst = AppendParagraphs(dst[:0], text, ParagraphsAuto)
	}
}

// corpusParagraphs returns about 4 MB of generated multi-script prose
// (Latin, Devanagari, Urdu, Han and Cyrillic documents, see
// internal/benchcorpus) cut into paragraphs as the build pipeline cuts it,
// and their total size.
func corpusParagraphs(b *testing.B) ([]string, int) {
	b.Helper()
	g := benchcorpus.New(5, 16<<10)
	var buf []byte
	for len(buf) < 4<<20 {
		buf, _ = g.Document(buf)
		buf = append(buf, '\n')
	}
	text := string(buf)
	var paras []string
	for _, sp := range AppendParagraphs(nil, text, ParagraphsAuto) {
		paras = append(paras, text[sp.Start:sp.End])
	}
	return paras, len(text)
}

// BenchmarkCorpus segments realistic multi-script text paragraph by
// paragraph, as corpus.Process does, with the auto segmenter and with the
// segmenter of each script's language.
func BenchmarkCorpus(b *testing.B) {
	paras, size := corpusParagraphs(b)
	for _, lang := range []string{"", "en", "hi"} {
		name := lang
		if name == "" {
			name = "auto"
		}
		b.Run(name, func(b *testing.B) {
			seg, err := New(lang)
			if err != nil {
				b.Fatal(err)
			}
			var dst []Sentence
			for _, p := range paras {
				dst = seg.AppendSentences(dst[:0], p)
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				for _, p := range paras {
					dst = seg.AppendSentences(dst[:0], p)
				}
			}
		})
	}
}

// BenchmarkSplit reads the multi-script corpus through a bufio.Scanner with
// Split, one paragraph at a time. (The allocations are the Scanners'.)
func BenchmarkSplit(b *testing.B) {
	paras, size := corpusParagraphs(b)
	seg, err := New("")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	buf := make([]byte, 64<<10)
	for b.Loop() {
		for _, p := range paras {
			sc := bufio.NewScanner(strings.NewReader(p))
			sc.Buffer(buf, MaxSentence)
			sc.Split(seg.Split)
			for sc.Scan() {
			}
		}
	}
}
