package formats

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/corpustools/corpus/schemas"
)

func ptr(s string) *string { return &s }

// testDoc is one document of the round-trip table: text with paragraph and
// sentence boundaries marked inline, ¶ between paragraphs and | between
// sentences of a paragraph (the markers are removed from the text).
type testDoc struct {
	name string
	text string
	lang *string
	meta []schemas.KeyValue
}

var testDocs = []testDoc{
	{name: "latin", text: "Ça va très bien, naïve café.|Voilà: Ångström, Øresund, Łódź.¶Second paragraph, ŝ with combining: e\u0301.", lang: ptr("fr"),
		meta: []schemas.KeyValue{{Key: "author", Value: "Zoë"}, {Key: "license", Value: "CC-BY-4.0"}, {Key: "year", Value: "2024"}}},
	{name: "devanagari", text: "क्\u200dष और ज़ुबान।|यह दूसरा वाक्य है॥¶नया अनुच्छेद: फ़ि\u200dल्म।", lang: ptr("hi"),
		meta: []schemas.KeyValue{{Key: "source_url", Value: "https://example.org/हिंदी"}}},
	{name: "arabic", text: "مرحبا بالعالم.|كيف حالك؟¶فقرة ثانية.", lang: ptr("ar")},
	{name: "cjk", text: "你好，世界。|日本語の文章です。¶한국어 문장입니다.", lang: nil,
		meta: []schemas.KeyValue{{Key: "a", Value: ""}, {Key: "b", Value: "{\"nested\":[1,2]}"}}},
	{name: "emoji", text: "Family: 👨\u200d👩\u200d👧\u200d👦 and flags 🇮🇳🇯🇵.|Skin tone 👍🏽!", lang: ptr("und")},
	{name: "empty", text: "", lang: nil},
	{name: "controls", text: "tab\tquote\" backslash\\ nul\x00 bell\x07 line\u2028sep\u2029para\r\n.", lang: ptr("en")},
	{name: "large", text: largeText(), lang: ptr("en"), meta: []schemas.KeyValue{{Key: "size", Value: "large"}}},
}

// largeText returns a text of about 3 MB: four paragraphs of long
// sentences in several scripts.
func largeText() string {
	var b strings.Builder
	for p := range 4 {
		if p > 0 {
			b.WriteString("¶")
		}
		for s := range 100 {
			if s > 0 {
				b.WriteString("|")
			}
			for i := range 40 {
				fmt.Fprintf(&b, "Sentence %d.%d.%d: the quick brown fox jumps over the lazy dog; यह वाक्य है; 数字。", p, s, i)
			}
		}
	}
	return b.String()
}

// testRows returns the document, paragraph and sentence rows of docs.
func testRows(docs []testDoc) *schemas.Batch {
	b := &schemas.Batch{}
	for i, d := range docs {
		b.Documents = append(b.Documents, makeDocument(fmt.Sprintf("doc-%d-%s", i, d.name), fmt.Sprintf("in/%s.txt", d.name), d))
		doc := &b.Documents[len(b.Documents)-1]
		runes := []rune(doc.Text)
		for pi, p := range doc.Paragraphs {
			b.Paragraphs = append(b.Paragraphs, schemas.ParagraphRow{
				DocID: doc.ID, ParagraphIndex: int32(pi), Start: p.Start, End: p.End,
				Text: string(runes[p.Start:p.End]), Source: doc.Source, Lang: doc.Lang, Script: doc.Script, Meta: doc.Meta,
			})
		}
		for si, s := range doc.Sentences {
			b.Sentences = append(b.Sentences, schemas.SentenceRow{
				DocID: doc.ID, ParagraphIndex: s.Paragraph, SentenceIndex: int32(si), Start: s.Start, End: s.End,
				Text: string(runes[s.Start:s.End]), Source: doc.Source, Lang: doc.Lang, Script: doc.Script, Meta: doc.Meta,
			})
		}
	}
	return b
}

