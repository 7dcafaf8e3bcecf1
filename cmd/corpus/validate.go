package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/corpustools/corpus/corpus/normalize"
	"github.com/corpustools/corpus/schemas"
	"github.com/corpustools/corpus/validate"
)

const validateDescription = `Checks corpus files (Parquet, Arrow IPC file or stream, JSONL with or without
gzip/zstd) and output folders against the schema they declare, or the one given
with --schema: column names, order, types and nullability; ids unique; spans in
bounds, ordered and non-overlapping; num_* counts and sha256 consistent with the
text; text in the normalization form it was built with; a folder's manifest
row counts and checksums matching its files.

   corpus validate out/                      # a whole output folder
   corpus validate --format json out/data/train-00000-of-00001.parquet

Exit codes:
   0  valid
   1  invalid: every finding is listed with file, row and column
   2  usage error, or an input that cannot be read (missing, permission denied)`

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:        "validate",
		Usage:       "check corpus files or folders against their schema",
		ArgsUsage:   "PATH...",
		Description: validateDescription,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "schema", Usage: "schema to check against: name@version (corpus@v1) or a JSON Schema file written by `corpus schema`; default: the one each file declares"},
			&cli.StringFlag{Name: "unit", Usage: "row unit every file must have (and the unit of JSONL files): document, paragraph or sentence"},
			&cli.BoolFlag{Name: "allow-extra-columns", Usage: "accept columns after the schema's last one (JSONL: unknown keys), as a later schema version may add"},
			&cli.StringFlag{Name: "normalize", Usage: "normalization form the text must be in; default: the one the corpus was built with (else nfc)"},
			&cli.IntFlag{Name: "max-findings", Value: 100, Usage: "list at most this many findings"},
			&cli.StringFlag{Name: "format", Value: "text", Usage: "report format: text or json"},
		},
		Action: validateAction,
	}
}

func validateAction(c *cli.Context) error {
	if c.NArg() == 0 {
		return usageErrorf("validate: no PATH given")
	}
	o := validate.Options{AllowExtraColumns: c.Bool("allow-extra-columns"), MaxFindings: c.Int("max-findings")}
	if s := c.String("schema"); s != "" {
		set, unit, err := schemaFromFlag(s)
		if err != nil {
			return withCode(exitUsage, err)
		}
		o.Schema = set
		o.Unit = unit
	}
	if u := c.String("unit"); u != "" {
		unit, err := schemas.ParseUnit(u)
		if err != nil {
			return withCode(exitUsage, err)
		}
		if o.Unit != "" && o.Unit != unit {
			return usageErrorf("--unit %s contradicts the unit of --schema (%s)", unit, o.Unit)
		}
		o.Unit = unit
	}
	if s := c.String("normalize"); s != "" {
		f, err := normalize.ParseForm(s)
		if err != nil {
			return withCode(exitUsage, err)
		}
		o.Form = &f
	}
	format := c.String("format")
	if format != "text" && format != "json" {
		return usageErrorf("--format %q: want text or json", format)
	}
	rep, err := validate.Paths(c.Args().Slice(), o)
	if err != nil {
		var ie *validate.InputError
		if errors.As(err, &ie) {
			return withCode(exitUsage, err)
		}
		return withCode(exitUsage, err)
	}
	w := c.App.Writer
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		for _, f := range rep.Findings {
			fmt.Fprintln(w, f.String())
		}
		var rows int64
		for _, f := range rep.Files {
			rows += f.Rows
		}
		status := "valid"
		if !rep.Valid {
			status = fmt.Sprintf("INVALID: %d findings", rep.TotalFindings)
			if rep.Truncated {
				status += fmt.Sprintf(" (first %d listed)", len(rep.Findings))
			}
		}
		fmt.Fprintf(w, "%s: %d files, %d rows checked\n", status, len(rep.Files), rows)
	}
	if !rep.Valid {
		return &exitError{code: exitInvalid, err: fmt.Errorf("%d findings", rep.TotalFindings)}
	}
	return nil
}

// schemaFromFlag resolves --schema: name@version, or a JSON Schema file
// whose $id names the schema and unit (as `corpus schema` writes it).
func schemaFromFlag(s string) (*schemas.Set, schemas.Unit, error) {
	if _, err := os.Stat(s); err != nil {
		set, err := schemas.Lookup(s)
		return set, "", err
	}
	data, err := os.ReadFile(s)
	if err != nil {
		return nil, "", err
	}
	var doc struct {
		ID string `json:"$id"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, "", fmt.Errorf("--schema %s: not a JSON Schema: %w", s, err)
	}
	for _, u := range schemas.Units {
		if doc.ID == schemas.JSONSchemaID(u) {
			return schemas.Current, u, nil
		}
	}
	return nil, "", fmt.Errorf("--schema %s: $id %q names no known schema (known: %s for each unit)", s, doc.ID, strings.Join(knownIDs(), ", "))
}

func knownIDs() []string {
	var ids []string
	for _, u := range schemas.Units {
		ids = append(ids, schemas.JSONSchemaID(u))
	}
	return ids
}
