package formats

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/klauspost/compress/snappy"
	"github.com/klauspost/compress/zstd"
	pqzstd "github.com/parquet-go/parquet-go/compress/zstd"
	"github.com/parquet-go/parquet-go/format"
)

// TestFastSnappy checks that the Parquet SNAPPY codec writes standard
// Snappy blocks (decoded by the reference decoder's port, not only by the
// codec itself), reuses the buffer it is given, and names itself SNAPPY.
func TestFastSnappy(t *testing.T) {
	c, err := parquetCodec("snappy")
	if err != nil {
		t.Fatal(err)
	}
	if c.String() != "SNAPPY" || c.CompressionCodec() != format.Snappy {
		t.Fatalf("codec %s (%v), want SNAPPY", c, c.CompressionCodec())
	}
	prose := strings.Repeat("भारत के प्रधानमंत्री ने आज कहा। The quick brown fox. ", 4000)
	for _, tc := range []struct {
		name string
		src  []byte
	}{
		{"empty", nil},
		{"one byte", []byte{0}},
		{"shorter than a match", []byte("abcdefgh")},
		{"prose", []byte(prose)},
		{"incompressible", func() []byte {
			b := make([]byte, 1<<16)
			x := uint32(1)
			for i := range b {
				x ^= x << 13
				x ^= x >> 17
				x ^= x << 5
				b[i] = byte(x)
			}
			return b
		}()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			buf := make([]byte, 0, 2*len(tc.src)+64)
			enc, err := c.Encode(buf, tc.src)
			if err != nil {
				t.Fatal(err)
			}
			if len(enc) > 0 && &enc[0] != &buf[:1][0] {
				t.Error("Encode did not reuse a large enough buffer")
			}
			dec, err := snappy.Decode(nil, enc)
			if err != nil {
				t.Fatalf("reference decoder: %v", err)
			}
			if !bytes.Equal(dec, tc.src) {
				t.Fatalf("decoded %d bytes, want the %d encoded", len(dec), len(tc.src))
			}
			dec, err = c.Decode(nil, enc)
			if err != nil || !bytes.Equal(dec, tc.src) {
				t.Fatalf("codec Decode: %v", err)
			}
			if tc.name == "prose" && len(enc) > len(tc.src)/4 {
				t.Errorf("prose compressed to %d of %d bytes", len(enc), len(tc.src))
			}
		})
	}
}

// TestZstdCodec checks that the Parquet ZSTD codec, which keeps its
// encoders, writes the frames of parquet-go's own codec byte for byte, at
// each encoder speed, also when called from several goroutines at once.
func TestZstdCodec(t *testing.T) {
	prose := []byte(strings.Repeat("भारत के प्रधानमंत्री ने आज कहा। The quick brown fox. ", 30000))
	for _, level := range []int{1, 3, 7, 19} {
		t.Run(fmt.Sprint(level), func(t *testing.T) {
			c, err := parquetCodec(fmt.Sprintf("zstd:%d", level))
			if err != nil {
				t.Fatal(err)
			}
			if c.String() != "ZSTD" || c.CompressionCodec() != format.Zstd {
				t.Fatalf("codec %s (%v), want ZSTD", c, c.CompressionCodec())
			}
			ref := &pqzstd.Codec{Level: zstd.EncoderLevelFromZstd(level)}
			for _, src := range [][]byte{nil, []byte("a"), prose[:1000], prose} {
				want, _ := ref.Encode(nil, src)
				var wg sync.WaitGroup
				got := make([][]byte, 4)
				for g := range got {
					wg.Add(1)
					go func() {
						defer wg.Done()
						got[g], _ = c.Encode(make([]byte, 0, 16), src)
					}()
				}
				wg.Wait()
				for _, g := range got {
					if !bytes.Equal(g, want) {
						t.Fatalf("%d bytes in: %d bytes out, parquet-go's codec writes %d", len(src), len(g), len(want))
					}
				}
				dec, err := c.Decode(nil, want)
				if err != nil || !bytes.Equal(dec, src) {
					t.Fatalf("Decode: %v", err)
				}
			}
		})
	}
}
