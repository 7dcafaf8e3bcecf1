package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAccounting builds a randomized tree of good and bad files and checks
// that every document is accounted for: written + skipped (by reason) =
// read, every skip is in errors.jsonl, and the rows are the good files'.
func TestAccounting(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	in := filepath.Join(t.TempDir(), "in")
	wantSkips := map[string]int64{}
	good := 0
	kinds := []string{"good", "binary", "empty", "truncated-gzip", "invalid-utf8", "too-large", "good-gzip"}
	for i := 0; i < 120; i++ {
		kind := kinds[rng.IntN(len(kinds))]
		dir := filepath.Join(in, fmt.Sprintf("d%d", rng.IntN(4)), fmt.Sprintf("e%d", rng.IntN(3)))
		name := filepath.Join(dir, fmt.Sprintf("%03d-%s.txt", i, kind))
		text := fmt.Sprintf("Document %d. It has two sentences! नमस्ते।\n", i)
		switch kind {
		case "good":
			writeFile(t, name, []byte(text))
			good++
		case "good-gzip":
			writeFile(t, name+".gz", gzipBytes(t, text))
			good++
		case "binary":
			writeFile(t, name, []byte("\x7fELF\x02\x01\x01\x00\x00\x00"))
			wantSkips["binary"]++
		case "empty":
			writeFile(t, name, []byte(" \n\n\t"))
			wantSkips["empty"]++
		case "truncated-gzip":
			writeFile(t, name+".gz", gzipBytes(t, strings.Repeat(text, 100))[:30])
			wantSkips["decompress"]++
		case "invalid-utf8":
			writeFile(t, name, []byte("bad \xff\xfe bytes"))
			wantSkips["invalid-utf8"]++
		case "too-large":
			writeFile(t, name, bytes.Repeat([]byte("x "), 3000))
			wantSkips["too-large"]++
		}
	}
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := runCLI(t, "", "build", "-q", "-f", "jsonl", "--on-invalid", "skip", "--max-doc-bytes", "4096", "-o", out, in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var m struct {
		Counts struct {
			Read     int64            `json:"documents_read"`
			Written  int64            `json:"documents_written"`
			Skipped  int64            `json:"documents_skipped"`
			ByReason map[string]int64 `json:"skipped_by_reason"`
			Rows     int64            `json:"rows"`
		} `json:"counts"`
	}
	data, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	c := m.Counts
	if c.Written+c.Skipped != c.Read || c.Read != 120 {
		t.Errorf("written %d + skipped %d != read %d (want 120)", c.Written, c.Skipped, c.Read)
	}
	if c.Written != int64(good) || c.Rows != int64(good) {
		t.Errorf("written %d, rows %d; want %d", c.Written, c.Rows, good)
	}
	var sum int64
	for r, n := range c.ByReason {
		sum += n
		if wantSkips[r] != n {
			t.Errorf("reason %s: %d skipped, want %d", r, n, wantSkips[r])
		}
	}
	if sum != c.Skipped || len(c.ByReason) != len(wantSkips) {
		t.Errorf("by reason %v, want %v", c.ByReason, wantSkips)
	}
	recs := readErrors(t, out)
	if int64(len(recs)) != c.Skipped {
		t.Errorf("errors.jsonl has %d lines, %d skipped", len(recs), c.Skipped)
	}
	for _, r := range recs {
		src := r["source"].(string)
		if !strings.Contains(src, "-") || strings.Contains(src, "-good") {
			t.Errorf("errors.jsonl lists %s", src)
		}
		if _, err := os.Stat(filepath.Join(in, src)); err != nil {
			t.Errorf("errors.jsonl source %q is not the path relative to the input: %v", src, err)
		}
	}
}
