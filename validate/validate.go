// Package validate checks corpus files and output folders against their
// versioned schema: the columns (names, order, types, nullability) and the
// data invariants (unique ids, spans in bounds and ordered, counts and
// checksums consistent with the text, text in the declared normalization
// form), and a folder's manifest against the files it lists.
//
// It streams: memory is bounded by one row group (Parquet), record batch
// (Arrow) or run of lines (JSONL), plus 8 bytes per document id.
package validate

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/corpustools/corpus/corpus"
	"github.com/corpustools/corpus/corpus/normalize"
	"github.com/corpustools/corpus/formats"
	"github.com/corpustools/corpus/schemas"
)

// Options configure a validation.
type Options struct {
	// Schema, when set, is the schema every file must follow; otherwise
	// each file is checked against the schema it declares.
	Schema *schemas.Set
	// Unit, when set, is the unit every file must have (and the unit of
	// JSONL files, which declare none).
	Unit schemas.Unit
	// AllowExtraColumns accepts columns after the schema's last one (in
	// JSONL, keys the schema does not have): what a later schema version
	// may add under the evolution policy.
	AllowExtraColumns bool
	// Form is the normalization form text must be in; when unset (-1 is
	// not a form; use FormFromBuild) the form recorded at build time is
	// used, from the file metadata or the folder's manifest, else NFC.
	Form *normalize.Form
	// MaxFindings stops collecting findings after this many (0: 100).
	MaxFindings int
}

// Finding is one problem found.
type Finding struct {
	// File is the path of the file at fault.
	File string `json:"file"`
	// Row is the 0-based row index in the file, -1 when not about a row.
	Row int64 `json:"row"`
	// Column names the column at fault, "" when not about one column.
	Column string `json:"column,omitempty"`
	// Check names the rule broken, such as "span-bounds" or "sha256".
	Check string `json:"check"`
	// Message says what is wrong.
	Message string `json:"message"`
}

func (f Finding) String() string {
	var b strings.Builder
	b.WriteString(f.File)
	if f.Row >= 0 {
		fmt.Fprintf(&b, ": row %d", f.Row)
	}
	if f.Column != "" {
		fmt.Fprintf(&b, ": column %s", f.Column)
	}
	fmt.Fprintf(&b, ": %s: %s", f.Check, f.Message)
	return b.String()
}

// Report is the outcome of a validation.
type Report struct {
	// Valid is true when no finding was made.
	Valid bool `json:"valid"`
	// Files lists the files checked with their row counts.
	Files []FileReport `json:"files"`
	// Findings lists the problems, at most Options.MaxFindings.
	Findings []Finding `json:"findings"`
	// Truncated is true when more findings were made than listed.
	Truncated bool `json:"truncated"`
	// TotalFindings counts every finding, listed or not.
	TotalFindings int `json:"total_findings"`
	// Bytes is the size of the files checked.
	Bytes int64 `json:"bytes"`
}

// FileReport describes one file checked.
type FileReport struct {
	Path   string       `json:"path"`
	Format string       `json:"format"`
	Schema string       `json:"schema"`
	Unit   schemas.Unit `json:"unit"`
	Rows   int64        `json:"rows"`
	Bytes  int64        `json:"bytes"`
}

// InputError reports a path that cannot be read at all (missing,
// permission denied): not a finding about the corpus but a usage problem.
type InputError struct {
	Path string
	Err  error
}

func (e *InputError) Error() string { return e.Path + ": " + e.Err.Error() }

// Unwrap returns the cause.
func (e *InputError) Unwrap() error { return e.Err }

// Paths validates files and output folders. A folder is checked through its
// manifest.json (every listed file, and no unlisted data file), or, without
// one, every corpus file under its data/ folder. It returns an *InputError
// for a path that cannot be read.
func Paths(paths []string, o Options) (*Report, error) {
	if o.MaxFindings <= 0 {
		o.MaxFindings = 100
	}
	v := &validator{opts: o, rep: &Report{Files: []FileReport{}, Findings: []Finding{}}, seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}}
	for _, p := range paths {
		v.ids = map[string]map[idKey]struct{}{}
		fi, err := os.Stat(p)
		if err != nil {
			return nil, &InputError{Path: p, Err: err}
		}
		if fi.IsDir() {
			if err := v.folder(p); err != nil {
				return nil, err
			}
			continue
		}
		if err := v.file(p, nil, v.opts.Form); err != nil {
			return nil, err
		}
	}
	v.rep.Valid = v.rep.TotalFindings == 0
	return v.rep, nil
}

