package normalize

import (
	"bufio"
	"compress/bzip2"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// normalizationTestFiles are where Debian's unicode-data package installs
// Unicode's NormalizationTest.txt; the environment variable
// NORMALIZATION_TEST_FILE names another copy.
var normalizationTestFiles = []string{
	"/usr/share/unicode/NormalizationTest.txt",
	"/usr/share/unicode/NormalizationTest.txt.bz2",
	"/usr/share/unicode-data/NormalizationTest.txt",
	"/usr/share/unicode-data/NormalizationTest.txt.bz2",
}

// maxConformanceSkips bounds the lines skipped because the cleanup changes
// them even when wrapped in "!" (none are expected: the file has no control
// characters).
const maxConformanceSkips = 10

// openNormalizationTest opens the test file, decompressing it if needed. It
// skips the test if there is none, or fails it when CI=true.
func openNormalizationTest(t *testing.T) io.Reader {
	t.Helper()
	names := normalizationTestFiles
	if name := os.Getenv("NORMALIZATION_TEST_FILE"); name != "" {
		names = []string{name}
	}
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		t.Cleanup(func() { f.Close() })
		t.Logf("reading %s", name)
		if strings.HasSuffix(name, ".bz2") {
			return bzip2.NewReader(f)
		}
		return f
	}
	msg := fmt.Sprintf("NormalizationTest.txt not found in %v (install Debian's unicode-data package)", names)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return nil
}

// parseCodePoints parses a column like "0044 0307".
func parseCodePoints(col string) (string, error) {
	var b strings.Builder
	for _, f := range strings.Fields(col) {
		r, err := strconv.ParseUint(f, 16, 32)
		if err != nil {
			return "", err
		}
		b.WriteRune(rune(r))
	}
	return b.String(), nil
}

// versionLess reports whether the dotted version a is lower than b.
func versionLess(a, b string) bool {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) && i < len(bs); i++ {
		x, _ := strconv.Atoi(as[i])
		y, _ := strconv.Atoi(bs[i])
		if x != y {
			return x < y
		}
	}
	return len(as) < len(bs)
}

// TestConformance checks Append against Unicode's NormalizationTest.txt:
// for every line c1;c2;c3;c4;c5,
//
//	NFC:  c2 == toNFC(c1) == toNFC(c2) == toNFC(c3),   c4 == toNFC(c4) == toNFC(c5)
//	NFD:  c3 == toNFD(c1) == toNFD(c2) == toNFD(c3),   c5 == toNFD(c4) == toNFD(c5)
//	NFKC: c4 == toNFKC(c1) == ... == toNFKC(c5)
//	NFKD: c5 == toNFKD(c1) == ... == toNFKD(c5)
//
// and every code point not listed in Part 1 is unchanged by every form.
// The cleanup does not change the lines, except those whose strings are
// white space that it trims: they are checked wrapped in "!", which neither
// the cleanup nor the normalization touches.
func TestConformance(t *testing.T) {
	r := openNormalizationTest(t)
	sc := bufio.NewScanner(r)
	fileVersion := ""
	part := ""
	part1 := make(map[rune]bool)
	var lines, wrapped, skipped int
	for lineNo := 1; sc.Scan(); lineNo++ {
		line := sc.Text()
		if strings.HasPrefix(line, "# NormalizationTest-") {
			fileVersion = strings.TrimSuffix(strings.TrimPrefix(line, "# NormalizationTest-"), ".txt")
			if versionLess(norm.Version, fileVersion) {
				t.Skipf("NormalizationTest.txt is for Unicode %s, x/text has %s", fileVersion, norm.Version)
			}
		}
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "@") {
			part = strings.Fields(line)[0]
			continue
		}
		cols := strings.Split(line, ";")
		if len(cols) < 5 {
			t.Fatalf("line %d: %d columns", lineNo, len(cols))
		}
		var c [6]string // c[1]..c[5] as in the file's header
		for i := 0; i < 5; i++ {
			s, err := parseCodePoints(cols[i])
			if err != nil {
				t.Fatalf("line %d: %v", lineNo, err)
			}
			c[i+1] = s
		}
		if part == "@Part1" {
			for _, r := range c[1] {
				part1[r] = true
			}
		}
		lines++
		if !unchangedByCleanup(c[1:]) {
			for i := 1; i <= 5; i++ {
				c[i] = "!" + c[i] + "!"
			}
			wrapped++
			if !unchangedByCleanup(c[1:]) {
				skipped++
				t.Logf("line %d: skipped, the cleanup changes it: %+q", lineNo, c[1:])
				continue
			}
		}
		check := func(f Form, want string, in ...int) {
			for _, i := range in {
				if got := String(c[i], f); got != want {
					t.Errorf("line %d: %v(c%d %+q) = %+q, want %+q", lineNo, f, i, c[i], got, want)
				}
			}
		}
		check(NFC, c[2], 1, 2, 3)
		check(NFC, c[4], 4, 5)
		check(NFD, c[3], 1, 2, 3)
		check(NFD, c[5], 4, 5)
		check(NFKC, c[4], 1, 2, 3, 4, 5)
		check(NFKD, c[5], 1, 2, 3, 4, 5)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if lines < 10000 || len(part1) < 1000 {
		t.Fatalf("read only %d lines, %d in Part 1: not the expected file", lines, len(part1))
	}
	if skipped > maxConformanceSkips {
		t.Errorf("skipped %d lines, more than %d", skipped, maxConformanceSkips)
	}
	t.Logf("Unicode %s (x/text %s): %d lines checked (%d of them wrapped in \"!\"), %d skipped",
		fileVersion, norm.Version, lines-skipped, wrapped, skipped)

	// Part 1 lists every code point that some form changes; the others are
	// unchanged. This holds only for the Unicode version of the file.
	if fileVersion != norm.Version {
		t.Logf("not checking the code points outside Part 1: file is for Unicode %s, x/text has %s", fileVersion, norm.Version)
		return
	}
	var buf []byte
	others, otherSkipped := 0, 0
	for r := rune(0); r <= 0x10FFFF; r++ {
		if part1[r] || (r >= 0xD800 && r <= 0xDFFF) {
			continue
		}
		s := "!" + string(r) + "!"
		if !unchangedByCleanup([]string{s}) {
			otherSkipped++ // controls, U+FEFF, U+2028, U+2029
			continue
		}
		others++
		for _, f := range []Form{NFC, NFD, NFKC, NFKD} {
			buf = Append(buf[:0], []byte(s), f)
			if string(buf) != s {
				t.Errorf("%U not in Part 1 but %v changes it: %+q", r, f, buf)
			}
		}
	}
	if otherSkipped > 80 {
		t.Errorf("skipped %d code points outside Part 1, expected the 63 controls, U+FEFF, U+2028 and U+2029", otherSkipped)
	}
	t.Logf("code points outside Part 1: %d checked, %d skipped (removed by the cleanup)", others, otherSkipped)
}

// unchangedByCleanup reports whether the cleanup alone leaves every string
// of ss unchanged.
func unchangedByCleanup(ss []string) bool {
	for _, s := range ss {
		if String(s, None) != s {
			return false
		}
	}
	return true
}
