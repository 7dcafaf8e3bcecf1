package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/corpustools/corpus/schemas"
)

func readme(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestReadmeSchemaTables keeps the README's column tables equal to the schema.
func TestReadmeSchemaTables(t *testing.T) {
	doc := readme(t)
	for _, u := range schemas.Units {
		if !strings.Contains(doc, schemas.Markdown(u)) {
			t.Errorf("README.md lacks the current %s table (paste `corpus schema --unit %s --as markdown`)", u, u)
		}
	}
}

// TestReadmeCommands runs the README's commands that use the shipped sample:
// the set-up command and the tour lines on testdata/, each into a fresh folder.
func TestReadmeCommands(t *testing.T) {
	doc := readme(t)
	blocks := regexp.MustCompile("(?s)```sh\n(.*?)```").FindAllStringSubmatch(doc, -1)
	ran := 0
	for _, b := range blocks {
		for _, line := range strings.Split(b[1], "\n") {
			if i := strings.Index(line, " # "); i >= 0 {
				line = line[:i]
			}
			fields := strings.Fields(line)
			switch {
			case len(fields) > 3 && fields[0] == "go" && fields[1] == "run" && fields[2] == "./cmd/corpus":
				fields = fields[3:]
			case len(fields) > 1 && fields[0] == "corpus":
				fields = fields[1:]
			default:
				continue
			}
			if !strings.Contains(line, "testdata/") || strings.Contains(line, "|") || strings.Contains(line, "<") {
				continue // commands on the user's own files
			}
			if strings.Contains(line, "--resume") {
				continue // needs an interrupted run: TestInterrupt covers it
			}
			args := make([]string, len(fields))
			for i, f := range fields {
				switch {
				case strings.HasPrefix(f, "testdata/"):
					f = "../../" + f
				case i > 0 && (fields[i-1] == "-o" || fields[i-1] == "--output"):
					f = filepath.Join(t.TempDir(), f)
				}
				args[i] = f
			}
			code, _, stderr := runCLI(t, "", args...)
			if code != 0 {
				t.Errorf("README command %q: exit %d\n%s", line, code, stderr)
			}
			ran++
		}
	}
	if ran < 3 {
		t.Errorf("ran %d README commands, want the set-up command and the tour", ran)
	}
}
