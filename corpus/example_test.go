package corpus_test

import (
	"fmt"

	"github.com/corpustools/corpus/corpus"
)

// Process turns raw bytes into a normalized, segmented document. Offsets
// are bytes into Text; the formats package turns them into code points.
func ExampleProcess() {
	opts := corpus.DefaultOptions()
	opts.Lang = "hi"
	in := &corpus.Input{Source: "news.txt", Key: "news.txt", Raw: []byte("डॉ. शर्मा दिल्ली गए। \"हम जीतेंगे।\" उन्होंने कहा।\nदूसरा अनुच्छेद॥")}
	d, err := corpus.Process(in, opts)
	if err != nil {
		panic(err)
	}
	fmt.Println(d.Script, len(d.Paragraphs), "paragraphs,", d.NumWords, "words")
	for _, s := range d.Sentences {
		fmt.Printf("%d: %s\n", s.Paragraph, d.Text[s.Start:s.End])
	}
	// Output:
	// Deva 2 paragraphs, 10 words
	// 0: डॉ. शर्मा दिल्ली गए।
	// 0: "हम जीतेंगे।"
	// 0: उन्होंने कहा।
	// 1: दूसरा अनुच्छेद॥
}

func ExampleTextStats() {
	script, words := corpus.TextStats("Namaste: नमस्ते दुनिया, नमस्ते!")
	fmt.Println(script, words)
	// Output: Deva 4
}
