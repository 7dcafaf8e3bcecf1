package consumers

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/klauspost/compress/zstd"
	"golang.org/x/text/unicode/norm"

	"github.com/corpustools/corpus/build"
	"github.com/corpustools/corpus/corpus"
	"github.com/corpustools/corpus/corpus/source"
	"github.com/corpustools/corpus/formats"
	"github.com/corpustools/corpus/schemas"
)

// allFormats are the output formats every build writes.
var allFormats = []string{"parquet", "arrow", "arrows", "jsonl"}

// variant is one way of writing a corpus: compressions and sharding.
type variant struct {
	name         string
	compression  map[string]string
	maxRows      int64
	rowGroupRows int
}

// variants cover every codec of every format, and sharding with several
// row groups and record batches per file.
var variants = []variant{
	{name: "plain"},
	{name: "gz", compression: map[string]string{"parquet": "gzip", "arrow": "lz4", "arrows": "lz4", "jsonl": "gzip"}},
	{name: "zst", compression: map[string]string{"parquet": "none", "arrow": "zstd", "arrows": "zstd", "jsonl": "zstd"}},
	{name: "sharded", compression: map[string]string{"parquet": "snappy"}, maxRows: 3, rowGroupRows: 2},
}

// corpusCase is one input corpus with its pipeline options.
type corpusCase struct {
	name      string
	inputs    []string
	format    source.Format
	keepEmpty bool
	meta      []corpus.Field
	variants  []variant
	// textInputs maps a document source to its input file, for the
	// documents whose text Python checks against the input (text input).
	textInputs map[string]string
}

func (c *corpusCase) process() *corpus.Options {
	o := corpus.DefaultOptions()
	o.KeepEmpty = c.keepEmpty
	o.Meta = c.meta
	return o
}

func (c *corpusCase) source() source.Options {
	return source.Options{Format: c.format}
}

// The expectations file the Go test writes for the Python tests.
type expectations struct {
	// Corpora describe the input corpora, by name.
	Corpora map[string]corpusInfo `json:"corpora"`
	// Builds are the output folders, one per corpus, variant and unit.
	Builds []buildInfo `json:"builds"`
	// Hindi describes the Hindi sample.
	Hindi hindiInfo `json:"hindi"`
	// Schema is the schema name and version every file must carry.
	Schema map[string]string `json:"schema"`
}

// corpusInfo describes an input corpus and the rows it must give.
type corpusInfo struct {
	// Expected maps a unit to the JSONL file of its expected rows.
	Expected map[schemas.Unit]string `json:"expected"`
	// Rows maps a unit to its number of rows.
	Rows map[schemas.Unit]int `json:"rows"`
	// TextInputs maps a document source to the input file it was read from.
	TextInputs map[string]string `json:"text_inputs"`
	// Skipped is the number of documents the build skipped.
	Skipped int `json:"skipped"`
	// Skips are the skipped documents, in order.
	Skips []skip `json:"skips"`
}

// skip is a skipped document as errors.jsonl must list it.
type skip struct {
	Source string `json:"source"`
	Reason string `json:"reason"`
}

// buildInfo describes one output folder: a corpus built in one variant and unit.
type buildInfo struct {
	Name         string            `json:"name"`
	Corpus       string            `json:"corpus"`
	Variant      string            `json:"variant"`
	Unit         schemas.Unit      `json:"unit"`
	Dir          string            `json:"dir"`
	Formats      []string          `json:"formats"`
	Compression  map[string]string `json:"compression"`
	MaxRows      int64             `json:"max_rows_per_file"`
	RowGroupRows int               `json:"row_group_rows"`
	Columns      []string          `json:"columns"`
	Rows         int               `json:"rows"`
	Documents    int               `json:"documents"`
}

// hindiInfo holds the facts of the Hindi sample.
type hindiInfo struct {
	Input      string `json:"input"`
	Source     string `json:"source"`
	Paragraphs int    `json:"paragraphs"`
	Sentences  int    `json:"sentences"`
	Script     string `json:"script"`
}

