package schemas

import (
	"reflect"
	"strings"
	"sync"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	"github.com/parquet-go/parquet-go/encoding"
)

var parquetSchemas = sync.OnceValue(func() map[Unit]*parquet.Schema {
	m := make(map[Unit]*parquet.Schema, len(Units))
	for _, u := range Units {
		m[u] = parquet.NewSchema("schema", parquetGroup(RowType(u), columns(u)))
	}
	return m
})

// ParquetSchema returns the Parquet schema of unit u: strings are BYTE_ARRAY
// annotated STRING, integers INT32 or INT64 annotated INT(32|64, signed),
// lang is the only optional column, source, lang and script are
// dictionary-encoded, and span and metadata columns use the spec's 3-level
// LIST form with required struct elements:
//
//	required group paragraphs (LIST) {
//		repeated group list {
//			required group element {
//				required int32 start (INT(32,true));
//				required int32 end (INT(32,true));
//			}
//		}
//	}
//
// The schema is equal (as [parquet.EqualNodes] sees it) to the one
// parquet-go derives from the row type, so a [parquet.GenericWriter] of the
// row type takes its fast path. It panics on an unknown unit.
func ParquetSchema(u Unit) *parquet.Schema {
	s, ok := parquetSchemas()[u]
	if !ok {
		panic((&UnknownUnitError{Name: string(u)}).Error())
	}
	return s
}

// ParquetNode returns the Parquet node of column c.
func ParquetNode(c Column) parquet.Node {
	var n parquet.Node
	switch c.Kind {
	case KindString:
		n = parquet.String()
	case KindInt32:
		n = parquet.Int(32)
	case KindInt64:
		n = parquet.Int(64)
	case KindList:
		panic("schemas: ParquetNode of a list column needs its Go type")
	default:
		n = parquet.Leaf(parquet.ByteArrayType)
	}
	if c.Dictionary {
		n = parquet.Encoded(n, &parquet.RLEDictionary)
	}
	if c.Nullable {
		n = parquet.Optional(n)
	}
	return n
}

// parquetGroup returns a group node of the columns cols of Go struct type t,
// keeping the columns in order (parquet.Group sorts its fields by name).
func parquetGroup(t reflect.Type, cols []Column) *orderedGroup {
	g := &orderedGroup{goType: t, fields: make([]parquet.Field, len(cols))}
	for i, c := range cols {
		var n parquet.Node
		if c.Kind == KindList {
			n = parquet.List(parquetGroup(t.Field(c.index).Type.Elem(), c.Fields))
		} else {
			n = ParquetNode(c)
		}
		g.fields[i] = &orderedField{Node: n, name: c.Name, index: c.index}
	}
	return g
}

// orderedGroup is a required group node whose fields keep their order and
// map to the fields of a Go struct type.
type orderedGroup struct {
	goType reflect.Type
	fields []parquet.Field
}

func (g *orderedGroup) ID() int                     { return 0 }
func (g *orderedGroup) Type() parquet.Type          { return parquet.Group{}.Type() }
func (g *orderedGroup) Optional() bool              { return false }
func (g *orderedGroup) Repeated() bool              { return false }
func (g *orderedGroup) Required() bool              { return true }
func (g *orderedGroup) Leaf() bool                  { return false }
func (g *orderedGroup) Fields() []parquet.Field     { return g.fields }
func (g *orderedGroup) Encoding() encoding.Encoding { return nil }
func (g *orderedGroup) Compression() compress.Codec { return nil }
func (g *orderedGroup) GoType() reflect.Type        { return g.goType }
func (g *orderedGroup) String() string {
	var b strings.Builder
	_ = parquet.PrintSchema(&b, "", g)
	return b.String()
}

// orderedField is a named field of an orderedGroup, the Go struct field index.
type orderedField struct {
	parquet.Node
	name  string
	index int
}

func (f *orderedField) Name() string { return f.name }

func (f *orderedField) Value(base reflect.Value) reflect.Value {
	switch base.Kind() {
	case reflect.Pointer:
		if base.IsNil() {
			base.Set(reflect.New(base.Type().Elem()))
		}
		return base.Elem().Field(f.index)
	case reflect.Map:
		return base.MapIndex(reflect.ValueOf(f.name))
	}
	return base.Field(f.index)
}
