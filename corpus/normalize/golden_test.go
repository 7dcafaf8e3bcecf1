package normalize

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/transform"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden normalizes each testdata/*.input in every form and compares the
// result with testdata/NAME.FORM.golden; -update rewrites the golden files.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "*.input"))
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) == 0 {
		t.Fatal("no testdata/*.input files")
	}
	for _, in := range inputs {
		src, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range allForms {
			name := strings.TrimSuffix(in, ".input") + "." + f.String() + ".golden"
			got := Append(nil, src, f)
			stream, err := io.ReadAll(transform.NewReader(bytes.NewReader(src), NewTransformer(f)))
			if err != nil {
				t.Fatalf("%s: reader: %v", name, err)
			}
			if !bytes.Equal(stream, got) {
				t.Errorf("%s: transformer output differs from Append", name)
			}
			if *update {
				if err := os.WriteFile(name, got, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(name)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s: output differs from the golden file:\n got %+q\nwant %+q", name, got, want)
			}
		}
	}
}
