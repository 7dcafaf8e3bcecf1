package formats

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/format"

	"github.com/corpustools/corpus/schemas"
)

// parquetReadRows is the number of rows decoded per call into parquet-go.
const parquetReadRows = 256

// parquetReader reads a Parquet file one row group at a time.
type parquetReader struct {
	info     FileInfo
	file     *parquet.File
	closer   io.Closer
	mismatch error // why rows cannot be decoded, if they cannot
	group    int   // next row group
	row      int64 // index of the first row of the next row group
	next     func(p *parquetReader, rg parquet.RowGroup, b *schemas.Batch) (int, error)
}

func newParquetReader(src *io.SectionReader, opts ReaderOptions, closer io.Closer) (rr RowReader, err error) {
	path := opts.Name
	defer catchOpen(path, &rr, &err)
	size := src.Size()
	// Check the footer's frame before parquet-go allocates what it claims.
	if size < 12 {
		return nil, newReadError(path, corrupt("parquet: %d bytes is too short for a Parquet file", size))
	}
	var tail [8]byte
	if _, err := src.ReadAt(tail[:], size-8); err != nil {
		return nil, newReadError(path, err)
	}
	if string(tail[4:]) != "PAR1" {
		e := newReadError(path, corrupt("parquet: no PAR1 magic at the end (truncated file?)"))
		e.Offset = size - 4
		return nil, e
	}
	if n := int64(binary.LittleEndian.Uint32(tail[:4])); n > size-12 {
		e := newReadError(path, corrupt("parquet: footer length %d exceeds the file (truncated file?)", n))
		e.Offset = size - 8
		return nil, e
	}
	f, err := openParquet(src, size)
	if err != nil {
		return nil, newReadError(path, err)
	}
	p := &parquetReader{file: f, closer: closer}
	p.info = FileInfo{Path: path, Format: "parquet", Rows: f.NumRows()}
	md := make(map[string]string)
	for _, kv := range f.Metadata().KeyValueMetadata {
		md[kv.Key] = kv.Value
	}
	fileInfoFromMetadata(&p.info, md)
	p.info.Compression = "none"
	if rgs := f.Metadata().RowGroups; len(rgs) > 0 && len(rgs[0].Columns) > 0 {
		p.info.Compression = parquetCodecName(rgs[0].Columns[0].MetaData.Codec)
	}
	p.info.Columns = parquetColumns(f.Schema().Fields())
	var rows int64
	for _, rg := range f.RowGroups() {
		if n := rg.NumRows(); n < 0 || rows+n < rows {
			return nil, newReadError(path, corrupt("parquet: row group with %d rows", n))
		} else {
			rows += n
		}
	}
	if rows != f.NumRows() {
		return nil, newReadError(path, corrupt("parquet: the file declares %d rows, its row groups hold %d", f.NumRows(), rows))
	}
	if err := resolveUnit(&p.info, opts.Unit); err != nil {
		return nil, newReadError(path, err)
	}
	if err := checkFileColumns(&p.info, opts); err != nil {
		p.mismatch = fmt.Errorf("%w: %w", ErrSchemaMismatch, err)
	}
	switch p.info.Unit {
	case schemas.UnitDocument:
		p.next = readParquetGroup[schemas.DocumentRow]
	case schemas.UnitParagraph:
		p.next = readParquetGroup[schemas.ParagraphRow]
	default:
		p.next = readParquetGroup[schemas.SentenceRow]
	}
	return p, nil
}

func openParquet(src *io.SectionReader, size int64) (f *parquet.File, err error) {
	defer catch(&err)
	f, err = parquet.OpenFile(src, size, parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		return nil, fmt.Errorf("%w: parquet: %v", ErrCorrupt, err)
	}
	return f, nil
}

func parquetCodecName(c format.CompressionCodec) string {
	switch c {
	case format.Uncompressed:
		return "none"
	case format.Snappy:
		return "snappy"
	case format.Gzip:
		return "gzip"
	case format.Zstd:
		return "zstd"
	}
	return strings.ToLower(c.String())
}

// parquetColumns describes the columns of Parquet schema fields.
func parquetColumns(fields []parquet.Field) []schemas.Column {
	cols := make([]schemas.Column, len(fields))
	for i, f := range fields {
		cols[i] = parquetColumn(f)
	}
	return cols
}

