package formats

import (
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/klauspost/compress/s2"
	"github.com/klauspost/compress/zstd"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	pqgzip "github.com/parquet-go/parquet-go/compress/gzip"
	"github.com/parquet-go/parquet-go/format"

	"github.com/corpustools/corpus/schemas"
)

func init() {
	register(Format{
		Name:               "parquet",
		Extension:          ".parquet",
		DefaultCompression: "zstd",
		Compressions:       []string{"zstd", "snappy", "gzip", "none"},
		Levels:             map[string][2]int{"zstd": zstdLevels, "gzip": gzipLevels},
		New:                newParquetWriter,
	})
}

// Row group limits. A row group (Parquet) or record batch (Arrow) ends at
// whichever comes first: Options.RowGroupRows rows (default per unit below)
// or MaxRowGroupBytes bytes of row data. The row defaults aim at row groups
// of a few MiB of text for typical rows (documents of a few KiB, paragraphs
// of hundreds of bytes, sentences of about a hundred), small enough for
// readers to stream and parallelize and for the Hugging Face viewer, large
// enough that dictionaries, statistics and compression frames amortize. The
// byte limit bounds the writer's memory when rows are large (a multi-MB
// document), and keeps Arrow record batches well under the 2 GiB utf8 limit
// and arrow-go's default 256 MiB message body limit.
const (
	DefaultDocumentRowGroupRows  = 1_000
	DefaultParagraphRowGroupRows = 10_000
	DefaultSentenceRowGroupRows  = 50_000
	MaxRowGroupBytes             = 64 << 20
)

// rowGroupBytes is MaxRowGroupBytes, lowered by tests.
var rowGroupBytes int64 = MaxRowGroupBytes

// rowGroupRows returns the row limit of a row group of unit u for opts.
func rowGroupRows(opts Options) int {
	if opts.RowGroupRows > 0 {
		return opts.RowGroupRows
	}
	switch opts.Unit {
	case schemas.UnitDocument:
		return DefaultDocumentRowGroupRows
	case schemas.UnitParagraph:
		return DefaultParagraphRowGroupRows
	}
	return DefaultSentenceRowGroupRows
}

// DefaultParquetZstdLevel is the zstd level of Parquet pages when none is
// given: 1, as in pyarrow (Arrow C++), the writer most Parquet datasets
// come from. It compresses prose about twice as fast as level 3 (which
// parquet-go and DuckDB default to), for files about 12% larger.
const DefaultParquetZstdLevel = 1

// Compression level ranges: zstd's levels (the encoder has four speeds:
// levels 1-2 are its fastest, 3-5 its default, 6-9 better, 10 and up best)
// and gzip's.
var (
	zstdLevels = [2]int{1, 22}
	gzipLevels = [2]int{1, 9}
)

// parquetPageBytes is the uncompressed size at which a column's page is
// encoded and compressed; it bounds the memory of open pages.
const parquetPageBytes = 1 << 20

func parquetCodec(name string) (compress.Codec, error) {
	codec, level, err := SplitCompression(name)
	if err != nil {
		return nil, fmt.Errorf("parquet: %w", err)
	}
	switch codec {
	case "", "zstd":
		if level == 0 {
			level = DefaultParquetZstdLevel
		}
		return zstdCodecOf(zstd.EncoderLevelFromZstd(level))
	case "snappy":
		if level == 0 {
			return fastSnappy{}, nil
		}
	case "gzip":
		if level == 0 {
			return &parquet.Gzip, nil
		}
		return &pqgzip.Codec{Level: level}, nil
	case "none":
		if level == 0 {
			return &parquet.Uncompressed, nil
		}
	}
	return nil, fmt.Errorf("parquet: unknown compression %q (want zstd, snappy, gzip or none; zstd and gzip may take a level, as in zstd:1)", name)
}

// fastSnappy is Parquet's SNAPPY codec with the fast Snappy encoder of
// package s2 (parquet-go's codec uses its "better" one). On prose it
// compresses about 1.7 times as fast (490 MB/s against 295 on one core
// here) into blocks about 16% larger, which are still about 12% smaller
// than those of the reference Snappy library that pyarrow and Spark use
// (measured in 1 MiB pages of the bench corpus: 0.378 of the input against
// 0.326 and 0.428). Snappy is chosen for speed; zstd is there for size.
// Its blocks are standard Snappy, which every reader decodes.
type fastSnappy struct{}

// String returns the codec's name in Parquet.
func (fastSnappy) String() string { return "SNAPPY" }

// CompressionCodec returns the codec's code in Parquet.
func (fastSnappy) CompressionCodec() format.CompressionCodec { return format.Snappy }