// findHindi returns the path of the Hindi sample, testdata/sample/hindi-news.txt
// (testdata/hindi-news.txt before it moved).
func findHindi(t *testing.T, repo string) string {
	t.Helper()
	for _, p := range []string{"testdata/sample/hindi-news.txt", "testdata/hindi-news.txt"} {
		path := filepath.Join(repo, filepath.FromSlash(p))
		if _, err := os.Stat(path); err == nil {
			return path
		}
	}
	t.Fatal("no Hindi sample in testdata/sample/hindi-news.txt or testdata/hindi-news.txt")
	return ""
}

// The facts of the Hindi sample.
const (
	hindiParagraphs = 7
	hindiSentences  = 26
	hindiScript     = "Deva"
)

// TestConsumers builds every corpus in every variant and unit, checks the
// JSONL in Go, and runs the pytest suite that reads every file with pandas,
// pyarrow, DuckDB, polars and Hugging Face datasets.
func TestConsumers(t *testing.T) {
	if testing.Short() && os.Getenv("CI") != "true" {
		t.Skip("consumer suite skipped with -short (it builds about 50 corpora and runs pytest)")
	}
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range allFormats {
		if _, err := formats.Lookup(f); err != nil {
			t.Fatalf("format %s is not registered: %v", f, err)
		}
	}
	tmp := t.TempDir()
	if keep := os.Getenv("CORPUS_CONSUMERS_KEEP"); keep != "" {
		// Keep the corpora and expectations for running pytest by hand:
		// CORPUS_EXPECTATIONS=$CORPUS_CONSUMERS_KEEP/expectations.json pytest test/consumers
		if err := os.RemoveAll(keep); err != nil {
			t.Fatal(err)
		}
		tmp = keep
	}
	fx := writeFixtures(t, filepath.Join(tmp, "inputs"))
	hindiPath := findHindi(t, repo)

	multiInputs := map[string]string{}
	for name := range multiscriptFiles {
		multiInputs[name] = filepath.Join(fx.multiscript, name)
	}
	defaults := []corpus.Field{{Key: "collection", Value: "consumers-test"}, {Key: "license", Value: "cc0-1.0"}}
	cases := []*corpusCase{
		{name: "hindi", inputs: []string{hindiPath}, variants: variants,
			textInputs: map[string]string{"hindi-news.txt": hindiPath}},
		{name: "multiscript", inputs: []string{fx.multiscript}, keepEmpty: true, meta: defaults, variants: variants, textInputs: multiInputs},
		{name: "multiscript-noempty", inputs: []string{fx.multiscript}, meta: defaults, variants: variants[:1], textInputs: multiInputs},
		// The big document is written plain and with zstd only: its point
		// is a large row (a multi-MB string, a long JSON line, a large
		// page and record batch), not every codec.
		{name: "big", inputs: []string{fx.big}, variants: []variant{variants[0], variants[2]},
			textInputs: map[string]string{"big.txt": filepath.Join(fx.big, "big.txt")}},
		{name: "jsonl", inputs: []string{fx.jsonl}, format: source.FormatJSONL, keepEmpty: true, meta: defaults, variants: variants},
		{name: "nothing", inputs: []string{fx.nothing}, variants: variants[:1]},
	}

	exp := &expectations{
		Corpora: map[string]corpusInfo{},
		Hindi: hindiInfo{Input: hindiPath, Source: "hindi-news.txt", Paragraphs: hindiParagraphs,
			Sentences: hindiSentences, Script: hindiScript},
		Schema: map[string]string{formats.MetaSchemaName: schemas.Name, formats.MetaSchemaVersion: schemas.Version},
	}
	expDir := filepath.Join(tmp, "expected")
	outDir := filepath.Join(tmp, "out")
	start := time.Now()
	ok := t.Run("build", func(t *testing.T) {
		// The expected rows come from the pipeline run without the build;
		// the builds then run as parallel subtests, each checking its JSONL
		// against them. exp.Builds has a slot per build, in a fixed order.
		type job struct {
			c    *corpusCase
			v    variant
			u    schemas.Unit
			rows []any
			docs int
			skip int
		}
		var jobs []job
		for _, c := range cases {
			docs, skips := pipelineDocuments(t, c)
			checkCorpus(t, c, docs, len(skips), hindiPath)
			info := corpusInfo{Expected: map[schemas.Unit]string{}, Rows: map[schemas.Unit]int{}, TextInputs: c.textInputs,
				Skipped: len(skips), Skips: skips}
			for _, u := range schemas.Units {
				var b schemas.Batch
				for _, d := range docs {
					formats.AppendRows(&b, d, u)
				}
				rows := batchRows(&b, u)
				path := filepath.Join(expDir, c.name+"-"+string(u)+".jsonl")
				writeRows(t, path, rows)
				info.Expected[u] = path
				info.Rows[u] = len(rows)
				for _, v := range c.variants {
					jobs = append(jobs, job{c: c, v: v, u: u, rows: rows, docs: len(docs), skip: len(skips)})
				}
			}
			exp.Corpora[c.name] = info
		}
		exp.Builds = make([]buildInfo, len(jobs))
		for i, j := range jobs {
			t.Run(fmt.Sprintf("%s-%s-%s", j.c.name, j.v.name, j.u), func(t *testing.T) {
				t.Parallel()
				bi, sum := runBuild(t, j.c, j.v, j.u, outDir)
				bi.Rows, bi.Documents = len(j.rows), j.docs
				if sum.Rows != int64(len(j.rows)) || sum.DocumentsWritten != int64(j.docs) || sum.DocumentsSkipped != int64(j.skip) {
					t.Errorf("the build wrote %d rows of %d documents and skipped %d; the pipeline makes %d rows of %d documents and skips %d",
						sum.Rows, sum.DocumentsWritten, sum.DocumentsSkipped, len(j.rows), j.docs, j.skip)
				}
				checkJSONL(t, bi, j.rows)
				exp.Builds[i] = bi
			})
		}
	})
	t.Logf("built %d output folders in %s", len(exp.Builds), time.Since(start).Round(time.Millisecond))
	if !ok {
		return
	}
	expPath := filepath.Join(tmp, "expectations.json")
	data, err := json.MarshalIndent(exp, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, expPath, data)

	t.Run("python", func(t *testing.T) {
		python := findPython(t, repo)
		runPytest(t, python, expPath, filepath.Join(tmp, "python"))
	})
}

