package corpus

import (
	"errors"
	"fmt"
	"sort"
	"testing"
)

// outcomeOf runs a JSONL parser on a copy of line and describes the result.
func outcomeOf(parse func(*Input, string) error, line string) string {
	in := &Input{Source: "f:1", Raw: []byte(line), Line: 1}
	err := parse(in, "text")
	var de *DocError
	switch {
	case errors.Is(err, errJSON):
		return "malformed"
	case errors.As(err, &de):
		if de.Reason == ReasonMalformedJSONL {
			return "malformed"
		}
		return string(de.Reason)
	case err != nil:
		return "error " + err.Error()
	}
	meta := map[string]string{}
	for _, f := range in.Meta {
		meta[f.Key] = f.Value // later keys win, as in a JSON object decoded to a map
	}
	keys := make([]string, 0, len(meta))
	for k := range meta {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var m []string
	for _, k := range keys {
		m = append(m, k+"="+meta[k])
	}
	return fmt.Sprintf("text=%q id=%q lang=%q meta=%q", validUTF8(in.Raw), in.ID, in.Lang, m)
}

func TestScanJSONL(t *testing.T) {
	for _, line := range []string{
		`{"text":"a"}`,
		` {"id":"x","text":"नमस्ते\u0020\n\"q\"","lang":"hi","n":1.5e3,"o":{"a":[1,{"b":null}]},"z":null} `,
		`{"text":"\ud83d\ude00 \ud800 \udc00x \ud800\u0041"}`,
		`{"text":5}`, `{"text":null}`, `{"body":"x"}`, `{"text":"a"} {}`, `[1]`, `null`, ``,
		`{"text":"a",}`, `{"text":"a" "id":1}`, `{"text":"\x01"}`, `{"text":"\q"}`, `{"id":01,"text":"a"}`,
		`{"id":-1.5,"text":"a"}`, `{"text":"a","text":"b"}`, `{"m":"1","m":null,"text":"a"}`, `{"text":"a\xffb","k\xfe":"v\xfd"}`,
		`{"text":"a","t":tru}`, `{"text":"a","n":1.}`, `{"text":"a","n":-}`, `{"text":"\u12G4"}`,
	} {
		if got, want := outcomeOf(scanJSONL, line), outcomeOf(parseJSONLStd, line); got != want {
			t.Errorf("%q:\n scan %s\n std  %s", line, got, want)
		}
	}
}

func FuzzScanJSONL(f *testing.F) {
	f.Add(`{"id":"x","text":"a\u00e9\n","lang":"hi","n":[1,2,{"x":"y"}],"b":true,"z":null}`)
	f.Add(`{"text":"\ud800\udc00","text":1}`)
	f.Fuzz(func(t *testing.T, line string) {
		if got, want := outcomeOf(scanJSONL, line), outcomeOf(parseJSONLStd, line); got != want {
			t.Fatalf("%q:\n scan %s\n std  %s", line, got, want)
		}
	})
}