type validator struct {
	opts Options
	rep  *Report
	// ids holds, per format, a hash of every document id seen under the
	// current path argument, so ids are unique across the shards of a folder.
	ids   map[string]map[idKey]struct{}
	seeds [2]maphash.Seed
}

// idKey stands for a document id: two 64-bit hashes of it with independent
// seeds. At 128 bits, two of n ids share a key with probability about
// n²/2¹²⁹, nothing even for 10⁹ ids; at 64 bits a false "not unique" would
// be likely for a corpus of that size (about 3%).
type idKey [2]uint64

// key returns the key of id.
func (v *validator) key(id string) idKey {
	return idKey{maphash.String(v.seeds[0], id), maphash.String(v.seeds[1], id)}
}

func (v *validator) add(f Finding) {
	v.rep.TotalFindings++
	if len(v.rep.Findings) < v.opts.MaxFindings {
		v.rep.Findings = append(v.rep.Findings, f)
	} else {
		v.rep.Truncated = true
	}
}

// manifestFile is the part of manifest.json that validate reads.
type manifestFile struct {
	Complete *bool `json:"complete"`
	Schema   struct {
		Name    string       `json:"name"`
		Version string       `json:"version"`
		Unit    schemas.Unit `json:"unit"`
	} `json:"schema"`
	Options map[string]any `json:"options"`
	Outputs []struct {
		Path   string `json:"path"`
		Format string `json:"format"`
		Rows   int64  `json:"rows"`
		Bytes  int64  `json:"bytes"`
		SHA256 string `json:"sha256"`
	} `json:"outputs"`
}

func (v *validator) folder(dir string) error {
	mpath := filepath.Join(dir, "manifest.json")
	data, err := os.ReadFile(mpath)
	if errors.Is(err, fs.ErrNotExist) {
		files, err := filepath.Glob(filepath.Join(dir, "data", "*"))
		if err != nil {
			return &InputError{Path: dir, Err: err}
		}
		sort.Strings(files)
		n := 0
		for _, f := range files {
			if strings.HasPrefix(filepath.Base(f), ".") {
				continue
			}
			n++
			if err := v.file(f, nil, v.opts.Form); err != nil {
				return err
			}
		}
		if n == 0 {
			v.add(Finding{File: dir, Row: -1, Check: "manifest", Message: "no manifest.json and no files under data/"})
		}
		return nil
	}
	if err != nil {
		return &InputError{Path: mpath, Err: err}
	}
	var m manifestFile
	if err := json.Unmarshal(data, &m); err != nil {
		v.add(Finding{File: mpath, Row: -1, Check: "manifest", Message: "not valid JSON: " + err.Error()})
		return nil
	}
	if m.Complete != nil && !*m.Complete {
		v.add(Finding{File: mpath, Row: -1, Check: "manifest", Message: "the build did not complete"})
	}
	form := v.opts.Form
	if form == nil {
		if s, ok := m.Options["normalize"].(string); ok {
			if f, err := normalize.ParseForm(s); err == nil {
				form = &f
			}
		}
	}
	listed := map[string]bool{}
	for _, o := range m.Outputs {
		rel := filepath.FromSlash(o.Path)
		if filepath.IsAbs(rel) || strings.HasPrefix(filepath.Clean(rel), "..") {
			v.add(Finding{File: mpath, Row: -1, Check: "manifest", Message: fmt.Sprintf("output path %q leaves the folder", o.Path)})
			continue
		}
		p := filepath.Join(dir, rel)
		listed[filepath.Clean(p)] = true
		st, err := os.Stat(p)
		if err != nil {
			v.add(Finding{File: p, Row: -1, Check: "manifest", Message: "listed in manifest.json but missing: " + err.Error()})
			continue
		}
		want := &expectation{rows: o.Rows, bytes: o.Bytes, sha256: o.SHA256, unit: m.Schema.Unit,
			schema: m.Schema.Name + "@" + m.Schema.Version}
		if st.Size() != o.Bytes {
			v.add(Finding{File: p, Row: -1, Check: "manifest", Message: fmt.Sprintf("size %d, manifest says %d", st.Size(), o.Bytes)})
		}
		if err := v.file(p, want, form); err != nil {
			return err
		}
	}
	extra, _ := filepath.Glob(filepath.Join(dir, "data", "*"))
	sort.Strings(extra)
	for _, f := range extra {
		if !listed[filepath.Clean(f)] {
			msg := "data file not listed in manifest.json"
			if strings.HasPrefix(filepath.Base(f), ".") {
				msg = "temporary file of an unfinished or interrupted build"
			}
			v.add(Finding{File: f, Row: -1, Check: "manifest", Message: msg})
		}
	}
	return nil
}

