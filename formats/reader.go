package formats

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"

	"github.com/corpustools/corpus/schemas"
)

// RowReader streams the rows of one corpus file, one batch at a time: a
// Parquet row group, an Arrow record batch, or a bounded run of JSONL lines.
type RowReader interface {
	// Info describes the file: format, declared schema, columns.
	Info() *FileInfo
	// Next empties b and fills the slice of the file's unit with the next
	// batch of rows, reusing b's capacity. It returns the number of rows,
	// or 0 and io.EOF after the last batch. Bad input gives a *ReadError
	// that names the file and the position.
	Next(b *schemas.Batch) (int, error)
	// Close releases the reader and closes the file it opened.
	Close() error
}

// FileInfo describes a corpus file as its reader sees it.
type FileInfo struct {
	// Path is the file's path, or the name given to [NewReader].
	Path string
	// Format is the format name: "parquet", "arrow", "arrows" or "jsonl".
	Format string
	// Compression is the codec: for JSONL the whole file's ("none", "gzip",
	// "zstd"), for Parquet the first column chunk's; empty for Arrow, whose
	// buffers name their codec only as they are decoded.
	Compression string
	// SchemaName, SchemaVersion and SchemaUnit are the schema the file
	// declares in its metadata (MetaSchemaName, MetaSchemaVersion,
	// MetaSchemaUnit); empty when it declares none, as JSONL files.
	SchemaName, SchemaVersion string
	SchemaUnit                schemas.Unit
	// Unit is the unit the reader decodes rows as: the declared one, else
	// the one given in [ReaderOptions], else the one inferred from the
	// column names (for JSONL, the keys of the first line). Empty when it
	// could not be told (an empty JSONL file).
	Unit schemas.Unit
	// Metadata is the file's key-value metadata (Parquet, Arrow).
	Metadata map[string]string
	// Columns are the file's physical columns, in order: names, kinds,
	// nullability ([schemas.Column.Native] holds the file's own type name).
	// JSONL has no physical schema: its columns are those of Unit, and
	// every line is checked against them as it is read.
	Columns []schemas.Column
	// Rows is the number of rows, or -1 when the format tells it only at
	// the end (JSONL, Arrow).
	Rows int64
}

// ReaderOptions configure [OpenReaderWith] and [NewReader].
type ReaderOptions struct {
	// Unit is the unit of JSONL rows; empty infers it from the first line's
	// keys. Parquet and Arrow files use the unit they declare, else this
	// one, else the one their columns imply.
	Unit schemas.Unit
	// Name names the input in errors; [NewReader] also uses its extension
	// when the content does not tell the format (an empty JSONL file).
	Name string
	// AllowExtraColumns accepts columns after the schema's last one (JSONL:
	// unknown keys) and ignores them.
	AllowExtraColumns bool
}

// checkFileColumns compares a file's columns with its unit's schema, first
// dropping trailing extra columns when opts allow them.
func checkFileColumns(info *FileInfo, opts ReaderOptions) error {
	want := schemas.Columns(info.Unit)
	got := info.Columns
	if opts.AllowExtraColumns {
		got = schemas.WithoutTrailingExtra(want, got)
	}
	return schemas.CheckColumns(want, got)
}

// Errors of bad input, wrapped in a *ReadError.
var (
	// ErrUnknownFormat: the input is none of Parquet, Arrow IPC or JSONL.
	ErrUnknownFormat = errors.New("unknown file format")
	// ErrCorrupt: the file's structure is damaged or truncated.
	ErrCorrupt = errors.New("corrupt file")
	// ErrSchemaMismatch: the file's columns are not those of its unit's
	// schema, so its rows cannot be decoded.
	ErrSchemaMismatch = errors.New("columns do not match the schema")
	// ErrInvalidRow: a row breaks the schema (a JSONL line that is not a
	// JSON object, an unknown, missing or mistyped field, a null in a
	// non-null column).
	ErrInvalidRow = errors.New("invalid row")
)

