//go:build linux

package normalize

import (
	"fmt"
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/text/unicode/norm"
)

// threadCPU returns the CPU time used by the calling OS thread.
func threadCPU() time.Duration {
	var ts syscall.Timespec
	syscall.Syscall(syscall.SYS_CLOCK_GETTIME, 3 /* CLOCK_THREAD_CPUTIME_ID */, uintptr(unsafe.Pointer(&ts)), 0)
	return time.Duration(ts.Nano())
}

// TestThroughputCPU reports throughput by thread CPU time, which a loaded
// machine disturbs less than wall time. Run with NORMALIZE_CPU_BENCH=1.
func TestThroughputCPU(t *testing.T) {
	if os.Getenv("NORMALIZE_CPU_BENCH") == "" {
		t.Skip("set NORMALIZE_CPU_BENCH=1")
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	measure := func(text []byte, fn func(dst []byte) []byte) float64 {
		// The best of many short rounds: interference only slows rounds.
		dst := make([]byte, 0, 2*len(text))
		best := time.Duration(1 << 62)
		for round := 0; round < 40; round++ {
			start := threadCPU()
			for range 3 {
				dst = fn(dst[:0])
			}
			best = min(best, threadCPU()-start)
		}
		return float64(3*len(text)) / best.Seconds() / 1e6
	}
	for _, bt := range benchTexts() {
		mine := measure(bt.text, func(dst []byte) []byte { return Append(dst, bt.text, NFC) })
		xt := measure(bt.text, func(dst []byte) []byte { return norm.NFC.Append(dst, bt.text...) })
		t.Logf("%-12s Append NFC %7.0f MB/s   x/text NFC Append %7.0f MB/s   x%.1f", bt.name, mine, xt, mine/xt)
		s := string(bt.text)
		mine = measure(bt.text, func(dst []byte) []byte { IsNormalized(s, NFC); return dst })
		xt = measure(bt.text, func(dst []byte) []byte { norm.NFC.IsNormalString(s); return dst })
		t.Logf("%-12s IsNormalized NFC %7.0f MB/s   x/text NFC IsNormalString %7.0f MB/s   x%.1f", bt.name, mine, xt, mine/xt)
	}
	text := benchTexts()[2].text
	for _, f := range allForms {
		mine := measure(text, func(dst []byte) []byte { return Append(dst, text, f) })
		line := fmt.Sprintf("mixed        Append %-4v %7.0f MB/s", f, mine)
		if nf, ok := f.normForm(); ok {
			xt := measure(text, func(dst []byte) []byte { return nf.Append(dst, text...) })
			line += fmt.Sprintf("   x/text %7.0f MB/s   x%.1f", xt, mine/xt)
		}
		t.Logf("%s", line)
	}
}

func bestOf(fn func()) time.Duration {
	best := time.Duration(1 << 62)
	for round := 0; round < 40; round++ {
		start := threadCPU()
		fn()
		best = min(best, threadCPU()-start)
	}
	return best
}

func TestThroughputFloor(t *testing.T) {
	if os.Getenv("NORMALIZE_CPU_BENCH") == "" {
		t.Skip("set NORMALIZE_CPU_BENCH=1")
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	text := benchTexts()[1].text
	tab := tableFor(NFC)
	sum := 0
	d := bestOf(func() {
		for i := 0; i < len(text); {
			c := text[i]
			if c < 0x80 {
				i++
				continue
			}
			r := rune(c&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F)
			sum += int(tab.lookup(r))
			i += 3
		}
	})
	t.Logf("lookup loop: %.0f MB/s", float64(len(text))/d.Seconds()/1e6)
	d = bestOf(func() {
		for i := 0; i < len(text); {
			c := text[i]
			if c < 0x80 {
				i++
				continue
			}
			i += 3
		}
	})
	t.Logf("decode loop: %.0f MB/s", float64(len(text))/d.Seconds()/1e6)
	dst := make([]byte, len(text))
	d = bestOf(func() { copy(dst, text) })
	t.Logf("copy: %.0f MB/s", float64(len(text))/d.Seconds()/1e6)
}
