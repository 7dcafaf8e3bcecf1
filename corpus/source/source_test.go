package source

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"

	"github.com/corpustools/corpus/corpus"
	"github.com/corpustools/corpus/corpus/normalize"
)

func write(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func zst(b []byte) []byte {
	enc, _ := zstd.NewWriter(nil)
	return enc.EncodeAll(b, nil)
}

// outcome is what reading produced for one source.
type outcome struct {
	text   string // document text, if read
	reason corpus.Reason
}

// readAll plans and reads args, returning outcomes by source in order.
func readAll(t testing.TB, args []string, opts Options) ([]string, map[string]outcome) {
	t.Helper()
	files, skips, err := Plan(args)
	if err != nil {
		t.Fatalf("Plan: %v", err)
	}
	var order []string
	got := map[string]outcome{}
	for _, s := range skips {
		order = append(order, s.Source)
		got[s.Source] = outcome{reason: s.Reason}
	}
	r := NewReader(files, opts)
	for {
		in, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var de *corpus.DocError
		switch {
		case errors.As(err, &de):
			order = append(order, de.Source)
			got[de.Source] = outcome{reason: de.Reason}
		case err != nil:
			t.Fatalf("Next: %v", err)
		case in.JSONL: // the line is parsed by corpus.Process, on the workers
			order = append(order, in.Source)
			o := corpus.DefaultOptions()
			o.KeepEmpty = true
			d, err := corpus.Process(in, o)
			if errors.As(err, &de) {
				got[in.Source] = outcome{reason: de.Reason}
			} else if err != nil {
				t.Fatalf("Process: %v", err)
			} else {
				got[in.Source] = outcome{text: d.Text}
			}
		default:
			order = append(order, in.Source)
			got[in.Source] = outcome{text: string(in.Raw)}
		}
	}
	return order, got
}

// TestReaderBadInput feeds each kind of bad input file to the reader next
// to a good one: the bad one is skipped with its reason, the good one read.
func TestReaderBadInput(t *testing.T) {
	good := []byte("नमस्ते दुनिया।\n")
	bomb := gz(bytes.Repeat([]byte("a"), 4<<20)) // 4 KiB that expand to 4 MiB
	tests := []struct {
		name   string
		file   string
		data   []byte
		opts   Options
		reason corpus.Reason // "" means read as a document
		text   string        // expected text when read
	}{
		{name: "empty file is read (the pipeline skips it as empty)", file: "e.txt", data: nil},
		{name: "binary: PNG header", file: "img.png", data: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), reason: corpus.ReasonBinary},
		{name: "binary: NUL in the middle of text", file: "nul.txt", data: []byte("some text\x00more text"), reason: corpus.ReasonBinary},
		{name: "UTF-16 without BOM is binary", file: "u16.txt", data: []byte("h\x00i\x00"), reason: corpus.ReasonBinary},
		{name: "UTF-16 with BOM is read", file: "u16bom.txt", data: []byte("\xff\xfeh\x00i\x00")},
		{name: "UTF-16 without BOM under an explicit encoding", file: "u16le.txt", data: []byte("h\x00i\x00"), opts: Options{AllowNUL: true}},
		{name: "gzip", file: "a.txt.gz", data: gz(good), text: string(good)},
		{name: "zstd", file: "a.txt.zst", data: zst(good), text: string(good)},
		{name: "gzip detected by magic, not name", file: "a.txt", data: gz(good), text: string(good)},
		{name: "truncated gzip", file: "t.gz", data: gz(bytes.Repeat(good, 300))[:80], reason: corpus.ReasonDecompress},
		{name: "corrupt gzip header", file: "c.gz", data: []byte{0x1f, 0x8b, 0x08, 0xff, 0xff}, reason: corpus.ReasonDecompress},
		{name: "truncated zstd", file: "t.zst", data: zst(bytes.Repeat(good, 300))[:40], reason: corpus.ReasonDecompress},
		{name: "document over --max-doc-bytes", file: "big.txt", data: bytes.Repeat([]byte("x"), 5000), opts: Options{MaxDocBytes: 4096}, reason: corpus.ReasonTooLarge},
		{name: "decompression bomb", file: "bomb.txt.gz", data: bomb, opts: Options{MaxDocBytes: 1 << 20}, reason: corpus.ReasonTooLarge},
		{name: "invalid UTF-8 passes to the pipeline", file: "inv.txt", data: []byte("a\xffb"), text: "a\xffb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, filepath.Join(dir, tt.file), tt.data)
			write(t, filepath.Join(dir, "zz-good.txt"), good)
			_, got := readAll(t, []string{dir}, tt.opts)
			o, ok := got[tt.file]
			if !ok {
				t.Fatalf("%s: no outcome; got %v", tt.file, got)
			}
			if o.reason != tt.reason {
				t.Errorf("%s: reason %q, want %q", tt.file, o.reason, tt.reason)
			}
			if tt.text != "" && o.text != tt.text {
				t.Errorf("%s: text %q, want %q", tt.file, o.text, tt.text)
			}
			if g := got["zz-good.txt"]; g.text != string(good) {
				t.Errorf("the good file after it was not read: %+v", g)
			}
		})
	}
}

