package schemas

import "strings"

// Markdown returns the columns of unit u as a Markdown table (column, type,
// nullable, description), for the README. Fields of list elements follow
// their column as "column[].field".
func Markdown(u Unit) string {
	var b strings.Builder
	b.WriteString("| column | type | nullable | description |\n")
	b.WriteString("|---|---|---|---|\n")
	row := func(name, typ string, nullable bool, doc string) {
		n := "no"
		if nullable {
			n = "yes"
		}
		b.WriteString("| `" + name + "` | " + strings.ReplaceAll(typ, "|", `\|`) + " | " + n + " | " + strings.ReplaceAll(doc, "|", `\|`) + " |\n")
	}
	for _, c := range columns(u) {
		row(c.Name, c.Type(), c.Nullable, c.Doc)
		for _, f := range c.Fields {
			row(c.Name+"[]."+f.Name, f.Type(), f.Nullable, f.Doc)
		}
	}
	return b.String()
}
