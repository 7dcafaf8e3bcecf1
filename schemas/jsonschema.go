package schemas

import (
	"bytes"
	"encoding/json"
	"math"
	"sync"
)

// JSONSchemaDraft is the JSON Schema dialect of [JSONSchema].
const JSONSchemaDraft = "https://json-schema.org/draft/2020-12/schema"

// JSONSchemaID returns the $id of the JSON Schema of unit u.
func JSONSchemaID(u Unit) string {
	return "https://github.com/corpustools/corpus/schemas/" + Name + "/" + Version + "/" + string(u) + ".schema.json"
}

var jsonSchemas = sync.OnceValue(func() map[Unit][]byte {
	m := make(map[Unit][]byte, len(Units))
	for _, u := range Units {
		root := object{
			{"$schema", JSONSchemaDraft},
			{"$id", JSONSchemaID(u)},
			{"title", Name + " " + Version + " " + string(u) + " row"},
		}
		root = append(root, jsonObjectSchema(columns(u))...)
		b, err := json.MarshalIndent(root, "", "  ")
		if err != nil {
			panic("schemas: " + err.Error())
		}
		m[u] = append(b, '\n')
	}
	return m
})

// JSONSchema returns the JSON Schema (draft 2020-12) of one JSONL line of
// unit u: an object with every column as a required property, in column
// order, and no other property; lang is ["string", "null"], integers carry
// their int32 or int64 bounds. The result is a fresh copy. It panics on an
// unknown unit.
func JSONSchema(u Unit) []byte {
	b, ok := jsonSchemas()[u]
	if !ok {
		panic((&UnknownUnitError{Name: string(u)}).Error())
	}
	return bytes.Clone(b)
}

func jsonObjectSchema(cols []Column) object {
	props := make(object, len(cols))
	required := make([]string, len(cols))
	for i, c := range cols {
		props[i] = member{c.Name, jsonColumnSchema(c)}
		required[i] = c.Name
	}
	return object{
		{"type", "object"},
		{"properties", props},
		{"required", required},
		{"additionalProperties", false},
	}
}

func jsonColumnSchema(c Column) object {
	var s object
	switch c.Kind {
	case KindString:
		if c.Nullable {
			s = object{{"type", []string{"string", "null"}}}
		} else {
			s = object{{"type", "string"}}
		}
	case KindInt32:
		s = object{{"type", "integer"}, {"minimum", math.MinInt32}, {"maximum", math.MaxInt32}}
	case KindInt64:
		s = object{{"type", "integer"}, {"minimum", int64(math.MinInt64)}, {"maximum", int64(math.MaxInt64)}}
	case KindList:
		s = object{{"type", "array"}, {"items", jsonObjectSchema(c.Fields)}}
	}
	if c.Doc != "" {
		s = append(object{{"description", c.Doc}}, s...)
	}
	return s
}

// object is a JSON object that keeps its members in order.
type object []member

type member struct {
	key   string
	value any
}

func (o object) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, m := range o {
		if i > 0 {
			b = append(b, ',')
		}
		k, err := json.Marshal(m.key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(m.value)
		if err != nil {
			return nil, err
		}
		b = append(b, k...)
		b = append(b, ':')
		b = append(b, v...)
	}
	return append(b, '}'), nil
}
