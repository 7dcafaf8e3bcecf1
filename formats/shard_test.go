package formats

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
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

// shardDirFiles returns the content of every file in dir by name (hidden
// ones too; folders are left out).
func shardDirFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = string(data)
	}
	return files
}

// TestShardedWriterAbortKeepsParts continues the parts of an interrupted
// run and ends the writer in every way that fails: Abort while writing,
// after Close or Checkpoint (whose files the caller then fails to record),
// or Close or Checkpoint failing themselves. The parts must be left, or put
// back, as they were, and every file the writer created removed, so that a
// later writer can still continue them.
func TestShardedWriterAbortKeepsParts(t *testing.T) {
	f, err := Lookup("jsonl")
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{Unit: schemas.UnitDocument}
	// block puts a non-empty folder where the writer wants a file.
	block := func(t *testing.T, path string) {
		if err := os.MkdirAll(filepath.Join(path, "blocker"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name string
		// end ends the second writer, which has written 3 rows after the 5
		// of the parts, and must return an error or fail to record.
		end func(t *testing.T, w *ShardedWriter, dir string) error
	}{
		{"abort while writing", func(t *testing.T, w *ShardedWriter, dir string) error {
			return errors.New("the run failed")
		}},
		{"abort after close", func(t *testing.T, w *ShardedWriter, dir string) error {
			if _, err := w.Close(); err != nil {
				t.Fatal(err)
			}
			return errors.New("the manifest could not be written")
		}},
		{"abort after checkpoint", func(t *testing.T, w *ShardedWriter, dir string) error {
			if _, err := w.Checkpoint(); err != nil {
				t.Fatal(err)
			}
			return errors.New("the checkpoint manifest could not be written")
		}},
		{"close fails", func(t *testing.T, w *ShardedWriter, dir string) error {
			// The first new shard cannot get its final name, once the
			// three parts have theirs.
			block(t, filepath.Join(dir, "train-00003-of-00005.jsonl"))
			_, err := w.Close()
			return err
		}},
		{"checkpoint fails", func(t *testing.T, w *ShardedWriter, dir string) error {
			block(t, filepath.Join(dir, ".train-00004.jsonl.part"))
			_, err := w.Checkpoint()
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			so := ShardOptions{Dir: dir, MaxRowsPerFile: 2}
			first, err := NewShardedWriter(f, opts, so)
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range []string{"a", "b", "c", "d", "e"} {
				if err := first.Write(docBatch(id)); err != nil {
					t.Fatal(err)
				}
			}
			if so.Parts, err = first.Checkpoint(); err != nil {
				t.Fatal(err)
			}
			before := shardDirFiles(t, dir)
			if len(so.Parts) != 3 || len(before) != 3 {
				t.Fatalf("checkpoint: parts %+v, folder %v; want 3 parts", so.Parts, before)
			}

			w, err := NewShardedWriter(f, opts, so)
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range []string{"f", "g", "h"} {
				if err := w.Write(docBatch(id)); err != nil {
					t.Fatal(err)
				}
			}
			if err := tc.end(t, w, dir); err == nil {
				t.Fatal("no failure")
			}
			if err := w.Abort(); err != nil {
				t.Errorf("abort: %v", err)
			}
			if after := shardDirFiles(t, dir); !reflect.DeepEqual(after, before) {
				t.Fatalf("after the failure the folder holds %v, the parts were %v", after, before)
			}
			if err := w.Write(docBatch("i")); err == nil {
				t.Error("write after abort succeeded")
			}

			// The parts can still be continued.
			for _, e := range []string{"train-00003-of-00005.jsonl", ".train-00004.jsonl.part"} {
				os.RemoveAll(filepath.Join(dir, e))
			}
			again, err := NewShardedWriter(f, opts, so)
			if err != nil {
				t.Fatal(err)
			}
			if err := again.Write(docBatch("f")); err != nil {
				t.Fatal(err)
			}
			files, err := again.Close()
			if err != nil {
				t.Fatal(err)
			}
			var rows strings.Builder
			for _, o := range files {
				data, err := os.ReadFile(o.Path)
				if err != nil {
					t.Fatal(err)
				}
				rows.Write(data)
			}
			rest := rows.String()
			for i, id := range []string{"a", "b", "c", "d", "e", "f"} {
				at := strings.Index(rest, `"id":"`+id+`"`)
				if at < 0 {
					t.Fatalf("row %d (%s) is missing from the continued output, or out of order:\n%s", i, id, rows.String())
				}
				rest = rest[at:]
			}
			if len(files) != 4 {
				t.Errorf("continued output: %d files, want 4", len(files))
			}
		})
	}
}
