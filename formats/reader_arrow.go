package formats

import (
	"encoding/binary"
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/corpustools/corpus/schemas"
)

// arrowReader reads an Arrow IPC file or stream one record batch at a
// time. Both are read as a stream of messages (an Arrow file is "ARROW1",
// padding, the stream, the footer), each message checked by ipcMessages
// before arrow-go decodes it.
type arrowReader struct {
	info     FileInfo
	closer   io.Closer
	mismatch error
	msgs     *ipcMessages
	stream   *ipc.Reader
	base     int64 // offset of the stream in the file
	listed   int   // record batches the file's footer lists; -1 for streams
	batch    int   // next record batch
	done     bool
}

func newArrowFileReader(src *io.SectionReader, opts ReaderOptions, closer io.Closer) (RowReader, error) {
	return newArrowReader(src, opts, closer, memory.DefaultAllocator, false)
}

func newArrowStreamReader(src *io.SectionReader, opts ReaderOptions, closer io.Closer) (RowReader, error) {
	return newArrowReader(src, opts, closer, memory.DefaultAllocator, true)
}

func newArrowReader(src *io.SectionReader, opts ReaderOptions, closer io.Closer, mem memory.Allocator, stream bool) (rr RowReader, err error) {
	path, size := opts.Name, src.Size()
	defer catchOpen(path, &rr, &err)
	a := &arrowReader{closer: closer, listed: -1}
	a.info = FileInfo{Path: path, Format: "arrow", Rows: -1}
	body := src
	if stream {
		a.info.Format = "arrows"
	} else {
		// "ARROW1" and padding to 8 bytes, the stream, the footer, its
		// int32 length, "ARROW1".
		if size < 8+4+6 {
			return nil, newReadError(path, corrupt("arrow: %d bytes is too short for an Arrow file", size))
		}
		var tail [10]byte
		if _, err := src.ReadAt(tail[:], size-10); err != nil {
			return nil, newReadError(path, err)
		}
		if string(tail[4:]) != "ARROW1" {
			e := newReadError(path, corrupt("arrow: no ARROW1 magic at the end (truncated file?)"))
			e.Offset = size - 6
			return nil, e
		}
		n := int64(int32(binary.LittleEndian.Uint32(tail[:4])))
		if n <= 0 || n > size-18 {
			e := newReadError(path, corrupt("arrow: footer length %d does not fit the file (truncated file?)", n))
			e.Offset = size - 10
			return nil, e
		}
		footer := make([]byte, n)
		if _, err := src.ReadAt(footer, size-10-n); err != nil {
			return nil, newReadError(path, err)
		}
		if a.listed, err = checkFooter(footer); err != nil {
			e := newReadError(path, err)
			e.Offset = size - 10 - n
			return nil, e
		}
		a.base = 8
		body = io.NewSectionReader(src, 8, size-10-n-8)
	}
	a.msgs = newIPCMessages(body, body.Size())
	a.stream, err = openArrowStream(a.msgs, mem)
	if err != nil {
		e := newReadError(path, err)
		e.Offset = a.base + a.msgs.msgStart
		return nil, e
	}
	schema := a.stream.Schema()
	md := make(map[string]string)
	if m := schema.Metadata(); m.Len() > 0 {
		for i, k := range m.Keys() {
			md[k] = m.Values()[i]
		}
	}
	fileInfoFromMetadata(&a.info, md)
	a.info.Columns = arrowFileColumns(schema.Fields())
	if err := resolveUnit(&a.info, opts.Unit); err != nil {
		a.release()
		return nil, newReadError(path, err)
	}
	if err := checkFileColumns(&a.info, opts); err != nil {
		a.mismatch = fmt.Errorf("%w: %w", ErrSchemaMismatch, err)
	}
	return a, nil
}

func openArrowStream(msgs *ipcMessages, mem memory.Allocator) (s *ipc.Reader, err error) {
	defer catch(&err)
	s, err = ipc.NewReaderFromMessageReader(msgs, ipc.WithAllocator(mem))
	if err != nil {
		if msgs.lastError != nil {
			return nil, msgs.lastError
		}
		return nil, fmt.Errorf("%w: arrow: %v", ErrCorrupt, err)
	}
	return s, nil
}

