package schemas

import (
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
)

// ListElementName is the name of the element field of list columns, in
// Arrow as in Parquet ("element", the Parquet spec's name), so that a table
// read from either format has the same schema in pyarrow.
const ListElementName = "element"

var arrowSchemas = sync.OnceValue(func() map[Unit]*arrow.Schema {
	m := make(map[Unit]*arrow.Schema, len(Units))
	for _, u := range Units {
		m[u] = arrow.NewSchema(arrowFields(columns(u)), nil)
	}
	return m
})

// ArrowSchema returns the Arrow schema of unit u, without metadata: strings
// are utf8 (32-bit offsets, read natively by pandas, polars, Hugging Face
// datasets and DuckDB), integers int32 or int64, lang is the only nullable
// column, and span and metadata columns are non-null lists of non-null
// structs. It panics on an unknown unit.
func ArrowSchema(u Unit) *arrow.Schema {
	s, ok := arrowSchemas()[u]
	if !ok {
		panic((&UnknownUnitError{Name: string(u)}).Error())
	}
	return s
}

func arrowFields(cols []Column) []arrow.Field {
	fs := make([]arrow.Field, len(cols))
	for i, c := range cols {
		fs[i] = arrow.Field{Name: c.Name, Type: ArrowType(c), Nullable: c.Nullable}
	}
	return fs
}

// ArrowType returns the Arrow data type of column c.
func ArrowType(c Column) arrow.DataType {
	switch c.Kind {
	case KindString:
		return arrow.BinaryTypes.String
	case KindInt32:
		return arrow.PrimitiveTypes.Int32
	case KindInt64:
		return arrow.PrimitiveTypes.Int64
	case KindList:
		return arrow.ListOfField(arrow.Field{Name: ListElementName, Type: arrow.StructOf(arrowFields(c.Fields)...)})
	}
	return arrow.Null
}
