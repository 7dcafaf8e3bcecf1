package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"

	"github.com/corpustools/corpus/corpus/normalize"
	"github.com/corpustools/corpus/corpus/segment"
)

// InvalidPolicy says what to do with invalid UTF-8.
type InvalidPolicy uint8

// The invalid UTF-8 policies.
const (
	InvalidReplace InvalidPolicy = iota // replace each invalid byte by U+FFFD and count it
	InvalidSkip                         // skip the document, counted and reported
	InvalidFail                         // stop the run
)

// ParseInvalidPolicy parses "replace", "skip" or "fail".
func ParseInvalidPolicy(s string) (InvalidPolicy, error) {
	switch s {
	case "replace":
		return InvalidReplace, nil
	case "skip":
		return InvalidSkip, nil
	case "fail":
		return InvalidFail, nil
	}
	return 0, fmt.Errorf("unknown invalid-UTF-8 policy %q (want replace, skip or fail)", s)
}

// Options configure [Process]. The zero value is not ready: use
// [DefaultOptions] and change what you need.
type Options struct {
	// Encoding decodes the input bytes; nil means auto: UTF-8, or what a
	// byte order mark says (UTF-8, UTF-16LE, UTF-16BE).
	Encoding encoding.Encoding
	// OnInvalid says what to do with invalid UTF-8.
	OnInvalid InvalidPolicy
	// Form is the Unicode normalization form.
	Form normalize.Form
	// Paragraphs chooses how paragraphs are found.
	Paragraphs segment.ParagraphMode
	// Lang is the BCP 47 tag of the documents, "" when unknown. A JSONL
	// input's own language (Input.Lang) wins.
	Lang string
	// Meta is metadata added to every document; an input's own fields win.
	Meta []Field
	// KeepEmpty keeps documents with no text after normalization (as rows
	// with empty text) instead of skipping them.
	KeepEmpty bool
	// TextField is the field of a JSONL line that holds the text ("text"
	// when empty).
	TextField string

	segmenters sync.Map // lang → *segment.Segmenter
}

// DefaultOptions returns the options of `corpus build` without flags:
// auto encoding, replace invalid UTF-8, NFC, automatic paragraphs.
func DefaultOptions() *Options {
	return &Options{Form: normalize.NFC, Paragraphs: segment.ParagraphsAuto}
}

// ParseEncoding returns the encoding for a WHATWG label ("utf-8",
// "windows-1252", "shift_jis", "utf-16le", ...), or nil for "auto" and "".
func ParseEncoding(label string) (encoding.Encoding, error) {
	l := strings.ToLower(strings.TrimSpace(label))
	switch l {
	case "", "auto":
		return nil, nil
	case "utf-16le":
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), nil
	case "utf-16be":
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), nil
	}
	e, err := htmlindex.Get(l)
	if err != nil {
		return nil, fmt.Errorf("unknown encoding %q (want auto or a WHATWG label such as utf-8, windows-1252, shift_jis, utf-16le)", label)
	}
	return e, nil
}

func (o *Options) segmenter(lang string) (*segment.Segmenter, error) {
	if s, ok := o.segmenters.Load(lang); ok {
		return s.(*segment.Segmenter), nil
	}
	s, err := segment.New(lang)
	if err != nil {
		return nil, err
	}
	o.segmenters.Store(lang, s)
	return s, nil
}

// Input is one raw document as a source read it.
type Input struct {
	// Source names the document: the input path relative to its argument,
	// plus ":" and the line number for JSONL input.
	Source string
	// Key identifies the document among all inputs of a run; the document ID
	// is derived from it when ID is empty.
	Key string
	// ID is the document's own id (from JSONL), or "".
	ID string
	// Lang is the document's own language (from JSONL), or "".
	Lang string
	// Raw holds the undecoded bytes. The Document that Process makes may
	// share them, as its Text: they must not change after Process.
	Raw []byte
	// Decoded is true when Raw is already UTF-8 text (JSONL strings).
	Decoded bool
	// JSONL is true when Raw is one JSONL line still to parse (done by
	// Process, so that it runs on the workers): its text field becomes the
	// text, its id, lang and other fields the ID, Lang and Meta.
	JSONL bool
	// Meta is the document's own metadata.
	Meta []Field
	// Line is the 1-based line of the document in its input (JSONL), or 0.
	Line int
	// TrimmedSHA256 is, when HasTrimmedSHA256 is set, the SHA-256 of Raw
	// without the white space and line breaks at its end
	// (normalize.TrimmedLen), taken by a source as it read the bytes. When
	// the document's text is those bytes, as it is for most UTF-8 text
	// already clean and in the chosen normal form, it is the text's hash
	// and the text is not hashed again.
	TrimmedSHA256    [32]byte
	HasTrimmedSHA256 bool
}