// Encode compresses src as one Snappy block into dst (reused when large
// enough) and returns it.
func (fastSnappy) Encode(dst, src []byte) ([]byte, error) {
	if s2.MaxEncodedLen(len(src)) < 0 {
		return dst[:0], fmt.Errorf("snappy: a page of %d bytes is too large for a block", len(src))
	}
	return s2.EncodeSnappy(dst, src), nil
}

// Decode decompresses the Snappy block src into dst.
func (fastSnappy) Decode(dst, src []byte) ([]byte, error) {
	return parquet.Snappy.Decode(dst, src)
}

// zstdCodec is Parquet's ZSTD codec at one level, with one encoder kept for
// the life of the process. parquet-go's codec keeps its encoders in a
// sync.Pool, which the garbage collector empties: its next page then makes
// a new encoder, whose history and tables (megabytes, cleared) cost about
// as much as compressing a page; in a build that was twice the memory
// allocated for the input, and 15% of the time. The frames are those of
// parquet-go's codec (same options), byte for byte.
type zstdCodec struct {
	enc *zstd.Encoder // EncodeAll is safe for concurrent use
}

// zstdCodecs holds the codec of each level made so far.
var zstdCodecs sync.Map // zstd.EncoderLevel → *zstdCodec

// zstdCodecOf returns the codec of level, made on first use.
func zstdCodecOf(level zstd.EncoderLevel) (*zstdCodec, error) {
	if c, ok := zstdCodecs.Load(level); ok {
		return c.(*zstdCodec), nil
	}
	enc, err := zstd.NewWriter(nil,
		// EncodeAll runs on up to this many goroutines at once (the
		// writers of the formats and shards of a build), each with an
		// encoder made on first use.
		zstd.WithEncoderConcurrency(runtime.GOMAXPROCS(0)),
		zstd.WithEncoderLevel(level),
		zstd.WithZeroFrames(true),
		zstd.WithEncoderCRC(false),
	)
	if err != nil {
		return nil, fmt.Errorf("parquet: zstd: %w", err)
	}
	c, _ := zstdCodecs.LoadOrStore(level, &zstdCodec{enc: enc})
	return c.(*zstdCodec), nil
}

// String returns the codec's name in Parquet.
func (*zstdCodec) String() string { return "ZSTD" }

// CompressionCodec returns the codec's code in Parquet.
func (*zstdCodec) CompressionCodec() format.CompressionCodec { return format.Zstd }

// Encode compresses src as one zstd frame into dst (reused when large
// enough) and returns it.
func (c *zstdCodec) Encode(dst, src []byte) ([]byte, error) {
	return c.enc.EncodeAll(src, dst[:0]), nil
}

// Decode decompresses the zstd frame src into dst.
func (*zstdCodec) Decode(dst, src []byte) ([]byte, error) {
	return parquet.Zstd.Decode(dst, src)
}

func newParquetWriter(w io.Writer, opts Options) (Writer, error) {
	codec, err := parquetCodec(opts.Compression)
	if err != nil {
		return nil, err
	}
	if _, err := schemas.ParseUnit(string(opts.Unit)); err != nil {
		return nil, fmt.Errorf("parquet: %w", err)
	}
	wopts := []parquet.WriterOption{
		schemas.ParquetSchema(opts.Unit),
		parquet.Compression(codec),
		parquet.PageBufferSize(parquetPageBytes),
		// Version 1 data pages are what every reader implements, and what
		// pyarrow and parquet-mr write by default.
		parquet.DataPageVersion(1),
		parquet.DataPageStatistics(true),
		// PLAIN strings (parquet-go defaults to DELTA_LENGTH_BYTE_ARRAY),
		// the encoding every reader implements; source, lang and script
		// keep the dictionary encoding of their schema nodes.
		parquet.DefaultEncodingFor(parquet.ByteArray, &parquet.Plain),
		// No min/max for free text: parquet-go would copy a whole
		// multi-MB text into the page header and the footer several times
		// over (pyarrow then refuses the oversized page header), and
		// bounds of prose help no query.
		parquet.SkipPageBounds("text"),
		parquet.SkipPageStatistics("text"),
		parquet.SkipPageBounds("meta", "list", "element", "value"),
		parquet.SkipPageStatistics("meta", "list", "element", "value"),
	}
	for k, v := range FileMetadata(opts.Unit, opts.Metadata) {
		wopts = append(wopts, parquet.KeyValueMetadata(k, v))
	}
	limit := rowGroupRows(opts)
	switch opts.Unit {
	case schemas.UnitDocument:
		return newParquetRows(w, wopts, limit, func(b *schemas.Batch) []schemas.DocumentRow { return b.Documents }, documentBytes), nil
	case schemas.UnitParagraph:
		return newParquetRows(w, wopts, limit, func(b *schemas.Batch) []schemas.ParagraphRow { return b.Paragraphs }, paragraphBytes), nil
	default:
		return newParquetRows(w, wopts, limit, func(b *schemas.Batch) []schemas.SentenceRow { return b.Sentences }, sentenceBytes), nil
	}
}