// makeDocument builds a document row from marked-up text.
func makeDocument(id, source string, d testDoc) schemas.DocumentRow {
	r := schemas.DocumentRow{ID: id, Source: source, Lang: d.lang, Script: "Zyyy", Meta: d.meta}
	var text strings.Builder
	pos, pstart, sstart := int32(0), int32(0), int32(0)
	endSentence := func() {
		if pos > sstart {
			r.Sentences = append(r.Sentences, schemas.SentenceSpan{Start: sstart, End: pos, Paragraph: int32(len(r.Paragraphs))})
		}
		sstart = pos
	}
	for _, c := range d.text {
		switch c {
		case '|':
			endSentence()
		case '¶':
			endSentence()
			r.Paragraphs = append(r.Paragraphs, schemas.Span{Start: pstart, End: pos})
			pstart = pos
		default:
			text.WriteRune(c)
			pos++
		}
	}
	if pos > pstart {
		endSentence()
		r.Paragraphs = append(r.Paragraphs, schemas.Span{Start: pstart, End: pos})
	}
	r.Text = text.String()
	sum := sha256.Sum256([]byte(r.Text))
	r.SHA256 = hex.EncodeToString(sum[:])
	r.NumBytes = int64(len(r.Text))
	r.NumChars = int64(utf8.RuneCountInString(r.Text))
	r.NumWords = int64(len(strings.Fields(r.Text)))
	r.NumParagraphs = int64(len(r.Paragraphs))
	r.NumSentences = int64(len(r.Sentences))
	if len(r.Text) > 0 {
		r.Script = "Latn"
	}
	return r
}

