package corpus

import (
	"errors"
	"fmt"
)

// Reason classifies why a document or an input was skipped. Reasons are
// stable strings: they appear in errors.jsonl, the manifest and the summary.
type Reason string

// The reasons a document or input is skipped.
const (
	ReasonNotFound       Reason = "not-found"        // an input path does not exist
	ReasonUnreadable     Reason = "unreadable"       // permission denied or I/O error
	ReasonBinary         Reason = "binary"           // NUL bytes in the first block
	ReasonInvalidUTF8    Reason = "invalid-utf8"     // under --on-invalid skip or fail
	ReasonDecode         Reason = "decode"           // the declared encoding cannot decode the bytes
	ReasonDecompress     Reason = "decompress"       // truncated or corrupt .gz or .zst
	ReasonTooLarge       Reason = "too-large"        // over --max-doc-bytes
	ReasonMalformedJSONL Reason = "malformed-jsonl"  // a JSONL line that is not a JSON object
	ReasonMissingText    Reason = "missing-text"     // a JSONL object without the text field
	ReasonTextNotString  Reason = "text-not-string"  // a JSONL text field that is not a string
	ReasonDuplicateID    Reason = "duplicate-id"     // an id seen before in this corpus
	ReasonEmpty          Reason = "empty"            // no text left after normalization
	ReasonInvalidLang    Reason = "invalid-lang"     // a JSONL lang field that is not a BCP 47 tag
	ReasonSymlinkLoop    Reason = "symlink-loop"     // a folder reached again through a link
	ReasonDuplicateInput Reason = "duplicate-input"  // the same file named twice
	ReasonNoInputFiles   Reason = "no-readable-file" // a folder or glob without readable files
)

// Sentinel errors, one per category, for errors.Is.
var (
	ErrInvalidUTF8 = errors.New("corpus: invalid UTF-8")
	ErrTooLarge    = errors.New("corpus: document too large")
	ErrEmpty       = errors.New("corpus: empty document")
	ErrDecode      = errors.New("corpus: cannot decode")
)

// DocError reports a problem with one document or input, with its location.
type DocError struct {
	// Source is the input path (and line, for JSONL) of the document.
	Source string
	// Line is the 1-based line of the problem, 0 when unknown.
	Line int
	// Offset is the byte offset of the problem in the input, -1 when unknown.
	Offset int64
	// Reason classifies the problem.
	Reason Reason
	// Err is the cause.
	Err error
}

func (e *DocError) Error() string {
	loc := e.Source
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", loc, e.Line)
	}
	if e.Offset >= 0 {
		loc = fmt.Sprintf("%s (byte %d)", loc, e.Offset)
	}
	return fmt.Sprintf("%s: %v", loc, e.Err)
}

// Unwrap returns the cause.
func (e *DocError) Unwrap() error { return e.Err }