// expectation is what a manifest says of a file.
type expectation struct {
	rows   int64
	bytes  int64
	sha256 string
	unit   schemas.Unit
	schema string
}

func (v *validator) file(path string, want *expectation, form *normalize.Form) error {
	st, err := os.Stat(path)
	if err != nil {
		return &InputError{Path: path, Err: err}
	}
	v.rep.Bytes += st.Size()
	if want != nil && want.sha256 != "" {
		sum, _, err := formats.FileSHA256(path)
		if err != nil {
			return &InputError{Path: path, Err: err}
		}
		if sum != want.sha256 {
			v.add(Finding{File: path, Row: -1, Check: "manifest", Message: fmt.Sprintf("sha256 %s, manifest says %s", sum, want.sha256)})
		}
	}
	unit := v.opts.Unit
	if unit == "" && want != nil {
		unit = want.unit
	}
	r, err := formats.OpenReaderWith(path, formats.ReaderOptions{Unit: unit, AllowExtraColumns: v.opts.AllowExtraColumns})
	if err != nil {
		var re *formats.ReadError
		if errors.As(err, &re) {
			v.add(Finding{File: path, Row: -1, Check: "read", Message: readMessage(re)})
			return nil
		}
		if errors.Is(err, fs.ErrPermission) || errors.Is(err, fs.ErrNotExist) {
			return &InputError{Path: path, Err: err}
		}
		v.add(Finding{File: path, Row: -1, Check: "read", Message: err.Error()})
		return nil
	}
	defer r.Close()
	info := r.Info()
	fr := FileReport{Path: path, Format: info.Format, Unit: info.Unit, Bytes: st.Size()}
	defer func() { v.rep.Files = append(v.rep.Files, fr) }()

	// The schema: given, or declared by the file, or the manifest's.
	set := v.opts.Schema
	declared := ""
	if info.SchemaName != "" || info.SchemaVersion != "" {
		declared = info.SchemaName + "@" + info.SchemaVersion
	} else if want != nil {
		declared = want.schema
	}
	if set == nil {
		if declared == "" {
			declared = schemas.Current.Ref()
		}
		s, err := schemas.Lookup(declared)
		if err != nil {
			v.add(Finding{File: path, Row: -1, Check: "schema", Message: err.Error()})
			return nil
		}
		set = s
	} else if declared != "" && declared != set.Ref() {
		v.add(Finding{File: path, Row: -1, Check: "schema", Message: fmt.Sprintf("file declares schema %s, want %s", declared, set.Ref())})
	}
	fr.Schema = set.Ref()
	if info.Unit == "" {
		v.add(Finding{File: path, Row: -1, Check: "schema", Message: "cannot tell the row unit (give --unit)"})
		return nil
	}
	if v.opts.Unit != "" && info.Unit != v.opts.Unit {
		v.add(Finding{File: path, Row: -1, Check: "schema", Message: fmt.Sprintf("rows are %ss, want %ss", info.Unit, v.opts.Unit)})
		return nil
	}
	if want != nil && want.unit != "" && info.Unit != want.unit {
		v.add(Finding{File: path, Row: -1, Check: "manifest", Message: fmt.Sprintf("rows are %ss, manifest says %ss", info.Unit, want.unit)})
	}
	wantCols := set.Columns(info.Unit)
	gotCols := info.Columns
	if v.opts.AllowExtraColumns {
		gotCols = schemas.WithoutTrailingExtra(wantCols, gotCols)
	}
	if err := schemas.CheckColumns(wantCols, gotCols); err != nil {
		var ce *schemas.ColumnsError
		if errors.As(err, &ce) {
			for _, d := range ce.Diffs {
				v.add(Finding{File: path, Row: -1, Check: "columns", Message: d})
			}
		} else {
			v.add(Finding{File: path, Row: -1, Check: "columns", Message: err.Error()})
		}
		return nil // rows of other columns cannot be checked as this schema's
	}

	f := normalize.NFC
	if form != nil {
		f = *form
	} else if s := buildOption(info.Metadata, "normalize"); s != "" {
		if ff, err := normalize.ParseForm(s); err == nil {
			f = ff
		}
	}
	ids := v.ids[info.Format]
	if ids == nil {
		ids = map[idKey]struct{}{}
		v.ids[info.Format] = ids
	}
	chk := &rowChecker{v: v, path: path, form: f, ids: ids}
	var b schemas.Batch
	for {
		n, err := r.Next(&b)
		if err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			var re *formats.ReadError
			if errors.As(err, &re) {
				v.add(Finding{File: path, Row: re.Row, Column: re.Field, Check: "read", Message: readMessage(re)})
			} else {
				v.add(Finding{File: path, Row: -1, Check: "read", Message: err.Error()})
			}
			break
		}
		chk.batch(&b, info.Unit)
		fr.Rows += int64(n)
	}
	if want != nil && want.rows != fr.Rows {
		v.add(Finding{File: path, Row: -1, Check: "manifest", Message: fmt.Sprintf("%d rows, manifest says %d", fr.Rows, want.rows)})
	}
	return nil
}

