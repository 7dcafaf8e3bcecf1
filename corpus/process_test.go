package corpus

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/corpustools/corpus/corpus/normalize"
)

func TestProcessDecode(t *testing.T) {
	tests := []struct {
		name    string
		raw     []byte
		enc     string
		text    string
		repairs int
	}{
		{"utf-8", []byte("नमस्ते"), "auto", "नमस्ते", 0},
		{"utf-8 BOM removed", []byte("\xef\xbb\xbfabc"), "auto", "abc", 0},
		{"utf-16le BOM", []byte("\xff\xfeh\x00\xe9\x00"), "auto", "hé", 0},
		{"utf-16be BOM", []byte("\xfe\xff\x00h\x00\xe9"), "auto", "hé", 0},
		{"windows-1252", []byte("caf\xe9 \x93q\x94"), "windows-1252", "café “q”", 0},
		{"shift_jis", []byte("\x82\xa0\x82\xa2"), "shift_jis", "あい", 0},
		{"utf-16le label", []byte("h\x00i\x00"), "utf-16le", "hi", 0},
		{"invalid bytes replaced and counted", []byte("a\xffb\xc3"), "auto", "a\ufffdb\ufffd", 2},
		{"invalid first byte", []byte("\x80abc"), "auto", "\ufffdabc", 1},
		{"invalid last byte (truncated rune)", []byte("abc\xe0\xa4"), "auto", "abc\ufffd\ufffd", 2},
		{"overlong encoding of /", []byte("a\xc0\xafb"), "auto", "a\ufffd\ufffdb", 2},
		{"surrogate half", []byte("a\xed\xa0\x80b"), "auto", "a\ufffd\ufffd\ufffdb", 3},
		{"invalid byte inside Devanagari", []byte("नम\xa4स्ते"), "auto", "नम\ufffdस्ते", 1},
		{"BOM in the middle removed", []byte("ab\xef\xbb\xbfcd"), "auto", "abcd", 0},
		{"controls removed, ZWJ and ZWNJ kept", []byte("a\x01b\u200dc\u200cd\x7f"), "auto", "ab\u200dc\u200cd", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := DefaultOptions()
			enc, err := ParseEncoding(tt.enc)
			if err != nil {
				t.Fatal(err)
			}
			o.Encoding = enc
			d, err := Process(&Input{Source: "x", Key: "x", Raw: tt.raw}, o)
			if err != nil {
				t.Fatal(err)
			}
			if d.Text != tt.text || d.Repairs != tt.repairs {
				t.Errorf("text %q repairs %d, want %q %d", d.Text, d.Repairs, tt.text, tt.repairs)
			}
		})
	}
}

func TestProcessInvalidPolicy(t *testing.T) {
	raw := []byte("line one\nline \xfe two")
	for _, p := range []InvalidPolicy{InvalidSkip, InvalidFail} {
		o := DefaultOptions()
		o.OnInvalid = p
		_, err := Process(&Input{Source: "f.txt", Raw: raw}, o)
		var de *DocError
		if !errors.As(err, &de) || de.Reason != ReasonInvalidUTF8 || de.Line != 2 || de.Offset != 14 || !errors.Is(err, ErrInvalidUTF8) {
			t.Errorf("policy %d: %v, want invalid-utf8 at line 2, byte 14", p, err)
		}
	}
}

