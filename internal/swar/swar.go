// Package swar holds the one primitive shared by the byte-parallel ("SIMD
// within a register") loops of the corpus packages: loading eight bytes of
// a string as one little-endian word.
package swar

// Load64 returns the eight bytes of s at i as a little-endian word; the
// compiler makes it one load after one bounds check. s must hold i+8 bytes.
func Load64(s string, i int) uint64 {
	t := s[i : i+8]
	return uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 |
		uint64(t[4])<<32 | uint64(t[5])<<40 | uint64(t[6])<<48 | uint64(t[7])<<56
}
