// Package source finds input files (paths, folders, globs, stdin) and reads
// them as a stream of raw documents for [corpus.Run]: plain text or JSONL,
// optionally gzip or zstd compressed.
package source

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/corpustools/corpus/corpus"
)

// Stdin is the argument that names standard input.
const Stdin = "-"

// File is one input file found by [Plan].
type File struct {
	// Arg is the command-line argument that named the file.
	Arg string
	// Path is the path to open ("-" for stdin).
	Path string
	// Rel is the path relative to the argument (the file's base name when
	// the argument names the file itself), with "/" separators, as valid
	// UTF-8 (bytes of a name that are not UTF-8 become U+FFFD).
	Rel string
	// Key is Arg and the raw relative path: unique among the files of a
	// run, even where Rel is not (names that differ in non-UTF-8 bytes).
	Key string
	// Size is the file size in bytes, -1 when unknown (stdin).
	Size int64
	// Real is the absolute path with symbolic links resolved ("" for stdin).
	Real string
}

// PathError reports an input argument that cannot be used at all: a path that
// does not exist, a glob that matches nothing, a folder without files.
type PathError struct {
	Arg    string
	Reason corpus.Reason
	Err    error
}

func (e *PathError) Error() string { return fmt.Sprintf("%s: %v", e.Arg, e.Err) }

// Unwrap returns the cause.
func (e *PathError) Unwrap() error { return e.Err }

// Plan expands the arguments into the list of files to read, in argument
// order and, inside a folder, in sorted path order; hidden files and
// folders (names starting with ".") are left out. Symbolic links are
// followed; a link back into a folder being walked is reported as a skip.
// Problems with single files inside folders (unreadable entries, loops) are
// returned as skips; an argument that yields nothing is a *PathError.
func Plan(args []string) ([]File, []*corpus.DocError, error) {
	var files []File
	var skips []*corpus.DocError
	seen := map[string]bool{}
	for _, arg := range args {
		if arg == Stdin {
			files = append(files, File{Arg: arg, Path: Stdin, Rel: "stdin", Key: "-\x00stdin", Size: -1})
			continue
		}
		paths := []string{arg}
		base := ""
		if _, err := os.Lstat(arg); err != nil && hasMeta(arg) {
			m, gerr := filepath.Glob(arg)
			if gerr != nil {
				return nil, nil, &PathError{Arg: arg, Reason: corpus.ReasonNotFound, Err: fmt.Errorf("bad glob: %w", gerr)}
			}
			if len(m) == 0 {
				return nil, nil, &PathError{Arg: arg, Reason: corpus.ReasonNotFound, Err: errors.New("no file matches the pattern")}
			}
			sort.Strings(m)
			paths = m
			base = globBase(arg)
		}
		before, beforeSkips := len(files), len(skips)
		for _, p := range paths {
			fi, err := os.Stat(p)
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil, nil, &PathError{Arg: arg, Reason: corpus.ReasonNotFound, Err: errors.New("no such file or folder")}
				}
				return nil, nil, &PathError{Arg: arg, Reason: corpus.ReasonUnreadable, Err: err}
			}
			if !fi.IsDir() {
				rel := filepath.Base(p)
				if base != "" {
					rel = relTo(base, p)
				}
				add(&files, &skips, seen, File{Arg: arg, Path: p, Rel: filepath.ToSlash(rel), Size: fi.Size()}, "")
				continue
			}
			root := p
			w := walker{root: root, arg: arg, files: &files, skips: &skips, seen: seen, prefix: ""}
			if base != "" {
				w.prefix = relTo(base, p)
			}
			w.walk(root, map[fileKey]bool{})
		}
		if len(files) == before && !onlyDuplicates(skips[beforeSkips:]) {
			return nil, skips, &PathError{Arg: arg, Reason: corpus.ReasonNoInputFiles, Err: errors.New("no readable input file")}
		}
	}
	return files, skips, nil
}

// onlyDuplicates reports whether skips is not empty and holds only
// duplicate inputs: an argument naming files already read is not an error.
func onlyDuplicates(skips []*corpus.DocError) bool {
	for _, s := range skips {
		if s.Reason != corpus.ReasonDuplicateInput {
			return false
		}
	}
	return len(skips) > 0
}