// ReadError reports bad input with its position. Fields that do not apply
// to the format are zero (Line, Column) or -1 (RowGroup, Row, Offset).
type ReadError struct {
	// Path names the file.
	Path string
	// Line and Column are the 1-based JSONL line and byte column.
	Line   int64
	Column int
	// RowGroup is the 0-based Parquet row group or Arrow record batch.
	RowGroup int
	// Row is the 0-based index of the row in the file.
	Row int64
	// Offset is the byte offset in the file (for compressed JSONL, in the
	// decompressed stream).
	Offset int64
	// Field is the column or JSON field at fault, if known.
	Field string
	// Err is the cause; it wraps one of ErrUnknownFormat, ErrCorrupt,
	// ErrSchemaMismatch, ErrInvalidRow, or an I/O error.
	Err error
	// unit names the batches of the format: "row group" or "record batch".
	group string
}

func newReadError(path string, err error) *ReadError {
	return &ReadError{Path: path, RowGroup: -1, Row: -1, Offset: -1, Err: err}
}

func (e *ReadError) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		b.WriteString(":" + strconv.FormatInt(e.Line, 10))
		if e.Column > 0 {
			b.WriteString(":" + strconv.Itoa(e.Column))
		}
	}
	b.WriteString(": ")
	if e.RowGroup >= 0 {
		g := e.group
		if g == "" {
			g = "row group"
		}
		fmt.Fprintf(&b, "%s %d: ", g, e.RowGroup)
	}
	if e.Row >= 0 {
		fmt.Fprintf(&b, "row %d: ", e.Row)
	}
	if e.Offset >= 0 && e.Line == 0 {
		fmt.Fprintf(&b, "byte offset %d: ", e.Offset)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, "field %q: ", e.Field)
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *ReadError) Unwrap() error { return e.Err }

// corrupt returns an error wrapping ErrCorrupt with a message.
func corrupt(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrCorrupt, fmt.Sprintf(format, args...))
}

// catch turns a panic of a third-party decoder into an ErrCorrupt error in
// *errp. The readers check their input before decoding it; this is the last
// line of defense, not a substitute for the checks. Runtime errors that are
// not about the input (out of memory is fatal anyway) are reported the same.
func catch(errp *error) {
	if p := recover(); p != nil {
		if re, ok := p.(runtime.Error); ok {
			*errp = fmt.Errorf("%w: decoder failed: %v", ErrCorrupt, re)
			return
		}
		*errp = fmt.Errorf("%w: decoder failed: %v", ErrCorrupt, p)
	}
}

// catchOpen is catch for the constructors of readers: it turns a panic
// into a *ReadError naming the file, and no reader.
func catchOpen(path string, rr *RowReader, errp *error) {
	if p := recover(); p != nil {
		*rr = nil
		*errp = newReadError(path, fmt.Errorf("%w: decoder failed: %v", ErrCorrupt, p))
	}
}

// OpenReader opens the corpus file at path, telling its format by its first
// bytes (Parquet "PAR1", Arrow file "ARROW1", Arrow stream, gzip or zstd
// JSONL, JSONL) or, for an empty file, its extension.
func OpenReader(path string) (RowReader, error) {
	return OpenReaderWith(path, ReaderOptions{})
}

// OpenReaderWith is [OpenReader] with options.
func OpenReaderWith(path string, opts ReaderOptions) (RowReader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if opts.Name == "" {
		opts.Name = path
	}
	r, err := newReader(f, st.Size(), opts, f)
	if err != nil {
		f.Close()
		return nil, err
	}
	return r, nil
}

// NewReader returns a reader of the size bytes of r, telling the format as
// [OpenReader] does. Close does not close r.
func NewReader(r io.ReaderAt, size int64, opts ReaderOptions) (RowReader, error) {
	return newReader(r, size, opts, nil)
}

// Magic numbers of the formats.
var (
	magicParquet = []byte("PAR1")
	magicArrow   = []byte("ARROW1")
	magicStream  = []byte{0xFF, 0xFF, 0xFF, 0xFF}
	magicGzip    = []byte{0x1F, 0x8B}
	magicZstd    = []byte{0x28, 0xB5, 0x2F, 0xFD}
)

