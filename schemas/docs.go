package schemas

// docs describes every column, for the README, the Markdown tables and the
// JSON Schema. A key "unit/column" overrides the shared "column" entry;
// fields of list elements are "column.field". The tests check that every
// column has a description and that no entry is stale.
var docs = map[string]string{
	"id":     "Unique, deterministic document ID; an input JSONL `id` is kept.",
	"doc_id": "ID of the document the row belongs to.",

	"document/text":  "Normalized text of the document.",
	"paragraph/text": "Paragraph text: the document text[start:end].",
	"sentence/text":  "Sentence text: the document text[start:end].",

	"document/source": "Input path relative to its argument, plus `:` and the line number for JSONL input.",
	"source":          "The document's source: input path relative to its argument, plus `:` and the line number for JSONL input.",
	"document/lang":   "BCP 47 language tag, or null when unknown.",
	"lang":            "The document's BCP 47 language tag, or null when unknown.",
	"document/script": "ISO 15924 code of the dominant script (`Zyyy` when the text has letters of no script).",
	"script":          "The document's dominant script (ISO 15924).",
	"document/meta":   "User and input metadata, sorted by key, keys unique; non-string JSONL values keep their JSON text.",
	"meta":            "The document's metadata, sorted by key.",
	"meta.key":        "Metadata key.",
	"meta.value":      "Metadata value.",

	"paragraphs":                "Paragraph spans, in order.",
	"paragraphs.start":          "First code point of the paragraph in text.",
	"paragraphs.end":            "One past the last code point of the paragraph in text.",
	"sentences":                 "Sentence spans, in order.",
	"sentences.start":           "First code point of the sentence in text.",
	"sentences.end":             "One past the last code point of the sentence in text.",
	"sentences.paragraph":       "Index of the sentence's paragraph in paragraphs.",
	"num_bytes":                 "Length of text in UTF-8 bytes.",
	"num_chars":                 "Length of text in code points.",
	"num_words":                 "Number of UAX #29 words holding a letter, digit or ideograph.",
	"num_paragraphs":            "Number of paragraphs (length of paragraphs).",
	"num_sentences":             "Number of sentences (length of sentences).",
	"sha256":                    "Lowercase hex SHA-256 of the UTF-8 bytes of text.",
	"paragraph/paragraph_index": "Index of the paragraph in its document, from 0.",
	"sentence/paragraph_index":  "Index of the sentence's paragraph in its document.",
	"sentence_index":            "Index of the sentence in its document, from 0.",
	"paragraph/start":           "First code point of the paragraph in the document text.",
	"paragraph/end":             "One past the last code point of the paragraph in the document text.",
	"sentence/start":            "First code point of the sentence in the document text.",
	"sentence/end":              "One past the last code point of the sentence in the document text.",
}

// columnDoc returns the description of column (or "column.field") of unit u.
func columnDoc(u Unit, column string) string {
	if d, ok := docs[string(u)+"/"+column]; ok {
		return d
	}
	return docs[column]
}