func TestProcessMetadata(t *testing.T) {
	o := DefaultOptions()
	o.Lang = "en"
	o.Meta = []Field{{"license", "cc-by"}, {"source", "crawl"}}
	d, err := Process(&Input{Source: "d.jsonl:3", Key: "k", ID: "given", Lang: "hi", Decoded: true,
		Raw: []byte("डॉ. शर्मा आए। वे खुश थे।"), Meta: []Field{{"source", "own"}, {"a", "1"}}}, o)
	if err != nil {
		t.Fatal(err)
	}
	if d.ID != "given" || d.Lang != "hi" || d.Script != "Deva" {
		t.Errorf("id %q lang %q script %q", d.ID, d.Lang, d.Script)
	}
	want := []Field{{"a", "1"}, {"license", "cc-by"}, {"source", "own"}}
	if fmt.Sprint(d.Meta) != fmt.Sprint(want) {
		t.Errorf("meta %v, want %v", d.Meta, want)
	}
	if len(d.Sentences) != 2 {
		t.Errorf("%d sentences, want 2 (डॉ. is an abbreviation in Hindi)", len(d.Sentences))
	}
	d2, _ := Process(&Input{Source: "x", Key: "k2", Raw: []byte("x")}, DefaultOptions())
	if d2.ID != DocumentID("k2") || len(d2.ID) != 32 {
		t.Errorf("derived id %q", d2.ID)
	}
}

func TestProcessEmpty(t *testing.T) {
	for _, raw := range []string{"", " \n\t\n", "\x00\x01", "\ufeff"} {
		_, err := Process(&Input{Source: "e", Raw: []byte(raw)}, DefaultOptions())
		if !errors.Is(err, ErrEmpty) {
			t.Errorf("%q: %v, want ErrEmpty", raw, err)
		}
		o := DefaultOptions()
		o.KeepEmpty = true
		d, err := Process(&Input{Source: "e", Raw: []byte(raw)}, o)
		if err != nil || d.Text != "" || len(d.Sentences) != 0 || len(d.Paragraphs) != 0 || d.Script != ScriptCommon {
			t.Errorf("%q kept: %+v %v", raw, d, err)
		}
	}
}

// TestProcessTrimmedSHA256 checks that the source's hash of the raw bytes
// without their final white space stands for the text's hash only when the
// text is those bytes.
func TestProcessTrimmedSHA256(t *testing.T) {
	tests := []struct {
		name, raw string
		reused    bool
	}{
		{name: "NFC UTF-8 text", raw: "नमस्ते दुनिया।", reused: true},
		{name: "final newline", raw: "नमस्ते दुनिया।\n", reused: true},
		{name: "byte order mark removed", raw: "\ufeffनमस्ते", reused: false},
		{name: "normalized (NFD to NFC)", raw: "Cafe\u0301\n", reused: false},
		{name: "CRLF line ends", raw: "a\r\nb", reused: false},
		{name: "blank lines inside", raw: "a\n\n\nb\n", reused: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := &Input{Source: "s", Raw: []byte(tt.raw), HasTrimmedSHA256: true}
			in.TrimmedSHA256[0] = 0xAB // a marker: reused as given, never recomputed
			d, err := Process(in, DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			if got := d.SHA256 == in.TrimmedSHA256; got != tt.reused {
				t.Errorf("hash reused = %v, want %v", got, tt.reused)
			}
			if !tt.reused && d.SHA256 != sha256.Sum256([]byte(d.Text)) {
				t.Error("SHA256 is not the hash of the text")
			}
		})
	}
}

func TestDominantScript(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"नमस्ते। 123 ... ।", "Deva"},
		{"hello नमस्ते world", "Latn"},
		{"اردو زبان۔", "Arab"},
		{"今天天气很好。", "Hani"},
		{"123 !!! ।।", "Zyyy"},
		{"", "Zyyy"},
		{"Привет мир", "Cyrl"},
		{"𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𐌰𐌱𐌲𐌳", "Goth"},
	} {
		if got := DominantScript(tt.text); got != tt.want {
			t.Errorf("DominantScript(%q) = %s, want %s", tt.text, got, tt.want)
		}
	}
}

// TestScriptCodes checks that every script Go's unicode package knows has
// an ISO 15924 code in the generated table.
func TestScriptCodes(t *testing.T) {
	for name := range unicode.Scripts {
		if code, ok := scriptCodes[name]; !ok || len(code) != 4 {
			t.Errorf("script %s has no ISO 15924 code (regenerate scripts_table.go)", name)
		}
	}
}

