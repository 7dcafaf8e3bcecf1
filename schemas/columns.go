package schemas

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
)

// Kind is the logical type of a column.
type Kind int

// The column kinds of a row schema.
const (
	// KindOther is a type that no row schema uses; readers report it for a
	// file column they cannot map (see [Column.Native]).
	KindOther Kind = iota
	// KindString is UTF-8 text: Arrow utf8, Parquet BYTE_ARRAY (STRING), JSON string.
	KindString
	// KindInt32 is a signed 32-bit integer.
	KindInt32
	// KindInt64 is a signed 64-bit integer.
	KindInt64
	// KindList is a list of structs whose fields are [Column.Fields].
	KindList
)

var kindNames = [...]string{KindOther: "other", KindString: "string", KindInt32: "int32", KindInt64: "int64", KindList: "list"}

// String returns the kind's name: "string", "int32", "int64", "list" or "other".
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("Kind(%d)", int(k))
	}
	return kindNames[k]
}

// Column describes one column of a row schema, or one field of the struct
// elements of a list column.
type Column struct {
	// Name is the column name in every format (Parquet, Arrow, JSON key).
	Name string
	// Kind is the column's logical type.
	Kind Kind
	// Nullable reports whether the column may hold null. Only lang is
	// nullable; lists, their elements and the elements' fields never are.
	Nullable bool
	// Dictionary reports whether the column is dictionary-encoded in Parquet
	// (low-cardinality strings: source, lang, script).
	Dictionary bool
	// Fields are the fields of the list's struct elements (KindList only).
	Fields []Column
	// Doc describes the column, for the README and the JSON Schema.
	Doc string
	// Native is the type as a file spells it, set by readers for the
	// columns of a file ("large_string", "INT96"); empty in derived schemas.
	Native string

	// index is the Go struct field index of the column in its row type.
	index int
}

// Type returns the column's type in the notation of the docs:
// "string", "int32", "int64", "list<struct<start: int32, end: int32>>".
func (c Column) Type() string {
	switch c.Kind {
	case KindList:
		var b strings.Builder
		b.WriteString("list<struct<")
		for i, f := range c.Fields {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(f.Name)
			b.WriteString(": ")
			b.WriteString(f.Type())
			if f.Nullable {
				b.WriteString(" (nullable)")
			}
		}
		b.WriteString(">>")
		return b.String()
	case KindOther:
		if c.Native != "" {
			return c.Native
		}
	}
	return c.Kind.String()
}

// clone returns a deep copy of c.
func (c Column) clone() Column {
	if c.Fields != nil {
		fs := make([]Column, len(c.Fields))
		for i, f := range c.Fields {
			fs[i] = f.clone()
		}
		c.Fields = fs
	}
	return c
}

func cloneColumns(cs []Column) []Column {
	out := make([]Column, len(cs))
	for i, c := range cs {
		out[i] = c.clone()
	}
	return out
}

// RowType returns the Go type of a row of unit u: [DocumentRow],
// [ParagraphRow] or [SentenceRow]. It panics on an unknown unit.
func RowType(u Unit) reflect.Type {
	switch u {
	case UnitDocument:
		return reflect.TypeFor[DocumentRow]()
	case UnitParagraph:
		return reflect.TypeFor[ParagraphRow]()
	case UnitSentence:
		return reflect.TypeFor[SentenceRow]()
	}
	panic((&UnknownUnitError{Name: string(u)}).Error())
}

// columnsOf holds the columns of each unit, derived once from the row types.
var columnsOf = sync.OnceValue(func() map[Unit][]Column {
	m := make(map[Unit][]Column, len(Units))
	for _, u := range Units {
		cols := deriveColumns(RowType(u), string(u))
		for i := range cols {
			cols[i].Doc = columnDoc(u, cols[i].Name)
			for j := range cols[i].Fields {
				cols[i].Fields[j].Doc = columnDoc(u, cols[i].Name+"."+cols[i].Fields[j].Name)
			}
		}
		m[u] = cols
	}
	return m
})

// Columns returns the columns of a row of unit u, in order. The result is a
// fresh copy the caller may modify. It panics on an unknown unit; use
// [ParseUnit] on user input.
func Columns(u Unit) []Column {
	cols, ok := columnsOf()[u]
	if !ok {
		panic((&UnknownUnitError{Name: string(u)}).Error())
	}
	return cloneColumns(cols)
}

// columns returns the cached columns of u without copying: callers must not
// modify them.
func columns(u Unit) []Column {
	cols, ok := columnsOf()[u]
	if !ok {
		panic((&UnknownUnitError{Name: string(u)}).Error())
	}
	return cols
}

// deriveColumns reads the columns of struct type t from its parquet and json
// struct tags. The row types are fixed at compile time, so any inconsistency
// is a programming error and panics (the tests derive every unit).
func deriveColumns(t reflect.Type, where string) []Column {
	var cols []Column
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("parquet"), ",")
		if name == "" || name == "-" {
			panic(fmt.Sprintf("schemas: %s.%s has no parquet column name", where, f.Name))
		}
		if j, _, _ := strings.Cut(f.Tag.Get("json"), ","); j != name {
			panic(fmt.Sprintf("schemas: %s.%s: json name %q differs from parquet name %q", where, f.Name, j, name))
		}
		c := Column{Name: name, index: i}
		for o := range strings.SplitSeq(opts, ",") {
			switch o {
			case "", "list":
			case "optional":
				c.Nullable = true
			case "dict":
				c.Dictionary = true
			default:
				panic(fmt.Sprintf("schemas: %s.%s: unsupported parquet tag option %q", where, f.Name, o))
			}
		}
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			if !c.Nullable {
				panic(fmt.Sprintf("schemas: %s.%s: pointer field without the optional tag", where, f.Name))
			}
			ft = ft.Elem()
		} else if c.Nullable {
			panic(fmt.Sprintf("schemas: %s.%s: optional field is not a pointer", where, f.Name))
		}
		switch {
		case ft.Kind() == reflect.String:
			c.Kind = KindString
		case ft.Kind() == reflect.Int32:
			c.Kind = KindInt32
		case ft.Kind() == reflect.Int64:
			c.Kind = KindInt64
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct && strings.Contains(","+opts+",", ",list,"):
			c.Kind = KindList
			c.Fields = deriveColumns(ft.Elem(), where+"."+name)
			for _, sub := range c.Fields {
				if sub.Kind == KindList || sub.Nullable || sub.Dictionary {
					panic(fmt.Sprintf("schemas: %s.%s: list elements must have plain non-null fields", where, f.Name))
				}
			}
		default:
			panic(fmt.Sprintf("schemas: %s.%s: unsupported Go type %s", where, f.Name, f.Type))
		}
		cols = append(cols, c)
	}
	return cols
}
