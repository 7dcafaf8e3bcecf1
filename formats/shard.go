package formats

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"

	"github.com/corpustools/corpus/schemas"
)

// ShardOptions configure a [ShardedWriter].
type ShardOptions struct {
	// Dir is the folder the shards are written to (created if missing).
	Dir string
	// Prefix starts every shard name; "train" gives the Hugging Face layout
	// train-00000-of-00004.parquet.
	Prefix string
	// MaxRowsPerFile starts a new shard once a shard holds this many rows
	// (0: no limit). Rows of one batch are never split across shards.
	MaxRowsPerFile int64
	// MaxFileBytes starts a new shard once a shard's bytes written so far
	// reach this size (0: no limit). Writers buffer, so a shard can exceed
	// it by about one row group.
	MaxFileBytes int64
	// Parts are finished shards of an interrupted run (from
	// [ShardedWriter.Checkpoint]) that this writer continues: new shards
	// are numbered after them, and Close renames them all. They are not
	// the writer's to delete: Abort leaves them, or puts them back, under
	// the names they have here.
	Parts []OutputFile
}

// OutputFile describes one finished output file.
type OutputFile struct {
	// Path is ShardOptions.Dir joined with the file's name (a build writes
	// it relative to the output folder into the manifest).
	Path string `json:"path"`
	// Format is the format name.
	Format string `json:"format"`
	// Unit is the row unit.
	Unit schemas.Unit `json:"unit"`
	// Rows is the number of rows in the file.
	Rows int64 `json:"rows"`
	// Bytes is the file size.
	Bytes int64 `json:"bytes"`
	// SHA256 is the lowercase hex SHA-256 of the file.
	SHA256 string `json:"sha256"`
	// Schema names the schema of the rows, name@version.
	Schema string `json:"schema"`
}

// schemaRef names the schema every output file follows.
const schemaRef = schemas.Name + "@" + schemas.Version

// ShardedWriter writes rows into a series of files of one format, each
// under a temporary name until [ShardedWriter.Close] renames them all to
// their final names, which carry the shard count. A run that fails or is
// interrupted calls [ShardedWriter.Abort] and leaves no final-named file.
//
// Close and [ShardedWriter.Checkpoint] are not final either: the caller
// records their files (in a manifest, say), and if that fails, Abort undoes
// them. A writer whose files are recorded is dropped without Abort.
type ShardedWriter struct {
	format Format
	opts   Options
	shard  ShardOptions
	ext    string

	cur   *shardFile
	done  []*shardFile
	state writerState
}

// writerState is what a [ShardedWriter] can still do.
type writerState uint8

// The states of a ShardedWriter: open for writing, then ended by Close,
// Checkpoint or Abort. Only Abort is allowed after Close or Checkpoint.
const (
	writerOpen writerState = iota
	writerClosed
	writerCheckpointed
	writerAborted
)

type shardFile struct {
	tmp string // where the file is now
	// part, for a shard of ShardOptions.Parts, is the name it came under,
	// where Abort puts it back; empty for the shards this writer created.
	part  string
	f     *os.File
	buf   *bufio.Writer
	count *countingHasher
	w     Writer
	rows  int64
	size  int64
	sum   string
}

// countingHasher counts and hashes the bytes written through it.
type countingHasher struct {
	n int64
	h hash.Hash
}

func (c *countingHasher) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	c.h.Write(p)
	return len(p), nil
}

// NewShardedWriter returns a writer of format f with options opts into the
// folder and limits of so. No file is created before the first Write.
func NewShardedWriter(f Format, opts Options, so ShardOptions) (*ShardedWriter, error) {
	c, err := f.Compression(opts.Compression)
	if err != nil {
		return nil, err
	}
	opts.Compression = c
	if so.Prefix == "" {
		so.Prefix = "train"
	}
	if err := os.MkdirAll(so.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("create output folder: %w", err)
	}
	w := &ShardedWriter{format: f, opts: opts, shard: so, ext: f.FileExtension(c)}
	for _, p := range so.Parts {
		if _, err := os.Stat(p.Path); err != nil {
			return nil, fmt.Errorf("resume: part of the interrupted run: %w", err)
		}
		w.done = append(w.done, &shardFile{tmp: p.Path, part: p.Path, rows: p.Rows, size: p.Bytes, sum: p.SHA256})
	}
	return w, nil
}

