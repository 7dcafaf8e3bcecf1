package schemas

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update after checking the change):\n%s", path, got)
	}
}

func TestGolden(t *testing.T) {
	for _, u := range Units {
		t.Run(string(u), func(t *testing.T) {
			golden(t, string(u)+".arrow.txt", []byte(ArrowSchema(u).String()+"\n"))
			golden(t, string(u)+".parquet.txt", []byte(ParquetSchema(u).String()+"\n"))
			golden(t, string(u)+".schema.json", JSONSchema(u))
			golden(t, string(u)+".md", []byte(Markdown(u)))
		})
	}
}

// sig is the part of a column that every form must agree on.
type sig struct {
	Name     string
	Type     string
	Nullable bool
}

func columnSigs(cols []Column) []sig {
	var out []sig
	for _, c := range cols {
		out = append(out, sig{c.Name, c.Kind.String(), c.Nullable})
		for _, f := range c.Fields {
			out = append(out, sig{c.Name + "." + f.Name, f.Kind.String(), f.Nullable})
		}
	}
	return out
}

func arrowSigs(t *testing.T, fields []arrow.Field) []sig {
	var out []sig
	for _, f := range fields {
		switch ft := f.Type.(type) {
		case *arrow.StringType:
			out = append(out, sig{f.Name, "string", f.Nullable})
		case *arrow.Int32Type:
			out = append(out, sig{f.Name, "int32", f.Nullable})
		case *arrow.Int64Type:
			out = append(out, sig{f.Name, "int64", f.Nullable})
		case *arrow.ListType:
			out = append(out, sig{f.Name, "list", f.Nullable})
			if ft.ElemField().Nullable || ft.ElemField().Name != ListElementName {
				t.Errorf("arrow %s: element field %v, want non-null %q", f.Name, ft.ElemField(), ListElementName)
			}
			for _, s := range arrowSigs(t, ft.Elem().(*arrow.StructType).Fields()) {
				s.Name = f.Name + "." + s.Name
				out = append(out, s)
			}
		default:
			t.Errorf("arrow %s: unexpected type %s", f.Name, f.Type)
		}
	}
	return out
}

func parquetSigs(t *testing.T, fields []parquet.Field) []sig {
	var out []sig
	for _, f := range fields {
		if !f.Leaf() {
			// The 3-level LIST: required group f (LIST) { repeated group
			// list { required group element { ... } } }.
			lt := f.Type().LogicalType()
			if lt == nil || reflect.TypeOf(lt.Value) != reflect.TypeOf(&format.ListType{}) {
				t.Errorf("parquet %s: group without the LIST annotation", f.Name())
				continue
			}
			list := f.Fields()
			if len(list) != 1 || list[0].Name() != "list" || !list[0].Repeated() || len(list[0].Fields()) != 1 {
				t.Errorf("parquet %s: not the 3-level list form", f.Name())
				continue
			}
			elem := list[0].Fields()[0]
			if elem.Name() != "element" || !elem.Required() || elem.Leaf() {
				t.Errorf("parquet %s: element is not a required group named element", f.Name())
				continue
			}
			out = append(out, sig{f.Name(), "list", f.Optional()})
			for _, s := range parquetSigs(t, elem.Fields()) {
				s.Name = f.Name() + "." + s.Name
				out = append(out, s)
			}
			continue
		}
		var typ string
		switch f.Type().String() {
		case "STRING":
			typ = "string"
		case "INT(32,true)":
			typ = "int32"
		case "INT(64,true)":
			typ = "int64"
		default:
			t.Errorf("parquet %s: unexpected type %s", f.Name(), f.Type())
		}
		if f.Repeated() {
			t.Errorf("parquet %s: repeated leaf", f.Name())
		}
		out = append(out, sig{f.Name(), typ, f.Optional()})
	}
	return out
}

