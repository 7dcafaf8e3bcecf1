// Package formats writes corpus rows as JSONL, Parquet and Arrow IPC files,
// one file per format behind one small interface, and handles sharding and
// atomic file creation.
package formats

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/corpustools/corpus/schemas"
)

// Writer writes the rows of one unit, in one format, to one stream.
type Writer interface {
	// Write appends the rows of the writer's unit held in b.
	Write(b *schemas.Batch) error
	// Close finishes the file (flushes buffers, writes footers). It does not
	// close the underlying io.Writer.
	Close() error
}

// Options configure a Writer. Writers see rows and the schema only, never the
// options of normalization or segmentation.
type Options struct {
	// Unit is what one row is.
	Unit schemas.Unit
	// Compression names the codec: for JSONL "none", "gzip" or "zstd" (the
	// whole file); for Parquet "zstd", "snappy", "gzip" or "none" (pages);
	// for Arrow "none", "zstd" or "lz4" (buffers). Empty selects the
	// format's default. A codec the format lists in Format.Levels may carry
	// a level after a colon: "zstd:1", "gzip:9".
	Compression string
	// RowGroupRows bounds the rows of one Parquet row group or Arrow record
	// batch; 0 selects the default.
	RowGroupRows int
	// Metadata is key-value metadata stored in the file where the format
	// allows it (Parquet and Arrow), in addition to the schema name and version.
	Metadata map[string]string
}

// Format describes one file format.
type Format struct {
	// Name is the name used by --format.
	Name string
	// Extension is the file name extension, without compression suffixes.
	Extension string
	// DefaultCompression is used when Options.Compression is empty.
	DefaultCompression string
	// Compressions lists the accepted compression names.
	Compressions []string
	// Levels maps each codec that takes a level to its lowest and highest.
	Levels map[string][2]int
	// Suffixes maps a compression that wraps the whole file to the suffix
	// its files get after Extension (JSONL: gzip → ".gz").
	Suffixes map[string]string
	// New opens a writer on w.
	New func(w io.Writer, opts Options) (Writer, error)
}

// FileExtension returns the extension of a file written with compression c,
// for example ".jsonl.zst".
func (f Format) FileExtension(c string) string {
	codec, _, _ := SplitCompression(c)
	return f.Extension + f.Suffixes[codec]
}

// Compression resolves c against the format's default and accepted values.
func (f Format) Compression(c string) (string, error) {
	if c == "" {
		return f.DefaultCompression, nil
	}
	codec, level, err := SplitCompression(c)
	if err != nil {
		return "", fmt.Errorf("format %s: %w", f.Name, err)
	}
	if !slices.Contains(f.Compressions, codec) {
		return "", fmt.Errorf("format %s: unknown compression %q (want %s)", f.Name, codec, strings.Join(f.Compressions, ", "))
	}
	if level != 0 {
		r, ok := f.Levels[codec]
		if !ok {
			return "", fmt.Errorf("format %s: compression %s takes no level", f.Name, codec)
		}
		if level < r[0] || level > r[1] {
			return "", fmt.Errorf("format %s: %s level %d out of range %d to %d", f.Name, codec, level, r[0], r[1])
		}
	}
	return c, nil
}

// SplitCompression splits a compression "codec" or "codec:level" into the
// codec and the level (0 when none is given).
func SplitCompression(c string) (codec string, level int, err error) {
	codec, l, ok := strings.Cut(c, ":")
	if !ok {
		return c, 0, nil
	}
	level, err = strconv.Atoi(l)
	if err != nil || level <= 0 {
		return "", 0, fmt.Errorf("compression %q: the level after the colon must be a positive integer", c)
	}
	return codec, level, nil
}

var registry = map[string]Format{}

// register adds a format; called from the init of each format's file.
func register(f Format) { registry[f.Name] = f }

// Lookup returns the format called name, or an error naming the known ones.
func Lookup(name string) (Format, error) {
	f, ok := registry[name]
	if !ok {
		return Format{}, fmt.Errorf("unknown format %q (want %s)", name, strings.Join(Names(), ", "))
	}
	return f, nil
}

// Names returns the names of the known formats, sorted.
func Names() []string {
	names := make([]string, 0, len(registry))
	for n := range registry {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// FileMetadata returns the key-value metadata every Parquet and Arrow file
// carries: the schema name, version and unit, plus extra.
func FileMetadata(unit schemas.Unit, extra map[string]string) map[string]string {
	m := make(map[string]string, len(extra)+3)
	for k, v := range extra {
		m[k] = v
	}
	m[MetaSchemaName] = schemas.Name
	m[MetaSchemaVersion] = schemas.Version
	m[MetaSchemaUnit] = string(unit)
	return m
}

// Keys of the file metadata written by every format that has it.
const (
	MetaSchemaName    = "corpus.schema.name"
	MetaSchemaVersion = "corpus.schema.version"
	MetaSchemaUnit    = "corpus.schema.unit"
)
