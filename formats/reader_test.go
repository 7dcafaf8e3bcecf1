package formats

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/corpustools/corpus/schemas"
)

func TestDetectFormat(t *testing.T) {
	cases := []struct {
		head, name      string
		format, compres string
		err             error
	}{
		{"PAR1\x15\x00", "x", "parquet", "", nil},
		{"ARROW1\x00\x00", "x", "arrow", "", nil},
		{"\xff\xff\xff\xff\x10\x00", "x", "arrows", "", nil},
		{"\x1f\x8b\x08", "x.jsonl.gz", "jsonl", "gzip", nil},
		{"\x28\xb5\x2f\xfd", "x.jsonl.zst", "jsonl", "zstd", nil},
		{`{"id":`, "x", "jsonl", "none", nil},
		{"\n  {", "x", "jsonl", "none", nil},
		{"", "empty.jsonl", "jsonl", "none", nil},
		{"", "empty.parquet", "", "", ErrUnknownFormat},
		{"id,text\n", "x.csv", "", "", ErrUnknownFormat},
		{"[1,2]", "x.json", "", "", ErrUnknownFormat},
	}
	for _, tc := range cases {
		f, c, err := DetectFormat([]byte(tc.head), tc.name)
		if f != tc.format || c != tc.compres || !errors.Is(err, tc.err) {
			t.Errorf("DetectFormat(%q, %q) = %q, %q, %v; want %q, %q, %v", tc.head, tc.name, f, c, err, tc.format, tc.compres, tc.err)
		}
	}
}

// readBytes opens data as a file called name and reads all its rows.
func readBytes(t *testing.T, name string, data []byte, opts ReaderOptions) (*schemas.Batch, RowReader, error) {
	t.Helper()
	opts.Name = name
	r, err := NewReader(bytes.NewReader(data), int64(len(data)), opts)
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	b, err := readAll(t, r)
	return b, r, err
}

