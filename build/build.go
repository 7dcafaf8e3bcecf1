// Package build runs a whole corpus build: it finds the inputs, runs the
// [corpus] pipeline over them, writes the rows with the [formats] writers
// into an output folder, and finishes with errors.jsonl and manifest.json.
// It is what `corpus build` calls; it knows nothing of the command line.
package build

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/corpustools/corpus/corpus"
	"github.com/corpustools/corpus/corpus/source"
	"github.com/corpustools/corpus/formats"
	"github.com/corpustools/corpus/schemas"
)

// ErrorPolicy says what a build does with a document or input it cannot use.
type ErrorPolicy uint8

// The error policies.
const (
	OnErrorSkip ErrorPolicy = iota // count, report in errors.jsonl, go on
	OnErrorFail                    // stop at the first problem
)

// ParseErrorPolicy parses "skip" or "fail".
func ParseErrorPolicy(s string) (ErrorPolicy, error) {
	switch s {
	case "skip":
		return OnErrorSkip, nil
	case "fail":
		return OnErrorFail, nil
	}
	return 0, fmt.Errorf("unknown error policy %q (want skip or fail)", s)
}

// Config is everything a build needs.
type Config struct {
	// Inputs are the input arguments: files, folders, globs, "-".
	Inputs []string
	// Output is the output folder.
	Output string
	// Overwrite allows a non-empty output folder; only the files listed in
	// its manifest are replaced.
	Overwrite bool
	// Resume continues an interrupted run in Output (whose manifest says
	// where it stopped) with the same inputs and options.
	Resume bool
	// Formats are the output format names.
	Formats []string
	// Compression maps a format name to its compression ("" = default).
	Compression map[string]string
	// Unit is what a row is.
	Unit schemas.Unit
	// RowGroupRows, MaxRowsPerFile and MaxFileBytes bound row groups and shards.
	RowGroupRows   int
	MaxRowsPerFile int64
	MaxFileBytes   int64
	// Jobs is the number of workers (0: 1).
	Jobs int
	// OnError says what to do with a bad document or input.
	OnError ErrorPolicy
	// Source configures reading.
	Source source.Options
	// Process configures the per-document pipeline.
	Process *corpus.Options
	// ToolVersion is recorded in the manifest and file metadata.
	ToolVersion string
	// CreatedAt, when not empty, is recorded in the manifest (RFC 3339).
	CreatedAt string
	// OptionsRecord is the options as the user gave them, for the manifest.
	OptionsRecord map[string]any
	// Progress, when set, is called after each document with the input
	// bytes read so far and the total size of the input files (0 when
	// unknown, as for stdin).
	Progress func(done, total int64)
	// Explain, when set, is called with each document as written (for
	// --explain-segmentation).
	Explain func(d *corpus.Document) error
}

// Summary counts what a build did.
type Summary struct {
	DocumentsRead    int64            `json:"documents_read"`
	DocumentsWritten int64            `json:"documents_written"`
	DocumentsSkipped int64            `json:"documents_skipped"`
	SkippedByReason  map[string]int64 `json:"skipped_by_reason"`
	Rows             int64            `json:"rows"`
	InvalidRepaired  int64            `json:"invalid_utf8_replaced"`
	InputBytes       int64            `json:"input_bytes"`
	TextBytes        int64            `json:"text_bytes"`
	// Outputs are the files written, with paths relative to the output folder.
	Outputs []formats.OutputFile `json:"-"`
}

// FailError is returned when OnErrorFail stopped the build at a bad input.
type FailError struct{ Err *corpus.DocError }

func (e *FailError) Error() string { return e.Err.Error() }

// Unwrap returns the document error.
func (e *FailError) Unwrap() error { return e.Err }

// OutputError reports a problem with the output folder or writing to it.
type OutputError struct{ Err error }

func (e *OutputError) Error() string { return "output: " + e.Err.Error() }

// Unwrap returns the cause.
func (e *OutputError) Unwrap() error { return e.Err }

