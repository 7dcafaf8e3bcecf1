package formats

import (
	"errors"
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/corpustools/corpus/schemas"
)

func init() {
	register(Format{
		Name:               "arrow",
		Extension:          ".arrow",
		DefaultCompression: "none",
		Compressions:       []string{"none", "zstd", "lz4"},
		New: func(w io.Writer, opts Options) (Writer, error) {
			return newArrowWriter(w, opts, memory.DefaultAllocator, false)
		},
	})
	register(Format{
		Name:               "arrows",
		Extension:          ".arrows",
		DefaultCompression: "none",
		Compressions:       []string{"none", "zstd", "lz4"},
		New: func(w io.Writer, opts Options) (Writer, error) {
			return newArrowWriter(w, opts, memory.DefaultAllocator, true)
		},
	})
}

var errWriteAfterClose = errors.New("write after close")

// ipcWriter is what the Arrow IPC file and stream writers have in common.
type ipcWriter interface {
	Write(arrow.RecordBatch) error
	Close() error
}

// arrowWriter builds a record batch of up to RowGroupRows rows (or
// MaxRowGroupBytes of row data) with one array builder per column, and
// writes it as one IPC message.
type arrowWriter struct {
	name    string
	unit    schemas.Unit
	mem     memory.Allocator
	rb      *array.RecordBuilder
	out     ipcWriter
	append  func(*arrowWriter, *schemas.Batch, int, int)
	size    func(*schemas.Batch, int) int
	maxRows int
	nrows   int
	nbytes  int64
	cols    arrowColumns
	closed  bool
	failed  error
}

// arrowColumns are the typed builders of the record builder's columns, by
// column name; unused ones are nil.
type arrowColumns struct {
	id, docID, text, source, lang, script, sha256 *array.StringBuilder
	paragraphIndex, sentenceIndex, start, end     *array.Int32Builder
	numBytes, numChars, numWords                  *array.Int64Builder
	numParagraphs, numSentences                   *array.Int64Builder
	paragraphs, sentences, meta                   listBuilder
}

// listBuilder is a list<struct> column and the builders of its struct fields.
type listBuilder struct {
	list   *array.ListBuilder
	elem   *array.StructBuilder
	ints   []*array.Int32Builder
	keys   *array.StringBuilder
	values *array.StringBuilder
}

func newListBuilder(b array.Builder) listBuilder {
	lb := listBuilder{list: b.(*array.ListBuilder)}
	lb.elem = lb.list.ValueBuilder().(*array.StructBuilder)
	for i := range lb.elem.NumField() {
		switch fb := lb.elem.FieldBuilder(i).(type) {
		case *array.Int32Builder:
			lb.ints = append(lb.ints, fb)
		case *array.StringBuilder:
			if lb.keys == nil {
				lb.keys = fb
			} else {
				lb.values = fb
			}
		}
	}
	return lb
}

func arrowCompression(name string) ([]ipc.Option, error) {
	switch name {
	case "", "none":
		return nil, nil
	case "zstd":
		return []ipc.Option{ipc.WithZstd()}, nil
	case "lz4":
		return []ipc.Option{ipc.WithLZ4()}, nil
	}
	return nil, fmt.Errorf("arrow: unknown compression %q (want none, zstd or lz4)", name)
}