// jsonSigs reads the column signatures back from a JSON Schema, in the order
// of its "required" list (which is column order).
func jsonSigs(t *testing.T, s map[string]any) []sig {
	var out []sig
	if s["additionalProperties"] != false {
		t.Errorf("json schema: additionalProperties is %v, want false", s["additionalProperties"])
	}
	props := s["properties"].(map[string]any)
	required := s["required"].([]any)
	if len(required) != len(props) {
		t.Errorf("json schema: %d required of %d properties", len(required), len(props))
	}
	for _, r := range required {
		name := r.(string)
		p := props[name].(map[string]any)
		switch typ := p["type"].(type) {
		case string:
			switch typ {
			case "string":
				out = append(out, sig{name, "string", false})
			case "integer":
				kind := "int64"
				if p["maximum"].(float64) == 2147483647 {
					kind = "int32"
				}
				out = append(out, sig{name, kind, false})
			case "array":
				out = append(out, sig{name, "list", false})
				for _, s := range jsonSigs(t, p["items"].(map[string]any)) {
					s.Name = name + "." + s.Name
					out = append(out, s)
				}
			default:
				t.Errorf("json schema %s: type %s", name, typ)
			}
		case []any:
			if len(typ) != 2 || typ[0] != "string" || typ[1] != "null" {
				t.Errorf("json schema %s: type %v", name, typ)
			}
			out = append(out, sig{name, "string", true})
		}
		if p["description"] == "" || p["description"] == nil {
			t.Errorf("json schema %s: no description", name)
		}
	}
	return out
}

// TestFormsAgree checks that the Arrow, Parquet and JSON Schema forms have
// the columns of the column description: names, order, types, nullability.
func TestFormsAgree(t *testing.T) {
	for _, u := range Units {
		want := columnSigs(Columns(u))
		if got := arrowSigs(t, ArrowSchema(u).Fields()); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: arrow columns\n%v\nwant\n%v", u, got, want)
		}
		if got := parquetSigs(t, ParquetSchema(u).Fields()); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: parquet columns\n%v\nwant\n%v", u, got, want)
		}
		var js map[string]any
		if err := json.Unmarshal(JSONSchema(u), &js); err != nil {
			t.Fatal(err)
		}
		if got := jsonSigs(t, js); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: json schema columns\n%v\nwant\n%v", u, got, want)
		}
		// The JSON Schema lists its properties in column order too.
		if got, want := propertyOrder(t, JSONSchema(u)), columnNames(Columns(u)); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: json schema properties in order %v, want %v", u, got, want)
		}
	}
}

func columnNames(cols []Column) []string {
	var names []string
	for _, c := range cols {
		names = append(names, c.Name)
	}
	return names
}

// propertyOrder returns the keys of the "properties" of a JSON Schema, in
// the order they are written.
func propertyOrder(t *testing.T, data []byte) []string {
	var root map[string]json.RawMessage
	if err := json.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(root["properties"]))
	if _, err := dec.Token(); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

// TestParquetSchemaMatchesRowType checks that the derived Parquet schema is
// the one parquet-go derives from the row type, which is what lets the
// GenericWriter take its fast path, and that the low-cardinality columns
// are dictionary-encoded.
func TestParquetSchemaMatchesRowType(t *testing.T) {
	for _, u := range Units {
		fromType := parquet.SchemaOf(reflect.New(RowType(u)).Interface())
		if !parquet.EqualNodes(ParquetSchema(u), fromType) {
			t.Errorf("%s: derived schema\n%s\ndiffers from the row type's\n%s", u, ParquetSchema(u), fromType)
		}
		dict := map[string]bool{}
		for _, f := range ParquetSchema(u).Fields() {
			if f.Leaf() && f.Encoding() != nil && f.Encoding().Encoding() == format.RLEDictionary {
				dict[f.Name()] = true
			}
		}
		want := map[string]bool{"source": true, "lang": true, "script": true}
		if !reflect.DeepEqual(dict, want) {
			t.Errorf("%s: dictionary-encoded columns %v, want %v", u, dict, want)
		}
	}
}

func TestColumns(t *testing.T) {
	used := map[string]bool{}
	for _, u := range Units {
		cols := Columns(u)
		for _, c := range cols {
			if c.Doc == "" {
				t.Errorf("%s.%s: no description in docs", u, c.Name)
			}
			if c.Nullable != (c.Name == "lang") {
				t.Errorf("%s.%s: nullable %t", u, c.Name, c.Nullable)
			}
			for _, f := range c.Fields {
				if f.Doc == "" {
					t.Errorf("%s.%s.%s: no description in docs", u, c.Name, f.Name)
				}
			}
			for _, k := range []string{string(u) + "/" + c.Name, c.Name} {
				if _, ok := docs[k]; ok {
					used[k] = true
					break
				}
			}
			for _, f := range c.Fields {
				used[c.Name+"."+f.Name] = true
			}
		}
		// Columns returns a copy.
		cols[0].Name = "changed"
		if Columns(u)[0].Name == "changed" {
			t.Errorf("%s: Columns shares its result", u)
		}
	}
	for k := range docs {
		if !used[k] {
			t.Errorf("docs entry %q describes no column", k)
		}
	}
	if got := Columns(UnitDocument)[5].Type(); got != "list<struct<start: int32, end: int32>>" {
		t.Errorf("paragraphs type %q", got)
	}
}

