// Package corpus turns one raw document into an annotated [Document]:
// decoding, Unicode normalization, paragraph and sentence segmentation,
// metadata. [Process] is a pure function of its input and options (no I/O,
// no globals), so it can run on many cores and inside any execution engine;
// [Run] drives it over a stream of inputs in parallel, in input order.
//
// Subpackages hold the stages: [github.com/corpustools/corpus/corpus/normalize]
// and [github.com/corpustools/corpus/corpus/segment]. Reading files lives in
// [github.com/corpustools/corpus/corpus/source].
package corpus

import (
	"github.com/corpustools/corpus/corpus/segment"
)

// Field is one metadata entry of a document.
type Field struct {
	Key, Value string
}

// Sentence is a sentence of a document: a byte span into the document text,
// the index of its paragraph, and the rule that ended it.
type Sentence struct {
	segment.Span
	// Paragraph is the index of the paragraph holding the sentence.
	Paragraph int
	// Rule tells why the sentence ended.
	Rule segment.Rule
}

// Document is one normalized, segmented and annotated document. Spans are
// byte offsets into Text; writers convert them to code points.
type Document struct {
	// ID is unique in a corpus and deterministic.
	ID string
	// GivenID is true when the input named the ID (a JSONL id), false when
	// it was derived.
	GivenID bool
	// Source names where the document came from.
	Source string
	// Lang is the BCP 47 language tag, "" when unknown.
	Lang string
	// Script is the ISO 15924 code of the dominant script.
	Script string
	// Text is the normalized text.
	Text string
	// Paragraphs are the paragraph spans, in order.
	Paragraphs []segment.Span
	// Sentences are the sentence spans, in order.
	Sentences []Sentence
	// NumWords is the number of words (see [CountWords]).
	NumWords int
	// SHA256 is the SHA-256 of Text.
	SHA256 [32]byte
	// Meta is the document's metadata, sorted by key, keys unique.
	Meta []Field
	// Repairs counts the changes decoding made: invalid byte sequences
	// replaced by U+FFFD.
	Repairs int
}
