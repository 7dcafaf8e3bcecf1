package segment_test

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/corpustools/corpus/corpus/segment"
)

func ExampleSegmenter_AppendSentences() {
	seg, err := segment.New("en")
	if err != nil {
		panic(err)
	}
	text := "Dr. Watson arrived at 5 p.m. sharp. Was he late? No."
	for _, s := range seg.AppendSentences(nil, text) {
		fmt.Printf("%-11s %q\n", s.Rule, text[s.Start:s.End])
	}
	// Output:
	// terminator  "Dr. Watson arrived at 5 p.m. sharp."
	// terminator  "Was he late?"
	// end-of-text "No."
}

func ExampleSegmenter_AppendSentences_hindi() {
	seg, err := segment.New("hi")
	if err != nil {
		panic(err)
	}
	text := "डॉ. पी. शर्मा ने कहा, \"हम जीतेंगे।\" इसके बाद सभा ख़त्म हुई।"
	for _, s := range seg.AppendSentences(nil, text) {
		fmt.Println(text[s.Start:s.End])
	}
	// Output:
	// डॉ. पी. शर्मा ने कहा, "हम जीतेंगे।"
	// इसके बाद सभा ख़त्म हुई।
}

func ExampleSegmenter_Split() {
	seg, err := segment.New("")
	if err != nil {
		panic(err)
	}
	sc := bufio.NewScanner(strings.NewReader("今天下雨。我們在家。 It rained. We stayed in."))
	sc.Split(seg.Split)
	for sc.Scan() {
		fmt.Println(sc.Text())
	}
	// Output:
	// 今天下雨。
	// 我們在家。
	// It rained.
	// We stayed in.
}

func ExampleAppendParagraphs() {
	doc := "Storm Hits Coast\nHeavy rain fell. Roads closed.\n\nMore rain is due."
	seg, _ := segment.New("en")
	for i, p := range segment.AppendParagraphs(nil, doc, segment.ParagraphsAuto) {
		para := doc[p.Start:p.End]
		for _, s := range seg.AppendSentences(nil, para) {
			fmt.Printf("%d %-11s %s\n", i, s.Rule, para[s.Start:s.End])
		}
	}
	// Output:
	// 0 line-break  Storm Hits Coast
	// 0 terminator  Heavy rain fell.
	// 0 end-of-text Roads closed.
	// 1 end-of-text More rain is due.
}

func ExampleParseParagraphMode() {
	_, err := segment.ParseParagraphMode("paragraph")
	fmt.Println(err)
	m, _ := segment.ParseParagraphMode("line")
	fmt.Println(m)
	// Output:
	// segment: unknown paragraph mode "paragraph" (want auto, blank or line)
	// line
}
