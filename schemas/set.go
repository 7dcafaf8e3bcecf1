package schemas

import (
	"errors"
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/parquet-go/parquet-go"
)

// Set is one version of the schema family: the row schemas of every unit
// in each of their forms.
type Set struct {
	// Name is the family name, [Name].
	Name string
	// Version is the schema version, such as [Version].
	Version string
}

// Current is the schema set this package writes.
var Current = &Set{Name: Name, Version: Version}

// sets are the known schema sets, by reference.
var sets = map[string]*Set{Current.Ref(): Current}

// ErrUnknownSchema reports a schema reference that names no known set.
var ErrUnknownSchema = errors.New("unknown schema")

// Lookup returns the schema set named by ref, "name@version" such as
// "corpus@v1"; a bare name selects the current version of that family.
// An unknown reference gives an error wrapping [ErrUnknownSchema] that lists
// the known ones.
func Lookup(ref string) (*Set, error) {
	key := ref
	if !strings.Contains(ref, "@") && ref == Name {
		key = Current.Ref()
	}
	if s, ok := sets[key]; ok {
		return s, nil
	}
	known := make([]string, 0, len(sets))
	for k := range sets {
		known = append(known, k)
	}
	return nil, fmt.Errorf("%w %q (want name@version: %s)", ErrUnknownSchema, ref, strings.Join(known, ", "))
}

// Ref returns the set's reference, "name@version".
func (s *Set) Ref() string { return s.Name + "@" + s.Version }

// Columns returns the columns of unit u; see the package function [Columns].
func (s *Set) Columns(u Unit) []Column { return Columns(u) }

// ArrowSchema returns the Arrow schema of unit u; see [ArrowSchema].
func (s *Set) ArrowSchema(u Unit) *arrow.Schema { return ArrowSchema(u) }

// ParquetSchema returns the Parquet schema of unit u; see [ParquetSchema].
func (s *Set) ParquetSchema(u Unit) *parquet.Schema { return ParquetSchema(u) }

// JSONSchema returns the JSON Schema of unit u; see [JSONSchema].
func (s *Set) JSONSchema(u Unit) []byte { return JSONSchema(u) }

// Markdown returns the Markdown table of unit u; see [Markdown].
func (s *Set) Markdown(u Unit) string { return Markdown(u) }

// CheckColumns compares the columns of a file, got, with the columns a
// schema declares, want: names, order, kinds and nullability, recursively
// into list elements. It returns nil when they agree, or an error listing
// every difference, one per line.
func CheckColumns(want, got []Column) error {
	var diffs []string
	checkColumns(&diffs, "", want, got)
	if len(diffs) == 0 {
		return nil
	}
	return &ColumnsError{Diffs: diffs}
}

// ColumnsError lists how a file's columns differ from its schema.
type ColumnsError struct {
	// Diffs holds one line per difference, such as
	// `column "lang": type large_string, want string`.
	Diffs []string
}

func (e *ColumnsError) Error() string { return strings.Join(e.Diffs, "; ") }

func checkColumns(diffs *[]string, prefix string, want, got []Column) {
	gotAt := make(map[string]int, len(got))
	for i, c := range got {
		gotAt[c.Name] = i
	}
	wantAt := make(map[string]int, len(want))
	for i, w := range want {
		wantAt[w.Name] = i
		j, ok := gotAt[w.Name]
		name := prefix + w.Name
		if !ok {
			*diffs = append(*diffs, fmt.Sprintf("column %q: missing", name))
			continue
		}
		g := got[j]
		if j != i {
			*diffs = append(*diffs, fmt.Sprintf("column %q: at position %d, want %d", name, j, i))
		}
		if g.Kind != w.Kind {
			*diffs = append(*diffs, fmt.Sprintf("column %q: type %s, want %s", name, g.Type(), w.Type()))
		} else if w.Kind == KindList {
			checkColumns(diffs, name+"[].", w.Fields, g.Fields)
		}
		if g.Nullable != w.Nullable {
			*diffs = append(*diffs, fmt.Sprintf("column %q: nullable %t, want %t", name, g.Nullable, w.Nullable))
		}
	}
	for _, g := range got {
		if _, ok := wantAt[g.Name]; !ok {
			*diffs = append(*diffs, fmt.Sprintf("column %q: not in the schema", prefix+g.Name))
		}
	}
}

// WithoutTrailingExtra returns got without the columns after its last
// column of want that want does not have: the nullable columns a later
// schema version may add at the end (see the evolution policy). Unknown
// columns elsewhere stay, for CheckColumns to report.
func WithoutTrailingExtra(want, got []Column) []Column {
	known := make(map[string]bool, len(want))
	for _, c := range want {
		known[c.Name] = true
	}
	end := len(got)
	for end > 0 && !known[got[end-1].Name] {
		end--
	}
	return got[:end]
}
