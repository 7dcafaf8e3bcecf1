package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// runCLI runs the program with args and stdin, returning the exit code,
// stdout and stderr.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"corpus"}, args...), strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, path string, data []byte) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func gzipBytes(t *testing.T, s string) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.Bytes()
}

func readErrors(t *testing.T, dir string) []map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "errors.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var recs []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("errors.jsonl line %q: %v", line, err)
		}
		recs = append(recs, m)
	}
	return recs
}

// finalFiles lists the non-hidden files under dir, relative, sorted.
func finalFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	return out
}

// TestBuildBadInput runs the CLI over each kind of bad input and checks the
// exit code, the message (naming the file, and the line or byte where it
// applies) and what reached errors.jsonl.
func TestBuildBadInput(t *testing.T) {
	good := "नमस्ते दुनिया। यह एक वाक्य है।\n"
	tests := []struct {
		name     string
		files    map[string][]byte // written under the input folder
		args     func(in, out string) []string
		stdin    string
		code     int
		stderr   []string          // substrings of stderr
		skipped  map[string]string // errors.jsonl: source → reason
		noOutput bool              // no final-named data file may exist
	}{
		{
			name:   "missing file",
			args:   func(in, out string) []string { return []string{"build", "-o", out, filepath.Join(in, "nope.txt")} },
			code:   exitUsage,
			stderr: []string{"nope.txt", "no such file"}, noOutput: true,
		},
		{
			name:  "compression level out of range",
			files: map[string][]byte{"a.txt": []byte(good)},
			args: func(in, out string) []string {
				return []string{"build", "--compression", "zstd:30", "-o", out, in}
			},
			code:   exitUsage,
			stderr: []string{"zstd level 30 out of range 1 to 22"}, noOutput: true,
		},
		{
			name:  "compression level where the codec takes none",
			files: map[string][]byte{"a.txt": []byte(good)},
			args: func(in, out string) []string {
				return []string{"build", "-f", "arrow", "--compression", "arrow=zstd:3", "-o", out, in}
			},
			code:   exitUsage,
			stderr: []string{"compression zstd takes no level"}, noOutput: true,
		},
		{
			name:   "folder without readable files",
			files:  map[string][]byte{".hidden.txt": []byte(good)},
			args:   func(in, out string) []string { return []string{"build", "-o", out, in} },
			code:   exitUsage,
			stderr: []string{"no readable input file"}, noOutput: true,
		},
		{
			name:    "binary file is skipped and reported",
			files:   map[string][]byte{"a.txt": []byte(good), "b.bin": {0x89, 'P', 'N', 'G', 0, 0, 0, 13, 'I', 'H', 'D', 'R'}},
			args:    func(in, out string) []string { return []string{"build", "-f", "jsonl", "-o", out, in} },
			code:    exitOK,
			stderr:  []string{"1 skipped", "binary: 1"},
			skipped: map[string]string{"b.bin": "binary"},
		},
		{
			name:  "binary file under --on-error fail",
			files: map[string][]byte{"a.txt": []byte(good), "b.bin": {'x', 0, 'y'}},
			args: func(in, out string) []string {
				return []string{"build", "-f", "jsonl", "--on-error", "fail", "-o", out, in}
			},
			code:   exitInvalid,
			stderr: []string{"b.bin", "binary", "byte 1"}, noOutput: true,
		},
		{
			name:  "invalid UTF-8 under --on-invalid fail",
			files: map[string][]byte{"bad.txt": []byte("first line\nsecond \xff line\n")},
			args: func(in, out string) []string {
				return []string{"build", "-f", "jsonl", "--on-invalid", "fail", "-o", out, in}
			},
			code:   exitInvalid,
			stderr: []string{"bad.txt:2", "byte 18", "invalid UTF-8", "0xff"}, noOutput: true,
		},
		{
			name:  "invalid UTF-8 under --on-invalid skip",
			files: map[string][]byte{"bad.txt": []byte("x \xc3"), "good.txt": []byte(good)},
			args: func(in, out string) []string {
				return []string{"build", "-f", "jsonl", "--on-invalid", "skip", "-o", out, in}
			},
			code:    exitOK,
			skipped: map[string]string{"bad.txt": "invalid-utf8"},
		},
		{
			name:    "truncated gzip",
			files:   map[string][]byte{"t.txt.gz": gzipBytes(t, strings.Repeat(good, 200))[:60], "good.txt": []byte(good)},
			args:    func(in, out string) []string { return []string{"build", "-f", "jsonl", "-o", out, in} },
			code:    exitOK,
			stderr:  []string{"decompress: 1"},
			skipped: map[string]string{"t.txt.gz": "decompress"},
		},
		{
			name:   "unknown encoding label",
			files:  map[string][]byte{"a.txt": []byte(good)},
			args:   func(in, out string) []string { return []string{"build", "--encoding", "klingon-8", "-o", out, in} },
			code:   exitUsage,
			stderr: []string{`unknown encoding "klingon-8"`}, noOutput: true,
		},
		{
			name:  "malformed JSONL line",
			files: map[string][]byte{"d.jsonl": []byte(`{"text":"one."}` + "\n" + `{"text": "two.` + "\n" + `{"text":"three."}` + "\n")},
			args: func(in, out string) []string {
				return []string{"build", "-f", "jsonl", "--input-format", "jsonl", "-o", out, in}
			},
			code:    exitOK,
			skipped: map[string]string{"d.jsonl:2": "malformed-jsonl"},
		},
		{
			name:  "missing text field",
			files: map[string][]byte{"d.jsonl": []byte(`{"body":"one."}` + "\n" + `{"text":"two."}` + "\n" + `{"text":5}` + "\n")},
			args: func(in, out string) []string {
				return []string{"build", "-f", "jsonl", "--input-format", "jsonl", "-o", out, in}
			},
			code:    exitOK,
			skipped: map[string]string{"d.jsonl:1": "missing-text", "d.jsonl:3": "text-not-string"},
		},
		{
			name:  "missing text field under --on-error fail names the line",
			files: map[string][]byte{"d.jsonl": []byte(`{"text":"one."}` + "\n" + `{"body":"two."}` + "\n")},
			args: func(in, out string) []string {
				return []string{"build", "--input-format", "jsonl", "--on-error", "fail", "-o", out, in}
			},
			code:   exitInvalid,
			stderr: []string{"d.jsonl:2", `no "text" field`}, noOutput: true,
		},
		{
			name:  "output folder not empty",
			files: map[string][]byte{"a.txt": []byte(good)},
			args: func(in, out string) []string {
				writeFile(t, filepath.Join(out, "keep.me"), []byte("precious"))
				return []string{"build", "-o", out, in}
			},
			code:   exitUsage,
			stderr: []string{"not empty", "--overwrite"},
		},
		{
			name:   "resume with nothing to resume",
			files:  map[string][]byte{"a.txt": []byte(good)},
			args:   func(in, out string) []string { return []string{"build", "--resume", "-o", out, in} },
			code:   exitUsage,
			stderr: []string{"nothing to resume"},
		},
		{
			name:  "resume a complete run",
			files: map[string][]byte{"a.txt": []byte(good)},
			args: func(in, out string) []string {
				runCLI(t, "", "build", "-q", "-o", out, in)
				return []string{"build", "--resume", "-o", out, in}
			},
			code:   exitUsage,
			stderr: []string{"nothing to resume", "complete"},
		},
		{
			name:   "unknown format",
			files:  map[string][]byte{"a.txt": []byte(good)},
			args:   func(in, out string) []string { return []string{"build", "-f", "xml", "-o", out, in} },
			code:   exitUsage,
			stderr: []string{`unknown format "xml"`}, noOutput: true,
		},
		{
			name:   "no input",
			args:   func(in, out string) []string { return []string{"build", "-o", out} },
			code:   exitUsage,
			stderr: []string{"no INPUT"}, noOutput: true,
		},
		{
			name:   "stdin",
			args:   func(in, out string) []string { return []string{"build", "-f", "jsonl", "-o", out, "-"} },
			stdin:  good,
			code:   exitOK,
			stderr: []string{"1 documents written"},
		},
		{
			name:    "empty and whitespace-only files are skipped as empty",
			files:   map[string][]byte{"e.txt": {}, "w.txt": []byte(" \n\t\n  "), "good.txt": []byte(good)},
			args:    func(in, out string) []string { return []string{"build", "-f", "jsonl", "-o", out, in} },
			code:    exitOK,
			skipped: map[string]string{"e.txt": "empty", "w.txt": "empty"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := filepath.Join(t.TempDir(), "in")
			os.MkdirAll(in, 0o755)
			for name, data := range tt.files {
				writeFile(t, filepath.Join(in, name), data)
			}
			out := filepath.Join(t.TempDir(), "out")
			code, _, stderr := runCLI(t, tt.stdin, tt.args(in, out)...)
			if code != tt.code {
				t.Fatalf("exit code %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			for _, want := range tt.stderr {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr)
				}
			}
			if tt.noOutput {
				for _, f := range finalFiles(t, out) {
					if strings.HasPrefix(f, "data/train-") || f == "manifest.json" {
						t.Errorf("final-named output %s left behind", f)
					}
				}
			}
			if tt.skipped != nil {
				got := map[string]string{}
				for _, r := range readErrors(t, out) {
					got[r["source"].(string)] = r["reason"].(string)
				}
				for src, reason := range tt.skipped {
					if got[src] != reason {
						t.Errorf("errors.jsonl: %s has reason %q, want %q (all: %v)", src, got[src], reason, got)
					}
				}
				if len(got) != len(tt.skipped) {
					t.Errorf("errors.jsonl has %d records, want %d: %v", len(got), len(tt.skipped), got)
				}
			}
		})
	}
}