// Run performs the build described by cfg. On any error it removes the
// files it created; the output folder then holds no final-named partial file.
// A failed --resume run (cfg.Resume) leaves the folder as the interruption
// left it, parts and manifest, so that it can be resumed again once the
// cause of the failure is gone.
func Run(ctx context.Context, cfg *Config) (*Summary, error) {
	if cfg.Process == nil {
		cfg.Process = corpus.DefaultOptions()
	}
	if len(cfg.Formats) == 0 {
		return nil, errors.New("no output format")
	}
	fmts := make([]formats.Format, len(cfg.Formats))
	for i, name := range cfg.Formats {
		f, err := formats.Lookup(name)
		if err != nil {
			return nil, err
		}
		if _, err := f.Compression(cfg.Compression[name]); err != nil {
			return nil, err
		}
		fmts[i] = f
	}
	files, planSkips, err := source.Plan(cfg.Inputs)
	if err != nil {
		return nil, err
	}
	files = outsideOf(cfg.Output, files)
	_, statErr := os.Stat(cfg.Output)
	var prev *Manifest
	if cfg.Resume {
		if prev, err = resumable(cfg); err != nil {
			return nil, err
		}
	} else if err := prepareOutput(cfg.Output, cfg.Overwrite); err != nil {
		return nil, &OutputError{err}
	}

	meta := map[string]string{"corpus.tool.version": cfg.ToolVersion}
	if opts, err := marshalOptions(cfg.OptionsRecord); err == nil {
		meta["corpus.build.options"] = opts
	}
	dataDir := filepath.Join(cfg.Output, "data")
	b := &builder{cfg: cfg, sum: &Summary{SkippedByReason: map[string]int64{}}, createdOutput: os.IsNotExist(statErr),
		resumed: prev != nil, ids: idSet{}}
	var skipOutcomes int64
	if prev != nil {
		if prev.Checkpoint.IDs != nil { // before any file is created, so that an error leaves the folder as it was
			if b.ids, err = readIDs(cfg.Output, prev.Checkpoint.IDs); err != nil {
				return nil, &OutputError{fmt.Errorf("resume: ids of the interrupted run: %w", err)}
			}
		}
		b.sum = prev.Counts
		if b.sum.SkippedByReason == nil {
			b.sum.SkippedByReason = map[string]int64{}
		}
		b.consumed = prev.Checkpoint.Outcomes
		skipOutcomes = prev.Checkpoint.Outcomes
	}
	for _, f := range fmts {
		so := formats.ShardOptions{Dir: dataDir, MaxRowsPerFile: cfg.MaxRowsPerFile, MaxFileBytes: cfg.MaxFileBytes}
		if prev != nil {
			for _, o := range prev.Outputs {
				if o.Format == f.Name {
					o.Path = filepath.Join(cfg.Output, filepath.FromSlash(o.Path))
					so.Parts = append(so.Parts, o)
				}
			}
		}
		w, err := formats.NewShardedWriter(f, formats.Options{
			Unit: cfg.Unit, Compression: cfg.Compression[f.Name], RowGroupRows: cfg.RowGroupRows, Metadata: meta,
		}, so)
		if err != nil {
			return nil, b.fail(&OutputError{err})
		}
		b.writers = append(b.writers, w)
	}
	var errLines int64
	if prev != nil && prev.Errors != nil {
		errLines = prev.Errors.Lines
	}
	ew, err := newErrorLog(cfg.Output, prev != nil, errLines)
	if err != nil {
		return nil, b.fail(&OutputError{err})
	}
	b.errs = ew

	for _, s := range planSkips {
		if skipOutcomes > 0 { // logged by the interrupted run
			skipOutcomes--
			continue
		}
		if err := b.Skip(s); err != nil {
			return nil, b.fail(err)
		}
	}
	reader := source.NewReader(files, cfg.Source)
	b.reader = reader
	b.planSkips = int64(len(planSkips))
	for _, f := range files {
		if f.Size > 0 {
			b.inputBytes += f.Size
		}
	}
	if prev != nil {
		if err := reader.Resume(prev.Inputs[:prev.Checkpoint.Files], prev.Checkpoint.InFile); err != nil {
			return nil, b.fail(err)
		}
	}
	work := func(in *corpus.Input) (*processed, error) {
		d, err := corpus.Process(in, cfg.Process)
		if err != nil {
			return nil, err
		}
		p := &processed{doc: d}
		if d.GivenID {
			p.id = keyOf(d.ID)
		}
		formats.AppendRows(&p.rows, d, cfg.Unit) // on the workers, in parallel
		return p, nil
	}
	if err := corpus.RunFunc[*processed](ctx, cfg.Jobs, reader.Next, work, b); err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			if cerr := b.checkpoint(); cerr != nil {
				return nil, b.fail(errors.Join(err, cerr))
			}
			return nil, err
		}
		return nil, b.fail(err)
	}
	if err := b.finish(); err != nil {
		return nil, b.fail(err)
	}
	return b.sum, nil
}

// builder is the corpus.Sink of a build.
type builder struct {
	cfg     *Config
	sum     *Summary
	writers []*formats.ShardedWriter
	errs    *errorLog
	reader  *source.Reader
	written []formats.OutputFile

	ids           idSet // keys of the ids given by the input, to refuse repeats
	createdOutput bool  // the output folder did not exist before
	resumed       bool  // the build continues an interrupted run
	consumed      int64 // outcomes (documents and skips) handled, in input order
	planSkips     int64 // skips found while planning, before the reader's outcomes
	inputBytes    int64 // total size of the planned input files, for progress
}

// processed is the work done on one input by a worker: the document, its
// rows, and the key of its id when the input gave it.
type processed struct {
	doc  *corpus.Document
	rows schemas.Batch
	id   idKey
}