// Write appends the rows of b, starting a new shard first when the current
// one has reached a limit.
func (s *ShardedWriter) Write(b *schemas.Batch) error {
	if err := s.usable("write"); err != nil {
		return err
	}
	n := int64(b.Len(s.opts.Unit))
	if n == 0 {
		return nil
	}
	if s.cur != nil && s.full() {
		if err := s.finish(); err != nil {
			return err
		}
	}
	if s.cur == nil {
		if err := s.open(); err != nil {
			return err
		}
	}
	if err := s.cur.w.Write(b); err != nil {
		return fmt.Errorf("%s: %w", s.cur.tmp, err)
	}
	s.cur.rows += n
	return nil
}

// usable returns an error when the writer has ended and cannot do op.
func (s *ShardedWriter) usable(op string) error {
	switch s.state {
	case writerClosed:
		return fmt.Errorf("%s after close", op)
	case writerCheckpointed:
		return fmt.Errorf("%s after checkpoint", op)
	case writerAborted:
		return fmt.Errorf("%s after abort", op)
	}
	return nil
}

// fuller is implemented by writers whose file can take only so much (a
// Parquet file holds at most 32767 row groups).
type fuller interface{ Full() bool }

func (s *ShardedWriter) full() bool {
	if f, ok := s.cur.w.(fuller); ok && f.Full() {
		return true
	}
	if s.shard.MaxRowsPerFile > 0 && s.cur.rows >= s.shard.MaxRowsPerFile {
		return true
	}
	if s.shard.MaxFileBytes > 0 && s.cur.count.n+int64(s.cur.buf.Buffered()) >= s.shard.MaxFileBytes {
		return true
	}
	return false
}

func (s *ShardedWriter) open() error {
	name := fmt.Sprintf(".%s-%05d%s.tmp", s.shard.Prefix, len(s.done), s.ext)
	path := filepath.Join(s.shard.Dir, name)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("create output file: %w", err)
	}
	ch := &countingHasher{h: sha256.New()}
	sf := &shardFile{tmp: path, f: f, count: ch}
	// Bytes go to the file and the hasher in one pass.
	sf.buf = bufio.NewWriterSize(&teeFile{f: f, c: ch}, 1<<20)
	w, err := s.format.New(sf.buf, s.opts)
	if err != nil {
		f.Close()
		os.Remove(path)
		return fmt.Errorf("%s: %w", path, err)
	}
	sf.w = w
	s.cur = sf
	return nil
}

// teeFile writes to a file and to a counting hasher.
type teeFile struct {
	f *os.File
	c *countingHasher
}

func (t *teeFile) Write(p []byte) (int, error) {
	n, err := t.f.Write(p)
	t.c.Write(p[:n])
	return n, err
}

// finish closes the current shard's writer and file, keeping its temporary name.
func (s *ShardedWriter) finish() error {
	sf := s.cur
	s.cur = nil
	s.done = append(s.done, sf)
	if err := sf.w.Close(); err != nil {
		return fmt.Errorf("%s: finish: %w", sf.tmp, err)
	}
	if err := sf.buf.Flush(); err != nil {
		return fmt.Errorf("%s: write: %w", sf.tmp, err)
	}
	if err := sf.f.Sync(); err != nil {
		return fmt.Errorf("%s: sync: %w", sf.tmp, err)
	}
	if err := sf.f.Close(); err != nil {
		return fmt.Errorf("%s: close: %w", sf.tmp, err)
	}
	sf.f = nil
	sf.size = sf.count.n
	sf.sum = hex.EncodeToString(sf.count.h.Sum(nil))
	return nil
}