// readMessage is a read error's message without the file name, which the
// finding carries.
func readMessage(re *formats.ReadError) string {
	return strings.TrimPrefix(re.Error(), re.Path+": ")
}

func buildOption(meta map[string]string, key string) string {
	raw := meta["corpus.build.options"]
	if raw == "" {
		return ""
	}
	var m map[string]any
	if json.Unmarshal([]byte(raw), &m) != nil {
		return ""
	}
	s, _ := m[key].(string)
	return s
}

// rowChecker checks the data invariants of the rows of one file.
type rowChecker struct {
	v    *validator
	path string
	form normalize.Form
	row  int64
	ids  map[idKey]struct{} // keys of the document ids seen

	// paragraph and sentence rows: the current document and last index.
	doc     string
	lastIdx int32
	lastEnd int32
}

func (c *rowChecker) bad(col, check, format string, a ...any) {
	c.v.add(Finding{File: c.path, Row: c.row, Column: col, Check: check, Message: fmt.Sprintf(format, a...)})
}

func (c *rowChecker) batch(b *schemas.Batch, u schemas.Unit) {
	switch u {
	case schemas.UnitDocument:
		for i := range b.Documents {
			c.document(&b.Documents[i])
			c.row++
		}
	case schemas.UnitParagraph:
		for i := range b.Paragraphs {
			p := &b.Paragraphs[i]
			c.part(p.DocID, p.ParagraphIndex, p.Start, p.End, p.Text, "paragraph_index")
			c.common(p.Source, p.Lang, p.Script, p.Meta)
			c.row++
		}
	case schemas.UnitSentence:
		for i := range b.Sentences {
			s := &b.Sentences[i]
			c.part(s.DocID, s.SentenceIndex, s.Start, s.End, s.Text, "sentence_index")
			if s.ParagraphIndex < 0 {
				c.bad("paragraph_index", "index", "negative paragraph index %d", s.ParagraphIndex)
			}
			c.common(s.Source, s.Lang, s.Script, s.Meta)
			c.row++
		}
	}
}

func (c *rowChecker) text(col, text string) bool {
	if !utf8.ValidString(text) {
		c.bad(col, "utf8", "invalid UTF-8")
		return false
	}
	if !normalize.IsNormalized(text, c.form) {
		c.bad(col, "normalization", "text is not in %s form (with corpus cleanup)", strings.ToUpper(c.form.String()))
	}
	return true
}

func (c *rowChecker) common(source string, lang *string, script string, meta []schemas.KeyValue) {
	if lang != nil && *lang == "" {
		c.bad("lang", "lang", "empty language tag (unknown is null)")
	}
	if len(script) != 4 {
		c.bad("script", "script", "%q is not an ISO 15924 code", script)
	}
	for i := 1; i < len(meta); i++ {
		if meta[i-1].Key >= meta[i].Key {
			c.bad("meta", "meta", "keys not sorted and unique: %q before %q", meta[i-1].Key, meta[i].Key)
			break
		}
	}
}

