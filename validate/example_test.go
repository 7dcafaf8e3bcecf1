package validate_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/corpustools/corpus/build"
	"github.com/corpustools/corpus/corpus"
	"github.com/corpustools/corpus/schemas"
	"github.com/corpustools/corpus/validate"
)

// Paths checks an output folder through its manifest.
func ExamplePaths() {
	dir, _ := os.MkdirTemp("", "corpus-example")
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "out")
	if _, err := build.Run(context.Background(), &build.Config{
		Inputs: []string{"../testdata/sample"}, Output: out, Formats: []string{"parquet", "jsonl"},
		Unit: schemas.UnitSentence, Process: corpus.DefaultOptions(), ToolVersion: "example",
	}); err != nil {
		panic(err)
	}
	rep, err := validate.Paths([]string{out}, validate.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Println(rep.Valid, len(rep.Files), "files")
	// Output: true 2 files
}