// pipelineDocuments runs the corpus pipeline over the inputs of c without
// the build: the documents the build must write, and those it must skip.
func pipelineDocuments(t *testing.T, c *corpusCase) ([]*corpus.Document, []skip) {
	t.Helper()
	files, planSkips, err := source.Plan(c.inputs)
	if err != nil {
		t.Fatalf("%s: plan: %v", c.name, err)
	}
	skips := []skip{}
	for _, e := range planSkips {
		skips = append(skips, skip{e.Source, string(e.Reason)})
	}
	opts := c.process()
	r := source.NewReader(files, c.source())
	var docs []*corpus.Document
	for {
		in, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var de *corpus.DocError
		if errors.As(err, &de) {
			skips = append(skips, skip{de.Source, string(de.Reason)})
			continue
		}
		if err != nil {
			t.Fatalf("%s: read: %v", c.name, err)
		}
		d, err := corpus.Process(in, opts)
		if errors.As(err, &de) {
			skips = append(skips, skip{de.Source, string(de.Reason)})
			continue
		}
		if err != nil {
			t.Fatalf("%s: process %s: %v", c.name, in.Source, err)
		}
		docs = append(docs, d)
	}
	return docs, skips
}

// checkCorpus checks facts of the corpora that do not depend on the writers.
func checkCorpus(t *testing.T, c *corpusCase, docs []*corpus.Document, skipped int, hindiPath string) {
	t.Helper()
	bySource := map[string]*corpus.Document{}
	for _, d := range docs {
		bySource[d.Source] = d
	}
	switch c.name {
	case "hindi":
		if len(docs) != 1 || skipped != 0 {
			t.Fatalf("hindi: %d documents, %d skipped; want 1, 0", len(docs), skipped)
		}
		raw, err := os.ReadFile(hindiPath)
		if err != nil {
			t.Fatal(err)
		}
		d := docs[0]
		if want := strings.TrimRight(norm.NFC.String(string(raw)), "\n"); d.Text != want {
			t.Errorf("hindi: text differs from the NFC input (%d bytes, want %d)", len(d.Text), len(want))
		}
		if len(d.Paragraphs) != hindiParagraphs || len(d.Sentences) != hindiSentences || d.Script != hindiScript || d.Lang != "" {
			t.Errorf("hindi: %d paragraphs, %d sentences, script %s, lang %q; want %d, %d, %s, \"\"",
				len(d.Paragraphs), len(d.Sentences), d.Script, d.Lang, hindiParagraphs, hindiSentences, hindiScript)
		}
	case "multiscript", "multiscript-noempty":
		want := len(multiscriptFiles)
		if c.keepEmpty && (len(docs) != want || skipped != 0) || !c.keepEmpty && (len(docs) != want-2 || skipped != 2) {
			t.Fatalf("%s: %d documents, %d skipped", c.name, len(docs), skipped)
		}
		pre, dec := bySource["latin-precomposed.txt"], bySource["latin-decomposed.txt"]
		if pre == nil || dec == nil || pre.Text != dec.Text || !norm.NFC.IsNormalString(pre.Text) || pre.Text == multiscriptFiles["latin-decomposed.txt"] {
			t.Errorf("%s: the decomposed Latin input is not composed to the precomposed one", c.name)
		}
		if d := bySource["devanagari.txt"]; d == nil || !strings.Contains(d.Text, "क्\u200dष") || !strings.Contains(d.Text, "क्\u200cष") ||
			!strings.Contains(d.Text, "\u091C\u093C") || strings.ContainsRune(d.Text, '\u095B') || d.Script != "Deva" {
			t.Errorf("%s: Devanagari joiners or nukta letters not as expected", c.name)
		}
		if c.keepEmpty {
			for _, name := range []string{"empty.txt", "whitespace.txt"} {
				if d := bySource[name]; d == nil || d.Text != "" || len(d.Paragraphs) != 0 || len(d.Sentences) != 0 {
					t.Errorf("%s: %s is not an empty document", c.name, name)
				}
			}
		}
		for _, d := range docs {
			if !reflect.DeepEqual(d.Meta, c.meta) {
				t.Errorf("%s: %s: meta %v, want the defaults %v", c.name, d.Source, d.Meta, c.meta)
			}
		}
	case "big":
		// NFC composes e + U+0301, so the text is a little shorter than the input.
		if len(docs) != 1 || len(docs[0].Text) < bigDocBytes*9/10 || len(docs[0].Sentences) < 1000 {
			t.Fatalf("big: %d documents, want one of several MB with thousands of sentences", len(docs))
		}
	case "jsonl":
		if len(docs) != 11 || skipped != 1 {
			t.Fatalf("jsonl: %d documents, %d skipped; want 11, 1 (the malformed language tag)", len(docs), skipped)
		}
		var ids []string
		for _, d := range docs {
			ids = append(ids, d.ID)
		}
		if len(ids[0]) != 32 || ids[1] != "no-lang" || ids[3] != "hi-001" || ids[4] != "42" {
			t.Errorf("jsonl: ids %q", ids)
		}
		for _, d := range docs[:3] {
			if d.Lang != "" {
				t.Errorf("jsonl: %s: lang %q, want none", d.Source, d.Lang)
			}
		}
	case "nothing":
		if len(docs) != 0 || skipped != 1 {
			t.Fatalf("nothing: %d documents, %d skipped; want 0, 1", len(docs), skipped)
		}
	}
}

