package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// parseJSONL reads one JSONL input line into in: the text field becomes
// the raw text, "id" the document id, "lang" its language, every other
// field its metadata (strings as they are, other values as compact JSON;
// null fields are absent). It returns a *DocError for a line that is not a
// JSON object, lacks the text field, or has a text that is not a string.
func parseJSONL(in *Input, textField string) error {
	bad := func(reason Reason, err error) error {
		return &DocError{Source: in.Source, Line: in.Line, Offset: -1, Reason: reason, Err: err}
	}
	var obj map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(in.Raw))
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil {
		return bad(ReasonMalformedJSONL, fmt.Errorf("not a JSON object: %w", err))
	}
	if dec.More() {
		return bad(ReasonMalformedJSONL, errors.New("more than one JSON value on the line"))
	}
	if obj == nil {
		return bad(ReasonMalformedJSONL, errors.New("not a JSON object: null"))
	}
	rawText, ok := obj[textField]
	if !ok {
		return bad(ReasonMissingText, fmt.Errorf("no %q field", textField))
	}
	var text string
	if len(rawText) == 0 || rawText[0] != '"' || json.Unmarshal(rawText, &text) != nil {
		return bad(ReasonTextNotString, fmt.Errorf("field %q is not a string", textField))
	}
	in.Raw = []byte(text)
	in.Meta = in.Meta[:0]
	for k, v := range obj {
		if k == textField || string(v) == "null" {
			continue // null says the field is absent: no id, no lang, no metadata
		}
		var s string
		isString := len(v) > 0 && v[0] == '"' && json.Unmarshal(v, &s) == nil
		switch {
		case k == "id" && isString:
			in.ID = s
		case k == "id" && len(v) > 0 && (v[0] == '-' || v[0] >= '0' && v[0] <= '9'):
			in.ID = string(v)
		case k == "lang" && isString:
			in.Lang = s
		case isString:
			in.Meta = append(in.Meta, Field{Key: k, Value: s})
		default:
			var buf bytes.Buffer
			if err := json.Compact(&buf, v); err != nil {
				buf.Reset()
				buf.Write(v)
			}
			in.Meta = append(in.Meta, Field{Key: k, Value: buf.String()})
		}
	}
	return nil
}
