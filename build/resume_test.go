package build

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/corpustools/corpus/corpus"
	"github.com/corpustools/corpus/corpus/source"
	"github.com/corpustools/corpus/internal/testtree"
	"github.com/corpustools/corpus/schemas"
)

// dupIDInputs writes two JSONL files whose ids repeat: within a file and
// across files, each repeat some documents after the first occurrence, so
// that an interruption can fall between the two. It returns the input
// folder and the number of documents with a repeated id.
func dupIDInputs(t *testing.T) (string, int) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "in")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string][]string{
		"a.jsonl": {"a", "b", "c", "a", "d", "e", "b", "f"},
		"b.jsonl": {"g", "c", "h", "g", "a", "i"},
	}
	dups := 0
	seen := map[string]bool{}
	for _, name := range []string{"a.jsonl", "b.jsonl"} {
		var sb strings.Builder
		for i, id := range files[name] {
			if seen[id] {
				dups++
			}
			seen[id] = true
			fmt.Fprintf(&sb, `{"id":%q,"text":"Document %s of %s, line %d. It has two sentences."}`+"\n", id, id, name, i+1)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(sb.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, dups
}

// dupIDConfig is the configuration of a build of in into out; stopAfter > 0
// interrupts it right after the stopAfter-th document written, as a
// cancelled context would between two documents.
func dupIDConfig(in, out string, resume bool, stopAfter int) *Config {
	cfg := &Config{
		Inputs: []string{in}, Output: out, Resume: resume, Formats: []string{"jsonl", "parquet"},
		Unit: schemas.UnitSentence, MaxRowsPerFile: 5, Jobs: 2,
		Source:  source.Options{Format: source.FormatJSONL, MaxDocBytes: source.DefaultMaxDocBytes},
		Process: corpus.DefaultOptions(), ToolVersion: "test", CreatedAt: "2026-01-02T15:04:05Z",
		OptionsRecord: map[string]any{"input_format": "jsonl", "unit": "sentence"},
	}
	if stopAfter > 0 {
		n := 0
		cfg.Explain = func(*corpus.Document) error {
			if n++; n == stopAfter {
				return context.Canceled
			}
			return nil
		}
	}
	return cfg
}

// readDir returns every file under dir (hidden ones too) by relative path.
func readDir(t *testing.T, dir string) map[string]string { return testtree.Read(t, dir) }

func names(files map[string]string) []string {
	var out []string
	for n := range files {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// sameOutput checks that the output folder got holds what the folder of an
// uninterrupted run, want, holds: the same JSONL rows in the same order,
// the same errors.jsonl, and the same manifest apart from the list of data
// files, since an interruption ends a shard early. Besides the shards,
// neither folder has any file, hidden or not, that the other lacks.
func sameOutput(t *testing.T, got, want string) {
	t.Helper()
	g, w := readDir(t, got), readDir(t, want)
	split := func(files map[string]string) (rows string, others []string) {
		for _, n := range names(files) {
			if strings.HasPrefix(n, "data/train-") {
				if strings.HasSuffix(n, ".jsonl") {
					rows += files[n]
				}
				continue
			}
			others = append(others, n)
		}
		return rows, others
	}
	gRows, gOthers := split(g)
	wRows, wOthers := split(w)
	if !reflect.DeepEqual(gOthers, wOthers) {
		t.Errorf("the folder holds %v besides the shards, an uninterrupted run's %v", gOthers, wOthers)
	}
	if gRows != wRows {
		t.Errorf("rows differ from an uninterrupted run's:\n%s\n--- want ---\n%s", gRows, wRows)
	}
	if g[ErrorsName] != w[ErrorsName] {
		t.Errorf("errors.jsonl differs from an uninterrupted run's:\n%s\n--- want ---\n%s", g[ErrorsName], w[ErrorsName])
	}
	manifest := func(dir string) (string, map[string]int64) {
		m, err := ReadManifest(dir)
		if err != nil {
			t.Fatal(err)
		}
		rows := map[string]int64{}
		for _, o := range m.Outputs {
			rows[o.Format] += o.Rows
		}
		m.Outputs = nil
		data, _ := json.MarshalIndent(m, "", "  ")
		return string(data), rows
	}
	gm, gr := manifest(got)
	wm, wr := manifest(want)
	if gm != wm || !reflect.DeepEqual(gr, wr) {
		t.Errorf("manifest differs from an uninterrupted run's (outputs apart):\n%s\nrows %v\n--- want ---\n%s\nrows %v", gm, gr, wm, wr)
	}
}

// TestResumeKeepsIDs interrupts a build of JSONL input with repeated ids
// after every possible document, once, twice and three times, resumes it,
// and checks that the result is that of an uninterrupted build: a repeat of
// an id written before an interruption is still skipped and reported, and
// no part file is left.
func TestResumeKeepsIDs(t *testing.T) {
	in, dups := dupIDInputs(t)
	ref := filepath.Join(t.TempDir(), "ref")
	sum, err := Run(context.Background(), dupIDConfig(in, ref, false, 0))
	if err != nil {
		t.Fatal(err)
	}
	if got := sum.SkippedByReason[string(corpus.ReasonDuplicateID)]; got != int64(dups) || sum.DocumentsSkipped != int64(dups) {
		t.Fatalf("uninterrupted run skipped %v, want %d duplicate ids", sum.SkippedByReason, dups)
	}
	if errs := readDir(t, ref)[ErrorsName]; strings.Count(errs, `"reason":"duplicate-id"`) != dups {
		t.Fatalf("errors.jsonl does not report the %d duplicate ids:\n%s", dups, errs)
	}
	written := int(sum.DocumentsWritten)
	var plans [][]int
	for stop := 1; stop < written; stop++ {
		plans = append(plans, []int{stop})
	}
	plans = append(plans, []int{2, 3}, []int{1, 5}, []int{4, 4}, []int{3, 1, 2})
	for _, stops := range plans {
		t.Run(fmt.Sprint(stops), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			total := 0
			for i, stop := range stops {
				if total += stop; total >= written {
					t.Fatalf("stop after %d of %d documents: not an interruption", total, written)
				}
				_, err := Run(context.Background(), dupIDConfig(in, out, i > 0, stop))
				if !errors.Is(err, context.Canceled) {
					t.Fatalf("interrupted run %d: %v, want context.Canceled", i, err)
				}
				if _, err := os.Stat(filepath.Join(out, idsPart)); err != nil {
					t.Fatalf("interrupted run %d left no ids part: %v", i, err)
				}
			}
			if _, err := Run(context.Background(), dupIDConfig(in, out, true, 0)); err != nil {
				t.Fatalf("resume: %v", err)
			}
			sameOutput(t, out, ref)
		})
	}
}

// interruptDupIDs runs an interrupted build of dupIDInputs into a new folder,
// stopping after the 5th document written, when 5 ids are recorded.
func interruptDupIDs(t *testing.T) (in, out string) {
	t.Helper()
	in, _ = dupIDInputs(t)
	out = filepath.Join(t.TempDir(), "out")
	if _, err := Run(context.Background(), dupIDConfig(in, out, false, 5)); !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted run: %v, want context.Canceled", err)
	}
	return in, out
}

// TestResumeBadIDsPart checks that --resume refuses an ids part that is
// missing, truncated, altered or not what the manifest describes, with an
// error naming the file, and leaves the interrupted run's files in place.
func TestResumeBadIDsPart(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(t *testing.T, path string)
		is     error
	}{
		{"missing", func(t *testing.T, path string) {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
		}, os.ErrNotExist},
		{"truncated", func(t *testing.T, path string) {
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(path, fi.Size()-1); err != nil {
				t.Fatal(err)
			}
		}, ErrCorruptPart},
		{"altered", func(t *testing.T, path string) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			data[len(data)-1] ^= 1
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}, ErrCorruptPart},
		{"bad header", func(t *testing.T, path string) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			data[0] ^= 1
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}, ErrCorruptPart},
		{"empty", func(t *testing.T, path string) {
			if err := os.WriteFile(path, nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}, ErrCorruptPart},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in, out := interruptDupIDs(t)
			path := filepath.Join(out, idsPart)
			tc.damage(t, path)
			before := readDir(t, out)
			_, err := Run(context.Background(), dupIDConfig(in, out, true, 0))
			if err == nil {
				t.Fatal("resume with a damaged ids part succeeded")
			}
			var oe *OutputError
			if !errors.As(err, &oe) || !errors.Is(err, tc.is) {
				t.Errorf("error %v (%T), want an *OutputError wrapping %v", err, err, tc.is)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name %s", err, path)
			}
			if after := readDir(t, out); !reflect.DeepEqual(after, before) {
				t.Errorf("the failed resume changed the folder: %v, was %v", names(after), names(before))
			}
		})
	}
	// Files that do not match what the checkpoint says of them.
	for _, tc := range []struct {
		name string
		edit func(p *IDsPart, path string) error
	}{
		{"one id more", func(p *IDsPart, _ string) error { p.Count++; return nil }},
		{"other hash", func(p *IDsPart, _ string) error { p.SHA256 = strings.Repeat("0", 64); return nil }},
		{"count overflows", func(p *IDsPart, path string) error {
			// 16 bytes times this count wraps to 0: a file of just the header.
			p.Count, p.Bytes = 1<<60, int64(len(idsMagic))
			return os.WriteFile(path, []byte(idsMagic), 0o644)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in, out := interruptDupIDs(t)
			m, err := ReadManifest(out)
			if err != nil {
				t.Fatal(err)
			}
			if m.Checkpoint == nil || m.Checkpoint.IDs == nil || m.Checkpoint.IDs.Count != 5 {
				t.Fatalf("checkpoint %+v: want one recording 5 ids", m.Checkpoint)
			}
			path := filepath.Join(out, idsPart)
			if err := tc.edit(m.Checkpoint.IDs, path); err != nil {
				t.Fatal(err)
			}
			if err := writeManifest(out, m); err != nil {
				t.Fatal(err)
			}
			_, err = Run(context.Background(), dupIDConfig(in, out, true, 0))
			if !errors.Is(err, ErrCorruptPart) || !strings.Contains(err.Error(), path) {
				t.Errorf("resume: %v, want ErrCorruptPart naming %s", err, path)
			}
		})
	}
}

// TestIDKeyDeterministic pins the key of an id, which part files of
// interrupted runs depend on across processes and versions.
func TestIDKeyDeterministic(t *testing.T) {
	// The first 16 bytes of SHA-256("abc").
	want := idKey{0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23}
	if got := keyOf("abc"); got != want {
		t.Errorf("keyOf(abc) = %x, want %x", got, want)
	}
}
