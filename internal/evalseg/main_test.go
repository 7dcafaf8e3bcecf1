package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	// Invented units; offsets are in code points.
	gold := `{"text": "One. Two."}
{"text": "राम आया। सीता गई।"}
{"text": ""}
`
	path := filepath.Join(t.TempDir(), "gold.jsonl")
	if err := os.WriteFile(path, []byte(gold), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{path}, "{\"ends\":[4,9]}\n{\"ends\":[8,17]}\n{\"ends\":[]}\n"},
		{[]string{"-lang", "hi", path}, "{\"ends\":[4,9]}\n{\"ends\":[8,17]}\n{\"ends\":[]}\n"},
		{[]string{"-mode", "uax29", path}, "{\"ends\":[4,9]}\n{\"ends\":[8,17]}\n{\"ends\":[]}\n"},
	} {
		var out, errb bytes.Buffer
		if err := run(tc.args, &out, &errb); err != nil {
			t.Fatalf("run %v: %v", tc.args, err)
		}
		if out.String() != tc.want {
			t.Errorf("run %v:\ngot  %s\nwant %s", tc.args, out.String(), tc.want)
		}
	}
	for _, args := range [][]string{{}, {"-mode", "x", path}, {"-lang", "not a tag", path}, {filepath.Join(t.TempDir(), "none")}} {
		var out, errb bytes.Buffer
		if err := run(args, &out, &errb); err == nil {
			t.Errorf("run %v: no error", args)
		}
	}
	var out, errb bytes.Buffer
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	os.WriteFile(bad, []byte("{\"text\": 1}\n"), 0o644)
	if err := run([]string{bad}, &out, &errb); err == nil || !strings.Contains(err.Error(), "bad.jsonl:1:") {
		t.Errorf("bad gold line: error %v", err)
	}
}
