package segment

import (
	"strings"
	"testing"
	"time"
)

// TestLinearTime guards against rules that rescan the text: pathological
// inputs of 1 MB must take about as long as 100 KB, times ten.
func TestLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	seg, _ := New("")
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
	for name, gen := range inputs {
		t.Run(name, func(t *testing.T) {
			small, large := gen(100_000), gen(1_000_000)
			measure := func(s string) time.Duration {
				best := time.Duration(1 << 62)
				for range 3 {
					start := time.Now()
					seg.AppendSentences(nil, s)
					best = min(best, time.Since(start))
				}
				return best
			}
			ts, tl := measure(small), measure(large)
			if tl > 50*ts && tl > 200*time.Millisecond {
				t.Errorf("100 KB took %v, 1 MB took %v: not linear", ts, tl)
			}
		})
	}
}
