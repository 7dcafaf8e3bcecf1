package formats

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corpustools/corpus/schemas"
)

// failingWriter fails on the nth Write.
type failingWriter struct {
	n   int
	err error
}

func (f *failingWriter) Write(b *schemas.Batch) error {
	f.n--
	if f.n <= 0 {
		return f.err
	}
	return nil
}
func (f *failingWriter) Close() error { return nil }

func docBatch(id string) *schemas.Batch {
	return &schemas.Batch{Documents: []schemas.DocumentRow{{ID: id, Text: "x", Script: "Latn"}}}
}

// TestShardedWriterFailure injects a failing writer: the error names the
// file and Abort leaves nothing behind.
func TestShardedWriterFailure(t *testing.T) {
	boom := errors.New("injected write failure")
	f := Format{Name: "fail", Extension: ".fail", DefaultCompression: "none", Compressions: []string{"none"},
		New: func(io.Writer, Options) (Writer, error) { return &failingWriter{n: 3, err: boom}, nil }}
	dir := t.TempDir()
	w, err := NewShardedWriter(f, Options{Unit: schemas.UnitDocument}, ShardOptions{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	var werr error
	for i := 0; i < 10 && werr == nil; i++ {
		werr = w.Write(docBatch("d"))
	}
	if !errors.Is(werr, boom) || !strings.Contains(werr.Error(), ".train-") {
		t.Fatalf("got %v, want the injected error naming the shard", werr)
	}
	w.Abort()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left %v", entries)
	}
}

// TestShardedWriterNames checks shard names, counts and that nothing has a
// final name before Close.
func TestShardedWriterNames(t *testing.T) {
	f, err := Lookup("jsonl")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	w, err := NewShardedWriter(f, Options{Unit: schemas.UnitDocument}, ShardOptions{Dir: dir, MaxRowsPerFile: 2})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		if err := w.Write(docBatch(string(rune('a' + i)))); err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			t.Errorf("final-looking name %s before Close", e.Name())
		}
	}
	files, err := w.Close()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	var rows int64
	for _, f := range files {
		names = append(names, filepath.Base(f.Path))
		rows += f.Rows
		if st, err := os.Stat(f.Path); err != nil || st.Size() != f.Bytes || len(f.SHA256) != 64 {
			t.Errorf("%s: stat %v, size %d", f.Path, err, f.Bytes)
		}
	}
	want := "train-00000-of-00003.jsonl train-00001-of-00003.jsonl train-00002-of-00003.jsonl"
	if strings.Join(names, " ") != want || rows != 5 {
		t.Errorf("files %v (%d rows), want %s (5 rows)", names, rows, want)
	}
}

// TestParquetLargeText writes a document of 9 MB: the file must hold its
// text about once (no min/max copies of it in page headers or the footer,
// which made pyarrow fail on large documents).
func TestParquetLargeText(t *testing.T) {
	f, err := Lookup("parquet")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Repeat("नमस्ते दुनिया, hello world. ", 9<<20/40)
	var buf bytes.Buffer
	w, err := f.New(&buf, Options{Unit: schemas.UnitDocument, Compression: "none"})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(&schemas.Batch{Documents: []schemas.DocumentRow{{ID: "a", Text: text, Script: "Deva"}}}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if n := buf.Len(); n > len(text)+len(text)/10 {
		t.Errorf("file of %d bytes for %d bytes of text: the text is stored more than once", n, len(text))
	}
}

// TestParquetRowGroupLimit writes one-row row groups past the 32767 a
// Parquet file can hold: the sharded writer starts a new file in time.
func TestParquetRowGroupLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 33,000 row groups")
	}
	f, _ := Lookup("parquet")
	dir := t.TempDir()
	w, err := NewShardedWriter(f, Options{Unit: schemas.UnitDocument, Compression: "none", RowGroupRows: 1}, ShardOptions{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 33000; i++ {
		if err := w.Write(docBatch("d")); err != nil {
			t.Fatalf("row %d: %v", i, err)
		}
	}
	files, err := w.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 || files[0].Rows+files[1].Rows != 33000 {
		t.Errorf("files %+v", files)
	}
}

func TestCompressionLevels(t *testing.T) {
	tests := []struct {
		format, in, want, err string
	}{
		{format: "parquet", in: "", want: "zstd"},
		{format: "parquet", in: "zstd:1", want: "zstd:1"},
		{format: "parquet", in: "gzip:9", want: "gzip:9"},
		{format: "jsonl", in: "zstd:19", want: "zstd:19"},
		{format: "parquet", in: "zstd:23", err: "zstd level 23 out of range 1 to 22"},
		{format: "parquet", in: "gzip:10", err: "gzip level 10 out of range 1 to 9"},
		{format: "parquet", in: "snappy:2", err: "compression snappy takes no level"},
		{format: "arrow", in: "zstd:3", err: "compression zstd takes no level"},
		{format: "parquet", in: "zstd:", err: "must be a positive integer"},
		{format: "parquet", in: "zstd:-1", err: "must be a positive integer"},
		{format: "parquet", in: "zstd:x", err: "must be a positive integer"},
		{format: "parquet", in: "brotli:3", err: `unknown compression "brotli"`},
	}
	for _, tt := range tests {
		f, err := Lookup(tt.format)
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.Compression(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s %q: error %v, want one with %q", tt.format, tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s %q = %q, %v; want %q", tt.format, tt.in, got, err, tt.want)
		}
	}
	// A level changes the bytes: zstd at its lowest and highest level.
	rows := testRows(testDocs)
	f, _ := Lookup("parquet")
	fast := writeFile(t, f, "zstd:1", schemas.UnitDocument, rows, 0, 0)
	best := writeFile(t, f, "zstd:22", schemas.UnitDocument, rows, 0, 0)
	if bytes.Equal(fast, best) {
		t.Error("zstd:1 and zstd:22 wrote the same bytes")
	}
	// Plain zstd is level 1 in Parquet (DefaultParquetZstdLevel).
	if plain := writeFile(t, f, "zstd", schemas.UnitDocument, rows, 0, 0); !bytes.Equal(plain, fast) {
		t.Error("zstd and zstd:1 wrote different bytes")
	}
}
