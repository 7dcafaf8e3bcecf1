package build

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
)

// idKey stands for a document id given by the input: the first 16 bytes of
// the SHA-256 of the id. Unlike a seeded hash it is the same in every
// process, so the keys an interrupted run saves mean the same to the run
// that resumes it; and at 128 bits two ids share a key with probability
// about n²/2¹²⁹, 1.5·10⁻²¹ for 10⁹ ids, so a false duplicate is out of reach.
type idKey [16]byte

// keyOf returns the key of id.
func keyOf(id string) idKey {
	sum := sha256.Sum256([]byte(id))
	return idKey(sum[:16])
}

// idSet is the set of keys of the ids given by the input so far, 16 bytes
// of key per id.
type idSet map[idKey]struct{}

// add adds k to the set and reports whether it was not there yet.
func (s idSet) add(k idKey) bool {
	if _, seen := s[k]; seen {
		return false
	}
	s[k] = struct{}{}
	return true
}

// idsPart is the name of the file, in the output folder, where an
// interrupted run keeps the keys of the ids it has seen: hidden and ending
// in .part like the other files of an interrupted run, so nothing takes it
// for output.
const idsPart = ".ids.part"

// idsMagic starts an ids part: the format and its version. The keys follow,
// 16 bytes each, in increasing order.
const idsMagic = "corpusid1"

// ErrCorruptPart is wrapped by the error of a --resume run when a part file
// of the interrupted run is not what its manifest describes.
var ErrCorruptPart = errors.New("corrupt part file")

// IDsPart describes, in the checkpoint of an interrupted run, the file that
// holds the keys of the ids the input gave so far.
type IDsPart struct {
	// Path is the file's path relative to the output folder.
	Path string `json:"path"`
	// Count is the number of keys in the file.
	Count int64 `json:"count"`
	// Bytes is the file size.
	Bytes int64 `json:"bytes"`
	// SHA256 is the lowercase hex SHA-256 of the file.
	SHA256 string `json:"sha256"`
}

// writeIDs saves the keys of s to the file tmp, synced, and describes the
// ids part it is once renamed to idsPart in the output folder (which the
// checkpoint does only with the manifest that describes it, so that the
// ids part of an interrupted run this one resumes stays until then). An
// empty set writes no file, and returns nil. On error tmp is removed.
func writeIDs(tmp string, s idSet) (*IDsPart, error) {
	if len(s) == 0 {
		return nil, nil
	}
	f, err := os.Create(tmp)
	if err != nil {
		return nil, fmt.Errorf("ids part: %w", err)
	}
	fail := func(err error) (*IDsPart, error) {
		f.Close()
		os.Remove(tmp)
		return nil, fmt.Errorf("ids part %s: %w", tmp, err)
	}
	h := sha256.New()
	w := bufio.NewWriterSize(io.MultiWriter(f, h), 1<<20)
	w.WriteString(idsMagic)
	// In order, so that the same run interrupted at the same point writes
	// the same file (and the same hash in its manifest).
	keys := make([]idKey, 0, len(s))
	for k := range s {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b idKey) int { return bytes.Compare(a[:], b[:]) })
	for _, k := range keys {
		w.Write(k[:])
	}
	if err := w.Flush(); err != nil { // the first write error, kept by w
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return nil, fmt.Errorf("ids part %s: %w", tmp, err)
	}
	n := int64(len(s))
	return &IDsPart{Path: idsPart, Count: n, Bytes: int64(len(idsMagic)) + 16*n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// readIDs loads the keys saved by an interrupted run, as p in its
// checkpoint describes them, into a new set. The error names the file and
// wraps ErrCorruptPart when the file does not match p.
func readIDs(dir string, p *IDsPart) (idSet, error) {
	path, err := insideDir(dir, p.Path)
	if err != nil {
		return nil, err
	}
	corrupt := func(format string, a ...any) error {
		return fmt.Errorf("%s: %w: %s", path, ErrCorruptPart, fmt.Sprintf(format, a...))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err // *PathError: names the file
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	// The count the file's size gives, which bounds what is allocated below.
	size, keys := fi.Size(), (fi.Size()-int64(len(idsMagic)))/16
	if size != p.Bytes || size < int64(len(idsMagic)) || keys*16 != size-int64(len(idsMagic)) || keys != p.Count {
		return nil, corrupt("%d bytes, the checkpoint says %d ids in %d bytes", size, p.Count, p.Bytes)
	}
	h := sha256.New()
	r := bufio.NewReaderSize(io.TeeReader(f, h), 1<<20)
	magic := make([]byte, len(idsMagic))
	if _, err := io.ReadFull(r, magic); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if !bytes.Equal(magic, []byte(idsMagic)) {
		return nil, corrupt("it does not start with %q", idsMagic)
	}
	s := make(idSet, keys)
	var k idKey
	for i := int64(0); i < keys; i++ {
		if _, err := io.ReadFull(r, k[:]); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		s[k] = struct{}{}
	}
	if sum := hex.EncodeToString(h.Sum(nil)); sum != p.SHA256 {
		return nil, corrupt("SHA-256 %s, the checkpoint says %s", sum, p.SHA256)
	}
	if int64(len(s)) != p.Count {
		return nil, corrupt("%d distinct ids, the checkpoint says %d", len(s), p.Count)
	}
	return s, nil
}