// newArrowWriter returns an Arrow IPC writer on w, in the stream format if
// stream is set and the file format otherwise, allocating from mem.
func newArrowWriter(w io.Writer, opts Options, mem memory.Allocator, stream bool) (Writer, error) {
	name := "arrow"
	if stream {
		name = "arrows"
	}
	copts, err := arrowCompression(opts.Compression)
	if err != nil {
		return nil, err
	}
	if _, err := schemas.ParseUnit(string(opts.Unit)); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	md := FileMetadata(opts.Unit, opts.Metadata)
	meta := arrow.MetadataFrom(md)
	schema := arrow.NewSchema(schemas.ArrowSchema(opts.Unit).Fields(), &meta)
	iopts := append([]ipc.Option{ipc.WithSchema(schema), ipc.WithAllocator(mem)}, copts...)
	aw := &arrowWriter{name: name, unit: opts.Unit, mem: mem, maxRows: rowGroupRows(opts)}
	if stream {
		aw.out = ipc.NewWriter(w, iopts...)
	} else {
		fw, err := ipc.NewFileWriter(w, iopts...)
		if err != nil {
			return nil, fmt.Errorf("arrow: %w", err)
		}
		aw.out = fw
	}
	aw.rb = array.NewRecordBuilder(mem, schema)
	for i, f := range schema.Fields() {
		b := aw.rb.Field(i)
		c := &aw.cols
		switch f.Name {
		case "id":
			c.id = b.(*array.StringBuilder)
		case "doc_id":
			c.docID = b.(*array.StringBuilder)
		case "text":
			c.text = b.(*array.StringBuilder)
		case "source":
			c.source = b.(*array.StringBuilder)
		case "lang":
			c.lang = b.(*array.StringBuilder)
		case "script":
			c.script = b.(*array.StringBuilder)
		case "sha256":
			c.sha256 = b.(*array.StringBuilder)
		case "paragraph_index":
			c.paragraphIndex = b.(*array.Int32Builder)
		case "sentence_index":
			c.sentenceIndex = b.(*array.Int32Builder)
		case "start":
			c.start = b.(*array.Int32Builder)
		case "end":
			c.end = b.(*array.Int32Builder)
		case "num_bytes":
			c.numBytes = b.(*array.Int64Builder)
		case "num_chars":
			c.numChars = b.(*array.Int64Builder)
		case "num_words":
			c.numWords = b.(*array.Int64Builder)
		case "num_paragraphs":
			c.numParagraphs = b.(*array.Int64Builder)
		case "num_sentences":
			c.numSentences = b.(*array.Int64Builder)
		case "paragraphs":
			c.paragraphs = newListBuilder(b)
		case "sentences":
			c.sentences = newListBuilder(b)
		case "meta":
			c.meta = newListBuilder(b)
		default:
			aw.rb.Release()
			return nil, fmt.Errorf("%s: no builder for column %q", name, f.Name)
		}
	}
	switch opts.Unit {
	case schemas.UnitDocument:
		aw.append, aw.size = appendDocuments, func(b *schemas.Batch, i int) int { return documentBytes(&b.Documents[i]) }
	case schemas.UnitParagraph:
		aw.append, aw.size = appendParagraphs, func(b *schemas.Batch, i int) int { return paragraphBytes(&b.Paragraphs[i]) }
	default:
		aw.append, aw.size = appendSentences, func(b *schemas.Batch, i int) int { return sentenceBytes(&b.Sentences[i]) }
	}
	return aw, nil
}

func (w *arrowWriter) Write(b *schemas.Batch) error {
	if w.closed {
		return errWriteAfterClose
	}
	if w.failed != nil {
		return w.failed
	}
	total := b.Len(w.unit)
	for i := 0; i < total; {
		// Take the rows that fit in the open record batch; at least one,
		// so that a row larger than the byte limit gets a batch of its own.
		j := i
		for j < total && w.nrows+(j-i) < w.maxRows {
			s := int64(w.size(b, j))
			if w.nrows+(j-i) > 0 && w.nbytes+s > rowGroupBytes {
				break
			}
			w.nbytes += s
			j++
		}
		if j > i {
			w.append(w, b, i, j)
			w.nrows += j - i
			i = j
		}
		if i < total || w.nrows >= w.maxRows {
			if err := w.flush(); err != nil {
				return err
			}
		}
	}
	return nil
}

// flush writes the open record batch.
func (w *arrowWriter) flush() error {
	if w.nrows == 0 {
		return nil
	}
	rec := w.rb.NewRecordBatch()
	defer rec.Release()
	w.nrows, w.nbytes = 0, 0
	if err := w.out.Write(rec); err != nil {
		w.failed = fmt.Errorf("%s: write record batch: %w", w.name, err)
		return w.failed
	}
	return nil
}

func (w *arrowWriter) Close() error {
	if w.closed {
		return nil
	}
	w.closed = true
	defer w.rb.Release()
	if w.failed != nil {
		w.out.Close()
		return w.failed
	}
	err := w.flush()
	if cerr := w.out.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("%s: close: %w", w.name, cerr)
	}
	return err
}