// DetectFormat tells the format of a file from its first bytes (at least
// 8 of them when the file is that long) and its name: "parquet", "arrow",
// "arrows", or "jsonl" with compression "none", "gzip" or "zstd". It
// returns an error wrapping ErrUnknownFormat when neither tells.
func DetectFormat(head []byte, name string) (format, compression string, err error) {
	switch {
	case bytes.HasPrefix(head, magicParquet):
		return "parquet", "", nil
	case bytes.HasPrefix(head, magicArrow):
		return "arrow", "", nil
	case bytes.HasPrefix(head, magicStream):
		return "arrows", "", nil
	case bytes.HasPrefix(head, magicGzip):
		return "jsonl", "gzip", nil
	case bytes.HasPrefix(head, magicZstd):
		return "jsonl", "zstd", nil
	}
	if t := bytes.TrimLeft(head, " \t\r\n"); len(t) > 0 && t[0] == '{' {
		return "jsonl", "none", nil
	}
	if len(head) == 0 {
		switch {
		case strings.HasSuffix(name, ".jsonl"), strings.HasSuffix(name, ".json"):
			return "jsonl", "none", nil
		}
		return "", "", fmt.Errorf("%w: empty file", ErrUnknownFormat)
	}
	return "", "", fmt.Errorf("%w: starts with %q", ErrUnknownFormat, head[:min(len(head), 8)])
}

func newReader(r io.ReaderAt, size int64, opts ReaderOptions, closer io.Closer) (RowReader, error) {
	if opts.Unit != "" {
		if _, err := schemas.ParseUnit(string(opts.Unit)); err != nil {
			return nil, err
		}
	}
	head := make([]byte, min(size, 16))
	if _, err := r.ReadAt(head, 0); err != nil && err != io.EOF {
		return nil, newReadError(opts.Name, err)
	}
	format, compression, err := DetectFormat(head, opts.Name)
	if err != nil {
		return nil, newReadError(opts.Name, err)
	}
	src := io.NewSectionReader(r, 0, size)
	switch format {
	case "parquet":
		return newParquetReader(src, opts, closer)
	case "arrow":
		return newArrowFileReader(src, opts, closer)
	case "arrows":
		return newArrowStreamReader(src, opts, closer)
	}
	return newJSONLReader(src, compression, opts, closer)
}

// inferUnit tells the unit of rows from column names: "id" is a document,
// "sentence_index" a sentence, "doc_id" a paragraph.
func inferUnit(names []string) schemas.Unit {
	has := func(n string) bool {
		for _, x := range names {
			if x == n {
				return true
			}
		}
		return false
	}
	switch {
	case has("sentence_index"):
		return schemas.UnitSentence
	case has("id") && !has("doc_id"):
		return schemas.UnitDocument
	case has("doc_id"):
		return schemas.UnitParagraph
	}
	return ""
}

// resolveUnit sets info.Unit from the declared unit, the option, or the
// columns; it returns an error when none gives a known unit.
func resolveUnit(info *FileInfo, opt schemas.Unit) error {
	switch {
	case info.SchemaUnit != "":
		u, err := schemas.ParseUnit(string(info.SchemaUnit))
		if err != nil {
			return fmt.Errorf("%w: metadata %s: %v", ErrSchemaMismatch, MetaSchemaUnit, err)
		}
		info.Unit = u
	case opt != "":
		info.Unit = opt
	default:
		names := make([]string, len(info.Columns))
		for i, c := range info.Columns {
			names[i] = c.Name
		}
		info.Unit = inferUnit(names)
		if info.Unit == "" {
			return fmt.Errorf("%w: cannot tell the unit from columns %s", ErrSchemaMismatch, strings.Join(names, ", "))
		}
	}
	return nil
}

// fileInfoFromMetadata fills the declared schema of info from metadata md.
func fileInfoFromMetadata(info *FileInfo, md map[string]string) {
	info.Metadata = md
	info.SchemaName = md[MetaSchemaName]
	info.SchemaVersion = md[MetaSchemaVersion]
	info.SchemaUnit = schemas.Unit(md[MetaSchemaUnit])
}

// batchRows returns the slice of b that holds rows of type T.
func batchRows[T any](b *schemas.Batch) *[]T {
	var p any
	switch any((*T)(nil)).(type) {
	case *schemas.DocumentRow:
		p = &b.Documents
	case *schemas.ParagraphRow:
		p = &b.Paragraphs
	case *schemas.SentenceRow:
		p = &b.Sentences
	}
	return p.(*[]T)
}