func TestCountWords(t *testing.T) {
	for _, tt := range []struct {
		text string
		want int
	}{
		{"Hello, world!", 2},
		{"can't stop 3.14 now", 4},
		{"नमस्ते दुनिया। यह है।", 4},
		{"😀 👍🏽 !!!", 0},
		{"", 0},
	} {
		if got := CountWords(tt.text); got != tt.want {
			t.Errorf("CountWords(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}

// collector is a Sink recording the order of outcomes.
type collector struct {
	order []string
	docs  int
	skips map[Reason]int
}

func (c *collector) Document(in *Input, d *Document) error {
	c.order = append(c.order, d.Source)
	c.docs++
	return nil
}

func (c *collector) Skip(e *DocError) error {
	c.order = append(c.order, e.Source)
	c.skips[e.Reason]++
	return nil
}

// TestRunOrderAndAccounting runs a random mix of good documents, documents
// that fail in Process and inputs skipped by the source, with several job
// counts: outcomes arrive in input order and every input is accounted for.
func TestRunOrderAndAccounting(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	type item struct {
		src  string
		kind int // 0 good, 1 empty, 2 source skip
	}
	var items []item
	want := map[int]int{}
	for i := 0; i < 500; i++ {
		k := rng.IntN(3)
		items = append(items, item{fmt.Sprintf("doc-%03d", i), k})
		want[k]++
	}
	var ref []string
	for _, jobs := range []int{1, 2, 7} {
		i := 0
		next := func() (*Input, error) {
			if i == len(items) {
				return nil, io.EOF
			}
			it := items[i]
			i++
			switch it.kind {
			case 1:
				return &Input{Source: it.src, Key: it.src, Raw: []byte(" \n ")}, nil
			case 2:
				return nil, &DocError{Source: it.src, Offset: -1, Reason: ReasonBinary, Err: errors.New("binary")}
			}
			return &Input{Source: it.src, Key: it.src, Raw: []byte(strings.Repeat("Sentence one. Sentence two! ", 1+len(it.src)%40))}, nil
		}
		c := &collector{skips: map[Reason]int{}}
		if err := Run(context.Background(), jobs, DefaultOptions(), next, c); err != nil {
			t.Fatal(err)
		}
		if c.docs != want[0] || c.skips[ReasonEmpty] != want[1] || c.skips[ReasonBinary] != want[2] {
			t.Errorf("jobs %d: %d docs, skips %v; want %v", jobs, c.docs, c.skips, want)
		}
		if ref == nil {
			ref = c.order
		}
		if strings.Join(c.order, ",") != strings.Join(ref, ",") {
			t.Errorf("jobs %d: order differs", jobs)
		}
		for j, src := range c.order {
			if src != items[j].src {
				t.Fatalf("jobs %d: outcome %d is %s, want %s", jobs, j, src, items[j].src)
			}
		}
	}
}

// TestRunStops checks that an error from the sink or the source stops a run
// and is returned, and that a cancelled context stops it.
func TestRunStops(t *testing.T) {
	endless := func() (*Input, error) { return &Input{Source: "x", Raw: []byte("a.")}, nil }
	boom := errors.New("disk full")
	n := 0
	err := Run(context.Background(), 2, DefaultOptions(), endless, sinkFunc(func() error {
		n++
		if n == 10 {
			return boom
		}
		return nil
	}))
	if !errors.Is(err, boom) {
		t.Errorf("sink error: got %v", err)
	}
	readErr := errors.New("read failed")
	m := 0
	err = Run(context.Background(), 2, DefaultOptions(), func() (*Input, error) {
		m++
		if m == 5 {
			return nil, readErr
		}
		return endless()
	}, sinkFunc(func() error { return nil }))
	if !errors.Is(err, readErr) {
		t.Errorf("source error: got %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	k := 0
	err = Run(ctx, 2, DefaultOptions(), endless, sinkFunc(func() error {
		k++
		if k == 20 {
			cancel()
		}
		return nil
	}))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancel: got %v", err)
	}
}

type sinkFunc func() error

func (f sinkFunc) Document(*Input, *Document) error { return f() }
func (f sinkFunc) Skip(*DocError) error             { return f() }

// FuzzProcess checks the invariants of a processed document for any input:
// valid UTF-8 text in the normalization form, paragraphs and sentences in
// bounds, ordered, non-overlapping, trimmed, sentences inside their
// paragraph, and every non-space character of a paragraph in a sentence.
func FuzzProcess(f *testing.F) {
	f.Add([]byte("Dr. Smith went home. He slept.\n\nनमस्ते। \"हम जीतेंगे।\" इसके"), uint8(0))
	f.Add([]byte("a\r\nb\x00c\u2028d  \n\n\n e"), uint8(1))
	f.Add([]byte("\xff\xfe\x00x"), uint8(2))
	f.Fuzz(func(t *testing.T, raw []byte, mode uint8) {
		o := DefaultOptions()
		o.KeepEmpty = true
		o.Form = normalize.Form(mode % 5)
		o.Paragraphs = 0
		d, err := Process(&Input{Source: "f", Key: "f", Raw: raw}, o)
		if err != nil {
			var de *DocError
			if !errors.As(err, &de) || de.Reason != ReasonDecode {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		text := d.Text
		if !utf8.ValidString(text) {
			t.Fatalf("invalid UTF-8 text %q", text)
		}
		if !normalize.IsNormalized(text, o.Form) {
			t.Fatalf("text not normalized: %q", text)
		}
		covered := make([]bool, len(text))
		prev := 0
		for _, p := range d.Paragraphs {
			if p.Start < prev || p.End <= p.Start || p.End > len(text) {
				t.Fatalf("paragraph %v out of order or bounds (len %d)", p, len(text))
			}
			prev = p.End
		}
		prev = 0
		for _, s := range d.Sentences {
			if s.Start < prev || s.End <= s.Start || s.End > len(text) {
				t.Fatalf("sentence %v out of order or bounds", s)
			}
			p := d.Paragraphs[s.Paragraph]
			if s.Start < p.Start || s.End > p.End {
				t.Fatalf("sentence %v outside its paragraph %v", s, p)
			}
			sent := text[s.Start:s.End]
			if strings.TrimSpace(sent) != sent {
				t.Fatalf("sentence %q not trimmed", sent)
			}
			for i := s.Start; i < s.End; i++ {
				covered[i] = true
			}
			prev = s.End
		}
		for _, p := range d.Paragraphs {
			for i, r := range text[p.Start:p.End] {
				if !unicode.IsSpace(r) && !covered[p.Start+i] {
					t.Fatalf("character %q at %d of paragraph %q is in no sentence", r, p.Start+i, text[p.Start:p.End])
				}
			}
		}
	})
}

// TestRunBoundsBytesInFlight feeds documents of 10 MB to a slow sink: no
// more than the byte budget (plus one document) is ever read ahead.
func TestRunBoundsBytesInFlight(t *testing.T) {
	doc := []byte(strings.Repeat("Lorem ipsum dolor sit amet. ", 10<<20/28))
	var handled atomic.Int64
	read, maxAhead := 0, 0
	next := func() (*Input, error) {
		if read == 12 {
			return nil, io.EOF
		}
		read++
		if ahead := read - int(handled.Load()); ahead > maxAhead {
			maxAhead = ahead
		}
		return &Input{Source: "d", Key: fmt.Sprint(read), Raw: doc}, nil
	}
	err := RunFunc[int](context.Background(), 4, next, func(in *Input) (int, error) { return len(in.Raw), nil },
		sinkOf(func() { time.Sleep(time.Millisecond); handled.Add(1) }))
	if err != nil {
		t.Fatal(err)
	}
	if limit := inFlightBytes/len(doc) + 1; maxAhead > limit {
		t.Errorf("%d documents of %d bytes read ahead, want at most %d", maxAhead, len(doc), limit)
	}
}

type sinkOf func()

func (f sinkOf) Document(*Input, int) error { f(); return nil }
func (f sinkOf) Skip(*DocError) error       { f(); return nil }