func TestLookup(t *testing.T) {
	for _, ref := range []string{"corpus@v1", "corpus"} {
		s, err := Lookup(ref)
		if err != nil {
			t.Fatalf("Lookup(%q): %v", ref, err)
		}
		if s.Ref() != "corpus@v1" || s.ArrowSchema(UnitSentence) != ArrowSchema(UnitSentence) {
			t.Errorf("Lookup(%q) = %v", ref, s.Ref())
		}
	}
	for _, ref := range []string{"corpus@v2", "other@v1", "", "corpus@", "@v1"} {
		_, err := Lookup(ref)
		if !errors.Is(err, ErrUnknownSchema) || !strings.Contains(err.Error(), "corpus@v1") {
			t.Errorf("Lookup(%q) = %v, want ErrUnknownSchema naming corpus@v1", ref, err)
		}
	}
}

func TestCheckColumns(t *testing.T) {
	want := Columns(UnitParagraph)
	if err := CheckColumns(want, Columns(UnitParagraph)); err != nil {
		t.Fatal(err)
	}
	got := Columns(UnitParagraph)
	got[0], got[1] = got[1], got[0]                      // order
	got[6].Nullable = false                              // lang
	got[4].Kind, got[4].Native = KindOther, "large_utf8" // text
	got[8].Fields[1].Name = "val"                        // meta.value
	got = append(got, Column{Name: "extra", Kind: KindInt64})
	err := CheckColumns(want, got)
	var ce *ColumnsError
	if !errors.As(err, &ce) {
		t.Fatalf("CheckColumns = %v", err)
	}
	wantDiffs := []string{
		`column "doc_id": at position 1, want 0`,
		`column "paragraph_index": at position 0, want 1`,
		`column "text": type large_utf8, want string`,
		`column "lang": nullable false, want true`,
		`column "meta[].value": missing`,
		`column "meta[].val": not in the schema`,
		`column "extra": not in the schema`,
	}
	if !reflect.DeepEqual(ce.Diffs, wantDiffs) {
		t.Errorf("diffs\n%s\nwant\n%s", strings.Join(ce.Diffs, "\n"), strings.Join(wantDiffs, "\n"))
	}
}

// TestJSONSchemaValidates compiles the JSON Schemas and checks them on rows.
func TestJSONSchemaValidates(t *testing.T) {
	c := jsonschema.NewCompiler()
	for _, u := range Units {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(JSONSchema(u)))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.AddResource(JSONSchemaID(u), doc); err != nil {
			t.Fatal(err)
		}
	}
	good := `{"doc_id":"d","paragraph_index":0,"sentence_index":2,"start":0,"end":3,"text":"abc","source":"a.txt","lang":null,"script":"Latn","meta":[{"key":"k","value":"v"}]}`
	cases := []struct {
		line string
		ok   bool
	}{
		{good, true},
		{strings.Replace(good, `"lang":null`, `"lang":"en"`, 1), true},
		{strings.Replace(good, `"lang":null`, `"lang":1`, 1), false},
		{strings.Replace(good, `"script":"Latn"`, `"script":null`, 1), false},
		{strings.Replace(good, `,"source":"a.txt"`, ``, 1), false},
		{strings.Replace(good, `"text":"abc"`, `"text":"abc","extra":1`, 1), false},
		{strings.Replace(good, `"start":0`, `"start":2147483648`, 1), false},
		{strings.Replace(good, `"start":0`, `"start":1.5`, 1), false},
		{strings.Replace(good, `"value":"v"}`, `"value":"v","x":1}`, 1), false},
		{strings.Replace(good, `{"key":"k","value":"v"}`, `{"key":"k"}`, 1), false},
	}
	sch, err := c.Compile(JSONSchemaID(UnitSentence))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(tc.line))
		if err != nil {
			t.Fatal(err)
		}
		err = sch.Validate(v)
		if (err == nil) != tc.ok {
			t.Errorf("Validate(%s) = %v, want ok %t", tc.line, err, tc.ok)
		}
	}
	for _, u := range Units {
		if _, err := c.Compile(JSONSchemaID(u)); err != nil {
			t.Errorf("%s: %v", u, err)
		}
	}
}
