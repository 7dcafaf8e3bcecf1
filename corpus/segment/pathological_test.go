package segment

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// pathological returns the inputs that once made rules rescan the text, or
// make the SWAR scan loops stop every few bytes, each about n bytes long.
func pathological(n int) map[string]string {
	inputs := map[string]func(n int) string{
		"at-signs":       func(n int) string { return strings.Repeat("@", n) },
		"dots":           func(n int) string { return strings.Repeat(".", n) },
		"spaced-dots":    func(n int) string { return strings.Repeat(". ", n/2) },
		"han-full-stops": func(n int) string { return strings.Repeat("中文中文中文. 3", n/20) },
		"no-space":       func(n int) string { return strings.Repeat("abcdef", n/6) },
		"commas":         func(n int) string { return strings.Repeat("Hi, ", n/4) },
		"dashes":         func(n int) string { return strings.Repeat("है - ", n/10) },
		"newlines":       func(n int) string { return strings.Repeat("a\n", n/2) },
		// Texts that make the SWAR scan loops stop every few bytes.
		"zwj":        func(n int) string { return strings.Repeat("क\u200dख ", n/len("क\u200dख ")) },
		"ascii-deva": func(n int) string { return strings.Repeat("कa ", n/len("कa ")) },
		"near-danda": func(n int) string { return strings.Repeat("ऄ\u0963", n/len("ऄ\u0963")) },
		"urdu-ascii": func(n int) string { return strings.Repeat("تی1a ", n/len("تی1a ")) },
		"urdu-stops": func(n int) string { return strings.Repeat("تی؟ ", n/len("تی؟ ")) },
		"dandas":     func(n int) string { return strings.Repeat("क। ", n/len("क। ")) },
		"quotes":     func(n int) string { return strings.Repeat(`."`, n/2) },
	}
	out := make(map[string]string, len(inputs))
	for name, gen := range inputs {
		out[name] = gen(n)
	}
	return out
}

// BenchmarkPathological measures the segmenter on the pathological inputs
// at 100 KB and 1 MB: a rule that rescans the text shows as a throughput
// that falls with the size (make bench prints both). This was a test that
// timed them; timing belongs in benchmarks, where a noisy machine cannot
// fail a build.
func BenchmarkPathological(b *testing.B) {
	seg, _ := New("")
	for _, n := range []int{100_000, 1_000_000} {
		inputs := pathological(n)
		names := make([]string, 0, len(inputs))
		for name := range inputs {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			text := inputs[name]
			b.Run(fmt.Sprintf("%s/%dKB", name, n/1000), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					seg.AppendSentences(nil, text)
				}
			})
		}
	}
}