// arrowFileColumns describes the columns of Arrow fields.
func arrowFileColumns(fields []arrow.Field) []schemas.Column {
	cols := make([]schemas.Column, len(fields))
	for i, f := range fields {
		c := schemas.Column{Name: f.Name, Nullable: f.Nullable, Native: f.Type.String()}
		switch t := f.Type.(type) {
		case *arrow.StringType:
			c.Kind = schemas.KindString
		case *arrow.Int32Type:
			c.Kind = schemas.KindInt32
		case *arrow.Int64Type:
			c.Kind = schemas.KindInt64
		case *arrow.ListType:
			if st, ok := t.Elem().(*arrow.StructType); ok && !t.ElemField().Nullable {
				c.Kind = schemas.KindList
				c.Fields = arrowFileColumns(st.Fields())
			}
		}
		cols[i] = c
	}
	return cols
}

func (a *arrowReader) Info() *FileInfo { return &a.info }

func (a *arrowReader) Next(b *schemas.Batch) (int, error) {
	b.Reset()
	if a.done {
		return 0, io.EOF
	}
	if a.mismatch != nil {
		a.done = true
		return 0, newReadError(a.info.Path, a.mismatch)
	}
	fail := func(err error, field string) (int, error) {
		a.done = true
		b.Reset()
		e := newReadError(a.info.Path, err)
		e.RowGroup, e.group, e.Field = a.batch, "record batch", field
		e.Offset = a.base + a.msgs.msgStart
		return 0, e
	}
	rec, err := a.read()
	if err != nil {
		return fail(err, "")
	}
	if rec == nil {
		a.done = true
		if a.listed >= 0 && a.listed != a.batch {
			return fail(corrupt("arrow: the footer lists %d record batches, the file holds %d", a.listed, a.batch), "")
		}
		return 0, io.EOF
	}
	defer rec.Release()
	n, field, err := a.decode(rec, b)
	if err != nil {
		return fail(err, field)
	}
	a.batch++
	return n, nil
}

// read returns the next record batch, or nil at the end.
func (a *arrowReader) read() (rec arrow.RecordBatch, err error) {
	defer catch(&err)
	if !a.stream.Next() {
		if a.msgs.lastError != nil {
			return nil, a.msgs.lastError
		}
		if err := a.stream.Err(); err != nil {
			return nil, fmt.Errorf("%w: arrow: %v", ErrCorrupt, err)
		}
		return nil, nil
	}
	rec = a.stream.RecordBatch()
	rec.Retain()
	return rec, nil
}

// decode checks rec's arrays (lengths, offsets, nulls) and appends its rows
// to b. It returns the column at fault with an error.
func (a *arrowReader) decode(rec arrow.RecordBatch, b *schemas.Batch) (n int, field string, err error) {
	defer catch(&err)
	rows := int(rec.NumRows())
	cols := schemas.Columns(a.info.Unit)
	if int(rec.NumCols()) < len(cols) || int(rec.NumCols()) != len(a.info.Columns) {
		return 0, "", corrupt("arrow: record batch has %d columns, the schema %d", rec.NumCols(), len(cols))
	}
	d := arrowDecoder{}
	for i, c := range cols {
		arr := rec.Column(i)
		if arr.Len() != rows {
			return 0, c.Name, corrupt("arrow: column has %d values, the record batch %d rows", arr.Len(), rows)
		}
		if err := checkArrowArray(arr, c); err != nil {
			return 0, c.Name, err
		}
		d.set(c.Name, arr)
	}
	switch a.info.Unit {
	case schemas.UnitDocument:
		d.documents(b, rows)
	case schemas.UnitParagraph:
		d.paragraphs(b, rows)
	default:
		d.sentences(b, rows)
	}
	return rows, "", nil
}

