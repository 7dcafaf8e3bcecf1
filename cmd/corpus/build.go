package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/corpustools/corpus/build"
	"github.com/corpustools/corpus/corpus"
	"github.com/corpustools/corpus/corpus/normalize"
	"github.com/corpustools/corpus/corpus/segment"
	"github.com/corpustools/corpus/corpus/source"
	"github.com/corpustools/corpus/formats"
	"github.com/corpustools/corpus/schemas"
)

const buildDescription = `Reads INPUT... (files, folders walked recursively in sorted order with hidden
files skipped, globs, or - for stdin; .gz and .zst are decompressed), decodes,
normalizes, segments paragraphs and sentences, and writes the rows to DIR:

   DIR/data/train-00000-of-0000N.{parquet,arrow,arrows,jsonl[.gz|.zst]}
   DIR/errors.jsonl   one line per skipped document or input
   DIR/manifest.json  written last: inputs, outputs with rows and sha256, counts

Offsets (start, end) are half-open [start, end) in Unicode code points of the
document text: in Python, text[start:end] is the span.

Examples:
   corpus build -o out testdata/sample/hindi-news.txt
   corpus build -o out -f parquet,arrow,jsonl --unit sentence --lang hi testdata/
   zcat dump.jsonl.gz | corpus build -o out --input-format jsonl --meta source=crawl -

Exit codes:
   0    success (skipped inputs are counted and listed in errors.jsonl)
   1    bad input stopped the run (--on-error fail, --on-invalid fail)
   2    usage: bad flag value, unknown encoding label, missing input path,
        folder without readable files, output folder not empty
   3    the output could not be written (permissions, disk full)
   130  interrupted by SIGINT or SIGTERM: the shards written so far are kept under
        hidden part names with a manifest.json that says the run is incomplete;
        run again with --resume to finish it (no final-named partial file is left)`

func buildCommand() *cli.Command {
	return &cli.Command{
		Name:        "build",
		Usage:       "build a corpus from raw text",
		ArgsUsage:   "INPUT...",
		Description: buildDescription,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "output folder `DIR` (must be empty unless --overwrite)", Required: true},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "parquet", Usage: "output formats, comma-separated: parquet, arrow (IPC file), arrows (IPC stream), jsonl"},
			&cli.StringFlag{Name: "unit", Value: "document", Usage: "what a row is: document, paragraph or sentence"},
			&cli.StringFlag{Name: "input-format", Value: "text", Usage: "text (one document per file) or jsonl (one document per line)"},
			&cli.StringFlag{Name: "text-field", Value: "text", Usage: "JSONL field holding the text; an \"id\" field becomes the document id, \"lang\" its language, other fields its metadata"},
			&cli.StringFlag{Name: "encoding", Value: "auto", Usage: "input encoding: auto (UTF-8, or what a byte order mark says) or a WHATWG label (windows-1252, shift_jis, utf-16le, ...)"},
			&cli.StringFlag{Name: "on-invalid", Value: "replace", Usage: "invalid UTF-8: replace (by U+FFFD, counted), skip (the document) or fail"},
			&cli.StringFlag{Name: "normalize", Value: "nfc", Usage: "Unicode form: nfc, nfkc, nfd, nfkd or none (line endings, BOMs, controls and trailing spaces are always cleaned; ZWJ/ZWNJ kept)"},
			&cli.StringFlag{Name: "paragraphs", Value: "auto", Usage: "paragraph rule: blank (blank lines separate), line (each line), auto (blank if the text has blank lines, else line)"},
			&cli.StringFlag{Name: "lang", Usage: "BCP 47 language of the documents (selects abbreviation data); empty: unknown, chosen by script"},
			&cli.StringSliceFlag{Name: "meta", Usage: "metadata `key=value` added to every document (repeatable)"},
			&cli.StringFlag{Name: "compression", Usage: "compression for every format, or per format as format=codec,...: parquet zstd (default)|snappy|gzip|none; arrow none (default)|zstd|lz4; jsonl none (default)|gzip|zstd. Parquet and JSONL zstd and gzip take a level: zstd:1 (fastest) to zstd:22, gzip:1 to gzip:9; plain zstd is level 1 in Parquet (as in pyarrow), 3 in JSONL"},
			&cli.StringFlag{Name: "compress", Usage: "JSONL file compression: gzip or zstd (same as --compression jsonl=CODEC)"},
			&cli.IntFlag{Name: "row-group-rows", Usage: "rows per Parquet row group and Arrow record batch (0: format default)"},
			&cli.Int64Flag{Name: "max-rows-per-file", Usage: "start a new shard after this many rows (0: no limit)"},
			&cli.Int64Flag{Name: "max-file-bytes", Value: 512 << 20, Usage: "start a new shard once a file reaches this many bytes (0: no limit)"},
			&cli.Int64Flag{Name: "max-doc-bytes", Value: source.DefaultMaxDocBytes, Usage: "skip a document (file, or JSONL line) larger than this after decompression"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.NumCPU(), Usage: "cores to use: parallel workers, with the Go scheduler held to as many threads (output is identical for any value)"},
			&cli.StringFlag{Name: "on-error", Value: "skip", Usage: "bad document or input: skip (counted, listed in errors.jsonl) or fail (exit 1, no output)"},
			&cli.BoolFlag{Name: "keep-empty", Usage: "keep documents with no text (as rows with empty text) instead of skipping them"},
			&cli.BoolFlag{Name: "overwrite", Usage: "replace the files of an earlier corpus in DIR (only those its manifest lists)"},
			&cli.BoolFlag{Name: "resume", Usage: "finish the interrupted run in DIR (same inputs and options): completed inputs are not read again"},
			&cli.StringFlag{Name: "created-at", Usage: "timestamp recorded in the manifest (RFC 3339); default: SOURCE_DATE_EPOCH if set, else none, so reruns are byte-identical"},
			&cli.BoolFlag{Name: "explain-segmentation", Usage: "print each sentence with the rule that ended it to stdout"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress bar and no summary"},
			&cli.StringFlag{Name: "cpuprofile", Usage: "write a CPU profile to `FILE` (for go tool pprof)", Hidden: true},
		},
		Action: buildAction,
	}
}