func parquetColumn(f parquet.Field) schemas.Column {
	c := schemas.Column{Name: f.Name(), Nullable: f.Optional()}
	if f.Repeated() {
		c.Native = "repeated " + parquetTypeName(f)
		return c
	}
	if f.Leaf() {
		t := f.Type()
		c.Native = parquetTypeName(f)
		lt, ct := t.LogicalType(), t.ConvertedType()
		switch t.Kind() {
		case parquet.ByteArray:
			if lt != nil {
				if _, ok := lt.Value.(*format.StringType); ok {
					c.Kind = schemas.KindString
				}
			} else if ct != nil && *ct == deprecated.UTF8 {
				c.Kind = schemas.KindString
			}
		case parquet.Int32:
			if parquetSignedInt(lt, ct, 32) {
				c.Kind = schemas.KindInt32
			}
		case parquet.Int64:
			if parquetSignedInt(lt, ct, 64) {
				c.Kind = schemas.KindInt64
			}
		}
		return c
	}
	c.Native = "group"
	lt := f.Type().LogicalType()
	isList := false
	if lt != nil {
		_, isList = lt.Value.(*format.ListType)
	} else if ct := f.Type().ConvertedType(); ct != nil && *ct == deprecated.List {
		isList = true
	}
	if !isList {
		return c
	}
	// The spec's 3-level form: <list> (LIST) { repeated group list { element } }.
	c.Native = "list"
	inner := f.Fields()
	if len(inner) != 1 || !inner[0].Repeated() || inner[0].Leaf() || len(inner[0].Fields()) != 1 {
		c.Native = "list (not the 3-level form)"
		return c
	}
	elem := inner[0].Fields()[0]
	if elem.Leaf() || !elem.Required() {
		c.Native = "list of " + parquetTypeName(elem)
		return c
	}
	c.Kind = schemas.KindList
	c.Fields = parquetColumns(elem.Fields())
	return c
}

func parquetSignedInt(lt *format.LogicalType, ct *deprecated.ConvertedType, bits int8) bool {
	if lt != nil {
		it, ok := lt.Value.(*format.IntType)
		return ok && it.IsSigned && it.BitWidth == bits
	}
	if ct != nil {
		return (bits == 32 && *ct == deprecated.Int32) || (bits == 64 && *ct == deprecated.Int64)
	}
	return true
}

func parquetTypeName(n parquet.Node) (s string) {
	defer func() {
		if recover() != nil {
			s = "group"
		}
	}()
	if !n.Leaf() {
		return "group"
	}
	t := n.Type()
	name := strings.ToUpper(t.Kind().String())
	if lt := t.LogicalType(); lt != nil && lt.Value != nil {
		name += " (" + lt.String() + ")"
	}
	return name
}

func (p *parquetReader) Info() *FileInfo { return &p.info }

func (p *parquetReader) Next(b *schemas.Batch) (int, error) {
	b.Reset()
	groups := p.file.RowGroups()
	if p.group >= len(groups) {
		return 0, io.EOF
	}
	if p.mismatch != nil {
		return 0, newReadError(p.info.Path, p.mismatch)
	}
	rg := groups[p.group]
	n, err := p.next(p, rg, b)
	if err != nil {
		e := newReadError(p.info.Path, err)
		e.RowGroup = p.group
		e.Row = p.row + int64(n)
		return 0, e
	}
	if int64(n) != rg.NumRows() {
		e := newReadError(p.info.Path, corrupt("parquet: row group holds %d rows, declares %d", n, rg.NumRows()))
		e.RowGroup = p.group
		return 0, e
	}
	p.group++
	p.row += int64(n)
	return n, nil
}

// readParquetGroup appends the rows of row group rg, as rows of type T, to
// b; it returns how many it appended before any error.
func readParquetGroup[T any](p *parquetReader, rg parquet.RowGroup, b *schemas.Batch) (n int, err error) {
	defer catch(&err)
	out := batchRows[T](b)
	r := parquet.NewGenericRowGroupReader[T](rg)
	defer r.Close()
	buf := make([]T, parquetReadRows)
	want := rg.NumRows()
	for int64(n) < want {
		// Fresh rows each time: parquet-go may reuse the slices of the
		// rows it decodes into, and the batch keeps them.
		clear(buf)
		k, err := r.Read(buf[:min(int64(len(buf)), want-int64(n))])
		*out = append(*out, buf[:k]...)
		n += k
		if err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return n, fmt.Errorf("%w: parquet: %v", ErrCorrupt, err)
		}
		if k == 0 {
			break
		}
	}
	return n, nil
}

func (p *parquetReader) Close() error {
	if p.closer != nil {
		c := p.closer
		p.closer = nil
		return c.Close()
	}
	return nil
}
