package normalize

import (
	"bytes"
	"io"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Word lists for generated prose, in NFC.
var (
	englishWords = strings.Fields(`the of and to in is was for that with as on by at from his her
		their which this were are been have has had not but or an they one all would there
		language model training corpus text data document sentence paragraph words about
		between through during before after under over again further then once here when`)
	hindiWords = strings.Fields(`और का की के में है हैं यह वह एक को से पर भी नहीं था थी थे
		भाषा हिन्दी भारत सरकार प्रधानमंत्री विकास समाचार कहा गया लिए साथ बाद अपने कुछ
		ज़रूर फ़िल्म क़ानून ख़बर ग़लत ड़ ढ़ाई ज़िंदगी राष्ट्रीय स्वतंत्रता विद्यालय
		क्षेत्र श्रमिक द्वारा प्रदेश उत्तर दक्षिण पूर्व पश्चिम संस्कृति अंतर्राष्ट्रीय`)
	latinWords = strings.Fields(`café naïve façade Ångström über Straße Größe élève déjà
		Tiếng Việt người được những không phải São Paulo mañana año corazón
		łódź żółć Dvořák příliš žluťoučký kůň Øresund fjäll`)
	arabicWords = strings.Fields(`في من على إلى عن مع هذا هذه التي الذي كان اللغة العربية
		الكتاب المدرسة الحكومة الأخبار قال بين بعد قبل مُحَمَّد عَرَبِيّ`)
	cjkWords      = strings.Fields(`日本語 テキスト 東京 中文 文本 北京 한국어 서울 텍스트 학교 言語 データ`)
	cyrillicWords = strings.Fields(`и в не на я что тот быть с а весь это как она по но они
		язык текст документ предложение Москва`)
	emojiWords = []string{"👍", "👨\u200D👩\u200D👧", "🎉", "👍🏽", "🏳️\u200D🌈", "😀"}
)

// genProse returns about size bytes of prose: lines of 8–20 words drawn
// from the lists (one list per line, picked by weight), with paragraph
// breaks.
func genProse(size int, seed uint64, lists ...[]string) []byte {
	rng := rand.New(rand.NewPCG(seed, 42))
	var b bytes.Buffer
	for b.Len() < size {
		words := lists[rng.IntN(len(lists))]
		n := 8 + rng.IntN(13)
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[rng.IntN(len(words))])
		}
		b.WriteByte('.')
		if rng.IntN(5) == 0 {
			b.WriteString("\n\n")
		} else {
			b.WriteByte('\n')
		}
	}
	return bytes.TrimSpace(b.Bytes())
}

// benchTexts are the benchmark inputs, about 1 MB each, generated once.
var benchTexts = sync.OnceValue(func() []struct {
	name string
	text []byte
} {
	const size = 1 << 20
	mixed := genProse(size, 3, englishWords, hindiWords, latinWords, arabicWords, cjkWords, cyrillicWords, emojiWords)
	return []struct {
		name string
		text []byte
	}{
		{"ascii", genProse(size, 1, englishWords)},
		{"devanagari", genProse(size, 2, hindiWords)},
		{"mixed", mixed},
		{"not-nfc", norm.NFD.Bytes(mixed)},
	}
})

func BenchmarkAppendNFC(b *testing.B) {
	for _, bt := range benchTexts() {
		b.Run(bt.name, func(b *testing.B) {
			dst := make([]byte, 0, 2*len(bt.text))
			b.SetBytes(int64(len(bt.text)))
			for b.Loop() {
				dst = Append(dst[:0], bt.text, NFC)
			}
		})
	}
}

// BenchmarkXTextNFC is plain x/text NFC on the same texts, for comparison.
func BenchmarkXTextNFC(b *testing.B) {
	for _, bt := range benchTexts() {
		b.Run(bt.name, func(b *testing.B) {
			dst := make([]byte, 0, 2*len(bt.text))
			b.SetBytes(int64(len(bt.text)))
			for b.Loop() {
				dst = norm.NFC.Append(dst[:0], bt.text...)
			}
		})
	}
}

func BenchmarkAppendForms(b *testing.B) {
	text := benchTexts()[2].text
	for _, f := range allForms {
		b.Run(f.String(), func(b *testing.B) {
			dst := make([]byte, 0, 2*len(text))
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				dst = Append(dst[:0], text, f)
			}
		})
	}
}

func BenchmarkIsNormalizedNFC(b *testing.B) {
	for _, bt := range benchTexts() {
		s := string(bt.text)
		b.Run(bt.name, func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				IsNormalized(s, NFC)
			}
		})
	}
}

func BenchmarkTransformerNFC(b *testing.B) {
	for _, bt := range benchTexts() {
		b.Run(bt.name, func(b *testing.B) {
			t := NewTransformer(NFC)
			b.SetBytes(int64(len(bt.text)))
			for b.Loop() {
				t.Reset()
				io.Copy(io.Discard, transform.NewReader(bytes.NewReader(bt.text), t))
			}
		})
	}
}