// checkArrowArray checks the buffers of arr against column c before any
// value is read: nulls only where allowed, offsets in order and in bounds.
func checkArrowArray(arr arrow.Array, c schemas.Column) error {
	if !c.Nullable && arr.NullN() != 0 {
		return fmt.Errorf("%w: %d nulls in a non-null column", ErrInvalidRow, arr.NullN())
	}
	if arr.NullN() > 0 {
		if bm := arr.NullBitmapBytes(); int64(len(bm))*8 < int64(arr.Data().Offset()+arr.Len()) {
			return corrupt("arrow: validity bitmap of %d bytes for %d values", len(bm), arr.Len())
		}
	}
	switch c.Kind {
	case schemas.KindString:
		s, ok := arr.(*array.String)
		if !ok {
			return corrupt("arrow: column is %s, not utf8", arr.DataType())
		}
		return checkOffsets(s.ValueOffsets(), arr.Len(), len(s.ValueBytes()))
	case schemas.KindInt32:
		v, ok := arr.(*array.Int32)
		if !ok || len(v.Int32Values()) < arr.Len() {
			return corrupt("arrow: int32 column with a short buffer")
		}
	case schemas.KindInt64:
		v, ok := arr.(*array.Int64)
		if !ok || len(v.Int64Values()) < arr.Len() {
			return corrupt("arrow: int64 column with a short buffer")
		}
	case schemas.KindList:
		l, ok := arr.(*array.List)
		if !ok {
			return corrupt("arrow: column is %s, not a list", arr.DataType())
		}
		st, ok := l.ListValues().(*array.Struct)
		if !ok {
			return corrupt("arrow: list values are %s, not structs", l.ListValues().DataType())
		}
		offs := l.Offsets()
		if err := checkOffsets(offs, arr.Len(), st.Len()); err != nil {
			return err
		}
		if st.NullN() != 0 {
			return fmt.Errorf("%w: null list element", ErrInvalidRow)
		}
		if st.NumField() != len(c.Fields) {
			return corrupt("arrow: list elements have %d fields, want %d", st.NumField(), len(c.Fields))
		}
		for i, f := range c.Fields {
			fa := st.Field(i)
			if fa.Len() < st.Len() {
				return corrupt("arrow: list element field %q has %d values for %d elements", f.Name, fa.Len(), st.Len())
			}
			if err := checkArrowArray(fa, f); err != nil {
				return fmt.Errorf("%s: %w", f.Name, err)
			}
		}
	}
	return nil
}

// checkOffsets checks the n+1 offsets of n variable-length values into
// data of size bytes or elements.
func checkOffsets(offs []int32, n, size int) error {
	if n == 0 {
		return nil
	}
	if len(offs) < n+1 {
		return corrupt("arrow: %d offsets for %d values", len(offs), n)
	}
	prev := offs[0]
	if prev < 0 {
		return corrupt("arrow: negative offset %d", prev)
	}
	for i, o := range offs[1 : n+1] {
		if o < prev {
			return corrupt("arrow: offset %d of value %d is before the previous one, %d", o, i, prev)
		}
		prev = o
	}
	if int(prev) > size {
		return corrupt("arrow: offset %d past the end of the data (%d)", prev, size)
	}
	return nil
}

// arrowDecoder turns checked arrays into rows.
type arrowDecoder struct {
	strs                 map[string]stringColumn
	ints                 map[string][]int32
	longs                map[string][]int64
	lists                map[string]*array.List
	metaKeys, metaValues stringColumn
}

// stringColumn holds the values of a utf8 array copied into one Go string,
// so that rows keep no reference to Arrow memory.
type stringColumn struct {
	arr  *array.String
	data string
	base int32
}

func (s stringColumn) value(i int) string {
	offs := s.arr.ValueOffsets()
	return s.data[offs[i]-s.base : offs[i+1]-s.base]
}

func newStringColumn(a *array.String) stringColumn {
	offs := a.ValueOffsets()
	if a.Len() == 0 {
		return stringColumn{arr: a}
	}
	first, last := offs[0], offs[a.Len()]
	return stringColumn{arr: a, data: string(a.ValueBytes()[first:last]), base: first}
}

func (d *arrowDecoder) set(name string, arr arrow.Array) {
	if d.strs == nil {
		d.strs, d.ints, d.longs, d.lists = map[string]stringColumn{}, map[string][]int32{}, map[string][]int64{}, map[string]*array.List{}
	}
	switch a := arr.(type) {
	case *array.String:
		d.strs[name] = newStringColumn(a)
	case *array.Int32:
		d.ints[name] = a.Int32Values()
	case *array.Int64:
		d.longs[name] = a.Int64Values()
	case *array.List:
		d.lists[name] = a
	}
}

func (d *arrowDecoder) lang(i int) *string {
	c := d.strs["lang"]
	if c.arr.IsNull(i) {
		return nil
	}
	s := c.value(i)
	return &s
}

// listRange returns the element range of list i of column name.
func (d *arrowDecoder) listRange(name string, i int) (*array.Struct, int, int) {
	l := d.lists[name]
	offs := l.Offsets()
	return l.ListValues().(*array.Struct), int(offs[i]), int(offs[i+1])
}