// batchRows returns the rows of unit u in b as a slice of row values.
func batchRows(b *schemas.Batch, u schemas.Unit) []any {
	var rows []any
	switch u {
	case schemas.UnitDocument:
		for _, r := range b.Documents {
			rows = append(rows, r)
		}
	case schemas.UnitParagraph:
		for _, r := range b.Paragraphs {
			rows = append(rows, r)
		}
	case schemas.UnitSentence:
		for _, r := range b.Sentences {
			rows = append(rows, r)
		}
	}
	return rows
}

// writeRows writes rows as JSON lines, without escaping HTML characters.
func writeRows(t *testing.T, path string, rows []any) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, r := range rows {
		if err := enc.Encode(r); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, path, buf.Bytes())
}

// runBuild builds corpus c in variant v and unit u under out with the library.
func runBuild(t *testing.T, c *corpusCase, v variant, u schemas.Unit, out string) (buildInfo, *build.Summary) {
	t.Helper()
	name := fmt.Sprintf("%s-%s-%s", c.name, v.name, u)
	cfg := &build.Config{
		Inputs:         c.inputs,
		Output:         filepath.Join(out, name),
		Formats:        allFormats,
		Compression:    v.compression,
		Unit:           u,
		RowGroupRows:   v.rowGroupRows,
		MaxRowsPerFile: v.maxRows,
		Jobs:           2,
		Source:         c.source(),
		Process:        c.process(),
		ToolVersion:    "consumers-test",
		OptionsRecord:  map[string]any{"corpus": c.name, "variant": v.name, "unit": string(u)},
	}
	if cfg.Compression == nil {
		cfg.Compression = map[string]string{}
	}
	sum, err := build.Run(context.Background(), cfg)
	if err != nil {
		t.Fatalf("%s: build: %v", name, err)
	}
	cols := schemas.Columns(u)
	names := make([]string, len(cols))
	for i, col := range cols {
		names[i] = col.Name
	}
	comp := map[string]string{}
	for _, f := range allFormats {
		ff, _ := formats.Lookup(f)
		comp[f], _ = ff.Compression(cfg.Compression[f])
	}
	bi := buildInfo{Name: name, Corpus: c.name, Variant: v.name, Unit: u, Dir: cfg.Output, Formats: allFormats,
		Compression: comp, MaxRows: v.maxRows, RowGroupRows: v.rowGroupRows, Columns: names}
	return bi, sum
}