func (b *builder) Document(in *corpus.Input, p *processed) error {
	d := p.doc
	b.consumed++
	if d.GivenID { // ids given by the input must be unique; derived ones are
		if !b.ids.add(p.id) {
			return b.skip(&corpus.DocError{Source: d.Source, Line: in.Line, Offset: -1, Reason: corpus.ReasonDuplicateID,
				Err: fmt.Errorf("id %q is already used by an earlier document", d.ID)})
		}
	}
	b.sum.DocumentsRead++
	b.sum.DocumentsWritten++
	b.sum.InvalidRepaired += int64(d.Repairs)
	b.sum.TextBytes += int64(len(d.Text))
	b.sum.Rows += int64(p.rows.Len(b.cfg.Unit))
	for _, w := range b.writers {
		if err := w.Write(&p.rows); err != nil {
			return &OutputError{err}
		}
	}
	if b.cfg.Explain != nil {
		if err := b.cfg.Explain(d); err != nil {
			return err
		}
	}
	if b.cfg.Progress != nil && b.reader != nil {
		b.cfg.Progress(b.reader.BytesRead(), b.inputBytes)
	}
	return nil
}

func (b *builder) Skip(e *corpus.DocError) error {
	b.consumed++
	return b.skip(e)
}

// skip counts and logs a skipped document or input.
func (b *builder) skip(e *corpus.DocError) error {
	if b.cfg.OnError == OnErrorFail || (e.Reason == corpus.ReasonInvalidUTF8 && b.cfg.Process.OnInvalid == corpus.InvalidFail) {
		return &FailError{e}
	}
	b.sum.DocumentsRead++
	b.sum.DocumentsSkipped++
	b.sum.SkippedByReason[string(e.Reason)]++
	if err := b.errs.add(e); err != nil {
		return &OutputError{err}
	}
	return nil
}

// finish closes the writers and errors.jsonl, giving every file its final
// name, and writes the manifest. Until the manifest is written the writers
// and the error log are kept, so that on error abort undoes their files.
func (b *builder) finish() error {
	for _, w := range b.writers {
		files, err := w.Close()
		if err != nil {
			return &OutputError{err}
		}
		b.written = append(b.written, files...)
	}
	errFile, err := b.errs.close()
	if err != nil {
		return &OutputError{err}
	}
	var inputs []source.InputStat
	if b.reader != nil {
		inputs = b.reader.Inputs()
		for _, in := range inputs {
			b.sum.InputBytes += in.Bytes
		}
	}
	outs := make([]formats.OutputFile, len(b.written))
	for i, f := range b.written {
		rel, err := filepath.Rel(b.cfg.Output, f.Path)
		if err != nil {
			rel = f.Path
		}
		f.Path = filepath.ToSlash(rel)
		outs[i] = f
	}
	sort.SliceStable(outs, func(i, j int) bool { return outs[i].Path < outs[j].Path })
	b.sum.Outputs = outs
	m := newManifest(b.cfg, b.sum, inputs, outs, errFile)
	if err := writeManifest(b.cfg.Output, m); err != nil {
		return &OutputError{err}
	}
	// The manifest lists the files: there is nothing to undo any more.
	b.writers = nil
	b.errs = nil
	// The parts of an interrupted run this one finished are done with. The
	// run is complete whatever happens here: a part left behind is hidden,
	// not listed by the manifest, and removed by --overwrite.
	os.Remove(filepath.Join(b.cfg.Output, errorsPart))
	os.Remove(filepath.Join(b.cfg.Output, idsPart))
	return nil
}

// abort undoes what the build did to the output folder: it removes every
// file the build created (final-named ones included, when the manifest
// could not be written) and puts the parts of the interrupted run a resumed
// build continues back under their part names, so that the folder is as
// that interruption left it and can be resumed again. The error says what
// it could not undo.
func (b *builder) abort() error {
	var errs []error
	for _, w := range b.writers {
		if err := w.Abort(); err != nil {
			errs = append(errs, err)
		}
	}
	b.writers = nil
	if b.errs != nil {
		b.errs.abort()
		b.errs = nil
	}
	// Folders the build created and left empty go too.
	if !b.resumed {
		os.Remove(filepath.Join(b.cfg.Output, "data"))
	}
	if b.createdOutput {
		os.Remove(b.cfg.Output)
	}
	return errors.Join(errs...)
}

// fail aborts the build and returns err, joined with what abort could not
// undo if anything.
func (b *builder) fail(err error) error {
	if aerr := b.abort(); aerr != nil {
		return errors.Join(err, &OutputError{fmt.Errorf("undo the failed run: %w", aerr)})
	}
	return err
}

// outsideOf drops the files inside the output folder, so that a build whose
// output lies in its input never reads an earlier build's files as input.
func outsideOf(out string, files []source.File) []source.File {
	abs, err := filepath.Abs(out)
	if err != nil {
		return files
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	kept := files[:0:0]
	for _, f := range files {
		if f.Real == abs || strings.HasPrefix(f.Real, abs+string(filepath.Separator)) {
			continue
		}
		kept = append(kept, f)
	}
	return kept
}