func TestReaderJSONL(t *testing.T) {
	dir := t.TempDir()
	lines := strings.Join([]string{
		`{"id":"a","text":"one.","lang":"en","url":"http://x","score":0.5,"tags":["x","y"]}`,
		`{"text": "two.`, // malformed
		``,               // blank: ignored
		`{"body":"three."}`,
		`{"text":3}`,
		`[1,2]`,
		`{"id":7,"text":"four."}`,
		`{"text":"` + strings.Repeat("x", 200) + `"}`, // too long for the limit below
		`{"text":"five."}`,
	}, "\n")
	write(t, filepath.Join(dir, "d.jsonl"), []byte(lines))
	order, got := readAll(t, []string{dir}, Options{Format: FormatJSONL, MaxDocBytes: 128})
	want := []struct {
		src    string
		reason corpus.Reason
		text   string
	}{
		{"d.jsonl:1", "", "one."},
		{"d.jsonl:2", corpus.ReasonMalformedJSONL, ""},
		{"d.jsonl:4", corpus.ReasonMissingText, ""},
		{"d.jsonl:5", corpus.ReasonTextNotString, ""},
		{"d.jsonl:6", corpus.ReasonMalformedJSONL, ""},
		{"d.jsonl:7", "", "four."},
		{"d.jsonl:8", corpus.ReasonTooLarge, ""},
		{"d.jsonl:9", "", "five."},
	}
	if len(order) != len(want) {
		t.Fatalf("outcomes %v, want %d", order, len(want))
	}
	for i, w := range want {
		if order[i] != w.src {
			t.Errorf("outcome %d is %s, want %s", i, order[i], w.src)
		}
		o := got[w.src]
		if o.reason != w.reason || o.text != w.text {
			t.Errorf("%s: got %+v, want reason %q text %q", w.src, o, w.reason, w.text)
		}
	}
}