func (d *arrowDecoder) meta(i int) []schemas.KeyValue {
	st, from, to := d.listRange("meta", i)
	if from == to {
		return nil
	}
	if d.metaKeys.arr == nil {
		// Once per record batch: the keys and values of every row.
		d.metaKeys = newStringColumn(st.Field(0).(*array.String))
		d.metaValues = newStringColumn(st.Field(1).(*array.String))
	}
	m := make([]schemas.KeyValue, to-from)
	for k := range m {
		m[k] = schemas.KeyValue{Key: d.metaKeys.value(from + k), Value: d.metaValues.value(from + k)}
	}
	return m
}

func (d *arrowDecoder) documents(b *schemas.Batch, n int) {
	id, text, source, script, sha := d.strs["id"], d.strs["text"], d.strs["source"], d.strs["script"], d.strs["sha256"]
	nb, nc, nw, np, ns := d.longs["num_bytes"], d.longs["num_chars"], d.longs["num_words"], d.longs["num_paragraphs"], d.longs["num_sentences"]
	b.Documents = growRows(b.Documents, n)
	for i := range n {
		r := schemas.DocumentRow{
			ID: id.value(i), Text: text.value(i), Source: source.value(i), Lang: d.lang(i), Script: script.value(i),
			NumBytes: nb[i], NumChars: nc[i], NumWords: nw[i], NumParagraphs: np[i], NumSentences: ns[i],
			SHA256: sha.value(i), Meta: d.meta(i),
		}
		if st, from, to := d.listRange("paragraphs", i); to > from {
			starts, ends := st.Field(0).(*array.Int32).Int32Values(), st.Field(1).(*array.Int32).Int32Values()
			r.Paragraphs = make([]schemas.Span, to-from)
			for k := range r.Paragraphs {
				r.Paragraphs[k] = schemas.Span{Start: starts[from+k], End: ends[from+k]}
			}
		}
		if st, from, to := d.listRange("sentences", i); to > from {
			starts, ends, paras := st.Field(0).(*array.Int32).Int32Values(), st.Field(1).(*array.Int32).Int32Values(), st.Field(2).(*array.Int32).Int32Values()
			r.Sentences = make([]schemas.SentenceSpan, to-from)
			for k := range r.Sentences {
				r.Sentences[k] = schemas.SentenceSpan{Start: starts[from+k], End: ends[from+k], Paragraph: paras[from+k]}
			}
		}
		b.Documents = append(b.Documents, r)
	}
}

func (d *arrowDecoder) paragraphs(b *schemas.Batch, n int) {
	docID, text, source, script := d.strs["doc_id"], d.strs["text"], d.strs["source"], d.strs["script"]
	pi, start, end := d.ints["paragraph_index"], d.ints["start"], d.ints["end"]
	b.Paragraphs = growRows(b.Paragraphs, n)
	for i := range n {
		b.Paragraphs = append(b.Paragraphs, schemas.ParagraphRow{
			DocID: docID.value(i), ParagraphIndex: pi[i], Start: start[i], End: end[i], Text: text.value(i),
			Source: source.value(i), Lang: d.lang(i), Script: script.value(i), Meta: d.meta(i),
		})
	}
}

func (d *arrowDecoder) sentences(b *schemas.Batch, n int) {
	docID, text, source, script := d.strs["doc_id"], d.strs["text"], d.strs["source"], d.strs["script"]
	pi, si, start, end := d.ints["paragraph_index"], d.ints["sentence_index"], d.ints["start"], d.ints["end"]
	b.Sentences = growRows(b.Sentences, n)
	for i := range n {
		b.Sentences = append(b.Sentences, schemas.SentenceRow{
			DocID: docID.value(i), ParagraphIndex: pi[i], SentenceIndex: si[i], Start: start[i], End: end[i], Text: text.value(i),
			Source: source.value(i), Lang: d.lang(i), Script: script.value(i), Meta: d.meta(i),
		})
	}
}

// growRows makes room for n more rows in s.
func growRows[T any](s []T, n int) []T {
	if cap(s)-len(s) < n {
		s2 := make([]T, len(s), len(s)+n)
		copy(s2, s)
		return s2
	}
	return s
}

func (a *arrowReader) release() {
	if a.stream != nil {
		a.stream.Release()
		a.stream = nil
	}
}

func (a *arrowReader) Close() error {
	a.release()
	a.done = true
	if a.closer != nil {
		c := a.closer
		a.closer = nil
		return c.Close()
	}
	return nil
}
