package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
	"golang.org/x/text/unicode/norm"
)

func TestRun(t *testing.T) {
	tests := []struct {
		path      string // relative to the input dir
		in        string
		wantText  string
		wantSents int
	}{
		{
			path:      "en/a.txt",
			in:        "The cafe\u0301 opens at nine. It closes late! Does it serve tea?",
			wantText:  "The caf\u00e9 opens at nine. It closes late! Does it serve tea?",
			wantSents: 3,
		},
		{
			path:      "hi/b.txt",
			in:        "यह एक वाक्य है। यह दूसरा वाक्य है। और तीसरा।",
			wantText:  "यह एक वाक्य है। यह दूसरा वाक्य है। और तीसरा।",
			wantSents: 3,
		},
		{
			path:      "z.txt",
			in:        "One line without a full stop",
			wantText:  "One line without a full stop",
			wantSents: 1,
		},
	}

	dir := t.TempDir()
	for _, tt := range tests {
		p := filepath.Join(dir, filepath.FromSlash(tt.path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(tt.in), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Not a regular file: must be skipped.
	if err := os.Symlink("z.txt", filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}

	out := filepath.Join(t.TempDir(), "out.parquet")
	st, err := run(dir, out)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	var wantBytes int64
	for _, tt := range tests {
		wantBytes += int64(len(tt.in))
	}
	if st.Docs != len(tests) || st.Bytes != wantBytes {
		t.Errorf("stats = %+v, want {Docs:%d Bytes:%d}", st, len(tests), wantBytes)
	}

	rows, err := parquet.ReadFile[Row](out)
	if err != nil {
		t.Fatalf("read back: %v", err)
	}
	if len(rows) != len(tests) {
		t.Fatalf("got %d rows, want %d", len(rows), len(tests))
	}
	// WalkDir goes in lexical order, so rows come in the order of tests.
	for i, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			r := rows[i]
			if r.Source != tt.path {
				t.Errorf("source = %q, want %q", r.Source, tt.path)
			}
			id := sha256.Sum256([]byte(tt.path))
			if want := hex.EncodeToString(id[:16]); r.ID != want {
				t.Errorf("id = %q, want %q", r.ID, want)
			}
			if r.Text != tt.wantText {
				t.Errorf("text = %q, want %q", r.Text, tt.wantText)
			}
			if !norm.NFC.IsNormalString(r.Text) {
				t.Errorf("text %q is not NFC", r.Text)
			}
			sum := sha256.Sum256([]byte(tt.wantText))
			if want := hex.EncodeToString(sum[:]); r.SHA256 != want {
				t.Errorf("sha256 = %s, want %s", r.SHA256, want)
			}
			if len(r.Sentences) != tt.wantSents {
				t.Errorf("got %d sentences %v, want %d", len(r.Sentences), r.Sentences, tt.wantSents)
			}
			// Spans are contiguous and cover the whole text.
			var pos int32
			var joined strings.Builder
			for _, s := range r.Sentences {
				if s.Start != pos || s.End <= s.Start || int(s.End) > len(r.Text) {
					t.Fatalf("bad span %+v after offset %d in %v", s, pos, r.Sentences)
				}
				joined.WriteString(r.Text[s.Start:s.End])
				pos = s.End
			}
			if int(pos) != len(r.Text) || joined.String() != r.Text {
				t.Errorf("spans %v do not cover the text (len %d)", r.Sentences, len(r.Text))
			}
		})
	}
}

func TestRunErrors(t *testing.T) {
	tests := []struct {
		name     string
		dir, out string
	}{
		{"missing input dir", filepath.Join(t.TempDir(), "nope"), filepath.Join(t.TempDir(), "o.parquet")},
		{"unwritable output", t.TempDir(), filepath.Join(t.TempDir(), "no", "such", "dir", "o.parquet")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := run(tt.dir, tt.out); err == nil {
				t.Error("run succeeded, want an error")
			}
		})
	}
}