// TestHindiGolden builds the shipped Hindi article as JSONL in each unit
// and compares it with the golden files (refresh with -update).
// TestCompressionLevels builds with levels given per format: the files
// validate, and the manifest records the levels.
func TestCompressionLevels(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := runCLI(t, "", "build", "-f", "parquet,jsonl", "--compression", "parquet=zstd:1,jsonl=gzip:9",
		"-o", out, filepath.Join("..", "..", "testdata", "sample"))
	if code != exitOK {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	if code, stdout, stderr := runCLI(t, "", "validate", out); code != exitOK {
		t.Fatalf("validate: exit %d: %s %s", code, stdout, stderr)
	}
	data, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"parquet": "zstd:1"`, `"jsonl": "gzip:9"`, `.jsonl.gz"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("manifest lacks %s:\n%s", want, data)
		}
	}
}

func TestHindiGolden(t *testing.T) {
	for _, unit := range []string{"document", "paragraph", "sentence"} {
		t.Run(unit, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			code, _, stderr := runCLI(t, "", "build", "-q", "-f", "jsonl", "--unit", unit, "-o", out, "../../testdata/sample/hindi-news.txt")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			got, err := os.ReadFile(filepath.Join(out, "data", "train-00000-of-00001.jsonl"))
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("..", "..", "testdata", "golden", "hindi-news."+unit+".jsonl")
			if *update {
				writeFile(t, golden, got)
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./cmd/corpus -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (run with -update if the change is intended)", golden)
			}
		})
	}
}

