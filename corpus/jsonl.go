package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"unicode/utf8"
)

// parseJSONL reads one JSONL input line into in: the text field becomes
// the raw text, "id" the document id, "lang" its language, every other
// field its metadata (strings as they are, other values as compact JSON;
// null fields are absent). It returns a *DocError for a line that is not a
// JSON object, lacks the text field, or has a text that is not a string.
//
// A fast scanner reads the line; for a line it finds malformed,
// encoding/json reads it again for a precise message.
func parseJSONL(in *Input, textField string) error {
	err := scanJSONL(in, textField)
	if err == nil || !errors.Is(err, errJSON) {
		return err
	}
	return parseJSONLStd(in, textField)
}

// scanJSONL is parseJSONL with the fast scanner; it returns errJSON for
// a line that is not a valid JSON object.
func scanJSONL(in *Input, textField string) error {
	p := &jsonScanner{s: in.Raw}
	var text []byte
	hasText := false
	var id, lang string
	var meta []Field
	var textErr error
	err := p.object(func(key []byte) error {
		k := validUTF8(key)
		if p.i < len(p.s) && p.s[p.i] == '"' {
			v, err := p.str(nil)
			if err != nil {
				return err
			}
			switch k {
			case textField:
				text, hasText, textErr = v, true, nil
			case "id":
				id = validUTF8(v)
			case "lang":
				lang = validUTF8(v)
			default:
				meta = append(meta, Field{Key: k, Value: validUTF8(v)})
			}
			return nil
		}
		raw, err := p.skip(0)
		if err != nil {
			return err
		}
		switch {
		case k == textField:
			text, hasText = nil, true
			textErr = fmt.Errorf("field %q is not a string", textField)
			if string(raw) == "null" {
				hasText = true
			}
		case string(raw) == "null":
			// null says the field is absent: no id, no lang, no metadata
			switch k {
			case "id":
				id = ""
			case "lang":
				lang = ""
			default:
				meta = slices.DeleteFunc(meta, func(f Field) bool { return f.Key == k })
			}
		case k == "id" && (raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9'):
			id = string(raw)
		default:
			var buf bytes.Buffer
			if err := json.Compact(&buf, raw); err != nil {
				return errJSON
			}
			meta = append(meta, Field{Key: k, Value: validUTF8(buf.Bytes())})
		}
		return nil
	})
	if err != nil {
		return err
	}
	bad := func(reason Reason, err error) error {
		return &DocError{Source: in.Source, Line: in.Line, Offset: -1, Reason: reason, Err: err}
	}
	if !hasText {
		return bad(ReasonMissingText, fmt.Errorf("no %q field", textField))
	}
	if textErr != nil {
		return bad(ReasonTextNotString, textErr)
	}
	in.Raw, in.ID, in.Lang, in.Meta = text, id, lang, meta
	return nil
}

// validUTF8 returns b as a string with each byte that is not valid UTF-8
// replaced by U+FFFD, as encoding/json does.
func validUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	out := make([]byte, 0, len(b)+8)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		out = utf8.AppendRune(out, r)
		i += size
	}
	return string(out)
}

// parseJSONLStd is parseJSONL with encoding/json.
func parseJSONLStd(in *Input, textField string) error {
	bad := func(reason Reason, err error) error {
		return &DocError{Source: in.Source, Line: in.Line, Offset: -1, Reason: reason, Err: err}
	}
	var obj map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(in.Raw))
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil {
		return bad(ReasonMalformedJSONL, fmt.Errorf("not a JSON object: %w", err))
	}
	if rest := bytes.TrimLeft(in.Raw[dec.InputOffset():], " \t\r\n"); len(rest) > 0 {
		return bad(ReasonMalformedJSONL, fmt.Errorf("unexpected %q after the JSON object", rest[:min(len(rest), 10)]))
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
