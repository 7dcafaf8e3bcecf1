package build

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/corpustools/corpus/corpus"
	"github.com/corpustools/corpus/corpus/source"
	"github.com/corpustools/corpus/formats"
	"github.com/corpustools/corpus/schemas"
)

// File names inside an output folder.
const (
	ManifestName = "manifest.json"
	ErrorsName   = "errors.jsonl"
)

// ErrNotEmpty is returned when the output folder holds files and
// Config.Overwrite is not set.
var ErrNotEmpty = errors.New("output folder is not empty (use --overwrite to replace an earlier corpus)")

// prepareOutput creates dir, or checks that it is empty; with overwrite it
// removes the files an earlier run's manifest lists, and nothing else.
func prepareOutput(dir string, overwrite bool) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	if len(entries) == 0 {
		return nil
	}
	if !overwrite {
		return fmt.Errorf("%s: %w", dir, ErrNotEmpty)
	}
	m, err := ReadManifest(dir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("%s: --overwrite replaces only an earlier corpus, and this folder has no %s", dir, ManifestName)
		}
		return err
	}
	paths := make([]string, len(m.Outputs))
	for i, o := range m.Outputs { // check every path before removing any
		p, err := insideDir(dir, o.Path)
		if err != nil {
			return err
		}
		paths[i] = p
	}
	for _, p := range paths {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove earlier output: %w", err)
		}
	}
	if m.Errors != nil {
		os.Remove(filepath.Join(dir, ErrorsName))
	}
	for _, part := range []string{errorsPart, idsPart} {
		os.Remove(filepath.Join(dir, part))
		os.Remove(filepath.Join(dir, part+asideSuffix)) // left by a checkpoint that crashed
	}
	return os.Remove(filepath.Join(dir, ManifestName))
}

// insideDir joins a manifest path to dir, refusing paths that leave dir.
func insideDir(dir, rel string) (string, error) {
	clean := filepath.Clean(filepath.FromSlash(rel))
	if filepath.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("manifest names a path outside the output folder: %q", rel)
	}
	return filepath.Join(dir, clean), nil
}

// errorLog writes errors.jsonl under a temporary name.
type errorLog struct {
	dir, tmp string
	f        *os.File
	w        *bufio.Writer
	lines    int64
}

// errorsPart is the name errors.jsonl has while a run is interrupted.
const errorsPart = "." + ErrorsName + ".part"

// newErrorLog starts errors.jsonl under a temporary name; resume continues
// the lines of an interrupted run (lines of them).
func newErrorLog(dir string, resume bool, lines int64) (*errorLog, error) {
	tmp := filepath.Join(dir, "."+ErrorsName+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return nil, err
	}
	l := &errorLog{dir: dir, tmp: tmp, f: f, w: bufio.NewWriter(f), lines: lines}
	if resume {
		part, err := os.Open(filepath.Join(dir, errorsPart))
		if err != nil {
			l.abort()
			return nil, fmt.Errorf("resume: %w", err)
		}
		_, err = io.Copy(l.w, part)
		part.Close()
		if err != nil {
			l.abort()
			return nil, fmt.Errorf("resume: %w", err)
		}
	}
	return l, nil
}

// seal flushes, syncs and closes the log, still under its temporary name
// (l.tmp), for the checkpoint of an interrupted run to rename to errorsPart.
func (l *errorLog) seal() error {
	if err := l.w.Flush(); err != nil {
		return fmt.Errorf("%s: %w", l.tmp, err)
	}
	if err := l.f.Sync(); err != nil {
		return fmt.Errorf("%s: %w", l.tmp, err)
	}
	if err := l.f.Close(); err != nil {
		return fmt.Errorf("%s: %w", l.tmp, err)
	}
	l.f = nil
	return nil
}

// ErrorRecord is one line of errors.jsonl.
type ErrorRecord struct {
	Source string `json:"source"`
	Line   int    `json:"line,omitempty"`
	Offset *int64 `json:"offset,omitempty"`
	Reason string `json:"reason"`
	Error  string `json:"error"`
}

