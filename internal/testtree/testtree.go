// Package testtree helps tests compare folders: what a run left on disk,
// before and after.
package testtree

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// Read returns the content of every file under dir, hidden ones too, by
// path relative to dir with forward slashes. It fails the test on error.
func Read(tb testing.TB, dir string) map[string]string {
	tb.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return files
}
