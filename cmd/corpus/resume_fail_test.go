package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"

	"github.com/corpustools/corpus/internal/benchcorpus"
	"github.com/corpustools/corpus/internal/testtree"
)

// snapshotDir returns the content of every file under dir, hidden ones
// too, by relative path.
func snapshotDir(t *testing.T, dir string) map[string]string { return testtree.Read(t, dir) }

// snapshotDiff lists how the files of a folder, after, differ from what
// they were, before.
func snapshotDiff(after, before map[string]string) []string {
	var out []string
	for n, data := range before {
		if a, ok := after[n]; !ok {
			out = append(out, n+" is gone")
		} else if a != data {
			out = append(out, n+" changed")
		}
	}
	for n := range after {
		if _, ok := before[n]; !ok {
			out = append(out, n+" was added")
		}
	}
	sort.Strings(out)
	return out
}

// fillDisk fills the file system of dir but for about free bytes, with a
// file it returns the path of.
func fillDisk(t *testing.T, dir string, free int64) string {
	t.Helper()
	path := filepath.Join(dir, "filler")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 4096)
	for {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			break
		}
	}
	if err := f.Sync(); err != nil && !errors.Is(err, syscall.ENOSPC) {
		t.Fatal(err)
	}
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(max(fi.Size()-free, 0)); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestResumeFailureKeepsInterruptedRun interrupts a build, makes the
// --resume run fail once it has written part of the rest (the disk fills
// up; a bad input under --on-error fail), and checks that the failed run
// leaves the folder exactly as the interruption left it: once the cause is
// gone, --resume finishes the build, with the rows of an uninterrupted one.
func TestResumeFailureKeepsInterruptedRun(t *testing.T) {
	for _, tc := range []struct {
		name string
		// cause breaks the build after the interruption: the inputs in
		// folder in, or the file system of the output folder, mounted at
		// mnt. It returns what repairs it.
		cause func(t *testing.T, in, mnt string) func()
		// ownFS puts the output folder on a small file system of its
		// own, mounted at mnt (else mnt is a plain folder).
		ownFS  bool
		code   int
		stderr string
	}{
		{
			name:  "disk full",
			ownFS: true,
			cause: func(t *testing.T, in, mnt string) func() {
				filler := fillDisk(t, mnt, 64<<10)
				return func() {
					if err := os.Remove(filler); err != nil {
						t.Fatal(err)
					}
				}
			},
			code:   exitOutput,
			stderr: "no space left on device",
		},
		{
			name: "bad input under --on-error fail",
			cause: func(t *testing.T, in, mnt string) func() {
				path := filepath.Join(in, "0050.txt")
				good, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				writeFile(t, path, []byte("x\x00y"))
				return func() { writeFile(t, path, good) }
			},
			code:   exitInvalid,
			stderr: "0050.txt",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mnt := t.TempDir()
			if tc.ownFS {
				if os.Geteuid() != 0 {
					t.Skip("mounting a small file system needs root")
				}
				if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mnt).CombinedOutput(); err != nil {
					t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
				}
				defer exec.Command("umount", mnt).Run()
			}
			in := filepath.Join(t.TempDir(), "in")
			g := benchcorpus.New(11, 24<<10)
			var doc []byte
			for i := 0; i < 60; i++ { // about 1.5 MB of text
				doc, _ = g.Document(doc[:0])
				if i == 20 {
					doc = append(doc, "\n\nSTOP here.\n"...)
				}
				writeFile(t, filepath.Join(in, fmt.Sprintf("%04d.txt", i)), doc)
			}
			args := func(out string, extra ...string) []string {
				a := append([]string{"build", "-q", "-j", "2", "-f", "jsonl,parquet", "--unit", "sentence",
					"--max-rows-per-file", "500", "--on-error", "fail", "-o", out}, extra...)
				return append(a, in)
			}
			ref := filepath.Join(t.TempDir(), "ref")
			if code, _, stderr := runCLI(t, "", args(ref)...); code != exitOK {
				t.Fatalf("uninterrupted run: exit %d: %s", code, stderr)
			}

			out := filepath.Join(mnt, "out")
			stdout := &interruptAfter{marker: "STOP"}
			var stderr bytes.Buffer
			code := run(context.Background(), append([]string{"corpus"}, args(out, "--explain-segmentation")...),
				strings.NewReader(""), stdout, &stderr)
			if code != exitInterrupted || !stdout.hit {
				t.Fatalf("interrupted run: exit %d (marker seen: %v), want %d: %s", code, stdout.hit, exitInterrupted, stderr.String())
			}
			before := snapshotDir(t, out)
			parts := 0
			for n := range before {
				if strings.HasSuffix(n, ".part") && strings.HasPrefix(n, "data/") {
					parts++
				}
			}
			if parts < 2 {
				t.Fatalf("the interrupted run left %d data parts, want some of each format: %v", parts, before)
			}

			repair := tc.cause(t, in, mnt)
			code, _, msg := runCLI(t, "", args(out, "--resume")...)
			t.Logf("failing resume: exit %d: %s", code, strings.TrimSpace(msg))
			if code != tc.code || !strings.Contains(msg, tc.stderr) {
				t.Fatalf("failing resume: exit %d, stderr %q; want %d and a message with %q", code, msg, tc.code, tc.stderr)
			}
			if diff := snapshotDiff(snapshotDir(t, out), before); len(diff) > 0 {
				t.Fatalf("the failed resume changed the interrupted run's folder: %s", strings.Join(diff, "; "))
			}

			repair()
			if code, _, msg := runCLI(t, "", args(out, "--resume")...); code != exitOK {
				t.Fatalf("resume once the cause is gone: exit %d: %s", code, msg)
			}
			if code, stdout, stderr := runCLI(t, "", "validate", out); code != exitOK {
				t.Errorf("resumed output does not validate: exit %d\n%s%s", code, stdout, stderr)
			}
			if got, want := jsonlRows(t, out), jsonlRows(t, ref); got != want {
				t.Errorf("resumed rows differ from an uninterrupted run's (%d vs %d bytes)", len(got), len(want))
			}
			for _, f := range finalFiles(t, out) {
				if strings.HasSuffix(f, ".part") || strings.HasSuffix(f, ".tmp") || strings.HasSuffix(f, ".old") {
					t.Errorf("the resumed run left %s", f)
				}
			}
		})
	}
}