func (l *errorLog) add(e *corpus.DocError) error {
	rec := ErrorRecord{Source: e.Source, Line: e.Line, Reason: string(e.Reason), Error: e.Err.Error()}
	if e.Offset >= 0 {
		off := e.Offset
		rec.Offset = &off
	}
	buf := make([]byte, 0, 256)
	buf = append(buf, `{"source":`...)
	buf = formats.AppendJSONString(buf, rec.Source)
	if rec.Line > 0 {
		buf = append(buf, fmt.Sprintf(`,"line":%d`, rec.Line)...)
	}
	if rec.Offset != nil {
		buf = append(buf, fmt.Sprintf(`,"offset":%d`, *rec.Offset)...)
	}
	buf = append(buf, `,"reason":`...)
	buf = formats.AppendJSONString(buf, rec.Reason)
	buf = append(buf, `,"error":`...)
	buf = formats.AppendJSONString(buf, rec.Error)
	buf = append(buf, "}\n"...)
	l.lines++
	_, err := l.w.Write(buf)
	return err
}

// ErrorsFile describes errors.jsonl in the manifest.
type ErrorsFile struct {
	Path   string `json:"path"`
	Lines  int64  `json:"lines"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

func (l *errorLog) close() (*ErrorsFile, error) {
	if err := l.w.Flush(); err != nil {
		return nil, err
	}
	if err := l.f.Sync(); err != nil {
		return nil, err
	}
	if err := l.f.Close(); err != nil {
		return nil, err
	}
	l.f = nil
	sum, n, err := formats.FileSHA256(l.tmp)
	if err != nil {
		return nil, err
	}
	final := filepath.Join(l.dir, ErrorsName)
	if err := os.Rename(l.tmp, final); err != nil {
		return nil, err
	}
	l.tmp = final
	return &ErrorsFile{Path: ErrorsName, Lines: l.lines, Bytes: n, SHA256: sum}, nil
}

func (l *errorLog) abort() {
	if l.f != nil {
		l.f.Close()
	}
	os.Remove(l.tmp)
}

// Manifest is the content of manifest.json, written last: a build that has
// a manifest finished, and the manifest lists exactly its files.
type Manifest struct {
	Tool      string               `json:"tool"`
	Version   string               `json:"version"`
	Complete  bool                 `json:"complete"`
	CreatedAt string               `json:"created_at,omitempty"`
	Schema    ManifestSchema       `json:"schema"`
	Options   map[string]any       `json:"options"`
	Inputs    []source.InputStat   `json:"inputs"`
	Outputs   []formats.OutputFile `json:"outputs"`
	Errors    *ErrorsFile          `json:"errors"`
	Counts    *Summary             `json:"counts"`
	// Args are the input arguments of the build.
	Args []string `json:"args"`
	// Checkpoint, in the manifest of an interrupted run (Complete false),
	// says how far the run got, for --resume.
	Checkpoint *Checkpoint `json:"checkpoint,omitempty"`
}

// Checkpoint is where an interrupted run stopped: Outcomes documents and
// skips were written or logged, the first Files inputs entirely, then
// InFile outcomes of the next input.
type Checkpoint struct {
	Outcomes int64 `json:"outcomes"`
	Files    int   `json:"files"`
	InFile   int64 `json:"in_file"`
	// IDs is the file holding the keys of the ids the input gave so far,
	// absent when it gave none (or when an earlier version, which did not
	// keep them, wrote the checkpoint).
	IDs *IDsPart `json:"ids,omitempty"`
}

// ManifestSchema names the schema of the rows.
type ManifestSchema struct {
	Name    string       `json:"name"`
	Version string       `json:"version"`
	Unit    schemas.Unit `json:"unit"`
}

func newManifest(cfg *Config, sum *Summary, inputs []source.InputStat, outs []formats.OutputFile, errs *ErrorsFile) *Manifest {
	if inputs == nil {
		inputs = []source.InputStat{}
	}
	return &Manifest{
		Tool: "corpus", Version: cfg.ToolVersion, Complete: true, CreatedAt: cfg.CreatedAt,
		Schema:  ManifestSchema{Name: schemas.Name, Version: schemas.Version, Unit: cfg.Unit},
		Options: cfg.OptionsRecord, Inputs: inputs, Outputs: outs, Errors: errs, Counts: sum, Args: cfg.Inputs,
	}
}

func writeManifest(dir string, m *Manifest) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	data = append(data, '\n')
	return WriteFileAtomic(filepath.Join(dir, ManifestName), data)
}

// ReadManifest reads DIR/manifest.json.
func ReadManifest(dir string) (*Manifest, error) {
	data, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, ManifestName), err)
	}
	return &m, nil
}

// WriteFileAtomic writes data to a temporary file beside path, syncs it and
// renames it to path.
func WriteFileAtomic(path string, data []byte) error {
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

func marshalOptions(o map[string]any) (string, error) {
	if o == nil {
		return "{}", nil
	}
	b, err := json.Marshal(o)
	return string(b), err
}
