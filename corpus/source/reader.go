package source

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"strconv"
	"sync/atomic"

	"github.com/klauspost/compress/zstd"

	"github.com/corpustools/corpus/corpus"
	"github.com/corpustools/corpus/corpus/normalize"
)

// Format is the layout of an input file.
type Format uint8

// The input formats.
const (
	FormatText  Format = iota // one document per file
	FormatJSONL               // one JSON object per line, one document each
)

// ParseFormat parses "text" or "jsonl".
func ParseFormat(s string) (Format, error) {
	switch s {
	case "text", "txt":
		return FormatText, nil
	case "jsonl":
		return FormatJSONL, nil
	}
	return 0, fmt.Errorf("unknown input format %q (want text or jsonl)", s)
}

// DefaultMaxDocBytes is the default limit on one document's decompressed size.
const DefaultMaxDocBytes = 64 << 20

// binaryProbe is how many leading bytes are searched for NUL.
const binaryProbe = 8 << 10

// Options configure a [Reader].
type Options struct {
	// Format is the layout of every input file.
	Format Format
	// MaxDocBytes bounds a document (a text file, a JSONL line) after
	// decompression; larger ones are skipped. 0 selects DefaultMaxDocBytes.
	MaxDocBytes int64
	// AllowNUL turns off binary detection (for UTF-16 and UTF-32 input).
	AllowNUL bool
	// Stdin is read for the argument "-".
	Stdin io.Reader
}

// InputStat describes one input file after it was read.
type InputStat struct {
	// Path is the input's path as given ("-" for stdin).
	Path string `json:"path"`
	// Source is the path relative to its argument.
	Source string `json:"source"`
	// Bytes is the number of bytes read from the file (compressed size).
	Bytes int64 `json:"bytes"`
	// SHA256 is the hex SHA-256 of those bytes.
	SHA256 string `json:"sha256"`
	// Documents is the number of documents read from the file.
	Documents int64 `json:"documents"`
	// Outcomes is the number of documents and skips the file gave.
	Outcomes int64 `json:"outcomes"`
}

// Reader reads the documents of a list of files, one at a time. It is not
// safe for concurrent use; [Reader.BytesRead] may be called from any goroutine.
type Reader struct {
	opts  Options
	files []File
	next  int

	cur   *openFile
	stats []InputStat
	read  atomic.Int64

	// The buffers of the raw and the decompressed stream, reused from one
	// file to the next: a corpus of many small files would otherwise
	// allocate and clear 64 KiB or more per file.
	rawBuf, plainBuf *bufio.Reader
}

// reuse returns b reset to read from rd, or a new reader when b is nil.
func reuse(b *bufio.Reader, rd io.Reader) *bufio.Reader {
	if b == nil {
		return bufio.NewReaderSize(rd, 64<<10)
	}
	b.Reset(rd)
	return b
}

type openFile struct {
	file  File
	f     io.ReadCloser
	count int64
	br    *bufio.Reader
	line  int
	done  bool
	stat  *InputStat
	raw   *hashingReader
	close []func() error
}

// hashingReader hashes and counts what is read from the raw file. It holds
// back the white space at the end of what it read so far (up to
// maxPending bytes), so that at the end of the file it knows the hash of
// the file without the white space at its end too: the hash of the text of
// most plain files, which end in a newline (see sums).
type hashingReader struct {
	r    io.Reader
	h    hash.Hash
	n    int64
	read *atomic.Int64
	// pending is the white space read last and not hashed yet; spilled
	// tells that more than maxPending bytes of it were hashed already.
	pending []byte
	spilled bool
	summed  bool
	file    [32]byte
	trimmed [32]byte
}

// maxPending bounds the white space a hashingReader holds back.
const maxPending = 4 << 10

func (h *hashingReader) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	h.add(p[:n])
	h.n += int64(n)
	h.read.Add(int64(n))
	return n, err
}

func (h *hashingReader) add(b []byte) {
	if t := normalize.TrimmedLen(b); t > 0 {
		h.h.Write(h.pending)
		h.h.Write(b[:t])
		h.pending, h.spilled = h.pending[:0], false
		b = b[t:]
	}
	if len(h.pending)+len(b) > maxPending {
		h.h.Write(h.pending)
		h.h.Write(b)
		h.pending, h.spilled = h.pending[:0], true
		return
	}
	h.pending = append(h.pending, b...)
}

// sums returns the SHA-256 of all that was read and, when trimmedOK, of
// that without the white space at its end (normalize.TrimmedLen). It is
// called at the end of the file; later reads are not hashed.
func (h *hashingReader) sums() (file, trimmed [32]byte, trimmedOK bool) {
	if !h.summed {
		h.h.Sum(h.trimmed[:0])
		h.h.Write(h.pending)
		h.h.Sum(h.file[:0])
		h.summed = true
	}
	return h.file, h.trimmed, !h.spilled
}