func TestReaderJSONLFields(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "d.jsonl"), []byte(`{"id":"doc-1","text":"x","lang":"hi","url":"u","n":5,"o":{"a": [1, 2]},"gone":null}`+"\n"))
	files, _, err := Plan([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	in, err := NewReader(files, Options{Format: FormatJSONL}).Next()
	if err != nil {
		t.Fatal(err)
	}
	d, err := corpus.Process(in, corpus.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if d.ID != "doc-1" || !d.GivenID || d.Lang != "hi" || in.Line != 1 || d.Source != "d.jsonl:1" {
		t.Errorf("got id %q lang %q line %d source %q", d.ID, d.Lang, in.Line, d.Source)
	}
	meta := map[string]string{}
	for _, f := range d.Meta {
		meta[f.Key] = f.Value
	}
	if meta["url"] != "u" || meta["n"] != "5" || meta["o"] != `{"a":[1,2]}` || len(meta) != 3 {
		t.Errorf("meta %v", meta)
	}
}

func TestPlan(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "b.txt"), []byte("b"))
	write(t, filepath.Join(dir, "a", "z.txt"), []byte("z"))
	write(t, filepath.Join(dir, "a", "y.txt"), []byte("y"))
	write(t, filepath.Join(dir, ".hidden", "h.txt"), []byte("h"))
	write(t, filepath.Join(dir, "with space.txt"), []byte("s"))
	write(t, filepath.Join(dir, "new\nline.txt"), []byte("n"))
	write(t, filepath.Join(dir, "bad\xffname.txt"), []byte("x"))
	if err := os.Symlink(dir, filepath.Join(dir, "a", "loop")); err != nil {
		t.Fatal(err)
	}
	files, skips, err := Plan([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var rels []string
	for _, f := range files {
		rels = append(rels, f.Rel)
	}
	want := "a/y.txt|a/z.txt|b.txt|bad\uFFFDname.txt|new\nline.txt|with space.txt"
	if got := strings.Join(rels, "|"); got != want {
		t.Errorf("files %q, want %q", got, want)
	}
	if len(skips) != 1 || skips[0].Reason != corpus.ReasonSymlinkLoop || skips[0].Source != "a/loop" {
		t.Errorf("skips %v, want one symlink loop at a/loop", skips)
	}
	// Globs: relative to the folder before the first pattern character.
	files, _, err = Plan([]string{filepath.Join(dir, "a", "*.txt")})
	if err != nil || len(files) != 2 || files[0].Rel != "y.txt" {
		t.Errorf("glob: %v %v", files, err)
	}
	// The same file twice is read once.
	files, skips, err = Plan([]string{filepath.Join(dir, "b.txt"), filepath.Join(dir, "b.txt")})
	if err != nil || len(files) != 1 || len(skips) != 1 || skips[0].Reason != corpus.ReasonDuplicateInput {
		t.Errorf("duplicate: %v %v %v", files, skips, err)
	}
}

func TestPlanErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, ".only-hidden"), []byte("x"))
	for _, tt := range []struct {
		arg    string
		reason corpus.Reason
	}{
		{filepath.Join(dir, "missing.txt"), corpus.ReasonNotFound},
		{filepath.Join(dir, "*.nothing"), corpus.ReasonNotFound},
		{dir, corpus.ReasonNoInputFiles},
	} {
		_, _, err := Plan([]string{tt.arg})
		var pe *PathError
		if !errors.As(err, &pe) || pe.Reason != tt.reason || pe.Arg != tt.arg {
			t.Errorf("Plan(%q): %v, want a PathError with reason %s", tt.arg, err, tt.reason)
		}
	}
}

// TestFileDisappears removes a planned file before it is read.
func TestFileDisappears(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.txt"), []byte("a"))
	write(t, filepath.Join(dir, "b.txt"), []byte("b"))
	files, _, err := Plan([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "a.txt"))
	r := NewReader(files, Options{})
	_, err = r.Next()
	var de *corpus.DocError
	if !errors.As(err, &de) || de.Reason != corpus.ReasonNotFound || de.Source != "a.txt" {
		t.Fatalf("got %v, want a not-found skip of a.txt", err)
	}
	in, err := r.Next()
	if err != nil || string(in.Raw) != "b" {
		t.Fatalf("b.txt after it: %v %v", in, err)
	}
}

func TestUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads files whatever their permissions")
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.txt"), []byte("a"))
	os.Chmod(filepath.Join(dir, "a.txt"), 0)
	files, _, _ := Plan([]string{dir})
	_, err := NewReader(files, Options{}).Next()
	var de *corpus.DocError
	if !errors.As(err, &de) || de.Reason != corpus.ReasonUnreadable {
		t.Fatalf("got %v, want an unreadable skip", err)
	}
}

// TestInputStats checks the manifest's view of inputs: bytes and sha256 of
// the raw file, even when reading stopped early.
func TestInputStats(t *testing.T) {
	dir := t.TempDir()
	data := gz(bytes.Repeat([]byte("y"), 100_000))
	write(t, filepath.Join(dir, "a.gz"), data)
	readAll(t, []string{dir}, Options{MaxDocBytes: 1000})
	files, _, _ := Plan([]string{dir})
	r := NewReader(files, Options{MaxDocBytes: 1000})
	for {
		if _, err := r.Next(); errors.Is(err, io.EOF) {
			break
		}
	}
	st := r.Inputs()
	if len(st) != 1 || st[0].Bytes != int64(len(data)) || len(st[0].SHA256) != 64 {
		t.Errorf("stats %+v, want %d bytes", st, len(data))
	}
}