// add appends f to files, or a skip when its resolved path was seen
// already. real is f's path with every link resolved, or "" to resolve it
// here (a walk knows it for the plain files of a resolved folder, which
// saves a system call per path element per file).
func add(files *[]File, skips *[]*corpus.DocError, seen map[string]bool, f File, real string) {
	f.Key = filepath.Clean(f.Arg) + "\x00" + f.Rel
	f.Rel = strings.ToValidUTF8(f.Rel, "\uFFFD")
	abs, err := real, error(nil)
	if abs == "" {
		abs, err = filepath.Abs(f.Path)
		if err == nil {
			if r, err := filepath.EvalSymlinks(abs); err == nil {
				abs = r
			}
		}
	}
	if err == nil {
		if seen[abs] {
			*skips = append(*skips, &corpus.DocError{Source: f.Rel, Offset: -1, Reason: corpus.ReasonDuplicateInput,
				Err: fmt.Errorf("%s names a file already read", f.Path)})
			return
		}
		seen[abs] = true
		f.Real = abs
	}
	*files = append(*files, f)
}

type fileKey struct{ dev, ino uint64 }

func keyOf(fi fs.FileInfo) (fileKey, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return fileKey{}, false
	}
	return fileKey{uint64(st.Dev), uint64(st.Ino)}, true
}

type walker struct {
	root, arg, prefix string
	files             *[]File
	skips             *[]*corpus.DocError
	seen              map[string]bool
}

// walk visits dir, following links, with the folders on the current path in
// stack to detect loops.
func (w *walker) walk(dir string, stack map[fileKey]bool) {
	fi, err := os.Stat(dir)
	if err != nil {
		w.skip(dir, corpus.ReasonUnreadable, err)
		return
	}
	if k, ok := keyOf(fi); ok {
		if stack[k] {
			w.skip(dir, corpus.ReasonSymlinkLoop, errors.New("folder reached again through a symbolic link"))
			return
		}
		stack[k] = true
		defer delete(stack, k)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		w.skip(dir, corpus.ReasonUnreadable, err)
		return
	}
	realDir := ""
	if abs, err := filepath.Abs(dir); err == nil {
		if r, err := filepath.EvalSymlinks(abs); err == nil {
			realDir = r
		}
	}
	for _, e := range entries { // ReadDir sorts by name
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		p := filepath.Join(dir, name)
		fi, err := os.Stat(p) // follows links
		if err != nil {
			reason := corpus.ReasonUnreadable
			if errors.Is(err, fs.ErrNotExist) {
				reason = corpus.ReasonNotFound // dangling link
			}
			w.skip(p, reason, err)
			continue
		}
		if fi.IsDir() {
			w.walk(p, stack)
			continue
		}
		if !fi.Mode().IsRegular() {
			continue // sockets, devices, pipes inside folders are not inputs
		}
		real := ""
		if realDir != "" && e.Type()&fs.ModeSymlink == 0 {
			real = filepath.Join(realDir, name)
		}
		add(w.files, w.skips, w.seen, File{Arg: w.arg, Path: p, Rel: w.rel(p), Size: fi.Size()}, real)
	}
}

func (w *walker) rel(p string) string {
	r := relTo(w.root, p)
	if w.prefix != "" && w.prefix != "." {
		r = filepath.Join(w.prefix, r)
	}
	return filepath.ToSlash(r)
}

func (w *walker) skip(p string, reason corpus.Reason, err error) {
	src := strings.ToValidUTF8(w.rel(p), "\uFFFD")
	*w.skips = append(*w.skips, &corpus.DocError{Source: src, Offset: -1, Reason: reason, Err: err})
}

func relTo(base, p string) string {
	r, err := filepath.Rel(base, p)
	if err != nil {
		return p
	}
	return r
}

func hasMeta(p string) bool { return strings.ContainsAny(p, `*?[`) }

// globBase returns the folder part of a pattern before its first meta character.
func globBase(pattern string) string {
	i := strings.IndexAny(pattern, `*?[`)
	dir := filepath.Dir(pattern[:i+1])
	return dir
}