// checkJSONL reads the JSONL files of a build, as listed by its manifest,
// and compares their rows with the rows the pipeline makes.
func checkJSONL(t *testing.T, bi buildInfo, want []any) {
	t.Helper()
	m, err := build.ReadManifest(bi.Dir)
	if err != nil {
		t.Fatalf("%s: %v", bi.Name, err)
	}
	rowType := reflect.TypeOf(schemas.DocumentRow{})
	switch bi.Unit {
	case schemas.UnitParagraph:
		rowType = reflect.TypeOf(schemas.ParagraphRow{})
	case schemas.UnitSentence:
		rowType = reflect.TypeOf(schemas.SentenceRow{})
	}
	var got []any
	files := 0
	for _, o := range m.Outputs {
		if o.Format != "jsonl" {
			continue
		}
		files++
		rows := readJSONL(t, filepath.Join(bi.Dir, filepath.FromSlash(o.Path)), rowType)
		if int64(len(rows)) != o.Rows {
			t.Errorf("%s: %s holds %d rows, the manifest says %d", bi.Name, o.Path, len(rows), o.Rows)
		}
		got = append(got, rows...)
	}
	if files == 0 {
		t.Fatalf("%s: the manifest lists no JSONL file", bi.Name)
	}
	// Rows of one document are never split across shards.
	if bi.MaxRows > 0 && files < 2 && len(want) > int(bi.MaxRows) && bi.Documents > 1 {
		t.Errorf("%s: %d rows of %d documents with at most %d rows per file went to one file", bi.Name, len(want), bi.Documents, bi.MaxRows)
	}
	if len(got) != len(want) {
		t.Fatalf("%s: the JSONL holds %d rows, the pipeline made %d", bi.Name, len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("%s: JSONL row %d differs from the pipeline's:\n got %.300v\nwant %.300v", bi.Name, i, got[i], want[i])
		}
	}
}