// Process turns one input into a Document. It returns a *DocError when the
// document must be skipped (its Reason says why).
func Process(in *Input, o *Options) (*Document, error) {
	if in.JSONL {
		field := o.TextField
		if field == "" {
			field = "text"
		}
		parsed := *in // the caller's input stays as it was
		if err := parseJSONL(&parsed, field); err != nil {
			return nil, err
		}
		parsed.JSONL, parsed.Decoded = false, true
		in = &parsed
	}
	raw, err := decode(in, o)
	if err != nil {
		return nil, err
	}
	var st normalize.Stats
	// Most text is clean and in the form asked for already, but for a
	// final newline: it is then the document's text as it is, neither
	// copied nor normalized (Raw is not changed after Process; see Input).
	var norm []byte
	asRead := false // the text is Raw up to its final white space
	if n, ok := normalize.CleanPrefix(raw, o.Form); ok {
		norm = raw[:n]
		asRead = len(raw) == len(in.Raw) && unsafe.SliceData(raw) == unsafe.SliceData(in.Raw)
	} else {
		norm = normalize.AppendStats(make([]byte, 0, len(raw)+len(raw)/8), raw, o.Form, &st)
	}
	if st.Invalid > 0 && o.OnInvalid != InvalidReplace {
		off, line, _ := firstInvalid(raw)
		return nil, &DocError{Source: in.Source, Line: max(in.Line, line), Offset: int64(off), Reason: ReasonInvalidUTF8,
			Err: fmt.Errorf("%w: byte 0x%02x", ErrInvalidUTF8, raw[off])}
	}
	repairs := st.Invalid
	if len(norm) == 0 && !o.KeepEmpty {
		return nil, &DocError{Source: in.Source, Line: in.Line, Offset: -1, Reason: ReasonEmpty, Err: ErrEmpty}
	}
	// norm is never written again: the text shares its bytes.
	d := &Document{Source: in.Source, Text: unsafe.String(unsafe.SliceData(norm), len(norm)), Repairs: repairs}
	d.Lang = o.Lang
	if in.Lang != "" {
		d.Lang = in.Lang
	}
	seg, err := o.segmenter(d.Lang)
	if err != nil {
		return nil, &DocError{Source: in.Source, Line: in.Line, Offset: -1, Reason: ReasonInvalidLang, Err: fmt.Errorf("language: %w", err)}
	}
	d.Paragraphs = segment.AppendParagraphs(nil, d.Text, o.Paragraphs)
	var buf []segment.Sentence
	for pi, p := range d.Paragraphs {
		buf = seg.AppendSentences(buf[:0], d.Text[p.Start:p.End])
		for _, s := range buf {
			d.Sentences = append(d.Sentences, Sentence{
				Span:      segment.Span{Start: p.Start + s.Start, End: p.Start + s.End},
				Paragraph: pi,
				Rule:      s.Rule,
			})
		}
	}
	d.Script, d.NumWords = TextStats(d.Text)
	if asRead && in.HasTrimmedSHA256 {
		d.SHA256 = in.TrimmedSHA256
	} else {
		d.SHA256 = sha256.Sum256(norm)
	}
	d.Meta = mergeMeta(o.Meta, in.Meta)
	d.ID = in.ID
	d.GivenID = in.ID != ""
	if d.ID == "" {
		d.ID = DocumentID(in.Key)
	}
	return d, nil
}

// DocumentID derives a document ID from a key that is unique among the
// inputs of a run: 32 hex digits of its SHA-256.
func DocumentID(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:16])
}

// decode returns the input as UTF-8 bytes (still possibly invalid).
func decode(in *Input, o *Options) ([]byte, error) {
	raw := in.Raw
	if in.Decoded {
		return raw, nil
	}
	enc := o.Encoding
	if enc == nil {
		switch {
		case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
			return raw[3:], nil
		case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
			enc = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
		case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
			enc = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
		default:
			return raw, nil
		}
	}
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return nil, &DocError{Source: in.Source, Line: in.Line, Offset: -1, Reason: ReasonDecode, Err: fmt.Errorf("%w: %v", ErrDecode, err)}
	}
	return out, nil
}

// firstInvalid returns the offset and 1-based line of the first invalid
// UTF-8 sequence in b, and the number of invalid bytes in b.
func firstInvalid(b []byte) (off, line, n int) {
	off = -1
	line = 1
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c == '\n' && off < 0 {
				line++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			if off < 0 {
				off = i
			}
			n++
		}
		i += size
	}
	return off, line, n
}

func mergeMeta(defaults, own []Field) []Field {
	if len(defaults) == 0 && len(own) == 0 {
		return nil
	}
	m := make(map[string]string, len(defaults)+len(own))
	for _, f := range defaults {
		m[f.Key] = f.Value
	}
	for _, f := range own {
		m[f.Key] = f.Value
	}
	out := make([]Field, 0, len(m))
	for k, v := range m {
		out = append(out, Field{k, v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}
