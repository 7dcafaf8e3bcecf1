package formats

import (
	"encoding/hex"
	"unicode/utf8"

	"github.com/corpustools/corpus/corpus"
	"github.com/corpustools/corpus/schemas"
)

// runeCursor converts increasing byte offsets of a text into code-point
// offsets in one pass over the text.
type runeCursor struct {
	text string
	b, r int
}

// at returns the code-point offset of byte offset off; off must not be
// smaller than in the previous call.
func (c *runeCursor) at(off int) int32 {
	if off < c.b { // not increasing: start over (never the case for spans in order)
		c.b, c.r = 0, 0
	}
	s := c.text[c.b:off]
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < utf8.RuneSelf || s[i] >= 0xC0 { // count rune starts
			n++
		}
	}
	c.b = off
	c.r += n
	return int32(c.r)
}

// AppendRows appends the rows of unit u made from d to b. Byte spans become
// code-point offsets into the document text.
func AppendRows(b *schemas.Batch, d *corpus.Document, u schemas.Unit) {
	var lang *string
	if d.Lang != "" {
		l := d.Lang
		lang = &l
	}
	meta := make([]schemas.KeyValue, len(d.Meta))
	for i, f := range d.Meta {
		meta[i] = schemas.KeyValue{Key: f.Key, Value: f.Value}
	}
	switch u {
	case schemas.UnitDocument:
		row := schemas.DocumentRow{
			ID: d.ID, Text: d.Text, Source: d.Source, Lang: lang, Script: d.Script,
			Paragraphs:    make([]schemas.Span, len(d.Paragraphs)),
			Sentences:     make([]schemas.SentenceSpan, len(d.Sentences)),
			NumBytes:      int64(len(d.Text)),
			NumWords:      int64(d.NumWords),
			NumParagraphs: int64(len(d.Paragraphs)),
			NumSentences:  int64(len(d.Sentences)),
			SHA256:        hex.EncodeToString(d.SHA256[:]),
			Meta:          meta,
		}
		pc := runeCursor{text: d.Text}
		for i, p := range d.Paragraphs {
			row.Paragraphs[i] = schemas.Span{Start: pc.at(p.Start), End: pc.at(p.End)}
		}
		sc := runeCursor{text: d.Text}
		for i, s := range d.Sentences {
			row.Sentences[i] = schemas.SentenceSpan{Start: sc.at(s.Start), End: sc.at(s.End), Paragraph: int32(s.Paragraph)}
		}
		row.NumChars = int64(sc.at(len(d.Text)))
		b.Documents = append(b.Documents, row)
	case schemas.UnitParagraph:
		c := runeCursor{text: d.Text}
		for i, p := range d.Paragraphs {
			b.Paragraphs = append(b.Paragraphs, schemas.ParagraphRow{
				DocID: d.ID, ParagraphIndex: int32(i), Start: c.at(p.Start), End: c.at(p.End),
				Text: d.Text[p.Start:p.End], Source: d.Source, Lang: lang, Script: d.Script, Meta: meta,
			})
		}
	case schemas.UnitSentence:
		c := runeCursor{text: d.Text}
		for i, s := range d.Sentences {
			b.Sentences = append(b.Sentences, schemas.SentenceRow{
				DocID: d.ID, ParagraphIndex: int32(s.Paragraph), SentenceIndex: int32(i),
				Start: c.at(s.Start), End: c.at(s.End),
				Text: d.Text[s.Start:s.End], Source: d.Source, Lang: lang, Script: d.Script, Meta: meta,
			})
		}
	}
}
