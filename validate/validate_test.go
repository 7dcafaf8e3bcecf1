package validate

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/corpustools/corpus/build"
	"github.com/corpustools/corpus/corpus"
	"github.com/corpustools/corpus/formats"
	"github.com/corpustools/corpus/schemas"
)

var update = flag.Bool("update", false, "rewrite the fixtures under testdata/malformed")

const malformedDir = "../testdata/malformed"

// buildSample builds the shipped sample in the given formats and unit.
func buildSample(t testing.TB, unit schemas.Unit, fmts ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	_, err := build.Run(context.Background(), &build.Config{
		Inputs: []string{"../testdata/sample"}, Output: out, Formats: fmts, Unit: unit,
		Process: corpus.DefaultOptions(), ToolVersion: "test", MaxRowsPerFile: 2,
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestValidCorpus(t *testing.T) {
	for _, unit := range schemas.Units {
		t.Run(string(unit), func(t *testing.T) {
			out := buildSample(t, unit, "parquet", "arrow", "arrows", "jsonl")
			rep, err := Paths([]string{out}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !rep.Valid {
				t.Fatalf("fresh build is invalid: %v", rep.Findings)
			}
			if len(rep.Files) < 8 { // sharded: several files per format
				t.Errorf("checked %d files, want every shard of 4 formats", len(rep.Files))
			}
		})
	}
}

// jsonlLines returns the document rows of the sample as JSON objects.
func jsonlLines(t *testing.T, unit schemas.Unit) []map[string]any {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	if _, err := build.Run(context.Background(), &build.Config{
		Inputs: []string{"../testdata/sample"}, Output: out, Formats: []string{"jsonl"}, Unit: unit,
		Process: corpus.DefaultOptions(), ToolVersion: "test",
	}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(out, "data", "train-00000-of-00001.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	for _, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
		var m map[string]any
		if err := json.Unmarshal(line, &m); err != nil {
			t.Fatal(err)
		}
		rows = append(rows, m)
	}
	return rows
}

// encodeJSONL writes rows with keys in schema column order.
func encodeJSONL(t *testing.T, rows []map[string]any, unit schemas.Unit) []byte {
	t.Helper()
	var buf bytes.Buffer
	cols := schemas.Columns(unit)
	for _, r := range rows {
		buf.WriteByte('{')
		first := true
		write := func(k string, v any) {
			if !first {
				buf.WriteByte(',')
			}
			first = false
			kb, _ := json.Marshal(k)
			vb, _ := json.Marshal(v)
			buf.Write(kb)
			buf.WriteByte(':')
			buf.Write(vb)
		}
		seen := map[string]bool{}
		for _, c := range cols {
			if v, ok := r[c.Name]; ok {
				write(c.Name, v)
				seen[c.Name] = true
			}
		}
		var extra []string
		for k := range r {
			if !seen[k] {
				extra = append(extra, k)
			}
		}
		sort.Strings(extra)
		for _, k := range extra {
			write(k, r[k])
		}
		buf.WriteString("}\n")
	}
	return buf.Bytes()
}

// makeFixtures writes the broken files of testdata/malformed, each with a
// .want file holding the check its finding must name.
func makeFixtures(t *testing.T) {
	if err := os.MkdirAll(malformedDir, 0o755); err != nil {
		t.Fatal(err)
	}
	put := func(name string, data []byte, want string) {
		if err := os.WriteFile(filepath.Join(malformedDir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(malformedDir, name+".want"), []byte(want+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	docs := func() []map[string]any { return jsonlLines(t, schemas.UnitDocument) }
	mutate := func(name, want string, f func(rows []map[string]any) []map[string]any) {
		put(name, encodeJSONL(t, f(docs()), schemas.UnitDocument), want)
	}
	mutate("extra-field.jsonl", "read", func(r []map[string]any) []map[string]any { r[1]["title"] = "x"; return r })
	mutate("missing-field.jsonl", "read", func(r []map[string]any) []map[string]any { delete(r[2], "script"); return r })
	mutate("text-not-string.jsonl", "read", func(r []map[string]any) []map[string]any { r[0]["text"] = 42.0; return r })
	mutate("duplicate-id.jsonl", "id-unique", func(r []map[string]any) []map[string]any { r[3]["id"] = r[0]["id"]; return r })
	mutate("sentence-out-of-bounds.jsonl", "span-bounds", func(r []map[string]any) []map[string]any {
		s := r[0]["sentences"].([]any)
		s[len(s)-1].(map[string]any)["end"] = 1e6
		return r
	})
	mutate("spans-overlap.jsonl", "span-bounds", func(r []map[string]any) []map[string]any {
		s := r[0]["sentences"].([]any)
		s[1].(map[string]any)["start"] = s[0].(map[string]any)["start"]
		return r
	})
	mutate("sha256-mismatch.jsonl", "sha256", func(r []map[string]any) []map[string]any { r[0]["sha256"] = strings.Repeat("0", 64); return r })
	mutate("num-words-wrong.jsonl", "count", func(r []map[string]any) []map[string]any { r[0]["num_words"] = 1.0; return r })
	mutate("not-nfc.jsonl", "normalization", func(r []map[string]any) []map[string]any {
		r[1]["text"] = strings.Replace(r[1]["text"].(string), "é", "e\u0301", 1) // sums are not the issue here
		return r
	})
	mutate("not-json.jsonl", "read", func(r []map[string]any) []map[string]any { return r[:1] })
	// Append a broken line to the last one.
	data, _ := os.ReadFile(filepath.Join(malformedDir, "not-json.jsonl"))
	put("not-json.jsonl", append(data, []byte("{\"id\": \"x\", \n")...), "read")

	// Binary formats built from a real corpus, then damaged.
	out := filepath.Join(t.TempDir(), "out")
	if _, err := build.Run(context.Background(), &build.Config{
		Inputs: []string{"../testdata/sample/english.txt"}, Output: out, Formats: []string{"parquet", "arrow", "jsonl"},
		Compression: map[string]string{"jsonl": "gzip"}, Unit: schemas.UnitDocument, Process: corpus.DefaultOptions(), ToolVersion: "test",
	}); err != nil {
		t.Fatal(err)
	}
	pq, _ := os.ReadFile(filepath.Join(out, "data", "train-00000-of-00001.parquet"))
	arr, _ := os.ReadFile(filepath.Join(out, "data", "train-00000-of-00001.arrow"))
	gz, _ := os.ReadFile(filepath.Join(out, "data", "train-00000-of-00001.jsonl.gz"))
	put("truncated.parquet", pq[:len(pq)/2], "read")
	put("wrong-magic.parquet", append([]byte("PAR2"), pq[4:]...), "read")
	bad := append([]byte(nil), pq...)
	for i := len(bad) / 3; i < len(bad)/3+64; i++ {
		bad[i] ^= 0x5a // damage pages, keep the footer
	}
	put("corrupt-page.parquet", bad, "read")
	put("truncated.arrow", arr[:len(arr)*2/3], "read")
	put("truncated.jsonl.gz", gz[:len(gz)-20], "read")

	// A Parquet file that declares corpus@v1 documents but lacks a column,
	// and one whose num_words is a string.
	type missingScript struct {
		ID   string `parquet:"id"`
		Text string `parquet:"text"`
	}
	put("missing-column.parquet", parquetOf(t, []missingScript{{ID: "a", Text: "x"}}), "columns")
	type typeChanged struct {
		ID            string                 `parquet:"id"`
		Text          string                 `parquet:"text"`
		Source        string                 `parquet:"source"`
		Lang          *string                `parquet:"lang,optional"`
		Script        string                 `parquet:"script"`
		Paragraphs    []schemas.Span         `parquet:"paragraphs,list"`
		Sentences     []schemas.SentenceSpan `parquet:"sentences,list"`
		NumBytes      int64                  `parquet:"num_bytes"`
		NumChars      int64                  `parquet:"num_chars"`
		NumWords      string                 `parquet:"num_words"`
		NumParagraphs int64                  `parquet:"num_paragraphs"`
		NumSentences  int64                  `parquet:"num_sentences"`
		SHA256        string                 `parquet:"sha256"`
		Meta          []schemas.KeyValue     `parquet:"meta,list"`
	}
	put("type-changed.parquet", parquetOf(t, []typeChanged{{ID: "a", Text: "x", NumWords: "one"}}), "columns")
}

func parquetOf[T any](t *testing.T, rows []T) []byte {
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[T](&buf, parquet.KeyValueMetadata(formats.MetaSchemaName, schemas.Name),
		parquet.KeyValueMetadata(formats.MetaSchemaVersion, schemas.Version),
		parquet.KeyValueMetadata(formats.MetaSchemaUnit, string(schemas.UnitDocument)))
	if _, err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestMalformed validates every fixture in testdata/malformed: each must
// give at least one finding of the check named in its .want file, and never
// a panic or an input error.
func TestMalformed(t *testing.T) {
	if *update {
		makeFixtures(t)
	}
	wants, err := filepath.Glob(filepath.Join(malformedDir, "*.want"))
	if err != nil || len(wants) == 0 {
		t.Fatalf("no fixtures in %s (run go test ./validate -update): %v", malformedDir, err)
	}
	for _, w := range wants {
		file := strings.TrimSuffix(w, ".want")
		want, _ := os.ReadFile(w)
		check := strings.TrimSpace(string(want))
		t.Run(filepath.Base(file), func(t *testing.T) {
			rep, err := Paths([]string{file}, Options{})
			if err != nil {
				t.Fatalf("input error instead of a finding: %v", err)
			}
			if rep.Valid {
				t.Fatalf("broken file found valid")
			}
			var got []string
			for _, f := range rep.Findings {
				got = append(got, f.Check)
				if f.Check == check {
					if f.File != file {
						t.Errorf("finding names %q, want %q", f.File, file)
					}
					return
				}
			}
			t.Errorf("no %q finding; got %v: %v", check, got, rep.Findings)
		})
	}
}

// TestManifestMismatch damages a folder: a file's bytes, a listed file
// removed, an unlisted file added.
func TestManifestMismatch(t *testing.T) {
	out := buildSample(t, schemas.UnitSentence, "jsonl")
	files, _ := filepath.Glob(filepath.Join(out, "data", "*.jsonl"))
	// Swap two lines' order in the first shard: same rows, other checksum.
	data, _ := os.ReadFile(files[0])
	lines := strings.SplitAfter(string(data), "\n")
	if len(lines) >= 3 {
		lines[0], lines[1] = lines[1], lines[0]
	}
	os.WriteFile(files[0], []byte(strings.Join(lines, "")), 0o644)
	os.Remove(files[1])
	os.WriteFile(filepath.Join(out, "data", "stray.jsonl"), data, 0o644)
	rep, err := Paths([]string{out}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, f := range rep.Findings {
		msgs = append(msgs, f.Check+": "+f.Message)
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"sha256", "missing", "not listed"} {
		if !strings.Contains(all, want) {
			t.Errorf("no finding mentions %q:\n%s", want, all)
		}
	}
}

func TestMaxFindings(t *testing.T) {
	out := buildSample(t, schemas.UnitSentence, "jsonl")
	rep, err := Paths([]string{out}, Options{Unit: schemas.UnitDocument, MaxFindings: 2})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Valid || len(rep.Findings) != 2 || !rep.Truncated || rep.TotalFindings < 3 {
		t.Errorf("valid=%v listed=%d truncated=%v total=%d", rep.Valid, len(rep.Findings), rep.Truncated, rep.TotalFindings)
	}
}

func TestMissingPath(t *testing.T) {
	_, err := Paths([]string{filepath.Join(t.TempDir(), "nope")}, Options{})
	var ie *InputError
	if err == nil || !asInputError(err, &ie) {
		t.Fatalf("got %v, want an *InputError", err)
	}
}

func asInputError(err error, target **InputError) bool {
	ie, ok := err.(*InputError)
	if ok {
		*target = ie
	}
	return ok
}

// gzipOf is used by fuzz seeds.
func gzipOf(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// FuzzValidateFile validates arbitrary bytes as a corpus file: any input
// gives a report or an input error, never a panic.
func FuzzValidateFile(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(malformedDir, "*"))
	for _, p := range files {
		if strings.HasSuffix(p, ".want") {
			continue
		}
		data, _ := os.ReadFile(p)
		f.Add(data)
	}
	f.Add([]byte(`{"id":"a"}`))
	f.Add(gzipOf([]byte(`{"id":"a"}` + "\n")))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "f")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		rep, err := Paths([]string{p}, Options{Unit: schemas.UnitDocument})
		if err == nil && rep == nil {
			t.Fatal("no report and no error")
		}
	})
}

// TestExtraColumns: a file with a column the schema lacks is rejected, and
// accepted with AllowExtraColumns, its rows still checked.
func TestExtraColumns(t *testing.T) {
	type withTitle struct {
		schemas.DocumentRow
		Title string `parquet:"title"`
	}
	text := "Hello world."
	sum := sha256.Sum256([]byte(text))
	row := withTitle{DocumentRow: schemas.DocumentRow{ID: "a", Text: text, Source: "s", Script: "Latn",
		Paragraphs: []schemas.Span{{Start: 0, End: 12}}, Sentences: []schemas.SentenceSpan{{Start: 0, End: 12}},
		NumBytes: 12, NumChars: 12, NumWords: 2, NumParagraphs: 1, NumSentences: 1, SHA256: hex.EncodeToString(sum[:])},
		Title: "extra"}
	p := filepath.Join(t.TempDir(), "extra.parquet")
	if err := os.WriteFile(p, parquetOf(t, []withTitle{row}), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := Paths([]string{p}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Valid || rep.Findings[0].Check != "columns" || !strings.Contains(rep.Findings[0].Message, "title") {
		t.Errorf("extra column not reported: %+v", rep.Findings)
	}
	rep, err = Paths([]string{p}, Options{AllowExtraColumns: true})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Valid || rep.Files[0].Rows != 1 {
		t.Errorf("with AllowExtraColumns: valid %v, findings %+v, files %+v", rep.Valid, rep.Findings, rep.Files)
	}
}

// TestExtraFieldJSONL: an unknown JSONL key is a finding, unless allowed.
func TestExtraFieldJSONL(t *testing.T) {
	p := filepath.Join(malformedDir, "extra-field.jsonl")
	rep, err := Paths([]string{p}, Options{})
	if err != nil || rep.Valid {
		t.Fatalf("extra field accepted: %v %v", rep, err)
	}
	rep, err = Paths([]string{p}, Options{AllowExtraColumns: true})
	if err != nil || !rep.Valid {
		t.Fatalf("with AllowExtraColumns: %v %+v", err, rep.Findings)
	}
}

// TestExtraColumnFixtures: files written by pyarrow with a trailing column
// a later schema version might add are valid under AllowExtraColumns.
func TestExtraColumnFixtures(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(malformedDir, "extra-column.*"))
	n := 0
	for _, p := range files {
		if strings.HasSuffix(p, ".want") {
			continue
		}
		n++
		rep, err := Paths([]string{p}, Options{AllowExtraColumns: true})
		if err != nil || !rep.Valid || rep.Files[0].Rows == 0 {
			t.Errorf("%s: %v %+v", p, err, rep)
		}
	}
	if n < 2 {
		t.Errorf("found %d extra-column fixtures, want the Arrow and the Parquet one", n)
	}
}
