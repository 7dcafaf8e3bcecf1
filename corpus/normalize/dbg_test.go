package normalize

import (
	"testing"
	"unicode/utf8"
)

func TestDbgStats(t *testing.T) {
	text := benchTexts()[1].text
	tab := tableFor(NFC)
	counts := map[uint8]int{}
	ascii, runes := 0, 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRune(text[i:])
		runes++
		if r < 0x80 {
			ascii++
		} else {
			counts[tab.lookup(r)]++
		}
		i += size
	}
	t.Logf("bytes=%d runes=%d ascii=%d classes=%v lines=%d", len(text), runes, ascii, counts, len(text)/100)
}
