package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corpustools/corpus/internal/benchcorpus"
)

// TestDiskFull builds onto a 1 MiB file system (a tmpfs, where this machine
// lets the test mount one): the run fails with exit code 3 and a clear
// message, and leaves no final-named file.
func TestDiskFull(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small file system needs root")
	}
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	defer exec.Command("umount", mnt).Run()
	in := filepath.Join(t.TempDir(), "in")
	g := benchcorpus.New(3, 32<<10)
	var doc []byte
	for i := 0; i < 100; i++ { // about 3 MB of text
		doc, _ = g.Document(doc[:0])
		writeFile(t, filepath.Join(in, fmt.Sprintf("%03d.txt", i)), doc)
	}
	out := filepath.Join(mnt, "out")
	code, _, stderr := runCLI(t, "", "build", "-q", "-f", "jsonl,parquet", "-o", out, in)
	if code != exitOutput {
		t.Fatalf("exit code %d, want %d; stderr:\n%s", code, exitOutput, stderr)
	}
	if !strings.Contains(stderr, "no space left on device") {
		t.Errorf("message does not say the disk is full:\n%s", stderr)
	}
	if files := finalFiles(t, mnt); len(files) > 0 {
		t.Errorf("left files after the failure: %v", files)
	}
}
