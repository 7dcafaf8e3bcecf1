package normalize

// isSpace reports whether r is white space for line trimming: tab, space
// and the Unicode White_Space characters that are not line breaks.
func isSpace(r rune) bool {
	switch r {
	case '\t', ' ', 0x00A0, 0x1680, 0x202F, 0x205F, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

// isRemoved reports whether the cleanup removes r.
func isRemoved(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7F && r <= 0x9F) || r == 0xFEFF
}