// parquetRows writes rows of type T with a parquet-go GenericWriter, which
// maps the struct fields to columns without reflection per row, and ends a
// row group at the row or byte limit.
type parquetRows[T any] struct {
	w       *parquet.GenericWriter[T]
	rows    func(*schemas.Batch) []T
	size    func(*T) int
	maxRows int
	nrows   int   // rows in the open row group
	nbytes  int64 // bytes of row data in the open row group
	groups  int   // row groups written
	closed  bool
	failed  error
}

func newParquetRows[T any](w io.Writer, opts []parquet.WriterOption, maxRows int, rows func(*schemas.Batch) []T, size func(*T) int) *parquetRows[T] {
	return &parquetRows[T]{w: parquet.NewGenericWriter[T](w, opts...), rows: rows, size: size, maxRows: maxRows}
}

func (p *parquetRows[T]) Write(b *schemas.Batch) error {
	if p.closed {
		return errWriteAfterClose
	}
	if p.failed != nil {
		return p.failed
	}
	rows := p.rows(b)
	for len(rows) > 0 {
		// Take the rows that fit in the open row group; at least one, so
		// that a row larger than the byte limit gets a row group of its own.
		n := 0
		for n < len(rows) && p.nrows+n < p.maxRows {
			s := int64(p.size(&rows[n]))
			if p.nrows+n > 0 && p.nbytes+s > rowGroupBytes {
				break
			}
			p.nbytes += s
			n++
		}
		if n > 0 {
			if _, err := p.w.Write(rows[:n]); err != nil {
				p.failed = fmt.Errorf("parquet: write: %w", err)
				return p.failed
			}
			p.nrows += n
			rows = rows[n:]
		}
		if len(rows) > 0 || p.nrows >= p.maxRows {
			if err := p.flush(); err != nil {
				return err
			}
		}
	}
	return nil
}

// flush ends the open row group.
func (p *parquetRows[T]) flush() error {
	if p.nrows == 0 {
		return nil
	}
	if p.groups >= maxParquetRowGroups {
		p.failed = fmt.Errorf("parquet: more than %d row groups in one file (raise --row-group-rows or set --max-rows-per-file)", maxParquetRowGroups)
		return p.failed
	}
	if err := p.w.Flush(); err != nil {
		p.failed = fmt.Errorf("parquet: write row group: %w", err)
		return p.failed
	}
	p.groups++
	p.nrows, p.nbytes = 0, 0
	return nil
}

// maxParquetRowGroups is the most row groups a Parquet file can hold (the
// ordinal of a row group is an int16).
const maxParquetRowGroups = 32767

// Full reports that the file is near its row-group limit, so that a
// [ShardedWriter] starts the next shard.
func (p *parquetRows[T]) Full() bool { return p.groups >= maxParquetRowGroups-16 }

func (p *parquetRows[T]) Close() error {
	if p.closed {
		return nil
	}
	p.closed = true
	if p.failed != nil {
		return p.failed
	}
	if err := p.flush(); err != nil {
		return err
	}
	if err := p.w.Close(); err != nil {
		return fmt.Errorf("parquet: close: %w", err)
	}
	return nil
}

// The sizes of rows, as the bytes their data takes in memory: text and
// strings, 4 or 8 bytes per number.
func documentBytes(r *schemas.DocumentRow) int {
	n := len(r.ID) + len(r.Text) + len(r.Source) + len(r.Script) + len(r.SHA256) + 5*8
	if r.Lang != nil {
		n += len(*r.Lang)
	}
	return n + 8*len(r.Paragraphs) + 12*len(r.Sentences) + metaBytes(r.Meta)
}

func paragraphBytes(r *schemas.ParagraphRow) int {
	n := len(r.DocID) + len(r.Text) + len(r.Source) + len(r.Script) + 3*4
	if r.Lang != nil {
		n += len(*r.Lang)
	}
	return n + metaBytes(r.Meta)
}

func sentenceBytes(r *schemas.SentenceRow) int {
	n := len(r.DocID) + len(r.Text) + len(r.Source) + len(r.Script) + 4*4
	if r.Lang != nil {
		n += len(*r.Lang)
	}
	return n + metaBytes(r.Meta)
}

func metaBytes(m []schemas.KeyValue) int {
	n := 0
	for _, kv := range m {
		n += len(kv.Key) + len(kv.Value)
	}
	return n
}