// TestHindiSample checks the facts of the seed article: 7 paragraphs, 26
// sentences each ending in a danda, script Deva, text unchanged by NFC.
func TestHindiSample(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := runCLI(t, "", "build", "-q", "-f", "jsonl", "-o", out, "../../testdata/sample/hindi-news.txt"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join(out, "data", "train-00000-of-00001.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var row struct {
		Text       string `json:"text"`
		Script     string `json:"script"`
		Paragraphs []struct{ Start, End int }
		Sentences  []struct{ Start, End, Paragraph int }
		NumChars   int `json:"num_chars"`
	}
	if err := json.Unmarshal(data, &row); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile("../../testdata/sample/hindi-news.txt")
	if row.Text != strings.TrimRight(string(raw), "\n") {
		t.Errorf("text changed by the pipeline")
	}
	if row.Script != "Deva" {
		t.Errorf("script %q, want Deva", row.Script)
	}
	if len(row.Paragraphs) != 7 || len(row.Sentences) != 26 {
		t.Errorf("%d paragraphs, %d sentences; want 7, 26", len(row.Paragraphs), len(row.Sentences))
	}
	runes := []rune(row.Text)
	if row.NumChars != len(runes) {
		t.Errorf("num_chars %d, want %d", row.NumChars, len(runes))
	}
	for i, s := range row.Sentences {
		sent := string(runes[s.Start:s.End])
		if !strings.HasSuffix(sent, "।") {
			t.Errorf("sentence %d does not end in a danda: %q", i, sent)
		}
	}
}

// TestDeterministicAcrossJobs builds the same inputs with 1 and 4 workers and
// compares every output file byte for byte.
func TestDeterministicAcrossJobs(t *testing.T) {
	in := filepath.Join(t.TempDir(), "in")
	for i := 0; i < 40; i++ {
		writeFile(t, filepath.Join(in, "d", strings.Repeat("x", i%3+1)+string(rune('a'+i%26))+".txt"),
			[]byte(strings.Repeat("Dr. Smith went to Washington. नमस्ते दुनिया। ", i+1)))
	}
	var outs []string
	for _, jobs := range []string{"1", "4"} {
		out := filepath.Join(t.TempDir(), "out"+jobs)
		if code, _, stderr := runCLI(t, "", "build", "-q", "-j", jobs, "-f", "jsonl,parquet,arrow,arrows", "--unit", "sentence", "--max-rows-per-file", "50", "-o", out, in); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		outs = append(outs, out)
	}
	files := finalFiles(t, outs[0])
	if len(files) < 10 {
		t.Fatalf("only %v written", files)
	}
	for _, f := range files {
		a, _ := os.ReadFile(filepath.Join(outs[0], f))
		b, err := os.ReadFile(filepath.Join(outs[1], f))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between -j 1 and -j 4 (%v)", f, err)
		}
	}
}

