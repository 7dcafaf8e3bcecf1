package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// interruptAfter is the stdout of an in-process `corpus build
// --explain-segmentation` run that is interrupted right after the document
// containing marker is written: the explanation of that document fails with
// context.Canceled, the error a SIGINT gives the build, so the run stops
// there as a real interruption would, but at a chosen document.
type interruptAfter struct {
	marker string
	hit    bool
}

// Write fails the first write that holds the marker.
func (w *interruptAfter) Write(p []byte) (int, error) {
	if !w.hit && bytes.Contains(p, []byte(w.marker)) {
		w.hit = true
		return 0, context.Canceled
	}
	return len(p), nil
}

// dupIDBuild writes JSONL inputs whose ids repeat after a document marked
// STOP, in the same file and in the next one; it returns the arguments of
// a build of them into an output folder, with extra flags.
func dupIDBuild(t *testing.T) func(out string, extra ...string) []string {
	t.Helper()
	in := filepath.Join(t.TempDir(), "in")
	doc := func(id, text string) string { return fmt.Sprintf(`{"id":%q,"text":%q}`+"\n", id, text) }
	writeFile(t, filepath.Join(in, "1.jsonl"), []byte(
		doc("x", "First x. Two sentences.")+
			doc("y", "First y.")+
			doc("z", "STOP here. Then go on.")+
			doc("x", "Repeat of x, after the interruption.")+
			doc("w", "First w.")))
	writeFile(t, filepath.Join(in, "2.jsonl"), []byte(
		doc("y", "Repeat of y, in the next file.")+
			doc("v", "First v.")))
	return func(out string, extra ...string) []string {
		a := append([]string{"build", "-q", "-j", "2", "-f", "jsonl,parquet", "--unit", "sentence",
			"--input-format", "jsonl", "-o", out}, extra...)
		return append(a, in)
	}
}

// interruptAtStop runs the build of args into a new output folder and
// interrupts it right after the document marked STOP; it returns the folder.
func interruptAtStop(t *testing.T, args func(out string, extra ...string) []string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	stdout := &interruptAfter{marker: "STOP"}
	var stderr bytes.Buffer
	code := run(context.Background(), append([]string{"corpus"}, args(out, "--explain-segmentation")...),
		strings.NewReader(""), stdout, &stderr)
	if code != exitInterrupted || !stdout.hit {
		t.Fatalf("interrupted run: exit %d (marker seen: %v), want %d: %s", code, stdout.hit, exitInterrupted, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(out, ".ids.part")); err != nil {
		t.Fatalf("the interrupted run kept no ids: %v", err)
	}
	return out
}

// TestResumeDuplicateIDs interrupts a JSONL build between the first
// occurrence of ids and their repeats (in the same file and in the next
// one), resumes it, and checks that the repeats are still skipped and
// reported: the rows, errors.jsonl and counts are an uninterrupted run's,
// the output validates, and no part file is left.
func TestResumeDuplicateIDs(t *testing.T) {
	args := dupIDBuild(t)
	ref := filepath.Join(t.TempDir(), "ref")
	if code, _, stderr := runCLI(t, "", args(ref)...); code != exitOK {
		t.Fatalf("uninterrupted run: exit %d: %s", code, stderr)
	}
	out := interruptAtStop(t, args)
	if code, _, stderr := runCLI(t, "", args(out, "--resume")...); code != exitOK {
		t.Fatalf("resume: exit %d: %s", code, stderr)
	}

	if code, stdout, stderr := runCLI(t, "", "validate", out); code != exitOK {
		t.Errorf("resumed output does not validate: exit %d\n%s%s", code, stdout, stderr)
	}
	if got, want := jsonlRows(t, out), jsonlRows(t, ref); got != want {
		t.Errorf("resumed rows differ from an uninterrupted run's:\n%s\n--- want ---\n%s", got, want)
	}
	e1, _ := os.ReadFile(filepath.Join(ref, "errors.jsonl"))
	e2, _ := os.ReadFile(filepath.Join(out, "errors.jsonl"))
	if string(e1) != string(e2) {
		t.Errorf("errors.jsonl differs:\n%s\n--- want ---\n%s", e2, e1)
	}
	dups := map[string]bool{}
	for _, rec := range readErrors(t, out) {
		if rec["reason"] == "duplicate-id" {
			dups[fmt.Sprint(rec["source"])] = true
		}
	}
	for _, want := range []string{"1.jsonl:4", "2.jsonl:1"} { // sources relative to the folder given
		if !dups[want] {
			t.Errorf("the repeated id of %s is not reported as duplicate-id (reported: %v)", want, dups)
		}
	}
	counts := func(dir string) string {
		data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
		if err != nil {
			t.Fatal(err)
		}
		s := string(data)
		return s[strings.Index(s, `"counts"`):]
	}
	if got, want := counts(out), counts(ref); got != want {
		t.Errorf("manifest counts differ:\n%s\n--- want ---\n%s", got, want)
	}
	for _, f := range finalFiles(t, out) {
		if strings.HasSuffix(f, ".part") || strings.HasSuffix(f, ".tmp") {
			t.Errorf("the resumed run left %s", f)
		}
	}
}

// TestResumeBadIDsPart checks that --resume stops with a message naming the
// ids part when it is missing or corrupt, and leaves the interrupted run
// resumable once the file is back.
func TestResumeBadIDsPart(t *testing.T) {
	args := dupIDBuild(t)
	out := interruptAtStop(t, args)
	part := filepath.Join(out, ".ids.part")
	good, err := os.ReadFile(part)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, want string
		damage     func() error
	}{
		{"missing", "no such file", func() error { return os.Remove(part) }},
		{"corrupt", "corrupt", func() error { return os.WriteFile(part, append(good[:len(good)-1:len(good)-1], 'x'), 0o644) }},
	} {
		if err := tc.damage(); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := runCLI(t, "", args(out, "--resume")...)
		if code != exitOutput || !strings.Contains(stderr, part) || !strings.Contains(stderr, tc.want) {
			t.Errorf("%s ids part: exit %d, stderr %q; want %d and a message naming %s", tc.name, code, stderr, exitOutput, part)
		}
	}
	if err := os.WriteFile(part, good, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "", args(out, "--resume")...); code != exitOK {
		t.Errorf("resume with the ids part restored: exit %d: %s", code, stderr)
	}
}
