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

// TestInterrupt sends SIGINT or SIGTERM at random moments of real runs and
// checks that each run either finished (a manifest listing exactly the files
// present) or left no final-named file and no temporary file.
func TestInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it repeatedly")
	}
	bin := buildBinary(t)
	in := filepath.Join(t.TempDir(), "in")
	g := benchcorpus.New(7, 64<<10)
	var doc []byte
	for i := 0; i < 300; i++ {
		doc, _ = g.Document(doc[:0])
		writeFile(t, filepath.Join(in, fmt.Sprintf("%04d.txt", i)), doc)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for run := 0; run < 8; run++ {
		out := filepath.Join(t.TempDir(), "out")
		cmd := exec.Command(bin, "build", "-q", "-j", "2", "-f", "parquet,arrow,jsonl", "--unit", "sentence",
			"--max-rows-per-file", "5000", "-o", out, in)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(rng.IntN(400)) * time.Millisecond
		sig := []os.Signal{syscall.SIGINT, syscall.SIGTERM}[run%2]
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
		case errors.As(err, &ee):
			if code := ee.ExitCode(); code != exitInterrupted {
				t.Errorf("run %d: exit code %d after %v, want %d", run, code, sig, exitInterrupted)
			}
			if len(files) > 0 {
				t.Errorf("run %d: interrupted after %v, left files %v", run, delay, files)
			}
		default:
			t.Fatal(err)
		}
	}
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
