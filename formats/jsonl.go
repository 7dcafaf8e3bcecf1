package formats

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/klauspost/compress/zstd"

	"github.com/corpustools/corpus/internal/swar"
	"github.com/corpustools/corpus/schemas"
)

func init() {
	register(Format{
		Name:               "jsonl",
		Extension:          ".jsonl",
		DefaultCompression: "none",
		Compressions:       []string{"none", "gzip", "zstd"},
		Levels:             map[string][2]int{"zstd": zstdLevels, "gzip": gzipLevels},
		Suffixes:           map[string]string{"gzip": ".gz", "zstd": ".zst"},
		New:                newJSONLWriter,
	})
}

// jsonlWriter writes one JSON object per line, UTF-8 and not ASCII-escaped,
// keys in schema column order.
type jsonlWriter struct {
	unit  schemas.Unit
	out   *bufio.Writer
	close func() error
	buf   []byte
}

func newJSONLWriter(w io.Writer, opts Options) (Writer, error) {
	jw := &jsonlWriter{unit: opts.Unit, close: func() error { return nil }}
	codec, level, err := SplitCompression(opts.Compression)
	if err != nil {
		return nil, fmt.Errorf("jsonl: %w", err)
	}
	switch codec {
	case "", "none":
		jw.out = bufio.NewWriterSize(w, 256<<10)
	case "gzip":
		if level == 0 {
			level = gzip.DefaultCompression
		}
		gz, err := gzip.NewWriterLevel(w, level)
		if err != nil {
			return nil, fmt.Errorf("jsonl: gzip: %w", err)
		}
		jw.out = bufio.NewWriterSize(gz, 256<<10)
		jw.close = gz.Close
	case "zstd":
		zopts := []zstd.EOption{zstd.WithEncoderConcurrency(1)}
		if level != 0 {
			zopts = append(zopts, zstd.WithEncoderLevel(zstd.EncoderLevelFromZstd(level)))
		}
		zw, err := zstd.NewWriter(w, zopts...)
		if err != nil {
			return nil, fmt.Errorf("zstd: %w", err)
		}
		jw.out = bufio.NewWriterSize(zw, 256<<10)
		jw.close = zw.Close
	default:
		return nil, fmt.Errorf("jsonl: unknown compression %q", opts.Compression)
	}
	return jw, nil
}

func (w *jsonlWriter) Write(b *schemas.Batch) error {
	switch w.unit {
	case schemas.UnitDocument:
		for i := range b.Documents {
			w.buf = AppendDocumentJSON(w.buf[:0], &b.Documents[i])
			if err := w.line(); err != nil {
				return err
			}
		}
	case schemas.UnitParagraph:
		for i := range b.Paragraphs {
			w.buf = AppendParagraphJSON(w.buf[:0], &b.Paragraphs[i])
			if err := w.line(); err != nil {
				return err
			}
		}
	case schemas.UnitSentence:
		for i := range b.Sentences {
			w.buf = AppendSentenceJSON(w.buf[:0], &b.Sentences[i])
			if err := w.line(); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("jsonl: unknown unit %q", w.unit)
	}
	return nil
}

func (w *jsonlWriter) line() error {
	w.buf = append(w.buf, '\n')
	_, err := w.out.Write(w.buf)
	return err
}

func (w *jsonlWriter) Close() error {
	if err := w.out.Flush(); err != nil {
		return err
	}
	return w.close()
}

// AppendDocumentJSON appends r as one JSON object (no newline) to dst.
func AppendDocumentJSON(dst []byte, r *schemas.DocumentRow) []byte {
	dst = append(dst, `{"id":`...)
	dst = AppendJSONString(dst, r.ID)
	dst = append(dst, `,"text":`...)
	dst = AppendJSONString(dst, r.Text)
	dst = appendCommon(dst, r.Source, r.Lang, r.Script)
	dst = append(dst, `,"paragraphs":[`...)
	for i, p := range r.Paragraphs {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"start":`...)
		dst = strconv.AppendInt(dst, int64(p.Start), 10)
		dst = append(dst, `,"end":`...)
		dst = strconv.AppendInt(dst, int64(p.End), 10)
		dst = append(dst, '}')
	}
	dst = append(dst, `],"sentences":[`...)
	for i, s := range r.Sentences {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"start":`...)
		dst = strconv.AppendInt(dst, int64(s.Start), 10)
		dst = append(dst, `,"end":`...)
		dst = strconv.AppendInt(dst, int64(s.End), 10)
		dst = append(dst, `,"paragraph":`...)
		dst = strconv.AppendInt(dst, int64(s.Paragraph), 10)
		dst = append(dst, '}')
	}
	dst = append(dst, `],"num_bytes":`...)
	dst = strconv.AppendInt(dst, r.NumBytes, 10)
	dst = append(dst, `,"num_chars":`...)
	dst = strconv.AppendInt(dst, r.NumChars, 10)
	dst = append(dst, `,"num_words":`...)
	dst = strconv.AppendInt(dst, r.NumWords, 10)
	dst = append(dst, `,"num_paragraphs":`...)
	dst = strconv.AppendInt(dst, r.NumParagraphs, 10)
	dst = append(dst, `,"num_sentences":`...)
	dst = strconv.AppendInt(dst, r.NumSentences, 10)
	dst = append(dst, `,"sha256":`...)
	dst = AppendJSONString(dst, r.SHA256)
	dst = appendMeta(dst, r.Meta)
	return append(dst, '}')
}