// Close finishes the last shard and renames every shard to its final name
// Dir/PREFIX-NNNNN-of-MMMMM.EXT. A corpus with no rows still gets one
// (empty) file, so that every format and unit has a file a reader can open.
// On error it aborts: the files this writer created are removed and the
// parts it was given are back under their part names. Abort after a
// successful Close does the same, for a caller that fails to record the
// files.
func (s *ShardedWriter) Close() ([]OutputFile, error) {
	if err := s.usable("close"); err != nil {
		return nil, err
	}
	if s.cur == nil && len(s.done) == 0 {
		if err := s.open(); err != nil {
			return nil, s.abortWith(err)
		}
	}
	if s.cur != nil {
		if err := s.finish(); err != nil {
			return nil, s.abortWith(err)
		}
	}
	total := len(s.done)
	out := make([]OutputFile, 0, total)
	for i, sf := range s.done {
		final := filepath.Join(s.shard.Dir, fmt.Sprintf("%s-%05d-of-%05d%s", s.shard.Prefix, i, total, s.ext))
		if err := os.Rename(sf.tmp, final); err != nil {
			return nil, s.abortWith(fmt.Errorf("rename %s: %w", sf.tmp, err))
		}
		sf.tmp = final
		out = append(out, OutputFile{Path: final, Format: s.format.Name, Unit: s.opts.Unit, Rows: sf.rows, Bytes: sf.size, SHA256: sf.sum, Schema: schemaRef})
	}
	s.state = writerClosed
	return out, nil
}

// abortWith aborts the writer and returns err, joined with the error of
// the abort if any.
func (s *ShardedWriter) abortWith(err error) error {
	if aerr := s.Abort(); aerr != nil {
		return errors.Join(err, aerr)
	}
	return err
}

// Checkpoint finishes the current shard and gives every finished shard a
// part name (hidden: .PREFIX-NNNNN.EXT.part), returning them for the
// manifest of an interrupted run. A later writer continues them through
// ShardOptions.Parts. The writer cannot be used afterwards, except for
// Abort, which undoes the checkpoint: on error, and when the caller fails
// to record the parts, it removes the parts of the shards this writer
// created and leaves those it was given.
func (s *ShardedWriter) Checkpoint() ([]OutputFile, error) {
	if err := s.usable("checkpoint"); err != nil {
		return nil, err
	}
	if s.cur != nil {
		if err := s.finish(); err != nil {
			return nil, err
		}
	}
	out := make([]OutputFile, 0, len(s.done))
	for i, sf := range s.done {
		if sf.part == "" { // the parts it was given keep their names
			part := filepath.Join(s.shard.Dir, fmt.Sprintf(".%s-%05d%s.part", s.shard.Prefix, i, s.ext))
			if err := os.Rename(sf.tmp, part); err != nil {
				return nil, fmt.Errorf("rename %s: %w", sf.tmp, err)
			}
			sf.tmp = part
		}
		out = append(out, OutputFile{Path: sf.tmp, Format: s.format.Name, Unit: s.opts.Unit, Rows: sf.rows, Bytes: sf.size, SHA256: sf.sum, Schema: schemaRef})
	}
	s.state = writerCheckpointed
	return out, nil
}

// Abort undoes whatever the writer did: it closes and removes every file
// the writer created, under whatever name Close or Checkpoint gave it, and
// renames each part it was given (ShardOptions.Parts) back to its part
// name, so that the interrupted run they belong to stays as it was. The
// error reports the files it could not remove or put back. It is safe to
// call more than once.
func (s *ShardedWriter) Abort() error {
	s.state = writerAborted
	if s.cur != nil {
		s.done = append(s.done, s.cur)
		s.cur = nil
	}
	var errs []error
	for _, sf := range s.done {
		if sf.f != nil {
			sf.f.Close()
			sf.f = nil
		}
		if sf.part != "" {
			if sf.tmp != sf.part {
				if err := os.Rename(sf.tmp, sf.part); err != nil {
					errs = append(errs, fmt.Errorf("put back the part of the interrupted run: %w", err))
				}
			}
			continue
		}
		if err := os.Remove(sf.tmp); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err) // a *PathError, naming the file
		}
	}
	s.done = nil
	return errors.Join(errs...)
}

// FileSHA256 returns the lowercase hex SHA-256 of the file at path and its size.
func FileSHA256(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, fmt.Errorf("%s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}
