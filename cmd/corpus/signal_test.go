package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/corpustools/corpus/internal/benchcorpus"
)

// buildBinary compiles the command once per test binary run.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "corpus")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestInterrupt sends SIGINT or SIGTERM at random moments of real runs. A
// run either finishes, or stops promptly with exit code 130 leaving no
// final-named data file and no temporary file, only hidden parts listed by a
// manifest that says the run is incomplete. --resume then finishes the run,
// and the result validates and holds the same rows as an uninterrupted run.
func TestInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it repeatedly")
	}
	bin := buildBinary(t)
	in := filepath.Join(t.TempDir(), "in")
	g := benchcorpus.New(7, 32<<10)
	var doc []byte
	for i := 0; i < 150; i++ {
		doc, _ = g.Document(doc[:0])
		writeFile(t, filepath.Join(in, fmt.Sprintf("%04d.txt", i)), doc)
	}
	writeFile(t, filepath.Join(in, "0075-bad.bin"), []byte("x\x00y"))
	args := func(out string, extra ...string) []string {
		a := append([]string{"build", "-q", "-j", "2", "-f", "parquet,jsonl", "--unit", "sentence",
			"--max-rows-per-file", "3000", "-o", out}, extra...)
		return append(a, in)
	}
	ref := filepath.Join(t.TempDir(), "ref")
	if out, err := exec.Command(bin, args(ref)...).CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted run: %v\n%s", err, out)
	}
	want := jsonlRows(t, ref)
	rng := rand.New(rand.NewPCG(1, 2))
	interrupted := 0
	for run := 0; run < 6; run++ {
		out := filepath.Join(t.TempDir(), "out")
		cmd := exec.Command(bin, args(out)...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(rng.IntN(500)) * time.Millisecond
		sig := []os.Signal{syscall.SIGINT, syscall.SIGTERM}[run%2]
		// A process cannot handle a signal before it installs its handler:
		// start the clock once the run has created its output folder.
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
			if _, err := os.Stat(out); err == nil {
				break
			}
		}
		time.Sleep(delay)
		cmd.Process.Signal(sig)
		start := time.Now()
		err := cmd.Wait()
		if waited := time.Since(start); waited > 10*time.Second {
			t.Errorf("run %d: took %v to stop after %v", run, waited, sig)
		}
		files := finalFiles(t, out)
		t.Logf("run %d: %v after %v: %v", run, sig, delay, err)
		var ee *exec.ExitError
		switch {
		case err == nil:
			checkManifestListsExactly(t, out, files)
			continue
		case errors.As(err, &ee):
			if code := ee.ExitCode(); code != exitInterrupted {
				t.Fatalf("run %d: exit code %d after %v, want %d", run, code, sig, exitInterrupted)
			}
		default:
			t.Fatal(err)
		}
		interrupted++
		for _, f := range files {
			if strings.HasPrefix(filepath.Base(f), "train-") || strings.HasSuffix(f, ".tmp") || f == "errors.jsonl" {
				t.Errorf("run %d: interrupted run left %s", run, f)
			}
		}
		if len(files) > 0 {
			checkManifestListsExactly(t, out, files)
			var m struct{ Complete bool }
			data, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
			json.Unmarshal(data, &m)
			if m.Complete {
				t.Errorf("run %d: the manifest of an interrupted run says complete", run)
			}
		}
		// Resume and compare with the uninterrupted run.
		if res, err := exec.Command(bin, args(out, "--resume")...).CombinedOutput(); err != nil {
			t.Fatalf("run %d: resume: %v\n%s", run, err, res)
		}
		if res, err := exec.Command(bin, "validate", out).CombinedOutput(); err != nil {
			t.Fatalf("run %d: resumed output does not validate: %v\n%s", run, err, res)
		}
		if got := jsonlRows(t, out); got != want {
			t.Errorf("run %d: resumed rows differ from an uninterrupted run (%d vs %d bytes)", run, len(got), len(want))
		}
		e1, _ := os.ReadFile(filepath.Join(ref, "errors.jsonl"))
		e2, _ := os.ReadFile(filepath.Join(out, "errors.jsonl"))
		if string(e1) != string(e2) {
			t.Errorf("run %d: errors.jsonl differs:\n%s\n---\n%s", run, e1, e2)
		}
	}
	if interrupted == 0 {
		t.Error("no run was interrupted: the test proved nothing")
	}
}

// jsonlRows concatenates the JSONL shards of an output folder in name order.
func jsonlRows(t *testing.T, dir string) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "data", "*.jsonl"))
	sort.Strings(files)
	var b strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
	}
	return b.String()
}

// checkManifestListsExactly checks that manifest.json lists every data file
// present and nothing else.
func checkManifestListsExactly(t *testing.T, dir string, files []string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatalf("finished run without manifest: %v", err)
	}
	var m struct {
		Outputs []struct{ Path string } `json:"outputs"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	var listed, present []string
	for _, o := range m.Outputs {
		listed = append(listed, o.Path)
	}
	for _, f := range files {
		if strings.HasPrefix(f, "data/") {
			present = append(present, f)
		}
	}
	sort.Strings(listed)
	sort.Strings(present)
	if strings.Join(listed, ",") != strings.Join(present, ",") {
		t.Errorf("manifest lists %v, folder has %v", listed, present)
	}
}