func buildAction(c *cli.Context) error {
	if c.NArg() == 0 {
		return usageErrorf("build: no INPUT given (a file, folder, glob, or - for stdin)")
	}
	cfg, err := buildConfig(c)
	if err != nil {
		return withCode(exitUsage, err)
	}
	// -j N uses N cores in all: the workers, and the reader and writers
	// that run beside them, share N scheduler threads.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(cfg.Jobs))
	stderr := c.App.ErrWriter
	quiet := c.Bool("quiet")
	var bar *progressbar.ProgressBar
	if !quiet && isTerminal(stderr) {
		bar = progressbar.NewOptions64(-1, progressbar.OptionSetWriter(stderr), progressbar.OptionShowBytes(true),
			progressbar.OptionSetDescription("building"), progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
		cfg.Progress = func(done, total int64) {
			if total > 0 && bar.GetMax64() != total {
				bar.ChangeMax64(total)
			}
			bar.Set64(done)
		}
	}
	if c.Bool("explain-segmentation") {
		out := c.App.Writer
		cfg.Explain = func(d *corpus.Document) error { return explain(out, d) }
	}
	if p := c.String("cpuprofile"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			return withCode(exitUsage, err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return withCode(exitUsage, err)
		}
		defer pprof.StopCPUProfile()
	}
	start := time.Now()
	sum, err := build.Run(c.Context, cfg)
	if bar != nil {
		bar.Finish()
	}
	if err != nil {
		return withCode(buildExitCode(err), err)
	}
	if !quiet {
		secs := time.Since(start).Seconds()
		fmt.Fprintf(stderr, "corpus: %d documents written (%d %s rows), %d skipped%s, %s in %.2fs (%.1f MB/s) → %s\n",
			sum.DocumentsWritten, sum.Rows, cfg.Unit, sum.DocumentsSkipped, reasons(sum.SkippedByReason),
			humanBytes(sum.InputBytes), secs, float64(sum.InputBytes)/1e6/max(secs, 1e-9), cfg.Output)
	}
	return nil
}

func buildExitCode(err error) int {
	var fe *build.FailError
	var oe *build.OutputError
	var pe *source.PathError
	switch {
	case errors.As(err, &fe):
		return exitInvalid
	case errors.Is(err, context.Canceled):
		return exitInterrupted
	case errors.As(err, &oe):
		if errors.Is(err, build.ErrNotEmpty) || errors.Is(err, build.ErrNotResumable) {
			return exitUsage
		}
		return exitOutput
	case errors.As(err, &pe):
		return exitUsage
	}
	return exitOutput
}

func buildConfig(c *cli.Context) (*build.Config, error) {
	unit, err := schemas.ParseUnit(c.String("unit"))
	if err != nil {
		return nil, err
	}
	po := corpus.DefaultOptions()
	if po.Encoding, err = corpus.ParseEncoding(c.String("encoding")); err != nil {
		return nil, err
	}
	if po.OnInvalid, err = corpus.ParseInvalidPolicy(c.String("on-invalid")); err != nil {
		return nil, err
	}
	if po.Form, err = normalize.ParseForm(c.String("normalize")); err != nil {
		return nil, err
	}
	if po.Paragraphs, err = segment.ParseParagraphMode(c.String("paragraphs")); err != nil {
		return nil, err
	}
	po.Lang = c.String("lang")
	if _, err := segment.New(po.Lang); err != nil {
		return nil, fmt.Errorf("--lang: %w", err)
	}
	po.KeepEmpty = c.Bool("keep-empty")
	po.TextField = c.String("text-field")
	for _, kv := range c.StringSlice("meta") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("--meta %q: want key=value", kv)
		}
		po.Meta = append(po.Meta, corpus.Field{Key: k, Value: v})
	}
	onError, err := build.ParseErrorPolicy(c.String("on-error"))
	if err != nil {
		return nil, err
	}
	inFormat, err := source.ParseFormat(c.String("input-format"))
	if err != nil {
		return nil, err
	}
	var fmtNames []string
	for _, f := range strings.Split(c.String("format"), ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if _, err := formats.Lookup(f); err != nil {
			return nil, err
		}
		fmtNames = append(fmtNames, f)
	}
	if len(fmtNames) == 0 {
		return nil, errors.New("--format: no format given")
	}
	comp, err := parseCompression(c.String("compression"), c.String("compress"), fmtNames)
	if err != nil {
		return nil, err
	}
	if c.Bool("resume") && c.Bool("overwrite") {
		return nil, errors.New("--resume and --overwrite exclude each other")
	}
	if c.Int("jobs") < 1 {
		return nil, errors.New("--jobs must be at least 1")
	}
	if c.Int64("max-doc-bytes") < 1 {
		return nil, errors.New("--max-doc-bytes must be positive")
	}
	createdAt := c.String("created-at")
	if createdAt == "" {
		if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
			secs, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("SOURCE_DATE_EPOCH %q: not a number of seconds", s)
			}
			createdAt = time.Unix(secs, 0).UTC().Format(time.RFC3339)
		}
	} else if _, err := time.Parse(time.RFC3339, createdAt); err != nil {
		return nil, fmt.Errorf("--created-at %q: want RFC 3339, like 2026-01-02T15:04:05Z", createdAt)
	}
	record := map[string]any{
		"format": fmtNames, "unit": string(unit), "input_format": c.String("input-format"), "text_field": c.String("text-field"),
		"encoding": c.String("encoding"), "on_invalid": c.String("on-invalid"), "normalize": po.Form.String(),
		"paragraphs": po.Paragraphs.String(), "lang": po.Lang, "meta": c.StringSlice("meta"), "compression": comp,
		"row_group_rows": c.Int("row-group-rows"), "max_rows_per_file": c.Int64("max-rows-per-file"),
		"max_file_bytes": c.Int64("max-file-bytes"), "max_doc_bytes": c.Int64("max-doc-bytes"),
		"on_error": c.String("on-error"), "keep_empty": po.KeepEmpty,
	}
	return &build.Config{
		Inputs: c.Args().Slice(), Output: c.String("output"), Overwrite: c.Bool("overwrite"), Resume: c.Bool("resume"),
		Formats: fmtNames, Compression: comp, Unit: unit,
		RowGroupRows: c.Int("row-group-rows"), MaxRowsPerFile: c.Int64("max-rows-per-file"), MaxFileBytes: c.Int64("max-file-bytes"),
		Jobs: c.Int("jobs"), OnError: onError,
		Source: source.Options{Format: inFormat, MaxDocBytes: c.Int64("max-doc-bytes"),
			AllowNUL: isWideEncoding(c.String("encoding")), Stdin: c.App.Reader},
		Process: po, ToolVersion: version, CreatedAt: createdAt, OptionsRecord: record,
	}, nil
}

// parseCompression reads --compression (CODEC, or FORMAT=CODEC,...) and the
// JSONL alias --compress into a map from format to codec.
func parseCompression(spec, jsonl string, fmtNames []string) (map[string]string, error) {
	out := map[string]string{}
	for _, part := range strings.Split(spec, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if f, codec, ok := strings.Cut(part, "="); ok {
			if _, err := formats.Lookup(f); err != nil {
				return nil, fmt.Errorf("--compression: %w", err)
			}
			out[f] = codec
			continue
		}
		for _, f := range fmtNames {
			out[f] = part
		}
	}
	if jsonl != "" {
		out["jsonl"] = jsonl
	}
	for f, codec := range out {
		ff, _ := formats.Lookup(f)
		if _, err := ff.Compression(codec); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func isWideEncoding(label string) bool {
	l := strings.ToLower(label)
	return strings.HasPrefix(l, "utf-16") || strings.HasPrefix(l, "utf-32")
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func reasons(m map[string]int64) string {
	if len(m) == 0 {
		return ""
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s: %d", k, m[k])
	}
	return " (" + strings.Join(parts, ", ") + "; see errors.jsonl)"
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
