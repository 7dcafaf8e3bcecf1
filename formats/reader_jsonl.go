package formats

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/klauspost/compress/zstd"

	"github.com/corpustools/corpus/schemas"
)

// jsonlReader reads JSONL, plain or compressed, decoding each line strictly
// as one row: every column present once, nothing else, each of its type.
type jsonlReader struct {
	info    FileInfo
	closer  io.Closer
	decomp  io.Closer // the gzip or zstd decoder, if any
	in      *bufio.Reader
	line    int64 // number of the last line read
	offset  int64 // byte offset of the next line
	lineOff int64 // byte offset of the last line read
	long    []byte
	peeked  []byte // a line read ahead to infer the unit, not yet decoded
	hasPeek bool
	maxRows int
	done    bool
	decode  func(p *jsonParser, b *schemas.Batch) error
	// allowExtra skips keys the schema does not have.
	allowExtra bool
}

func newJSONLReader(src *io.SectionReader, compression string, opts ReaderOptions, closer io.Closer) (RowReader, error) {
	j := &jsonlReader{closer: closer, allowExtra: opts.AllowExtraColumns}
	j.info = FileInfo{Path: opts.Name, Format: "jsonl", Compression: compression, Rows: -1}
	var r io.Reader = src
	switch compression {
	case "gzip":
		gz, err := gzip.NewReader(src)
		if err != nil {
			return nil, newReadError(opts.Name, fmt.Errorf("%w: gzip: %v", ErrCorrupt, err))
		}
		r, j.decomp = gz, gz
	case "zstd":
		zr, err := zstd.NewReader(src, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(1<<30))
		if err != nil {
			return nil, newReadError(opts.Name, fmt.Errorf("%w: zstd: %v", ErrCorrupt, err))
		}
		r, j.decomp = zr, zstdCloser{zr}
	}
	j.in = bufio.NewReaderSize(r, 256<<10)
	j.info.Unit = opts.Unit
	if j.info.Unit == "" {
		// Infer the unit from the keys of the first line.
		line, err := j.readLine()
		switch {
		case err == io.EOF:
		case err != nil:
			j.closeDecomp()
			return nil, j.readError(err)
		default:
			j.peeked, j.hasPeek = line, true
			keys, col, err := topLevelKeys(line)
			if err != nil {
				j.closeDecomp()
				return nil, j.lineError(err, col, "")
			}
			j.info.Unit = inferUnit(keys)
			if j.info.Unit == "" {
				j.closeDecomp()
				return nil, j.lineError(fmt.Errorf("%w: cannot tell the unit from keys %q", ErrInvalidRow, keys), 1, "")
			}
		}
	}
	if j.info.Unit != "" {
		j.info.Columns = schemas.Columns(j.info.Unit)
		j.maxRows = rowGroupRows(Options{Unit: j.info.Unit})
	}
	switch j.info.Unit {
	case schemas.UnitDocument:
		j.decode = decodeDocumentLine
	case schemas.UnitParagraph:
		j.decode = decodeParagraphLine
	case schemas.UnitSentence:
		j.decode = decodeSentenceLine
	}
	return j, nil
}

type zstdCloser struct{ d *zstd.Decoder }

func (z zstdCloser) Close() error { z.d.Close(); return nil }

func (j *jsonlReader) Info() *FileInfo { return &j.info }

// readLine returns the next line without its newline, valid until the
// next call, or io.EOF after the last one.
func (j *jsonlReader) readLine() ([]byte, error) {
	if j.hasPeek {
		j.hasPeek = false
		return j.peeked, nil
	}
	j.long = j.long[:0]
	for {
		chunk, err := j.in.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			j.long = append(j.long, chunk...)
			continue
		}
		line := chunk
		if len(j.long) > 0 {
			j.long = append(j.long, chunk...)
			line = j.long
		}
		if err == io.EOF {
			if len(line) == 0 {
				return nil, io.EOF
			}
			err = nil // a last line without a newline
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
		j.line++
		j.lineOff = j.offset
		j.offset += int64(len(line))
		return bytes.TrimSuffix(line, []byte{'\n'}), nil
	}
}

func (j *jsonlReader) lineError(err error, col int, field string) *ReadError {
	e := newReadError(j.info.Path, err)
	e.Line, e.Column, e.Offset, e.Field = j.line, col, j.lineOff, field
	return e
}

