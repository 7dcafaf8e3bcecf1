package build

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corpustools/corpus/corpus"
	"github.com/corpustools/corpus/formats"
)

// errInjected is the error of a document the tests make fail.
var errInjected = errors.New("injected failure")

// moveAway moves the file at path out of its folder and returns what puts
// it back.
func moveAway(t *testing.T, path string) func() {
	t.Helper()
	aside := filepath.Join(t.TempDir(), filepath.Base(path))
	if err := os.Rename(path, aside); err != nil {
		t.Fatal(err)
	}
	return func() {
		if err := os.Rename(aside, path); err != nil {
			t.Fatal(err)
		}
	}
}

// blockWith puts a non-empty folder at path, where the build wants to
// create or rename a file, and returns what removes it.
func blockWith(t *testing.T, path string) func() {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(path, "blocker"), 0o755); err != nil {
		t.Fatal(err)
	}
	return func() {
		if err := os.RemoveAll(path); err != nil {
			t.Fatal(err)
		}
	}
}

// lastPart returns the path of the last part file of format ext (".jsonl",
// ".parquet") that the manifest in out lists.
func lastPart(t *testing.T, out, ext string) string {
	t.Helper()
	m, err := ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	var last string
	for _, o := range m.Outputs {
		if strings.Contains(o.Path, ext+".") && strings.HasSuffix(o.Path, ".part") {
			last = o.Path
		}
	}
	if last == "" {
		t.Fatalf("the checkpoint lists no %s part: %+v", ext, m.Outputs)
	}
	return filepath.Join(out, filepath.FromSlash(last))
}

// changedFiles lists how the files of a folder, after, differ from what
// they were, before (both as readDir returns them).
func changedFiles(after, before map[string]string) []string {
	var out []string
	for _, n := range names(before) {
		a, ok := after[n]
		switch {
		case !ok:
			out = append(out, n+" is gone")
		case a != before[n]:
			out = append(out, n+" changed")
		}
	}
	for _, n := range names(after) {
		if _, ok := before[n]; !ok {
			out = append(out, n+" was added")
		}
	}
	return out
}

// TestFailedResumeKeepsInterruptedRun makes a resumed run fail in every way
// it can once it has created its writers: a part of the interrupted run
// missing, a bad document under --on-error fail, an error while writing,
// errors.jsonl or manifest.json that cannot be written, a second
// interruption whose checkpoint cannot be written. The failed run must
// leave the folder exactly as the interruption left it, byte for byte, so
// that once the cause is gone --resume finishes the run with the rows of an
// uninterrupted one. It does so for a run interrupted once and for one
// interrupted twice, whose parts come from two runs.
func TestFailedResumeKeepsInterruptedRun(t *testing.T) {
	in, _ := dupIDInputs(t)
	ref := filepath.Join(t.TempDir(), "ref")
	if _, err := Run(context.Background(), dupIDConfig(in, ref, false, 0)); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		// cause breaks something in the output folder of the interrupted
		// run, and returns what repairs it (nil: nothing to break).
		cause func(t *testing.T, out string) func()
		// edit changes the configuration of the failing resumed run.
		edit func(cfg *Config)
		// is is an error the failure must wrap (nil: any error).
		is error
		// as, when set, must hold for the failure.
		as func(err error) bool
	}{
		{
			name:  "errors part missing",
			cause: func(t *testing.T, out string) func() { return moveAway(t, filepath.Join(out, errorsPart)) },
			is:    os.ErrNotExist,
		},
		{
			name:  "part of the second format missing",
			cause: func(t *testing.T, out string) func() { return moveAway(t, lastPart(t, out, ".parquet")) },
			is:    os.ErrNotExist,
		},
		{
			name: "bad document with --on-error fail",
			edit: func(cfg *Config) { cfg.OnError = OnErrorFail },
			as: func(err error) bool {
				var fe *FailError
				return errors.As(err, &fe) && fe.Err.Reason == corpus.ReasonDuplicateID
			},
		},
		{
			name: "error after documents were written",
			edit: func(cfg *Config) {
				n := 0
				cfg.Explain = func(*corpus.Document) error {
					if n++; n == 2 {
						return errInjected
					}
					return nil
				}
			},
			is: errInjected,
		},
		{
			name:  "errors.jsonl cannot be written",
			cause: func(t *testing.T, out string) func() { return blockWith(t, filepath.Join(out, ErrorsName)) },
		},
		{
			name: "manifest cannot be written",
			cause: func(t *testing.T, out string) func() {
				return blockWith(t, filepath.Join(out, "."+ManifestName+".tmp"))
			},
		},
		{
			name: "interrupted again, checkpoint manifest cannot be written",
			cause: func(t *testing.T, out string) func() {
				return blockWith(t, filepath.Join(out, "."+ManifestName+".tmp"))
			},
			edit: func(cfg *Config) { *cfg = *dupIDConfig(cfg.Inputs[0], cfg.Output, true, 2) },
			is:   context.Canceled,
		},
		{
			name:  "interrupted again, ids part cannot be written",
			cause: func(t *testing.T, out string) func() { return blockWith(t, filepath.Join(out, idsPart+".tmp")) },
			edit:  func(cfg *Config) { *cfg = *dupIDConfig(cfg.Inputs[0], cfg.Output, true, 2) },
			is:    context.Canceled,
		},
	}
	// Both plans stop after the same 6 documents: the next ones are a new
	// id, then a repeat.
	for _, stops := range [][]int{{6}, {3, 3}} {
		for _, tc := range cases {
			t.Run(fmt.Sprint(stops, " ", tc.name), func(t *testing.T) {
				out := filepath.Join(t.TempDir(), "out")
				for i, stop := range stops {
					if _, err := Run(context.Background(), dupIDConfig(in, out, i > 0, stop)); !errors.Is(err, context.Canceled) {
						t.Fatalf("interrupted run %d: %v, want context.Canceled", i, err)
					}
				}
				repair := func() {}
				if tc.cause != nil {
					repair = tc.cause(t, out)
				}
				before := readDir(t, out)
				cfg := dupIDConfig(in, out, true, 0)
				if tc.edit != nil {
					tc.edit(cfg)
				}
				_, err := Run(context.Background(), cfg)
				if err == nil {
					t.Fatal("the resumed run succeeded, want a failure")
				}
				if tc.is != nil && !errors.Is(err, tc.is) {
					t.Errorf("resumed run: %v, want an error wrapping %v", err, tc.is)
				}
				if tc.as != nil && !tc.as(err) {
					t.Errorf("resumed run: %v (%T), not the failure expected", err, err)
				}
				if changed := changedFiles(readDir(t, out), before); len(changed) > 0 {
					t.Fatalf("the failed resume changed the folder: %s", strings.Join(changed, "; "))
				}
				repair()
				if _, err := Run(context.Background(), dupIDConfig(in, out, true, 0)); err != nil {
					t.Fatalf("resume once the cause is gone: %v", err)
				}
				sameOutput(t, out, ref)
			})
		}
	}
}