// part checks a paragraph or sentence row: its index follows the previous
// row's within the same document, its span matches its text and follows the
// previous span.
func (c *rowChecker) part(docID string, idx, start, end int32, text, idxCol string) {
	if docID == "" {
		c.bad("doc_id", "id", "empty doc_id")
	}
	if docID != c.doc {
		h := c.v.key(docID)
		if _, seen := c.ids[h]; seen {
			c.bad("doc_id", "id-unique", "rows of document %q are not contiguous (or its id is not unique)", docID)
		}
		c.ids[h] = struct{}{}
		c.doc = docID
		if idx != 0 {
			c.bad(idxCol, "index", "first row of document %q has index %d, want 0", docID, idx)
		}
	} else {
		if idx != c.lastIdx+1 {
			c.bad(idxCol, "index", "index %d follows %d in document %q", idx, c.lastIdx, docID)
		}
		if start < c.lastEnd {
			c.bad("start", "span-order", "span [%d, %d) overlaps or precedes the previous one ending at %d", start, end, c.lastEnd)
		}
	}
	c.lastIdx, c.lastEnd = idx, end
	if start < 0 || end <= start {
		c.bad("start", "span-bounds", "span [%d, %d) is empty or negative", start, end)
	}
	if c.text("text", text) {
		if n := int32(utf8.RuneCountInString(text)); n != end-start {
			c.bad("end", "span-text", "span [%d, %d) has %d code points, text has %d", start, end, end-start, n)
		}
	}
}

func (c *rowChecker) hasID(h idKey) bool {
	_, ok := c.ids[h]
	return ok
}

func (c *rowChecker) document(d *schemas.DocumentRow) {
	if d.ID == "" {
		c.bad("id", "id", "empty id")
	} else if h := c.v.key(d.ID); c.hasID(h) {
		c.bad("id", "id-unique", "id %q is not unique", d.ID)
	} else {
		c.ids[h] = struct{}{}
	}
	c.common(d.Source, d.Lang, d.Script, d.Meta)
	if !c.text("text", d.Text) {
		return
	}
	nchars := int32(utf8.RuneCountInString(d.Text))
	if d.NumBytes != int64(len(d.Text)) {
		c.bad("num_bytes", "count", "num_bytes %d, text has %d bytes", d.NumBytes, len(d.Text))
	}
	if d.NumChars != int64(nchars) {
		c.bad("num_chars", "count", "num_chars %d, text has %d code points", d.NumChars, nchars)
	}
	if w := int64(corpus.CountWords(d.Text)); d.NumWords != w {
		c.bad("num_words", "count", "num_words %d, text has %d words", d.NumWords, w)
	}
	if d.NumParagraphs != int64(len(d.Paragraphs)) {
		c.bad("num_paragraphs", "count", "num_paragraphs %d, %d paragraph spans", d.NumParagraphs, len(d.Paragraphs))
	}
	if d.NumSentences != int64(len(d.Sentences)) {
		c.bad("num_sentences", "count", "num_sentences %d, %d sentence spans", d.NumSentences, len(d.Sentences))
	}
	sum := sha256.Sum256([]byte(d.Text))
	if hex.EncodeToString(sum[:]) != d.SHA256 {
		c.bad("sha256", "sha256", "sha256 does not match the text")
	}
	var prev int32
	for i, p := range d.Paragraphs {
		if p.Start < prev || p.End <= p.Start || p.End > nchars {
			c.bad("paragraphs", "span-bounds", "paragraph %d [%d, %d) is out of order, empty or out of bounds (text has %d code points)", i, p.Start, p.End, nchars)
			break
		}
		prev = p.End
	}
	prev = 0
	for i, s := range d.Sentences {
		if s.Start < prev || s.End <= s.Start || s.End > nchars {
			c.bad("sentences", "span-bounds", "sentence %d [%d, %d) is out of order, empty or out of bounds (text has %d code points)", i, s.Start, s.End, nchars)
			break
		}
		if s.Paragraph < 0 || int(s.Paragraph) >= len(d.Paragraphs) {
			c.bad("sentences", "span-paragraph", "sentence %d names paragraph %d of %d", i, s.Paragraph, len(d.Paragraphs))
			break
		}
		if p := d.Paragraphs[s.Paragraph]; s.Start < p.Start || s.End > p.End {
			c.bad("sentences", "span-paragraph", "sentence %d [%d, %d) is not inside its paragraph %d [%d, %d)", i, s.Start, s.End, s.Paragraph, p.Start, p.End)
			break
		}
		prev = s.End
	}
}