// readError reports an error reading the line after the last one read.
func (j *jsonlReader) readError(err error) *ReadError {
	e := newReadError(j.info.Path, err)
	e.Line, e.Offset = j.line+1, j.offset
	return e
}

func (j *jsonlReader) Next(b *schemas.Batch) (int, error) {
	b.Reset()
	if j.done || j.decode == nil {
		return 0, io.EOF
	}
	n, size := 0, 0
	var p jsonParser
	for n < j.maxRows && int64(size) < rowGroupBytes {
		line, err := j.readLine()
		if err == io.EOF {
			j.done = true
			break
		}
		if err != nil {
			j.done = true
			return 0, j.readError(err)
		}
		p = jsonParser{s: string(line), extra: j.allowExtra}
		if err := j.decode(&p, b); err != nil {
			j.done = true
			b.Reset()
			var je *jsonError
			if errors.As(err, &je) {
				return 0, j.lineError(je.err, je.col, je.field)
			}
			return 0, j.lineError(err, 0, "")
		}
		n++
		size += len(line)
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

func (j *jsonlReader) closeDecomp() {
	if j.decomp != nil {
		j.decomp.Close()
		j.decomp = nil
	}
}

func (j *jsonlReader) Close() error {
	j.done = true
	j.closeDecomp()
	if j.closer != nil {
		c := j.closer
		j.closer = nil
		return c.Close()
	}
	return nil
}

// jsonError is a JSONL decoding error at a byte column of a line.
type jsonError struct {
	col   int
	field string
	err   error
}

func (e *jsonError) Error() string { return e.err.Error() }

// jsonParser decodes the JSON of one line, strictly: UTF-8 only, integers
// only where the schema has integers, no duplicate keys.
type jsonParser struct {
	s     string
	i     int
	key   int  // offset of the last key read
	extra bool // skip unknown top-level keys instead of failing
}

func (p *jsonParser) fail(field, format string, args ...any) error {
	return &jsonError{col: p.i + 1, field: field, err: fmt.Errorf("%w: %s", ErrInvalidRow, fmt.Sprintf(format, args...))}
}

func (p *jsonParser) ws() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\r', '\n':
			p.i++
		default:
			return
		}
	}
}

// peek returns the next non-space byte, or 0 at the end.
func (p *jsonParser) peek() byte {
	p.ws()
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

func (p *jsonParser) describe() string {
	switch c := p.peek(); {
	case c == 0:
		return "end of line"
	case c == '"':
		return "a string"
	case c == '{':
		return "an object"
	case c == '[':
		return "an array"
	case c == 'n':
		return "null"
	case c == 't' || c == 'f':
		return "a boolean"
	case c == '-' || (c >= '0' && c <= '9'):
		return "a number"
	default:
		return strconv.QuoteRune(rune(c))
	}
}

// object calls member for each key of an object, positioned on its value;
// p.key is the offset of the key.
func (p *jsonParser) object(field string, member func(key string) error) error {
	if p.peek() != '{' {
		return p.fail(field, "want an object, got %s", p.describe())
	}
	p.i++
	if p.peek() == '}' {
		p.i++
		return nil
	}
	for {
		if p.peek() != '"' {
			return p.fail(field, "want a key, got %s", p.describe())
		}
		keyPos := p.i
		key, err := p.str(field)
		if err != nil {
			return err
		}
		if p.peek() != ':' {
			return p.fail(field, "want ':' after key %q, got %s", key, p.describe())
		}
		p.i++
		p.key = keyPos
		if err := member(key); err != nil {
			return err
		}
		switch p.peek() {
		case ',':
			p.i++
		case '}':
			p.i++
			return nil
		default:
			return p.fail(field, "want ',' or '}', got %s", p.describe())
		}
	}
}

// array calls elem for each element of an array.
func (p *jsonParser) array(field string, elem func(i int) error) error {
	if p.peek() != '[' {
		return p.fail(field, "want an array, got %s", p.describe())
	}
	p.i++
	if p.peek() == ']' {
		p.i++
		return nil
	}
	for i := 0; ; i++ {
		if err := elem(i); err != nil {
			return err
		}
		switch p.peek() {
		case ',':
			p.i++
		case ']':
			p.i++
			return nil
		default:
			return p.fail(field, "want ',' or ']', got %s", p.describe())
		}
	}
}

// null consumes a null if one is next.
func (p *jsonParser) null() bool {
	if p.peek() == 'n' && len(p.s)-p.i >= 4 && p.s[p.i:p.i+4] == "null" {
		p.i += 4
		return true
	}
	return false
}

// str decodes a string. Strings without escapes are substrings of the line.
func (p *jsonParser) str(field string) (string, error) {
	if p.peek() != '"' {
		return "", p.fail(field, "want a string, got %s", p.describe())
	}
	p.i++
	start := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			s := p.s[start:p.i]
			p.i++
			return s, nil
		case c == '\\':
			return p.strEscaped(field, start)
		case c < 0x20:
			return "", p.fail(field, "control character %#x in a string", c)
		case c < utf8.RuneSelf:
			p.i++
		default:
			r, size := utf8.DecodeRuneInString(p.s[p.i:])
			if r == utf8.RuneError && size == 1 {
				return "", p.fail(field, "invalid UTF-8 in a string")
			}
			p.i += size
		}
	}
	return "", p.fail(field, "unterminated string")
}

