package normalize

import (
	"bytes"
	"io"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/transform"
)

// maxFuzzInput bounds the inputs the fuzz targets check: longer ones make
// the fuzzer spend its time minimizing rather than exploring.
const maxFuzzInput = 512

func addSeeds(f *testing.F) {
	for _, tc := range normCases {
		f.Add([]byte(tc.in))
	}
	f.Add([]byte("e\u0301\u0316\u0345 \u1100\u1161\u11A8\u0F73\uFF9E\u0344 \u00A0\n\u2000x"))
	f.Add([]byte("a\r\n\r\n \u3000\r\n\u0301\x00\u0301\xff\u0301"))
	// Runs of one script: 8-byte blocks of Cyrillic and Latin (a rune cut
	// at the block's end, a bad second byte, a mark after the block), a
	// change of script at a line break, marks and nukta in a window.
	f.Add([]byte("abcdefgиabcdefg\xD0\xFFик\u0301ab\nक\u094D\u093Cन\u093C\nçé\xC3 ёa"))
	f.Add([]byte("ا\u064E\u0651\u0654 \u0650\nकख\xE0\xA4\nالل 日本\u3099テ\u3099 \U0001F44D\u200D\n\U0001D165"))
}

// FuzzIdempotent checks that Append's output is a fixed point and that
// IsNormalized accepts it, in every form.
func FuzzIdempotent(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) > maxFuzzInput {
			t.Skip("long input")
		}
		for _, form := range allForms {
			out := Append(nil, in, form)
			if !utf8.Valid(out) {
				t.Fatalf("%v: invalid UTF-8 output %+q", form, out)
			}
			if again := Append(nil, out, form); !bytes.Equal(again, out) {
				t.Fatalf("%v: not idempotent:\n\t%+q\n->\t%+q\n->\t%+q", form, in, out, again)
			}
			if !IsNormalized(string(out), form) {
				t.Fatalf("%v: IsNormalized(%+q) = false for Append output", form, out)
			}
			if IsNormalized(string(in), form) != bytes.Equal(in, out) {
				t.Fatalf("%v: IsNormalized(%+q) = %v but Append gives %+q", form, in, !bytes.Equal(in, out), out)
			}
			n, ok := CleanPrefix(in, form)
			if ok && !bytes.Equal(in[:n], out) {
				t.Fatalf("%v: CleanPrefix(%+q) = %d, but Append gives %+q", form, in, n, out)
			}
			// Clean text with white space and line breaks after it is
			// always taken as it is.
			tail := append(append([]byte(nil), out...), " \t\r\n\r\n"[:len(in)%7]...)
			if n, ok := CleanPrefix(tail, form); !ok || n != len(out) {
				t.Fatalf("%v: CleanPrefix(%+q) = %d, %v; want %d, true", form, tail, n, ok, len(out))
			}
		}
	})
}

// FuzzDifferential checks Append against the plain composition of the
// cleanup and x/text, and the transformer, fed 1–3 bytes at a time, against
// Append.
func FuzzDifferential(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) > maxFuzzInput {
			t.Skip("long input")
		}
		for _, form := range allForms {
			var st, wantSt Stats
			want := appendSimple(nil, in, form, &wantSt)
			got := AppendStats(nil, in, form, &st)
			if !bytes.Equal(got, want) {
				t.Fatalf("%v: Append(%+q) =\n\t%+q\nreference\n\t%+q", form, in, got, want)
			}
			if st != wantSt {
				t.Fatalf("%v: Stats for %+q = %+v, reference %+v", form, in, st, wantSt)
			}
			r := transform.NewReader(&slowReader{data: in, max: 3}, NewTransformer(form))
			stream, err := io.ReadAll(r)
			if err != nil {
				t.Fatalf("%v: transformer on %+q: %v", form, in, err)
			}
			if !bytes.Equal(stream, want) {
				t.Fatalf("%v: transformer(%+q) =\n\t%+q\nwant\n\t%+q", form, in, stream, want)
			}
		}
	})
}
