// Package normalize cleans up raw text and puts it into a Unicode
// normalization form, fast.
//
// Every function of the package applies the same cleanup, in this order:
//
//  1. Invalid UTF-8: each byte that is not part of a valid encoding becomes
//     U+FFFD.
//  2. Line breaks: CRLF, a lone CR and U+2028 LINE SEPARATOR become "\n";
//     U+2029 PARAGRAPH SEPARATOR becomes "\n\n" (a paragraph break, that is a
//     blank line).
//  3. Removed characters: every U+FEFF (byte order mark or zero width no-break
//     space, anywhere in the text) and every C0 and C1 control character
//     (U+0000–U+001F, U+007F–U+009F) except tab and newline. U+0085 NEXT LINE,
//     vertical tab and form feed are controls too and are removed, not turned
//     into line breaks. ZWJ U+200D and ZWNJ U+200C, which carry meaning in
//     Indic and Arabic scripts, and all other format characters are kept.
//  4. The normalization form ([NFC], [NFD], [NFKC], [NFKD] or [None]), as
//     computed by [golang.org/x/text/unicode/norm].
//  5. Lines: white space at the end of each line is removed, where white
//     space is tab, space and the Unicode spaces U+00A0, U+1680,
//     U+2000–U+200A, U+202F, U+205F and U+3000; a line holding only white
//     space is blank; runs of blank lines become one blank line; blank lines
//     at the start of the text and all white space and line breaks at its end
//     are removed. The result therefore never starts with "\n", never ends
//     with "\n" or white space, and never holds "\n\n\n". White space at the
//     start of a line (indentation) is kept.
//
// The form is applied after the removals, so that a combining mark separated
// from its base by a removed control combines with it, and before the line
// cleanup, so that white space produced by a compatibility form (NFKC maps
// U+00A0 to U+0020) is trimmed too. The result is stable: cleaning it up
// again changes nothing, whatever the form.
//
// [Append] and [String] work on whole documents; [NewTransformer] does the
// same on streams, with the same output for any chunking of the input;
// [IsNormalized] checks text without copying it.
//
// Text that is already clean and in the requested form (most real text) is
// copied through in long runs, checked with a per-code-point table derived
// from the quick check of x/text (built on first use of a form, in tens of
// milliseconds); only the segments around a character that may change, from
// the starter before it to the starter after it, are handed to x/text, so
// the output is that of x/text. A few characters that x/text only
// checks by looking at the character before them (Devanagari nukta,
// combining accents, Bengali and Tamil vowel signs) are checked in the fast
// path too.
package normalize

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unsafe"

	"golang.org/x/text/unicode/norm"
)

// Form names a Unicode normalization form, or none.
// The zero value is [None]: cleanup only.
type Form uint8

const (
	// None applies the cleanup only and leaves the code points as they are.
	None Form = iota
	// NFC is Unicode Normalization Form C: canonical decomposition followed by
	// canonical composition.
	NFC
	// NFD is Unicode Normalization Form D: canonical decomposition.
	NFD
	// NFKC is Unicode Normalization Form KC: compatibility decomposition
	// followed by canonical composition.
	NFKC
	// NFKD is Unicode Normalization Form KD: compatibility decomposition.
	NFKD
)

var formNames = [...]string{None: "none", NFC: "nfc", NFD: "nfd", NFKC: "nfkc", NFKD: "nfkd"}

// ErrUnknownForm is returned, wrapped, by [ParseForm] for a name it does not
// accept.
var ErrUnknownForm = errors.New("normalize: unknown normalization form")

// ParseForm returns the form named s: "none", "nfc", "nfd", "nfkc" or "nfkd",
// in any case. For any other name it returns an error that wraps
// [ErrUnknownForm] and lists the accepted names.
func ParseForm(s string) (Form, error) {
	for f, name := range formNames {
		if strings.EqualFold(s, name) {
			return Form(f), nil
		}
	}
	return None, fmt.Errorf("%w %q (accepted: %s)", ErrUnknownForm, s, strings.Join(formNames[:], ", "))
}