func (p *jsonParser) strEscaped(field string, start int) (string, error) {
	buf := []byte(p.s[start:p.i])
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return string(buf), nil
		case c == '\\':
			if p.i+1 >= len(p.s) {
				return "", p.fail(field, "unterminated string")
			}
			e := p.s[p.i+1]
			p.i += 2
			switch e {
			case '"', '\\', '/':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r, ok := p.hex4()
				if !ok {
					return "", p.fail(field, `invalid \u escape`)
				}
				if utf16.IsSurrogate(r) {
					r2 := rune(-1)
					if p.i+1 < len(p.s) && p.s[p.i] == '\\' && p.s[p.i+1] == 'u' {
						save := p.i
						p.i += 2
						var ok2 bool
						if r2, ok2 = p.hex4(); !ok2 {
							return "", p.fail(field, `invalid \u escape`)
						}
						if utf16.DecodeRune(r, r2) == utf8.RuneError {
							p.i, r2 = save, -1
						}
					}
					if r2 < 0 {
						return "", p.fail(field, `lone surrogate \u%04x in a string`, r)
					}
					r = utf16.DecodeRune(r, r2)
				}
				buf = utf8.AppendRune(buf, r)
			default:
				p.i -= 2
				return "", p.fail(field, "invalid escape %q", "\\"+string(e))
			}
		case c < 0x20:
			return "", p.fail(field, "control character %#x in a string", c)
		case c < utf8.RuneSelf:
			buf = append(buf, c)
			p.i++
		default:
			r, size := utf8.DecodeRuneInString(p.s[p.i:])
			if r == utf8.RuneError && size == 1 {
				return "", p.fail(field, "invalid UTF-8 in a string")
			}
			buf = append(buf, p.s[p.i:p.i+size]...)
			p.i += size
		}
	}
	return "", p.fail(field, "unterminated string")
}