// TestOverwrite checks that --overwrite replaces only what an earlier run's
// manifest lists, and refuses a manifest naming paths outside the folder.
func TestOverwrite(t *testing.T) {
	in := filepath.Join(t.TempDir(), "in")
	writeFile(t, filepath.Join(in, "a.txt"), []byte("One. Two."))
	out := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := runCLI(t, "", "build", "-q", "-f", "jsonl", "--max-rows-per-file", "1", "-o", out, in); code != 0 {
		t.Fatal(stderr)
	}
	mine := writeFile(t, filepath.Join(out, "notes.txt"), []byte("mine"))
	mineData := writeFile(t, filepath.Join(out, "data", "extra.bin"), []byte("mine too"))
	if code, _, stderr := runCLI(t, "", "build", "-q", "-f", "parquet", "--overwrite", "-o", out, in); code != 0 {
		t.Fatal(stderr)
	}
	for _, p := range []string{mine, mineData} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("--overwrite removed %s, which no run wrote", p)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "data", "train-00000-of-00001.jsonl")); err == nil {
		t.Errorf("the earlier run's JSONL is still there")
	}
	// A manifest that names a file outside the folder is refused.
	manifest := filepath.Join(out, "manifest.json")
	data, _ := os.ReadFile(manifest)
	victim := writeFile(t, filepath.Join(filepath.Dir(out), "victim.txt"), []byte("keep"))
	data = bytes.Replace(data, []byte(`"data/train-00000-of-00001.parquet"`), []byte(`"../victim.txt"`), 1)
	os.WriteFile(manifest, data, 0o644)
	code, _, stderr := runCLI(t, "", "build", "-q", "--overwrite", "-o", out, in)
	if code == 0 || !strings.Contains(stderr, "outside the output folder") {
		t.Errorf("exit %d, stderr %s; want a refusal", code, stderr)
	}
	if _, err := os.Stat(victim); err != nil {
		t.Errorf("a file outside the output folder was deleted")
	}
}

// TestOutputInsideInput builds into a folder inside the input folder, twice:
// the second run does not read the first run's files as input.
func TestOutputInsideInput(t *testing.T) {
	in := filepath.Join(t.TempDir(), "in")
	writeFile(t, filepath.Join(in, "a.txt"), []byte("One sentence. Another one."))
	out := filepath.Join(in, "out")
	for i := 0; i < 2; i++ {
		code, _, stderr := runCLI(t, "", "build", "--overwrite", "-f", "jsonl", "-o", out, in)
		if code != 0 || !strings.Contains(stderr, "1 documents written") || strings.Contains(stderr, "skipped (") {
			t.Fatalf("run %d: exit %d: %s", i, code, stderr)
		}
	}
}