// TestFailedRunLeavesNoFile makes a first run, not a resumed one, fail where
// it writes its last files: the manifest of a complete run, or the
// checkpoint of an interrupted one. The run must remove every file it
// wrote, final-named or part, so that the folder is empty again and a new
// build into it needs no --overwrite (which a folder without manifest
// would not allow).
func TestFailedRunLeavesNoFile(t *testing.T) {
	in, _ := dupIDInputs(t)
	ref := filepath.Join(t.TempDir(), "ref")
	if _, err := Run(context.Background(), dupIDConfig(in, ref, false, 0)); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		blocked string // where a folder stops the run from writing a file
		stop    int    // interrupt the run after this many documents (0: never)
	}{
		{"manifest cannot be written", "." + ManifestName + ".tmp", 0},
		{"errors.jsonl cannot be written", ErrorsName, 0},
		{"interrupted, checkpoint manifest cannot be written", "." + ManifestName + ".tmp", 4},
		{"interrupted, ids part cannot be written", idsPart + ".tmp", 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			cfg := dupIDConfig(in, out, false, 0)
			// The folder must be empty when the run starts: the block
			// comes with its first document.
			n, unblock := 0, func() {}
			cfg.Explain = func(*corpus.Document) error {
				if n++; n == 1 {
					unblock = blockWith(t, filepath.Join(out, tc.blocked))
				}
				if n == tc.stop {
					return context.Canceled
				}
				return nil
			}
			_, err := Run(context.Background(), cfg)
			if n == 0 || err == nil {
				t.Fatalf("the run wrote %d documents and returned %v, want a failure once it has written some", n, err)
			}
			if tc.stop > 0 && !errors.Is(err, context.Canceled) {
				t.Errorf("interrupted run: %v, want an error wrapping context.Canceled", err)
			}
			if left := readDir(t, out); len(left) > 0 {
				t.Fatalf("the failed run left %v", names(left))
			}
			unblock()
			if _, err := Run(context.Background(), dupIDConfig(in, out, false, 0)); err != nil {
				t.Fatalf("a new build into the folder: %v", err)
			}
			sameOutput(t, out, ref)
		})
	}
}

// TestReinterruptedCheckpoint interrupts a build, then the run that resumes
// it: the second checkpoint must list the parts of the first run, unchanged,
// and those of the second, every one present with the size and SHA-256 the
// manifest gives, and no other file of either run may be left.
func TestReinterruptedCheckpoint(t *testing.T) {
	in, _ := dupIDInputs(t)
	out := filepath.Join(t.TempDir(), "out")
	var manifests []*Manifest
	for i, stop := range []int{3, 3} {
		if _, err := Run(context.Background(), dupIDConfig(in, out, i > 0, stop)); !errors.Is(err, context.Canceled) {
			t.Fatalf("interrupted run %d: %v, want context.Canceled", i, err)
		}
		m, err := ReadManifest(out)
		if err != nil {
			t.Fatal(err)
		}
		manifests = append(manifests, m)
	}
	first, second := manifests[0], manifests[1]
	if second.Complete || second.Checkpoint == nil || second.Checkpoint.Outcomes <= first.Checkpoint.Outcomes {
		t.Fatalf("second checkpoint %+v, first %+v: want a later one", second.Checkpoint, first.Checkpoint)
	}
	listed := map[string]bool{ManifestName: true, errorsPart: true, idsPart: true}
	sums := map[string]string{}
	for _, o := range second.Outputs {
		listed[o.Path] = true
		sums[o.Path] = o.SHA256
		sum, n, err := formats.FileSHA256(filepath.Join(out, filepath.FromSlash(o.Path)))
		if err != nil || sum != o.SHA256 || n != o.Bytes {
			t.Errorf("%s: %d bytes, SHA-256 %s, %v; the manifest says %d bytes, %s", o.Path, n, sum, err, o.Bytes, o.SHA256)
		}
	}
	for _, o := range first.Outputs {
		if sums[o.Path] != o.SHA256 {
			t.Errorf("the second checkpoint does not list %s, a part of the first run, as it was (SHA-256 %q, was %s)", o.Path, sums[o.Path], o.SHA256)
		}
	}
	if len(second.Outputs) <= len(first.Outputs) {
		t.Errorf("the second checkpoint lists %d parts, the first %d: the second run's are missing", len(second.Outputs), len(first.Outputs))
	}
	for n := range readDir(t, out) {
		if !listed[n] {
			t.Errorf("%s is left, and not listed by the checkpoint", n)
		}
	}
}