func (p *jsonParser) hex4() (rune, bool) {
	if p.i+4 > len(p.s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(p.s[p.i : p.i+4]) {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	p.i += 4
	return r, true
}

// integer decodes an integer that fits in bits bits.
func (p *jsonParser) integer(field string, bits int) (int64, error) {
	c := p.peek()
	if c != '-' && (c < '0' || c > '9') {
		return 0, p.fail(field, "want an integer, got %s", p.describe())
	}
	start := p.i
	if c == '-' {
		p.i++
	}
	digits := p.i
	for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		p.i++
	}
	if p.i == digits {
		return 0, p.fail(field, "want an integer")
	}
	if p.s[digits] == '0' && p.i-digits > 1 {
		p.i = start
		return 0, p.fail(field, "leading zero in a number")
	}
	if p.i < len(p.s) && (p.s[p.i] == '.' || p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		p.i = start
		return 0, p.fail(field, "want an integer, got a fraction or exponent")
	}
	v, err := strconv.ParseInt(p.s[start:p.i], 10, bits)
	if err != nil {
		num := p.s[start:p.i]
		p.i = start
		return 0, p.fail(field, "integer %s out of the int%d range", num, bits)
	}
	return v, nil
}

func (p *jsonParser) int32(field string) (int32, error) {
	v, err := p.integer(field, 32)
	return int32(v), err
}

func (p *jsonParser) int64(field string) (int64, error) { return p.integer(field, 64) }

// skip skips any JSON value (used to read the keys of a first line).
func (p *jsonParser) skip(field string, depth int) error {
	if depth > 64 {
		return p.fail(field, "nested too deep")
	}
	switch c := p.peek(); {
	case c == '"':
		_, err := p.str(field)
		return err
	case c == '{':
		return p.object(field, func(string) error { return p.skip(field, depth+1) })
	case c == '[':
		return p.array(field, func(int) error { return p.skip(field, depth+1) })
	case c == '-' || (c >= '0' && c <= '9'):
		start := p.i
		for p.i < len(p.s) && bytes.IndexByte([]byte("+-0123456789.eE"), p.s[p.i]) >= 0 {
			p.i++
		}
		if _, err := strconv.ParseFloat(p.s[start:p.i], 64); err != nil && !errors.Is(err, strconv.ErrRange) {
			p.i = start
			return p.fail(field, "invalid number")
		}
		return nil
	default:
		for _, lit := range []string{"null", "true", "false"} {
			if len(p.s)-p.i >= len(lit) && p.s[p.i:p.i+len(lit)] == lit {
				p.i += len(lit)
				return nil
			}
		}
		return p.fail(field, "want a value, got %s", p.describe())
	}
}

// end checks that nothing but spaces follows the value.
func (p *jsonParser) end() error {
	if p.peek() != 0 {
		return p.fail("", "unexpected %s after the object", p.describe())
	}
	return nil
}

// topLevelKeys returns the keys of the JSON object in line.
func topLevelKeys(line []byte) ([]string, int, error) {
	p := &jsonParser{s: string(line)}
	var keys []string
	err := p.object("", func(key string) error {
		keys = append(keys, key)
		return p.skip(key, 0)
	})
	if err == nil {
		err = p.end()
	}
	if err != nil {
		var je *jsonError
		if errors.As(err, &je) {
			return nil, je.col, je.err
		}
		return nil, 0, err
	}
	return keys, 0, nil
}

// fields maps the column names of a row (or of a list element) to their
// index, and checks that each appears exactly once.
type fields struct {
	index map[string]int
	names []string
}

func newFields(cols []schemas.Column) fields {
	f := fields{index: make(map[string]int, len(cols))}
	for i, c := range cols {
		f.index[c.Name] = i
		f.names = append(f.names, c.Name)
	}
	return f
}

var (
	documentFields  = newFields(schemas.Columns(schemas.UnitDocument))
	paragraphFields = newFields(schemas.Columns(schemas.UnitParagraph))
	sentenceFields  = newFields(schemas.Columns(schemas.UnitSentence))
	spanFields      = fields{index: map[string]int{"start": 0, "end": 1}, names: []string{"start", "end"}}
	sentSpanFields  = fields{index: map[string]int{"start": 0, "end": 1, "paragraph": 2}, names: []string{"start", "end", "paragraph"}}
	metaFields      = fields{index: map[string]int{"key": 0, "value": 1}, names: []string{"key", "value"}}
)

// decodeObject decodes an object whose members are fs, calling member with
// each member's column index and name; path prefixes field names in errors.
func (p *jsonParser) decodeObject(fs fields, path string, member func(i int, name string) error) error {
	var seen uint64
	start := p.i
	err := p.object(strings.TrimSuffix(path, "."), func(key string) error {
		i, ok := fs.index[key]
		name := path + key
		if !ok && p.extra && path == "" {
			return p.skip(name, 0)
		}
		if !ok {
			p.i = p.key
			return p.fail(name, "unknown field")
		}
		if seen&(1<<i) != 0 {
			p.i = p.key
			return p.fail(name, "duplicate field")
		}
		seen |= 1 << i
		return member(i, name)
	})
	if err != nil {
		return err
	}
	if seen != 1<<len(fs.names)-1 {
		for i, n := range fs.names {
			if seen&(1<<i) == 0 {
				p.i = start
				return p.fail(path+n, "missing field")
			}
		}
	}
	return nil
}

func (p *jsonParser) spans(name string) ([]schemas.Span, error) {
	var out []schemas.Span
	err := p.array(name, func(k int) error {
		var s schemas.Span
		path := name + "[" + strconv.Itoa(k) + "]."
		err := p.decodeObject(spanFields, path, func(i int, f string) (err error) {
			if i == 0 {
				s.Start, err = p.int32(f)
			} else {
				s.End, err = p.int32(f)
			}
			return err
		})
		out = append(out, s)
		return err
	})
	return out, err
}

func (p *jsonParser) sentenceSpans(name string) ([]schemas.SentenceSpan, error) {
	var out []schemas.SentenceSpan
	err := p.array(name, func(k int) error {
		var s schemas.SentenceSpan
		path := name + "[" + strconv.Itoa(k) + "]."
		err := p.decodeObject(sentSpanFields, path, func(i int, f string) (err error) {
			switch i {
			case 0:
				s.Start, err = p.int32(f)
			case 1:
				s.End, err = p.int32(f)
			default:
				s.Paragraph, err = p.int32(f)
			}
			return err
		})
		out = append(out, s)
		return err
	})
	return out, err
}

func (p *jsonParser) meta(name string) ([]schemas.KeyValue, error) {
	var out []schemas.KeyValue
	err := p.array(name, func(k int) error {
		var kv schemas.KeyValue
		path := name + "[" + strconv.Itoa(k) + "]."
		err := p.decodeObject(metaFields, path, func(i int, f string) (err error) {
			if i == 0 {
				kv.Key, err = p.str(f)
			} else {
				kv.Value, err = p.str(f)
			}
			return err
		})
		out = append(out, kv)
		return err
	})
	return out, err
}

func (p *jsonParser) lang(name string) (*string, error) {
	if p.null() {
		return nil, nil
	}
	if p.peek() != '"' {
		return nil, p.fail(name, "want a string or null, got %s", p.describe())
	}
	s, err := p.str(name)
	return &s, err
}

func decodeDocumentLine(p *jsonParser, b *schemas.Batch) error {
	var r schemas.DocumentRow
	err := p.decodeObject(documentFields, "", func(_ int, name string) (err error) {
		switch name {
		case "id":
			r.ID, err = p.str(name)
		case "text":
			r.Text, err = p.str(name)
		case "source":
			r.Source, err = p.str(name)
		case "lang":
			r.Lang, err = p.lang(name)
		case "script":
			r.Script, err = p.str(name)
		case "paragraphs":
			r.Paragraphs, err = p.spans(name)
		case "sentences":
			r.Sentences, err = p.sentenceSpans(name)
		case "num_bytes":
			r.NumBytes, err = p.int64(name)
		case "num_chars":
			r.NumChars, err = p.int64(name)
		case "num_words":
			r.NumWords, err = p.int64(name)
		case "num_paragraphs":
			r.NumParagraphs, err = p.int64(name)
		case "num_sentences":
			r.NumSentences, err = p.int64(name)
		case "sha256":
			r.SHA256, err = p.str(name)
		case "meta":
			r.Meta, err = p.meta(name)
		}
		return err
	})
	if err == nil {
		err = p.end()
	}
	if err != nil {
		return err
	}
	b.Documents = append(b.Documents, r)
	return nil
}

func decodeParagraphLine(p *jsonParser, b *schemas.Batch) error {
	var r schemas.ParagraphRow
	err := p.decodeObject(paragraphFields, "", func(_ int, name string) (err error) {
		switch name {
		case "doc_id":
			r.DocID, err = p.str(name)
		case "paragraph_index":
			r.ParagraphIndex, err = p.int32(name)
		case "start":
			r.Start, err = p.int32(name)
		case "end":
			r.End, err = p.int32(name)
		case "text":
			r.Text, err = p.str(name)
		case "source":
			r.Source, err = p.str(name)
		case "lang":
			r.Lang, err = p.lang(name)
		case "script":
			r.Script, err = p.str(name)
		case "meta":
			r.Meta, err = p.meta(name)
		}
		return err
	})
	if err == nil {
		err = p.end()
	}
	if err != nil {
		return err
	}
	b.Paragraphs = append(b.Paragraphs, r)
	return nil
}

func decodeSentenceLine(p *jsonParser, b *schemas.Batch) error {
	var r schemas.SentenceRow
	err := p.decodeObject(sentenceFields, "", func(_ int, name string) (err error) {
		switch name {
		case "doc_id":
			r.DocID, err = p.str(name)
		case "paragraph_index":
			r.ParagraphIndex, err = p.int32(name)
		case "sentence_index":
			r.SentenceIndex, err = p.int32(name)
		case "start":
			r.Start, err = p.int32(name)
		case "end":
			r.End, err = p.int32(name)
		case "text":
			r.Text, err = p.str(name)
		case "source":
			r.Source, err = p.str(name)
		case "lang":
			r.Lang, err = p.lang(name)
		case "script":
			r.Script, err = p.str(name)
		case "meta":
			r.Meta, err = p.meta(name)
		}
		return err
	})
	if err == nil {
		err = p.end()
	}
	if err != nil {
		return err
	}
	b.Sentences = append(b.Sentences, r)
	return nil
}