// NewReader returns a reader of files.
func NewReader(files []File, opts Options) *Reader {
	if opts.MaxDocBytes <= 0 {
		opts.MaxDocBytes = DefaultMaxDocBytes
	}
	return &Reader{opts: opts, files: files}
}

// BytesRead returns the number of input bytes read so far (for progress).
func (r *Reader) BytesRead() int64 { return r.read.Load() }

// Inputs returns what was read of each input file so far, in order.
func (r *Reader) Inputs() []InputStat { return r.stats }

// Next returns the next document, a *corpus.DocError for a document or file
// that is skipped, or io.EOF after the last file.
func (r *Reader) Next() (*corpus.Input, error) {
	in, err := r.next1()
	var de *corpus.DocError
	if in != nil || errors.As(err, &de) {
		r.stats[len(r.stats)-1].Outcomes++
	}
	return in, err
}

// Resume skips what an earlier, interrupted run consumed: the first files
// entirely (done holds their stats, kept for the manifest), then outcomes
// documents and skips of the next file, which is read again up to there.
func (r *Reader) Resume(done []InputStat, outcomes int64) error {
	if len(done) > len(r.files) {
		return fmt.Errorf("resume: %d inputs done, but only %d inputs now", len(done), len(r.files))
	}
	for i, st := range done {
		if r.files[i].Path != st.Path {
			return fmt.Errorf("resume: input %d is %s now, was %s", i, r.files[i].Path, st.Path)
		}
	}
	r.stats = append(r.stats[:0], done...)
	r.next = len(done)
	for i := int64(0); i < outcomes; i++ {
		if _, err := r.Next(); err != nil {
			var de *corpus.DocError
			if errors.As(err, &de) {
				continue
			}
			return fmt.Errorf("resume: skipping %d outcomes of input %d: %w", outcomes, len(done), err)
		}
	}
	return nil
}

func (r *Reader) next1() (*corpus.Input, error) {
	for {
		if r.cur == nil {
			if r.next >= len(r.files) {
				return nil, io.EOF
			}
			f := r.files[r.next]
			r.next++
			if err := r.open(f); err != nil {
				return nil, err
			}
		}
		in, err := r.read1()
		if in != nil || err != nil {
			return in, err
		}
		// the file is finished
		r.closeCur()
	}
}

func (r *Reader) open(f File) error {
	r.stats = append(r.stats, InputStat{Path: f.Path, Source: f.Rel})
	stat := &r.stats[len(r.stats)-1]
	var rc io.ReadCloser
	if f.Path == Stdin {
		if r.opts.Stdin == nil {
			return &corpus.DocError{Source: f.Rel, Offset: -1, Reason: corpus.ReasonUnreadable, Err: errors.New("no standard input")}
		}
		rc = io.NopCloser(r.opts.Stdin)
	} else {
		fh, err := os.Open(f.Path)
		if err != nil {
			reason := corpus.ReasonUnreadable
			if errors.Is(err, os.ErrNotExist) {
				reason = corpus.ReasonNotFound
			}
			return &corpus.DocError{Source: f.Rel, Offset: -1, Reason: reason, Err: err}
		}
		rc = fh
	}
	hr := &hashingReader{r: rc, h: sha256.New(), read: &r.read}
	of := &openFile{file: f, f: rc, stat: stat, raw: hr}
	r.rawBuf = reuse(r.rawBuf, hr)
	br := r.rawBuf
	magic, _ := br.Peek(4)
	switch {
	case len(magic) >= 2 && magic[0] == 0x1f && magic[1] == 0x8b:
		gz, err := gzip.NewReader(br)
		if err != nil {
			of.done = true
			r.cur = of
			return &corpus.DocError{Source: f.Rel, Offset: -1, Reason: corpus.ReasonDecompress, Err: fmt.Errorf("gzip: %w", err)}
		}
		gz.Multistream(true)
		of.close = append(of.close, gz.Close)
		r.plainBuf = reuse(r.plainBuf, gz)
		of.br = r.plainBuf
	case len(magic) == 4 && bytes.Equal(magic, []byte{0x28, 0xb5, 0x2f, 0xfd}):
		zr, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(uint64(r.opts.MaxDocBytes)+(64<<20)))
		if err != nil {
			of.done = true
			r.cur = of
			return &corpus.DocError{Source: f.Rel, Offset: -1, Reason: corpus.ReasonDecompress, Err: fmt.Errorf("zstd: %w", err)}
		}
		of.close = append(of.close, func() error { zr.Close(); return nil })
		r.plainBuf = reuse(r.plainBuf, zr)
		of.br = r.plainBuf
	default:
		of.br = br
	}
	r.cur = of
	return nil
}

