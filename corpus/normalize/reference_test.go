package normalize

import "unicode/utf8"

// The reference implementation: the cleanup steps one after the other, with
// x/text's Bytes for the form, as the package documentation describes them.
// Append, IsNormalized and the transformer are tested against it.

// cleanChars is step 1–3 of the cleanup: invalid bytes, line breaks and
// removed characters.
func cleanChars(dst, src []byte, st *Stats) []byte {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			st.Invalid++
			dst = utf8.AppendRune(dst, r)
		case r == '\r':
			st.LineBreaks++
			if i+1 < len(src) && src[i+1] == '\n' {
				size = 2
			}
			dst = append(dst, '\n')
		case r == 0x2028:
			st.LineBreaks++
			dst = append(dst, '\n')
		case r == 0x2029:
			st.LineBreaks++
			dst = append(dst, '\n', '\n')
		case isRemoved(r):
			st.Removed++
		default:
			dst = append(dst, src[i:i+size]...)
		}
		i += size
	}
	return dst
}

// cleanLines is step 5 of the cleanup, on valid UTF-8: it appends the lines
// of src to dst, trimmed and with blank-line runs collapsed.
func cleanLines(dst, src []byte, st *Stats) []byte {
	base := len(dst)
	nl := 0 // newlines at the end of dst[base:]
	for len(src) > 0 {
		line := src
		rest := []byte(nil)
		hasNL := false
		for i, c := range src {
			if c == '\n' {
				line, rest, hasNL = src[:i], src[i+1:], true
				break
			}
		}
		src = rest
		end := len(line)
		for end > 0 {
			r, size := utf8.DecodeLastRune(line[:end])
			if !isSpace(r) {
				break
			}
			end -= size
			st.Trimmed++
		}
		if end > 0 {
			dst = append(dst, line[:end]...)
			if hasNL {
				dst = append(dst, '\n')
			}
			nl = 1
			continue
		}
		if hasNL {
			if len(dst) > base && nl < 2 {
				dst = append(dst, '\n')
				nl++
			} else {
				st.Trimmed++
			}
		}
	}
	for len(dst) > base && dst[len(dst)-1] == '\n' {
		dst = dst[:len(dst)-1]
		st.Trimmed++
	}
	return dst
}

// appendSimple is the plain composition of the cleanup steps and x/text.
func appendSimple(dst, src []byte, f Form, st *Stats) []byte {
	if st == nil {
		st = new(Stats)
	}
	clean := cleanChars(nil, src, st)
	if nf, ok := f.normForm(); ok {
		clean = nf.Bytes(clean)
	}
	return cleanLines(dst, clean, st)
}
