package normalize_test

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/corpustools/corpus/corpus/normalize"
	"golang.org/x/text/transform"
)

func Example() {
	raw := "\uFEFFCafe\u0301 \x07menu  \r\n\r\n\r\n\r\nhindi: \u0928\u093C\u0915\u0940\u00A0\r\n"
	fmt.Printf("%+q\n", normalize.String(raw, normalize.NFC))
	fmt.Printf("%+q\n", normalize.String(raw, normalize.NFKC))
	// Output:
	// "Caf\u00e9 menu\n\nhindi: \u0929\u0915\u0940"
	// "Caf\u00e9 menu\n\nhindi: \u0929\u0915\u0940"
}

func ExampleAppend() {
	var buf []byte
	for _, doc := range []string{"first\u00A0document\r\n", "  second\tdocument \n\n"} {
		buf = normalize.Append(buf[:0], []byte(doc), normalize.NFKC)
		fmt.Printf("%q\n", buf)
	}
	// Output:
	// "first document"
	// "  second\tdocument"
}

func ExampleAppendStats() {
	var st normalize.Stats
	out := normalize.AppendStats(nil, []byte("\uFEFFa\x00b \r\n\r\n\r\nc\xff"), normalize.NFC, &st)
	fmt.Printf("%+q %+v\n", out, st)
	// Output:
	// "ab\n\nc\ufffd" {Removed:2 Invalid:1 LineBreaks:3 Trimmed:2}
}

func ExampleIsNormalized() {
	fmt.Println(normalize.IsNormalized("caf\u00e9", normalize.NFC))
	fmt.Println(normalize.IsNormalized("cafe\u0301", normalize.NFC))
	fmt.Println(normalize.IsNormalized("line \nline", normalize.None))
	// Output:
	// true
	// false
	// false
}

func ExampleParseForm() {
	f, err := normalize.ParseForm("NFKC")
	fmt.Println(f, err)
	_, err = normalize.ParseForm("nfx")
	fmt.Println(err)
	// Output:
	// nfkc <nil>
	// normalize: unknown normalization form "nfx" (accepted: none, nfc, nfd, nfkc, nfkd)
}

func ExampleNewTransformer() {
	r := transform.NewReader(strings.NewReader("one\r\ntwo  \r\n\r\n\r\nthree\r\n"), normalize.NewTransformer(normalize.NFC))
	io.Copy(os.Stdout, r)
	// Output:
	// one
	// two
	//
	// three
}