// AppendParagraphJSON appends r as one JSON object (no newline) to dst.
func AppendParagraphJSON(dst []byte, r *schemas.ParagraphRow) []byte {
	dst = append(dst, `{"doc_id":`...)
	dst = AppendJSONString(dst, r.DocID)
	dst = append(dst, `,"paragraph_index":`...)
	dst = strconv.AppendInt(dst, int64(r.ParagraphIndex), 10)
	dst = appendSpanText(dst, r.Start, r.End, r.Text)
	dst = appendCommon(dst, r.Source, r.Lang, r.Script)
	dst = appendMeta(dst, r.Meta)
	return append(dst, '}')
}

// AppendSentenceJSON appends r as one JSON object (no newline) to dst.
func AppendSentenceJSON(dst []byte, r *schemas.SentenceRow) []byte {
	dst = append(dst, `{"doc_id":`...)
	dst = AppendJSONString(dst, r.DocID)
	dst = append(dst, `,"paragraph_index":`...)
	dst = strconv.AppendInt(dst, int64(r.ParagraphIndex), 10)
	dst = append(dst, `,"sentence_index":`...)
	dst = strconv.AppendInt(dst, int64(r.SentenceIndex), 10)
	dst = appendSpanText(dst, r.Start, r.End, r.Text)
	dst = appendCommon(dst, r.Source, r.Lang, r.Script)
	dst = appendMeta(dst, r.Meta)
	return append(dst, '}')
}

func appendSpanText(dst []byte, start, end int32, text string) []byte {
	dst = append(dst, `,"start":`...)
	dst = strconv.AppendInt(dst, int64(start), 10)
	dst = append(dst, `,"end":`...)
	dst = strconv.AppendInt(dst, int64(end), 10)
	dst = append(dst, `,"text":`...)
	return AppendJSONString(dst, text)
}

func appendCommon(dst []byte, source string, lang *string, script string) []byte {
	dst = append(dst, `,"source":`...)
	dst = AppendJSONString(dst, source)
	dst = append(dst, `,"lang":`...)
	if lang == nil {
		dst = append(dst, "null"...)
	} else {
		dst = AppendJSONString(dst, *lang)
	}
	dst = append(dst, `,"script":`...)
	return AppendJSONString(dst, script)
}

func appendMeta(dst []byte, meta []schemas.KeyValue) []byte {
	dst = append(dst, `,"meta":[`...)
	for i, kv := range meta {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"key":`...)
		dst = AppendJSONString(dst, kv.Key)
		dst = append(dst, `,"value":`...)
		dst = AppendJSONString(dst, kv.Value)
		dst = append(dst, '}')
	}
	return append(dst, ']')
}

// jsonPlain marks the bytes that a JSON string of valid UTF-8 holds as they
// are: every byte but control characters, the quote, the backslash, and
// 0xE2, which starts U+2028 and U+2029 (escaped so the output is also valid
// JavaScript).
var jsonPlain = func() (t [256]bool) {
	for b := 0x20; b < 256; b++ {
		t[b] = b != '"' && b != '\\' && b != 0xE2
	}
	return t
}()

const hexDigits = "0123456789abcdef"

// AppendJSONString appends s as a JSON string to dst. Non-ASCII text is
// written as UTF-8, not escaped; only quotes, backslashes, control
// characters, U+2028 and U+2029 are escaped, and invalid UTF-8 becomes U+FFFD.
func AppendJSONString(dst []byte, s string) []byte {
	// One pass validates the UTF-8 and finds what must be escaped; the
	// first invalid byte hands the whole string to the slow path.
	mark := len(dst)
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if i+8 <= len(s) && plainASCII8(swar.Load64(s, i)) {
			i += 8
			continue
		}
		b := s[i]
		if b < utf8.RuneSelf {
			if !jsonPlain[b] {
				dst = append(dst, s[start:i]...)
				dst = appendEscape(dst, b)
				start = i + 1
			}
			i++
			continue
		}
		switch {
		case b >= 0xE0 && b < 0xF0 && i+2 < len(s): // most non-Latin scripts
			c1, c2 := s[i+1], s[i+2]
			lo, hi := byte(0x80), byte(0xBF)
			if b == 0xE0 {
				lo = 0xA0 // overlong
			} else if b == 0xED {
				hi = 0x9F // surrogates
			}
			if c1 < lo || c1 > hi || c2&0xC0 != 0x80 {
				return appendJSONStringSlow(dst[:mark], s)
			}
			if b == 0xE2 && c1 == 0x80 && (c2 == 0xA8 || c2 == 0xA9) {
				// U+2028, U+2029: line ends to JavaScript.
				dst = append(dst, s[start:i]...)
				dst = append(dst, '\\', 'u', '2', '0', '2', "89"[c2-0xA8])
				start = i + 3
			}
			i += 3
		case b >= 0xC2 && b < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			i += 2
		default:
			_, n := utf8.DecodeRuneInString(s[i:])
			if n == 1 {
				return appendJSONStringSlow(dst[:mark], s)
			}
			i += n
		}
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// plainASCII8 reports whether the eight bytes of w are ASCII that JSON
// strings hold as they are: no control character, quote or backslash.
func plainASCII8(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	hasZero := func(v uint64) bool { return (v-ones)&^v&highs != 0 }
	return w&highs == 0 && (w-0x20*ones)&^w&highs == 0 &&
		!hasZero(w^('"'*ones)) && !hasZero(w^('\\'*ones))
}

func appendEscape(dst []byte, b byte) []byte {
	switch b {
	case '"', '\\':
		return append(dst, '\\', b)
	case '\n':
		return append(dst, '\\', 'n')
	case '\r':
		return append(dst, '\\', 'r')
	case '\t':
		return append(dst, '\\', 't')
	}
	return append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
}

// appendJSONStringSlow is AppendJSONString for text with invalid UTF-8:
// each invalid byte becomes U+FFFD.
func appendJSONStringSlow(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if jsonPlain[b] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			dst = appendEscape(dst, b)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