func (r *Reader) closeCur() {
	of := r.cur
	r.cur = nil
	for _, c := range of.close {
		c()
	}
	// Hash the rest of the raw file, so the manifest's checksum is of the
	// whole input even when reading stopped early (a bomb, a corrupt stream).
	io.Copy(io.Discard, of.raw)
	of.f.Close()
	of.stat.Bytes = of.raw.n
	file, _, _ := of.raw.sums()
	of.stat.SHA256 = hex.EncodeToString(file[:])
}

// read1 returns the next document of the current file, nil, nil at its end.
func (r *Reader) read1() (*corpus.Input, error) {
	of := r.cur
	if of.done {
		return nil, nil
	}
	if r.opts.Format == FormatJSONL {
		return r.readJSONL(of)
	}
	of.done = true
	return r.readText(of)
}

func (r *Reader) decompressErr(of *openFile, err error, line int) error {
	of.done = true
	return &corpus.DocError{Source: of.file.Rel, Line: line, Offset: of.count, Reason: corpus.ReasonDecompress,
		Err: fmt.Errorf("reading after %d bytes of decompressed data: %w", of.count, err)}
}

func (r *Reader) readText(of *openFile) (*corpus.Input, error) {
	if !r.opts.AllowNUL {
		head, err := of.br.Peek(binaryProbe)
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
			return nil, r.decompressErr(of, err, 0)
		}
		if i := bytes.IndexByte(head, 0); i >= 0 && !hasUTF16BOM(head) {
			return nil, &corpus.DocError{Source: of.file.Rel, Offset: int64(i), Reason: corpus.ReasonBinary,
				Err: errors.New("NUL byte in the first block: a binary file, or UTF-16/32 without a byte order mark (use --encoding)")}
		}
	}
	limit := r.opts.MaxDocBytes
	var buf bytes.Buffer
	if of.file.Size > 0 && of.file.Size <= limit {
		// Room for the file and the MinRead bytes bytes.Buffer.ReadFrom
		// wants free before each read, the last of which finds the end:
		// with less, it would copy the whole text into a buffer twice as
		// large just to read nothing.
		buf.Grow(int(of.file.Size) + bytes.MinRead)
	}
	n, err := io.Copy(&buf, io.LimitReader(of.br, limit+1))
	of.count = n
	if err != nil {
		return nil, r.decompressErr(of, err, 0)
	}
	if n > limit {
		return nil, &corpus.DocError{Source: of.file.Rel, Offset: limit, Reason: corpus.ReasonTooLarge,
			Err: fmt.Errorf("%w: more than --max-doc-bytes=%d bytes", corpus.ErrTooLarge, limit)}
	}
	of.stat.Documents++
	in := &corpus.Input{Source: of.file.Rel, Key: of.file.Key, Raw: buf.Bytes()}
	if of.br == r.rawBuf && of.raw.n == n {
		// Not compressed, and read to its end: the hash of the file
		// without its final white space is that of the document's text
		// when the text is clean, which Process can then reuse.
		_, in.TrimmedSHA256, in.HasTrimmedSHA256 = of.raw.sums()
	}
	return in, nil
}

// readJSONL returns the next document line of the current file.
func (r *Reader) readJSONL(of *openFile) (*corpus.Input, error) {
	for {
		line, tooLong, err := r.readLine(of)
		if err != nil {
			if errors.Is(err, io.EOF) {
				of.done = true
				return nil, nil
			}
			return nil, r.decompressErr(of, err, of.line+1)
		}
		of.line++
		src := of.file.Rel + ":" + strconv.Itoa(of.line)
		if tooLong {
			return nil, &corpus.DocError{Source: src, Line: of.line, Offset: -1, Reason: corpus.ReasonTooLarge,
				Err: fmt.Errorf("%w: line longer than --max-doc-bytes=%d", corpus.ErrTooLarge, r.opts.MaxDocBytes)}
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue // blank lines separate nothing in JSONL
		}
		// The line is parsed by corpus.Process, on the workers.
		of.stat.Documents++
		return &corpus.Input{Source: src, Key: of.file.Key + ":" + strconv.Itoa(of.line),
			Raw: line, JSONL: true, Line: of.line}, nil
	}
}

// readLine reads one line without its newline. A line over the limit is
// consumed and reported with tooLong.
func (r *Reader) readLine(of *openFile) (line []byte, tooLong bool, err error) {
	var acc []byte
	for {
		chunk, err := of.br.ReadSlice('\n')
		of.count += int64(len(chunk))
		if !tooLong {
			if int64(len(acc)+len(chunk)) > r.opts.MaxDocBytes+1 {
				tooLong = true
				acc = nil
			} else {
				acc = append(acc, chunk...)
			}
		}
		switch {
		case err == nil:
			return bytes.TrimSuffix(bytes.TrimSuffix(acc, []byte{'\n'}), []byte{'\r'}), tooLong, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			if len(acc) == 0 && !tooLong {
				return nil, false, io.EOF
			}
			return acc, tooLong, nil
		default:
			return nil, false, err
		}
	}
}

func hasUTF16BOM(b []byte) bool {
	return len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF)
}