// writeFile writes the rows of b for unit u in format f with compression c,
// in batches of batchRows rows (all at once when 0).
func writeFile(t testing.TB, f Format, c string, u schemas.Unit, b *schemas.Batch, rowGroupRows, batchRows int) []byte {
	t.Helper()
	var buf bytes.Buffer
	opts := Options{Unit: u, Compression: c, RowGroupRows: rowGroupRows, Metadata: map[string]string{"test.key": "värde"}}
	w, err := newTestWriter(t, f, &buf, opts)
	if err != nil {
		t.Fatal(err)
	}
	n := b.Len(u)
	if batchRows <= 0 {
		batchRows = max(n, 1)
	}
	for i := 0; i < n; i += batchRows {
		j := min(i+batchRows, n)
		part := &schemas.Batch{}
		switch u {
		case schemas.UnitDocument:
			part.Documents = b.Documents[i:j]
		case schemas.UnitParagraph:
			part.Paragraphs = b.Paragraphs[i:j]
		case schemas.UnitSentence:
			part.Sentences = b.Sentences[i:j]
		}
		if err := w.Write(part); err != nil {
			t.Fatalf("%s/%s/%s: write: %v", f.Name, c, u, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatalf("%s/%s/%s: close: %v", f.Name, c, u, err)
	}
	return buf.Bytes()
}

// newTestWriter opens a writer of format f; Arrow writers allocate from a
// checked allocator that the test verifies is empty at its end.
func newTestWriter(t testing.TB, f Format, w *bytes.Buffer, opts Options) (Writer, error) {
	switch f.Name {
	case "arrow", "arrows":
		mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
		t.Cleanup(func() { mem.AssertSize(t, 0) })
		return newArrowWriter(w, opts, mem, f.Name == "arrows")
	}
	return f.New(w, opts)
}

// TestDumpFiles writes every unit in every format to $CORPUS_DUMP_DIR, for
// checking the files with other readers (pyarrow, DuckDB, polars).
func TestDumpFiles(t *testing.T) {
	dir := os.Getenv("CORPUS_DUMP_DIR")
	if dir == "" {
		t.Skip("CORPUS_DUMP_DIR not set")
	}
	b := testRows(testDocs)
	for _, name := range Names() {
		f, _ := Lookup(name)
		for _, c := range f.Compressions {
			for _, u := range schemas.Units {
				data := writeFile(t, f, c, u, b, 0, 0)
				path := filepath.Join(dir, fmt.Sprintf("%s-%s%s", u, c, f.FileExtension(c)))
				if err := os.WriteFile(path, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

// openTestReader opens a reader of data; Arrow readers allocate from a
// checked allocator that the test verifies is empty at its end.
func openTestReader(t testing.TB, name string, data []byte) (RowReader, error) {
	src := io.NewSectionReader(bytes.NewReader(data), 0, int64(len(data)))
	opts := ReaderOptions{Name: name}
	switch {
	case bytes.HasPrefix(data, magicArrow), bytes.HasPrefix(data, magicStream):
		mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
		t.Cleanup(func() { mem.AssertSize(t, 0) })
		return newArrowReader(src, opts, nil, mem, bytes.HasPrefix(data, magicStream))
	}
	return NewReader(bytes.NewReader(data), int64(len(data)), opts)
}

// readAll reads every row of r into one batch, checking the batches are
// of the file's unit.
func readAll(t testing.TB, r RowReader) (*schemas.Batch, error) {
	t.Helper()
	all := &schemas.Batch{}
	var b schemas.Batch
	for {
		n, err := r.Next(&b)
		if err == io.EOF {
			if n != 0 {
				t.Errorf("Next returned %d rows with io.EOF", n)
			}
			return all, nil
		}
		if err != nil {
			return all, err
		}
		if n != b.Len(r.Info().Unit) || n == 0 {
			t.Errorf("Next returned %d, batch holds %d", n, b.Len(r.Info().Unit))
		}
		all.Documents = append(all.Documents, b.Documents...)
		all.Paragraphs = append(all.Paragraphs, b.Paragraphs...)
		all.Sentences = append(all.Sentences, b.Sentences...)
	}
}

// normalize makes empty lists nil, so that rows compare equal whether a
// reader returns empty or nil lists.
func normalize(b *schemas.Batch) {
	for i := range b.Documents {
		d := &b.Documents[i]
		if len(d.Paragraphs) == 0 {
			d.Paragraphs = nil
		}
		if len(d.Sentences) == 0 {
			d.Sentences = nil
		}
		if len(d.Meta) == 0 {
			d.Meta = nil
		}
	}
	for i := range b.Paragraphs {
		if len(b.Paragraphs[i].Meta) == 0 {
			b.Paragraphs[i].Meta = nil
		}
	}
	for i := range b.Sentences {
		if len(b.Sentences[i].Meta) == 0 {
			b.Sentences[i].Meta = nil
		}
	}
}

// unitRows returns the rows of unit u in b, for comparison.
func unitRows(b *schemas.Batch, u schemas.Unit) any {
	switch u {
	case schemas.UnitDocument:
		return b.Documents
	case schemas.UnitParagraph:
		return b.Paragraphs
	}
	return b.Sentences
}

// compareRows reports the first row that differs between want and got.
func compareRows(t testing.TB, what string, u schemas.Unit, want, got *schemas.Batch) {
	t.Helper()
	normalize(want)
	normalize(got)
	if want.Len(u) != got.Len(u) {
		t.Errorf("%s: read %d rows, wrote %d", what, got.Len(u), want.Len(u))
		return
	}
	w, g := reflect.ValueOf(unitRows(want, u)), reflect.ValueOf(unitRows(got, u))
	for i := range w.Len() {
		if !reflect.DeepEqual(w.Index(i).Interface(), g.Index(i).Interface()) {
			t.Errorf("%s: row %d differs:\nwrote %s\nread  %s", what, i, abbreviate(w.Index(i).Interface()), abbreviate(g.Index(i).Interface()))
			return
		}
	}
}

func abbreviate(v any) string {
	s := fmt.Sprintf("%+v", v)
	if len(s) > 400 {
		s = s[:400] + "..."
	}
	return s
}

func TestRoundTrip(t *testing.T) {
	rows := testRows(testDocs)
	for _, name := range Names() {
		f, _ := Lookup(name)
		// Every codec, and each at its lowest level (TestCompressionLevels
		// writes the highest: slow under the race detector).
		comps := slices.Clone(f.Compressions)
		for _, c := range f.Compressions {
			if r, ok := f.Levels[c]; ok {
				comps = append(comps, fmt.Sprintf("%s:%d", c, r[0]))
			}
		}
		for _, c := range comps {
			codec, _, _ := SplitCompression(c)
			for _, u := range schemas.Units {
				// Small row groups and batches, so that rows straddle them.
				for _, rg := range []int{0, 3} {
					what := fmt.Sprintf("%s/%s/%s/rowgroup=%d", name, c, u, rg)
					t.Run(what, func(t *testing.T) {
						data := writeFile(t, f, c, u, rows, rg, 2)
						r, err := openTestReader(t, "test"+f.FileExtension(c), data)
						if err != nil {
							t.Fatal(err)
						}
						defer r.Close()
						info := r.Info()
						if info.Format != name || info.Unit != u {
							t.Errorf("format %s unit %s, want %s %s", info.Format, info.Unit, name, u)
						}
						if name != "jsonl" {
							if info.SchemaName != schemas.Name || info.SchemaVersion != schemas.Version || info.SchemaUnit != u {
								t.Errorf("declared schema %s %s %s", info.SchemaName, info.SchemaVersion, info.SchemaUnit)
							}
							if info.Metadata["test.key"] != "värde" {
								t.Errorf("metadata %v", info.Metadata)
							}
						}
						if name == "jsonl" || name == "parquet" {
							if info.Compression != codec {
								t.Errorf("compression %q, want %q", info.Compression, codec)
							}
						}
						if err := schemas.CheckColumns(schemas.Columns(u), info.Columns); err != nil {
							t.Error(err)
						}
						got, err := readAll(t, r)
						if err != nil {
							t.Fatal(err)
						}
						compareRows(t, what, u, rows, got)
					})
				}
			}
		}
	}
}

// FuzzRoundTrip writes a fuzzed document as every unit in every format and
// reads it back.
func FuzzRoundTrip(f *testing.F) {
	f.Add("Ça va. क्\u200dष और ज़ुबान। 你好。", "fr", "author", "Zoë", false)
	f.Add("", "", "", "", true)
	f.Add("\x00\"\\\u2028\r\n", "en", "k\x01", "v\u2029", false)
	f.Fuzz(func(t *testing.T, text, lang, key, value string, nilLang bool) {
		// JSONL writes invalid UTF-8 as U+FFFD: round trips hold for text.
		text = strings.ToValidUTF8(text, "\uFFFD")
		d := testDoc{name: "fuzz", lang: ptr(strings.ToValidUTF8(lang, "\uFFFD"))}
		if nilLang {
			d.lang = nil
		}
		if key != "" || value != "" {
			d.meta = []schemas.KeyValue{{Key: strings.ToValidUTF8(key, "\uFFFD"), Value: strings.ToValidUTF8(value, "\uFFFD")}}
		}
		// Sentence ends after '.', '。' and '।'; the markers are escaped away.
		text = strings.NewReplacer("|", "/", "¶", "P").Replace(text)
		d.text = strings.NewReplacer(".", ".|", "。", "。|", "।", "।|").Replace(text)
		rows := testRows([]testDoc{d})
		for _, name := range Names() {
			format, _ := Lookup(name)
			for _, u := range schemas.Units {
				data := writeFile(t, format, "", u, rows, 2, 0)
				r, err := openTestReader(t, "fuzz"+format.Extension, data)
				if err != nil {
					t.Fatalf("%s/%s: %v", name, u, err)
				}
				got, err := readAll(t, r)
				r.Close()
				if err != nil {
					t.Fatalf("%s/%s: %v", name, u, err)
				}
				compareRows(t, name+"/"+string(u), u, rows, got)
			}
		}
	})
}

// FuzzOpenReader feeds arbitrary bytes to the readers: they must return
// rows or errors, never panic, hang or exhaust memory.
func FuzzOpenReader(f *testing.F) {
	rows := testRows(testDocs[:3])
	for _, name := range Names() {
		format, _ := Lookup(name)
		for _, c := range format.Compressions {
			for _, u := range schemas.Units {
				f.Add(writeFile(f, format, c, u, rows, 2, 0))
			}
		}
	}
	f.Add([]byte(`{"id":"a"}`))
	f.Add([]byte("PAR1PAR1"))
	f.Add([]byte("ARROW1\x00\x00ARROW1"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewReader(bytes.NewReader(data), int64(len(data)), ReaderOptions{Name: "fuzz"})
		if err != nil {
			var re *ReadError
			if !errors.As(err, &re) {
				t.Fatalf("error %v is not a *ReadError", err)
			}
			return
		}
		defer r.Close()
		var b schemas.Batch
		for range 1 << 16 {
			if _, err := r.Next(&b); err != nil {
				var re *ReadError
				if err != io.EOF && !errors.As(err, &re) {
					t.Fatalf("error %v is not a *ReadError", err)
				}
				return
			}
		}
		t.Fatal("no end after 65536 batches")
	})
}

// benchDocuments returns n text-heavy document rows of about 4 KB each,
// Devanagari and Latin, with spans and metadata as the pipeline makes them.
func benchDocuments(n int) []schemas.DocumentRow {
	sentences := []string{
		"प्रधानमंत्री ने आज नई दिल्ली में एक महत्वपूर्ण बैठक की अध्यक्षता की।",
		"The committee discussed the budget for the next financial year in detail.",
		"इस बैठक में कई राज्यों के मुख्यमंत्री और वरिष्ठ अधिकारी शामिल हुए।",
		"Officials said the new policy would come into effect from the first of April.",
	}
	docs := make([]schemas.DocumentRow, n)
	for i := range docs {
		var text strings.Builder
		for p := 0; text.Len() < 4000; p++ {
			if p > 0 {
				text.WriteString("¶")
			}
			for s := range 4 {
				if s > 0 {
					text.WriteString("|")
				}
				text.WriteString(sentences[(i+p+s)%len(sentences)])
				fmt.Fprintf(&text, " (%d)", i)
			}
		}
		docs[i] = makeDocument(fmt.Sprintf("doc-%08d", i), fmt.Sprintf("news/2024/%03d.txt", i%1000),
			testDoc{text: text.String(), lang: ptr("hi"), meta: []schemas.KeyValue{{Key: "date", Value: "2024-03-01"}, {Key: "url", Value: fmt.Sprintf("https://example.org/%d", i)}}})
		docs[i].Script = "Deva"
	}
	return docs
}

// countWriter counts the bytes written to it.
type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// BenchmarkWrite writes text-heavy document rows; the bytes per second are
// of row data (text and fields as in memory).
func BenchmarkWrite(b *testing.B) {
	docs := benchDocuments(2000)
	size := 0
	for i := range docs {
		size += documentBytes(&docs[i])
	}
	cases := []struct{ name, format, compression string }{
		{"jsonl", "jsonl", "none"},
		{"jsonl-zstd", "jsonl", "zstd"},
		{"parquet-zstd", "parquet", "zstd"},
		{"parquet-snappy", "parquet", "snappy"},
		{"parquet-none", "parquet", "none"},
		{"arrow", "arrow", "none"},
		{"arrow-lz4", "arrow", "lz4"},
		{"arrows", "arrows", "none"},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			f, _ := Lookup(tc.format)
			batch := &schemas.Batch{}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			var out countWriter
			for b.Loop() {
				w, err := f.New(&out, Options{Unit: schemas.UnitDocument, Compression: tc.compression})
				if err != nil {
					b.Fatal(err)
				}
				for i := 0; i < len(docs); i += 500 {
					batch.Documents = docs[i:min(i+500, len(docs))]
					if err := w.Write(batch); err != nil {
						b.Fatal(err)
					}
				}
				if err := w.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(out.n)/float64(b.N)/float64(size), "out/in")
		})
	}
}

// BenchmarkRead reads back the files of BenchmarkWrite.
func BenchmarkRead(b *testing.B) {
	docs := benchDocuments(2000)
	size := 0
	for i := range docs {
		size += documentBytes(&docs[i])
	}
	rows := &schemas.Batch{Documents: docs}
	for _, name := range []string{"jsonl", "parquet", "arrow"} {
		b.Run(name, func(b *testing.B) {
			f, _ := Lookup(name)
			data := writeFile(b, f, "", schemas.UnitDocument, rows, 0, 0)
			b.SetBytes(int64(size))
			b.ReportAllocs()
			var batch schemas.Batch
			for b.Loop() {
				r, err := NewReader(bytes.NewReader(data), int64(len(data)), ReaderOptions{Name: name})
				if err != nil {
					b.Fatal(err)
				}
				for {
					if _, err := r.Next(&batch); err == io.EOF {
						break
					} else if err != nil {
						b.Fatal(err)
					}
				}
				r.Close()
			}
		})
	}
}