// String returns the lower-case name of f, as accepted by [ParseForm]:
// "none", "nfc", "nfd", "nfkc" or "nfkd". A value that is not one of the
// constants gives "Form(N)".
func (f Form) String() string {
	if int(f) < len(formNames) {
		return formNames[f]
	}
	return "Form(" + strconv.Itoa(int(f)) + ")"
}

// valid reports whether f is one of the declared forms.
func (f Form) valid() bool { return int(f) < len(formNames) }

// normForm returns the x/text form for f; ok is false for None.
func (f Form) normForm() (nf norm.Form, ok bool) {
	switch f {
	case NFC:
		return norm.NFC, true
	case NFD:
		return norm.NFD, true
	case NFKC:
		return norm.NFKC, true
	case NFKD:
		return norm.NFKD, true
	}
	return 0, false
}

// Stats counts what the cleanup changed. [AppendStats] adds to it, so one
// Stats can total a whole corpus.
type Stats struct {
	// Removed counts the control characters and U+FEFF removed.
	Removed int
	// Invalid counts the bytes of invalid UTF-8 replaced by U+FFFD.
	Invalid int
	// LineBreaks counts the CRLF, CR, U+2028 and U+2029 rewritten as "\n".
	LineBreaks int
	// Trimmed counts the white-space characters and line breaks dropped from
	// line ends, blank-line runs and the start and end of the text (after
	// the normalization form is applied).
	Trimmed int
}

// Add adds the counts of o to s.
func (s *Stats) Add(o Stats) {
	s.Removed += o.Removed
	s.Invalid += o.Invalid
	s.LineBreaks += o.LineBreaks
	s.Trimmed += o.Trimmed
}

// Append appends the cleaned-up text src, in form f, to dst and returns the
// extended buffer. It is the fast path for whole documents. src may hold
// invalid UTF-8: each invalid byte becomes U+FFFD. The bytes of dst are
// neither read nor changed: src is normalized on its own. src and dst must
// not overlap. Append panics if f is not one of the declared forms.
func Append(dst, src []byte, f Form) []byte {
	return appendText(dst, src, f, nil)
}

// AppendStats is [Append] that also adds to st the counts of what the
// cleanup changed. st may be nil.
func AppendStats(dst, src []byte, f Form, st *Stats) []byte {
	return appendText(dst, src, f, st)
}

// String is [Append] for strings: it returns the cleaned-up text s in form f.
// It returns s itself, without copying, when s is already clean and in form
// f.
func String(s string, f Form) string {
	if IsNormalized(s, f) {
		return s
	}
	// appendText only reads src: no need to copy s.
	src := unsafe.Slice(unsafe.StringData(s), len(s))
	out := appendText(make([]byte, 0, len(s)), src, f, nil)
	if len(out) == 0 {
		return ""
	}
	return unsafe.String(&out[0], len(out)) // out is not used again
}

// CleanPrefix reports whether the cleaned-up text of src in form f is src
// itself up to white space and line breaks at its end (ASCII space, tab,
// CR and LF), as it is for most files: clean text and a final newline.
// If so, it returns the length n of that text, and [Append] would append
// src[:n]; it copies nothing.
func CleanPrefix(src []byte, f Form) (n int, ok bool) {
	n = TrimmedLen(src)
	return n, isNormalized(unsafe.String(unsafe.SliceData(src), n), f)
}

// TrimmedLen returns the length of b without the ASCII space, tab, CR and
// LF at its end.
func TrimmedLen(b []byte) int {
	n := len(b)
	for n > 0 && (b[n-1] == ' ' || b[n-1] == '\n' || b[n-1] == '\t' || b[n-1] == '\r') {
		n--
	}
	return n
}

// IsNormalized reports whether s is unchanged by [Append] with form f: clean
// (valid UTF-8, no control characters other than tab and newline, no
// U+FEFF, no CR, U+2028 or U+2029, no white space at a line end, no blank
// lines at the start, no runs of blank lines, no line break at the end) and
// in form f. It does not copy s.
func IsNormalized(s string, f Form) bool {
	return isNormalized(s, f)
}