// FuzzReader reads arbitrary bytes as a text and as a JSONL input file,
// plain and gzip: never a panic, and every outcome is a document or a skip.
func FuzzReader(f *testing.F) {
	f.Add([]byte("hello\n"), false)
	f.Add([]byte(`{"text":"a"}`+"\n"+`{"text":`), true)
	f.Add(gz([]byte(`{"text":"a","id":1}`)), true)
	f.Add([]byte("\xff\xfe\x00"), false)
	f.Add(zst([]byte("x")), false)
	f.Fuzz(func(t *testing.T, data []byte, jsonl bool) {
		dir := t.TempDir()
		write(t, filepath.Join(dir, "f"), data)
		opts := Options{MaxDocBytes: 1 << 16}
		if jsonl {
			opts.Format = FormatJSONL
		}
		order, _ := readAll(t, []string{dir}, opts)
		if !jsonl && len(order) != 1 {
			t.Fatalf("a text file gave %d outcomes", len(order))
		}
	})
}

// TestTrimmedSHA256 checks the hashes a plain text input carries: the
// file's, and, for Process to reuse, that of the file without the white
// space at its end, set only when the document is the whole file as stored.
func TestTrimmedSHA256(t *testing.T) {
	text := []byte("नमस्ते दुनिया।")
	big := bytes.Repeat(append(text, '\n'), 20_000) // larger than the read buffers
	spaces := bytes.Repeat([]byte(" \n"), maxPending)
	tests := []struct {
		name string
		data []byte
		want bool
	}{
		{name: "final newline", data: append(text, '\n'), want: true},
		{name: "no final newline", data: text, want: true},
		{name: "white space and line breaks at the end", data: append(text, " \t\r\n\n"...), want: true},
		{name: "larger than the buffers", data: big, want: true},
		{name: "empty", data: nil, want: true},
		{name: "white space only", data: []byte(" \n\n"), want: true},
		{name: "a long run of white space inside", data: append(append(append([]byte{}, text...), spaces...), text...), want: true},
		{name: "a long run of white space at the end", data: append(append([]byte{}, text...), spaces...), want: false},
		{name: "gzip: the file's bytes are not the text's", data: gz(text), want: false},
		{name: "zstd", data: zst(big), want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, filepath.Join(dir, "a.txt"), tt.data)
			files, _, err := Plan([]string{dir})
			if err != nil {
				t.Fatal(err)
			}
			r := NewReader(files, Options{})
			in, err := r.Next()
			if err != nil {
				t.Fatal(err)
			}
			if in.HasTrimmedSHA256 != tt.want {
				t.Fatalf("HasTrimmedSHA256 = %v, want %v", in.HasTrimmedSHA256, tt.want)
			}
			if _, err := r.Next(); !errors.Is(err, io.EOF) {
				t.Fatalf("second Next: %v, want io.EOF", err)
			}
			file := sha256.Sum256(tt.data)
			if got := r.Inputs()[0].SHA256; got != hex.EncodeToString(file[:]) {
				t.Errorf("file hash %s, want %x", got, file)
			}
			if tt.want && in.TrimmedSHA256 != sha256.Sum256(in.Raw[:normalize.TrimmedLen(in.Raw)]) {
				t.Error("TrimmedSHA256 is not the hash of Raw without its final white space")
			}
		})
	}
}

// TestPlanLinks: a file reached twice, through a link to it or through a
// link to its folder, is read once; each file's Real is its resolved path.
func TestPlanLinks(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.txt"), []byte("a"))
	write(t, filepath.Join(dir, "sub", "c.txt"), []byte("c"))
	if err := os.Symlink("a.txt", filepath.Join(dir, "b.txt")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink("sub", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	files, skips, err := Plan([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		real, err := filepath.EvalSymlinks(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		if abs, _ := filepath.Abs(real); f.Real != abs {
			t.Errorf("%s: Real %q, want %q", f.Rel, f.Real, abs)
		}
		got = append(got, f.Rel)
	}
	var skipped []string
	for _, s := range skips {
		if s.Reason != corpus.ReasonDuplicateInput {
			t.Errorf("skip %s: %s", s.Source, s.Reason)
		}
		skipped = append(skipped, s.Source)
	}
	if want := []string{"a.txt", "link/c.txt"}; !slices.Equal(got, want) {
		t.Errorf("read %v, want %v", got, want)
	}
	if want := []string{"b.txt", "sub/c.txt"}; !slices.Equal(skipped, want) {
		t.Errorf("skipped %v, want %v", skipped, want)
	}
}