// reserveStrings makes room for n more values holding bytes bytes in b,
// at least doubling the data buffer when it grows, so that a record batch
// filled over many Writes is not copied on each.
func reserveStrings(b *array.StringBuilder, n, bytes int) {
	b.Reserve(n)
	if need := b.DataLen() + bytes; need > b.DataCap() {
		b.ReserveData(max(need, 2*b.DataCap()) - b.DataLen())
	}
}

func appendDocuments(w *arrowWriter, b *schemas.Batch, from, to int) {
	rows := b.Documents[from:to]
	c := &w.cols
	text := 0
	for i := range rows {
		text += len(rows[i].Text)
	}
	reserveStrings(c.text, len(rows), text)
	w.rb.Reserve(len(rows))
	for i := range rows {
		r := &rows[i]
		c.id.Append(r.ID)
		c.text.Append(r.Text)
		arrowCommon(c, r.Source, r.Lang, r.Script)
		pl := &c.paragraphs
		pl.list.Append(true)
		pl.elem.Reserve(len(r.Paragraphs))
		pl.ints[0].Reserve(len(r.Paragraphs))
		pl.ints[1].Reserve(len(r.Paragraphs))
		for _, p := range r.Paragraphs {
			pl.elem.Append(true)
			pl.ints[0].UnsafeAppend(p.Start)
			pl.ints[1].UnsafeAppend(p.End)
		}
		sl := &c.sentences
		sl.list.Append(true)
		sl.elem.Reserve(len(r.Sentences))
		for k := range 3 {
			sl.ints[k].Reserve(len(r.Sentences))
		}
		for _, s := range r.Sentences {
			sl.elem.Append(true)
			sl.ints[0].UnsafeAppend(s.Start)
			sl.ints[1].UnsafeAppend(s.End)
			sl.ints[2].UnsafeAppend(s.Paragraph)
		}
		c.numBytes.Append(r.NumBytes)
		c.numChars.Append(r.NumChars)
		c.numWords.Append(r.NumWords)
		c.numParagraphs.Append(r.NumParagraphs)
		c.numSentences.Append(r.NumSentences)
		c.sha256.Append(r.SHA256)
		arrowMeta(c, r.Meta)
	}
}

func appendParagraphs(w *arrowWriter, b *schemas.Batch, from, to int) {
	rows := b.Paragraphs[from:to]
	c := &w.cols
	text := 0
	for i := range rows {
		text += len(rows[i].Text)
	}
	reserveStrings(c.text, len(rows), text)
	w.rb.Reserve(len(rows))
	for i := range rows {
		r := &rows[i]
		c.docID.Append(r.DocID)
		c.paragraphIndex.Append(r.ParagraphIndex)
		c.start.Append(r.Start)
		c.end.Append(r.End)
		c.text.Append(r.Text)
		arrowCommon(c, r.Source, r.Lang, r.Script)
		arrowMeta(c, r.Meta)
	}
}

func appendSentences(w *arrowWriter, b *schemas.Batch, from, to int) {
	rows := b.Sentences[from:to]
	c := &w.cols
	text := 0
	for i := range rows {
		text += len(rows[i].Text)
	}
	reserveStrings(c.text, len(rows), text)
	w.rb.Reserve(len(rows))
	for i := range rows {
		r := &rows[i]
		c.docID.Append(r.DocID)
		c.paragraphIndex.Append(r.ParagraphIndex)
		c.sentenceIndex.Append(r.SentenceIndex)
		c.start.Append(r.Start)
		c.end.Append(r.End)
		c.text.Append(r.Text)
		arrowCommon(c, r.Source, r.Lang, r.Script)
		arrowMeta(c, r.Meta)
	}
}

func arrowCommon(c *arrowColumns, source string, lang *string, script string) {
	c.source.Append(source)
	if lang == nil {
		c.lang.AppendNull()
	} else {
		c.lang.Append(*lang)
	}
	c.script.Append(script)
}

func arrowMeta(c *arrowColumns, meta []schemas.KeyValue) {
	m := &c.meta
	m.list.Append(true)
	for _, kv := range meta {
		m.elem.Append(true)
		m.keys.Append(kv.Key)
		m.values.Append(kv.Value)
	}
}
