// Package schemas defines the versioned row schemas of a corpus: the columns of
// a document, paragraph or sentence row, their types, nullability and meaning.
//
// The Go row types in this file are the single source of truth. The Parquet,
// Arrow and JSON Schema forms are derived from them, so every format carries
// the same column names, order and types.
//
// Offsets (start, end) are Unicode code points, half-open [start, end), into
// the row's document text: in Python, text[start:end] is the span.
package schemas

// Name is the schema family name embedded in every output file.
const Name = "corpus"

// Version is the current schema version.
const Version = "v1"

// Unit names what one row of a corpus is.
type Unit string

// The row units.
const (
	UnitDocument  Unit = "document"
	UnitParagraph Unit = "paragraph"
	UnitSentence  Unit = "sentence"
)

// Units lists every unit, in a fixed order.
var Units = []Unit{UnitDocument, UnitParagraph, UnitSentence}

// ParseUnit returns the unit named s, or an error naming the accepted values.
func ParseUnit(s string) (Unit, error) {
	for _, u := range Units {
		if string(u) == s {
			return u, nil
		}
	}
	return "", &UnknownUnitError{Name: s}
}

// UnknownUnitError reports a unit name that is not one of [Units].
type UnknownUnitError struct{ Name string }

func (e *UnknownUnitError) Error() string {
	return "unknown unit " + quote(e.Name) + " (want document, paragraph or sentence)"
}

func quote(s string) string { return "\"" + s + "\"" }

// Span is a half-open range [Start, End) of code points into a document's text.
type Span struct {
	Start int32 `parquet:"start" json:"start"`
	End   int32 `parquet:"end" json:"end"`
}

// SentenceSpan is a sentence's code-point range in the document text, with
// the index of the paragraph that holds it.
type SentenceSpan struct {
	Start     int32 `parquet:"start" json:"start"`
	End       int32 `parquet:"end" json:"end"`
	Paragraph int32 `parquet:"paragraph" json:"paragraph"`
}

// KeyValue is one metadata entry. Metadata is a list of entries sorted by key,
// with unique keys; values are strings (non-string JSONL values keep their
// JSON text). A list of structs loads in every consumer (pandas, DuckDB,
// polars, Hugging Face datasets), unlike a map or a struct with keys only
// known at run time.
type KeyValue struct {
	Key   string `parquet:"key" json:"key"`
	Value string `parquet:"value" json:"value"`
}

// DocumentRow is one row of the document unit: a whole document with its
// paragraph and sentence spans.
type DocumentRow struct {
	// ID is unique in the corpus and deterministic; an input JSONL id is kept.
	ID string `parquet:"id" json:"id"`
	// Text is the normalized text of the document.
	Text string `parquet:"text" json:"text"`
	// Source is the input path relative to its argument, plus ":" and the
	// line number for JSONL input.
	Source string `parquet:"source,dict" json:"source"`
	// Lang is the BCP 47 language tag, or nil when unknown.
	Lang *string `parquet:"lang,optional,dict" json:"lang"`
	// Script is the ISO 15924 code of the dominant script ("Zyyy" when the
	// text has no letters of any script).
	Script string `parquet:"script,dict" json:"script"`
	// Paragraphs are the paragraph spans, in order.
	Paragraphs []Span `parquet:"paragraphs,list" json:"paragraphs"`
	// Sentences are the sentence spans, in order, each with its paragraph index.
	Sentences []SentenceSpan `parquet:"sentences,list" json:"sentences"`
	// NumBytes is the length of Text in UTF-8 bytes.
	NumBytes int64 `parquet:"num_bytes" json:"num_bytes"`
	// NumChars is the length of Text in code points.
	NumChars int64 `parquet:"num_chars" json:"num_chars"`
	// NumWords is the number of UAX #29 words that hold a letter, digit or ideograph.
	NumWords int64 `parquet:"num_words" json:"num_words"`
	// NumParagraphs is len(Paragraphs).
	NumParagraphs int64 `parquet:"num_paragraphs" json:"num_paragraphs"`
	// NumSentences is len(Sentences).
	NumSentences int64 `parquet:"num_sentences" json:"num_sentences"`
	// SHA256 is the lowercase hex SHA-256 of the UTF-8 bytes of Text.
	SHA256 string `parquet:"sha256" json:"sha256"`
	// Meta is the user and input metadata, sorted by key.
	Meta []KeyValue `parquet:"meta,list" json:"meta"`
}

// ParagraphRow is one row of the paragraph unit.
type ParagraphRow struct {
	// DocID is the ID of the document the paragraph belongs to.
	DocID string `parquet:"doc_id" json:"doc_id"`
	// ParagraphIndex is the paragraph's index in its document, from 0.
	ParagraphIndex int32 `parquet:"paragraph_index" json:"paragraph_index"`
	// Start is the paragraph's first code point in the document text.
	Start int32 `parquet:"start" json:"start"`
	// End is one past the paragraph's last code point in the document text.
	End int32 `parquet:"end" json:"end"`
	// Text is the paragraph text: the document text[start:end].
	Text string `parquet:"text" json:"text"`
	// Source is the document's source.
	Source string `parquet:"source,dict" json:"source"`
	// Lang is the document's language, or nil when unknown.
	Lang *string `parquet:"lang,optional,dict" json:"lang"`
	// Script is the document's dominant script.
	Script string `parquet:"script,dict" json:"script"`
	// Meta is the document's metadata.
	Meta []KeyValue `parquet:"meta,list" json:"meta"`
}

// SentenceRow is one row of the sentence unit.
type SentenceRow struct {
	// DocID is the ID of the document the sentence belongs to.
	DocID string `parquet:"doc_id" json:"doc_id"`
	// ParagraphIndex is the index of the sentence's paragraph in its document.
	ParagraphIndex int32 `parquet:"paragraph_index" json:"paragraph_index"`
	// SentenceIndex is the sentence's index in its document, from 0.
	SentenceIndex int32 `parquet:"sentence_index" json:"sentence_index"`
	// Start is the sentence's first code point in the document text.
	Start int32 `parquet:"start" json:"start"`
	// End is one past the sentence's last code point in the document text.
	End int32 `parquet:"end" json:"end"`
	// Text is the sentence text: the document text[start:end].
	Text string `parquet:"text" json:"text"`
	// Source is the document's source.
	Source string `parquet:"source,dict" json:"source"`
	// Lang is the document's language, or nil when unknown.
	Lang *string `parquet:"lang,optional,dict" json:"lang"`
	// Script is the document's dominant script.
	Script string `parquet:"script,dict" json:"script"`
	// Meta is the document's metadata.
	Meta []KeyValue `parquet:"meta,list" json:"meta"`
}

// Batch carries rows to a writer. Only the slice of the writer's unit is read.
type Batch struct {
	Documents  []DocumentRow
	Paragraphs []ParagraphRow
	Sentences  []SentenceRow
}

// Len returns the number of rows of unit u in b.
func (b *Batch) Len(u Unit) int {
	switch u {
	case UnitDocument:
		return len(b.Documents)
	case UnitParagraph:
		return len(b.Paragraphs)
	case UnitSentence:
		return len(b.Sentences)
	}
	return 0
}

// Reset empties b, keeping its capacity.
func (b *Batch) Reset() {
	b.Documents = b.Documents[:0]
	b.Paragraphs = b.Paragraphs[:0]
	b.Sentences = b.Sentences[:0]
}