func TestOpenReaderFile(t *testing.T) {
	rows := testRows(testDocs[:3])
	dir := t.TempDir()
	for _, name := range Names() {
		f, _ := Lookup(name)
		path := filepath.Join(dir, "train-00000-of-00001"+f.FileExtension(f.DefaultCompression))
		if err := os.WriteFile(path, writeFile(t, f, "", schemas.UnitSentence, rows, 0, 0), 0o644); err != nil {
			t.Fatal(err)
		}
		r, err := OpenReader(path)
		if err != nil {
			t.Fatal(err)
		}
		got, err := readAll(t, r)
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Close(); err != nil {
			t.Error(err)
		}
		if r.Info().Path != path {
			t.Errorf("path %q", r.Info().Path)
		}
		compareRows(t, name, schemas.UnitSentence, rows, got)
	}
	if _, err := OpenReader(filepath.Join(dir, "missing.parquet")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

// TestEmptyFiles checks files without rows: every writer's output (which
// the sharded writer produces for an empty corpus) and an empty JSONL file.
func TestEmptyFiles(t *testing.T) {
	for _, name := range Names() {
		f, _ := Lookup(name)
		for _, u := range schemas.Units {
			data := writeFile(t, f, f.DefaultCompression, u, &schemas.Batch{}, 0, 0)
			got, r, err := readBytes(t, "empty"+f.Extension, data, ReaderOptions{Unit: u})
			if err != nil {
				t.Errorf("%s/%s: %v", name, u, err)
				continue
			}
			if got.Len(u) != 0 || r.Info().Unit != u {
				t.Errorf("%s/%s: %d rows of unit %s", name, u, got.Len(u), r.Info().Unit)
			}
		}
	}
	_, r, err := readBytes(t, "empty.jsonl", nil, ReaderOptions{})
	if err != nil || r.Info().Unit != "" {
		t.Errorf("empty JSONL without unit: %v, unit %q", err, r.Info().Unit)
	}
}

// TestInferUnit checks that the unit of JSONL rows is told by their keys.
func TestInferUnit(t *testing.T) {
	rows := testRows(testDocs[:2])
	jsonl, _ := Lookup("jsonl")
	for _, u := range schemas.Units {
		data := writeFile(t, jsonl, "zstd", u, rows, 0, 0)
		got, r, err := readBytes(t, "x.jsonl.zst", data, ReaderOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if r.Info().Unit != u {
			t.Errorf("inferred unit %s, want %s", r.Info().Unit, u)
		}
		compareRows(t, string(u), u, rows, got)
	}
}

// TestRowGroupBytes checks that rows larger than the byte limit of a row
// group get row groups (record batches) of their own.
func TestRowGroupBytes(t *testing.T) {
	defer func(n int64) { rowGroupBytes = n }(rowGroupBytes)
	rowGroupBytes = 1000
	rows := testRows(testDocs)
	for _, name := range []string{"parquet", "arrow", "arrows"} {
		f, _ := Lookup(name)
		data := writeFile(t, f, "", schemas.UnitDocument, rows, 0, 0)
		r, err := openTestReader(t, "x", data)
		if err != nil {
			t.Fatal(err)
		}
		var b schemas.Batch
		var batches []int
		all := &schemas.Batch{}
		for {
			n, err := r.Next(&b)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			batches = append(batches, n)
			all.Documents = append(all.Documents, b.Documents...)
		}
		r.Close()
		// Every document but the "large" one is under 1000 bytes.
		if len(batches) < 3 {
			t.Errorf("%s: batches %v, want the large document alone", name, batches)
		}
		compareRows(t, name, schemas.UnitDocument, rows, all)
	}
}

func TestJSONLStrict(t *testing.T) {
	good := `{"doc_id":"d","paragraph_index":0,"start":0,"end":3,"text":"abc","source":"a.txt","lang":null,"script":"Latn","meta":[{"key":"k","value":"v"}]}`
	// § marks the expected error column; it is removed from the line.
	cases := []struct {
		name  string
		line  string
		field string
		msg   string
	}{
		{"unknown field", strings.Replace(good, `"text":"abc"`, `"text":"abc",§"txt":"x"`, 1), "txt", "unknown field"},
		{"missing field", "§" + strings.Replace(good, `"source":"a.txt",`, ``, 1), "source", "missing field"},
		{"duplicate field", strings.Replace(good, `"start":0`, `"start":0,§"start":1`, 1), "start", "duplicate field"},
		{"null text", strings.Replace(good, `"text":"abc"`, `"text":§null`, 1), "text", "want a string, got null"},
		{"number lang", strings.Replace(good, `"lang":null`, `"lang": §7`, 1), "lang", "want a string or null, got a number"},
		{"string index", strings.Replace(good, `"paragraph_index":0`, `"paragraph_index":§"0"`, 1), "paragraph_index", "want an integer, got a string"},
		{"fraction", strings.Replace(good, `"end":3`, `"end":§3.0`, 1), "end", "fraction"},
		{"exponent", strings.Replace(good, `"end":3`, `"end":§3e0`, 1), "end", "exponent"},
		{"leading zero", strings.Replace(good, `"end":3`, `"end":§03`, 1), "end", "leading zero"},
		{"out of range", strings.Replace(good, `"end":3`, `"end":§2147483648`, 1), "end", "integer 2147483648 out of the int32 range"},
		{"meta missing value", strings.Replace(good, `{"key":"k","value":"v"}`, `§{"key":"k"}`, 1), "meta[0].value", "missing field"},
		{"meta extra", strings.Replace(good, `"value":"v"`, `"value":"v",§"x":1`, 1), "meta[0].x", "unknown field"},
		{"meta not list", strings.Replace(good, `[{"key":"k","value":"v"}]`, `§{}`, 1), "meta", "want an array, got an object"},
		{"meta null", strings.Replace(good, `[{"key":"k","value":"v"}]`, `§null`, 1), "meta", "want an array, got null"},
		{"trailing", good + ` §x`, "", "after the object"},
		{"two objects", good + `§{}`, "", "after the object"},
		{"not an object", `§["d"]`, "", "want an object, got an array"},
		{"bad escape", strings.Replace(good, `"abc"`, `"a§\qc"`, 1), "text", "invalid escape"},
		{"lone surrogate", strings.Replace(good, `"abc"`, `"\ud800§"`, 1), "text", "lone surrogate"},
		{"invalid utf8", strings.Replace(good, `"abc"`, "\"a§\xffc\"", 1), "text", "invalid UTF-8"},
		{"control char", strings.Replace(good, `"abc"`, "\"a§\x01c\"", 1), "text", "control character"},
		{"unterminated", good[:60] + "§", "text", "unterminated string"},
		{"empty line", "§", "", "want an object, got end of line"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			col := strings.Index(tc.line, "§") + 1
			line := strings.Replace(tc.line, "§", "", 1)
			// The bad line is line 3, after two good ones.
			data := good + "\n" + good + "\n" + line + "\n" + good + "\n"
			_, _, err := readBytes(t, "in.jsonl", []byte(data), ReaderOptions{Unit: schemas.UnitParagraph})
			var re *ReadError
			if !errors.As(err, &re) {
				t.Fatalf("err = %v, want a *ReadError", err)
			}
			if !errors.Is(err, ErrInvalidRow) || re.Line != 3 || re.Field != tc.field || re.Column != col || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("err = %v (line %d, column %d, field %q), want line 3, column %d, field %q, %q", err, re.Line, re.Column, re.Field, col, tc.field, tc.msg)
			}
			if re.Offset != int64(2*(len(good)+1)) {
				t.Errorf("offset %d, want %d", re.Offset, 2*(len(good)+1))
			}
			if !strings.HasPrefix(err.Error(), "in.jsonl:3:") {
				t.Errorf("message %q does not start with the position", err)
			}
		})
	}
	// Escapes decode, a last line without a newline is read, CRLF is accepted.
	esc := strings.Replace(good, `"abc"`, `"a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"`, 1)
	got, _, err := readBytes(t, "in.jsonl", []byte(good+"\r\n"+esc), ReaderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Paragraphs) != 2 || got.Paragraphs[1].Text != "a\"\\/\b\f\n\r\té😀" || got.Paragraphs[0].Lang != nil {
		t.Errorf("decoded %+v", got.Paragraphs)
	}
}

// TestJSONLInferErrors checks errors while telling the unit of JSONL rows.
func TestJSONLInferErrors(t *testing.T) {
	for _, data := range []string{`{"a":1}`, `{"id":`, `[]`, "\x00"} {
		_, err := NewReader(strings.NewReader(data), int64(len(data)), ReaderOptions{Name: "x.jsonl"})
		var re *ReadError
		if !errors.As(err, &re) || re.Path != "x.jsonl" {
			t.Errorf("%q: err = %v, want a *ReadError", data, err)
		}
	}
}

// TestTruncated cuts valid files of every format at many points: each cut
// must give an error naming the file (or, for JSONL cut at a line end and
// Arrow streams cut at a message end, fewer rows), never a panic.
// Compressed JSONL may lose its last rows silently when cut between
// frames; a cut inside a frame is an error.
func TestTruncated(t *testing.T) {
	rows := testRows(testDocs[:4])
	for _, name := range Names() {
		f, _ := Lookup(name)
		for _, c := range f.Compressions {
			data := writeFile(t, f, c, schemas.UnitDocument, rows, 2, 0)
			step := max(1, len(data)/150)
			for cut := 0; cut < len(data); cut += step {
				got, _, err := readBytes(t, "cut"+f.FileExtension(c), data[:cut], ReaderOptions{Unit: schemas.UnitDocument})
				if err == nil {
					// A stream cut in its end-of-stream marker ends at a
					// message boundary: it is whole.
					eos := name == "arrows" && cut >= len(data)-8
					if got.Len(schemas.UnitDocument) >= len(rows.Documents) && !eos {
						t.Errorf("%s/%s cut at %d of %d: read every row", name, c, cut, len(data))
					}
					continue
				}
				var re *ReadError
				if !errors.As(err, &re) || re.Path != "cut"+f.FileExtension(c) {
					t.Errorf("%s/%s cut at %d: err = %v, want a *ReadError naming the file", name, c, cut, err)
				}
			}
		}
	}
}

// TestCorrupt flips bytes of valid files: errors or wrong rows are fine,
// panics and hangs are not.
func TestCorrupt(t *testing.T) {
	rows := testRows(testDocs[:4])
	for _, name := range Names() {
		f, _ := Lookup(name)
		for _, c := range f.Compressions {
			data := writeFile(t, f, c, schemas.UnitDocument, rows, 2, 0)
			step := max(1, len(data)/200)
			for at := 0; at < len(data); at += step {
				bad := bytes.Clone(data)
				bad[at] ^= 0xA5
				readBytes(t, "bad", bad, ReaderOptions{})
				bad[at] = 0xFF
				readBytes(t, "bad", bad, ReaderOptions{})
			}
		}
	}
}

// otherRow is a row with the document columns' names but other types.
type otherRow struct {
	ID   string `parquet:"id"`
	Text int64  `parquet:"text"`
}

func TestSchemaMismatch(t *testing.T) {
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[otherRow](&buf)
	w.Write([]otherRow{{ID: "a", Text: 1}})
	w.Close()
	_, r, err := readBytes(t, "other.parquet", buf.Bytes(), ReaderOptions{})
	if !errors.Is(err, ErrSchemaMismatch) || !strings.Contains(err.Error(), `columns do not match the schema: column "text": type int64, want string; column "source": missing`) {
		t.Errorf("err = %v, want ErrSchemaMismatch naming text", err)
	}
	if r == nil || r.Info().Unit != schemas.UnitDocument || r.Info().Columns[1].Kind != schemas.KindInt64 {
		t.Errorf("info %+v", r.Info())
	}
	// A unit declared in the metadata that is not a unit.
	buf.Reset()
	w = parquet.NewGenericWriter[otherRow](&buf, parquet.KeyValueMetadata(MetaSchemaUnit, "chapter"))
	w.Write([]otherRow{{ID: "a", Text: 1}})
	w.Close()
	if _, _, err := readBytes(t, "other.parquet", buf.Bytes(), ReaderOptions{}); !errors.Is(err, ErrSchemaMismatch) || !strings.Contains(err.Error(), `"chapter"`) {
		t.Errorf("err = %v, want ErrSchemaMismatch naming the unit", err)
	}
}

func TestReadErrorMessage(t *testing.T) {
	e := newReadError("a.parquet", corrupt("bad page"))
	e.RowGroup, e.Row, e.Field = 2, 2010, "text"
	if got, want := e.Error(), `a.parquet: row group 2: row 2010: field "text": corrupt file: bad page`; got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	e = newReadError("a.arrows", corrupt("short"))
	e.RowGroup, e.group, e.Offset = 1, "record batch", 4096
	if got, want := e.Error(), `a.arrows: record batch 1: byte offset 4096: corrupt file: short`; got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if !errors.Is(e, ErrCorrupt) {
		t.Error("ReadError does not unwrap to its sentinel")
	}
}
