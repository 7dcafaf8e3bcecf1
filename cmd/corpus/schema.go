package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/corpustools/corpus/schemas"
)

func schemaCommand() *cli.Command {
	return &cli.Command{
		Name:  "schema",
		Usage: "print the row schema of a unit",
		Description: `Prints the v1 schema of one row unit in one of its forms: the JSON Schema
(draft 2020-12) that JSONL rows follow, the Arrow schema, the Parquet schema,
or a Markdown table documenting every column.

   corpus schema --unit sentence --as markdown`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "unit", Value: "document", Usage: "document, paragraph or sentence"},
			&cli.StringFlag{Name: "as", Value: "json-schema", Usage: "json-schema, arrow, parquet or markdown"},
		},
		Action: func(c *cli.Context) error {
			u, err := schemas.ParseUnit(c.String("unit"))
			if err != nil {
				return withCode(exitUsage, err)
			}
			w := c.App.Writer
			switch c.String("as") {
			case "json-schema":
				_, err = fmt.Fprintf(w, "%s\n", schemas.JSONSchema(u))
			case "arrow":
				_, err = fmt.Fprintln(w, schemas.ArrowSchema(u).String())
			case "parquet":
				_, err = fmt.Fprintln(w, schemas.ParquetSchema(u).String())
			case "markdown":
				_, err = fmt.Fprint(w, schemas.Markdown(u))
			default:
				return usageErrorf("--as %q: want json-schema, arrow, parquet or markdown", c.String("as"))
			}
			return err
		},
	}
}