// readJSONL decodes the rows of a JSONL file (plain, .gz or .zst) into
// values of rowType, refusing unknown keys.
func readJSONL(t *testing.T, path string, rowType reflect.Type) []any {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	switch {
	case strings.HasSuffix(path, ".gz"):
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		r = zr
	case strings.HasSuffix(path, ".zst"):
		zr, err := zstd.NewReader(f)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		defer zr.Close()
		r = zr
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 64<<20)
	var rows []any
	for line := 1; sc.Scan(); line++ {
		if !utf8.Valid(sc.Bytes()) {
			t.Fatalf("%s:%d: invalid UTF-8", path, line)
		}
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		v := reflect.New(rowType)
		if err := dec.Decode(v.Interface()); err != nil {
			t.Fatalf("%s:%d: %v", path, line, err)
		}
		rows = append(rows, v.Elem().Interface())
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

// pythonPackages are the modules the Python tests import.
const pythonPackages = "pandas, pyarrow, duckdb, polars, datasets, pytest, zstandard"

// findPython returns the interpreter named by CORPUS_PYTHON, or the
// repository's .venv. Without one that imports the packages it skips the
// test, or fails it when CI=true: the consumer suite never passes silently.
func findPython(t *testing.T, repo string) string {
	t.Helper()
	python := os.Getenv("CORPUS_PYTHON")
	from := "CORPUS_PYTHON"
	if python == "" {
		python = filepath.Join(repo, ".venv", "bin", "python")
		from = "the repository's .venv"
		if _, err := os.Stat(python); err != nil {
			missing(t, "no Python interpreter: set CORPUS_PYTHON or run `make venv`")
		}
	}
	out, err := exec.Command(python, "-c", "import "+pythonPackages).CombinedOutput()
	if err != nil {
		missing(t, fmt.Sprintf("%s (from %s) cannot import %s: %v\n%s\nrun `make venv` (test/consumers/requirements.txt)",
			python, from, pythonPackages, err, bytes.TrimSpace(out)))
	}
	return python
}

func missing(t *testing.T, msg string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatal("CI=true and the consumer suite cannot run: " + msg)
	}
	t.Skip("consumer suite skipped: " + msg)
}

// runPytest runs the Python tests beside this file on the expectations and
// fails with pytest's output when they fail.
func runPytest(t *testing.T, python, expPath, scratch string) {
	t.Helper()
	if err := os.MkdirAll(scratch, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if d, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, d.Add(-10*time.Second))
		defer cancel()
	}
	here, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, python, "-m", "pytest", "-q", "-ra", "--tb=short", "-p", "no:cacheprovider",
		"--durations=8", "--rootdir", here, here)
	cmd.Dir = here
	cmd.Env = append(os.Environ(),
		"CORPUS_EXPECTATIONS="+expPath,
		"CORPUS_SCRATCH="+scratch,
		"PYTHONDONTWRITEBYTECODE=1",
		"PYTHONUTF8=1",
		"HF_DATASETS_OFFLINE=1",
		"HF_HUB_OFFLINE=1",
		"HF_HUB_DISABLE_TELEMETRY=1",
		"HF_HOME="+filepath.Join(scratch, "hf-home"),
		"HF_DATASETS_CACHE="+filepath.Join(scratch, "hf-datasets"),
		"HF_DATASETS_DISABLE_PROGRESS_BARS=1",
		"XDG_CACHE_HOME="+filepath.Join(scratch, "cache"),
		"POLARS_MAX_THREADS=2",
	)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	t.Logf("pytest (%s) ran in %s:\n%s", python, time.Since(start).Round(time.Millisecond), out)
	if err != nil {
		t.Fatalf("pytest failed: %v (output above)", err)
	}
}
