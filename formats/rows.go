package formats

import (
	"encoding/hex"
	"math/bits"

	"github.com/corpustools/corpus/corpus"
	"github.com/corpustools/corpus/internal/swar"
	"github.com/corpustools/corpus/schemas"
)

// runeCursor converts increasing byte offsets of a text into code-point
// offsets in one pass over the text. It moves eight bytes at a time and
// stays at a multiple of eight: the bytes of an offset's last, partial word
// are counted by a mask, not one by one (spans are short and many).
type runeCursor struct {
	text string
	b, r int // b: a multiple of 8 (or len(text)); r: the code points before b
}

// at returns the code-point offset of byte offset off; off must not be
// smaller than in the previous call.
func (c *runeCursor) at(off int) int32 {
	if off < c.b { // not increasing: start over (never the case for spans in order)
		c.b, c.r = 0, 0
	}
	end := off &^ 7
	if end > c.b {
		c.r += countRunes(c.text[c.b:end]) // whole words
		c.b = end
	}
	n := c.r
	if rem := off - c.b; rem > 0 {
		if c.b+8 <= len(c.text) {
			w := swar.Load64(c.text, c.b) & (1<<(8*rem) - 1) // the rem bytes before off
			n += rem - bits.OnesCount64(w&^(w<<1)&0x8080808080808080)
		} else {
			n += countRunes(c.text[c.b:off]) // the text's last bytes
		}
	}
	return int32(n)
}

// countRunes counts the code points of valid UTF-8 text: its bytes that are
// not continuation bytes (10xxxxxx), 32 then eight at a time.
func countRunes(s string) int {
	n := len(s)
	i := 0
	for ; i+32 <= len(s); i += 32 {
		// The continuation bytes of four words, marked by bit 7 of each
		// byte, then moved to bits 7, 6, 5 and 4 of their bytes: one count.
		m0 := continuations(swar.Load64(s, i))
		m1 := continuations(swar.Load64(s, i+8))
		m2 := continuations(swar.Load64(s, i+16))
		m3 := continuations(swar.Load64(s, i+24))
		n -= bits.OnesCount64(m0 | m1>>1 | m2>>2 | m3>>3)
	}
	for ; i+8 <= len(s); i += 8 {
		w := swar.Load64(s, i)
		if w&0x8080808080808080 == 0 {
			continue // ASCII
		}
		n -= bits.OnesCount64(w & ^(w << 1) & 0x8080808080808080)
	}
	for ; i < len(s); i++ {
		if s[i]&0xC0 == 0x80 {
			n--
		}
	}
	return n
}

// continuations has bit 7 of each byte of w set when the byte is a UTF-8
// continuation byte (bit 7 set, bit 6 clear), and nothing else.
func continuations(w uint64) uint64 {
	return w &^ (w << 1) & 0x8080808080808080
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
		// One walk over the text: each paragraph's start, its sentences,
		// its end, in increasing offsets.
		c := runeCursor{text: d.Text}
		si := 0
		sentence := func(i int) {
			s := d.Sentences[i]
			row.Sentences[i] = schemas.SentenceSpan{Start: c.at(s.Start), End: c.at(s.End), Paragraph: int32(s.Paragraph)}
		}
		for i, p := range d.Paragraphs {
			start := c.at(p.Start)
			for ; si < len(d.Sentences) && d.Sentences[si].Paragraph == i; si++ {
				sentence(si)
			}
			row.Paragraphs[i] = schemas.Span{Start: start, End: c.at(p.End)}
		}
		for ; si < len(d.Sentences); si++ { // none, for a Document from Process
			sentence(si)
		}
		row.NumChars = int64(c.at(len(d.Text)))
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
