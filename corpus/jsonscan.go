package corpus

import (
	"errors"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// errJSON is returned by the scanner for input that is not valid JSON; the
// caller then asks encoding/json for the precise message.
var errJSON = errors.New("invalid JSON")

// jsonScanner reads the top level of one JSON object quickly: its keys, and
// each value either as a decoded string or as the raw bytes of any other
// value. It accepts exactly what encoding/json accepts (a differential fuzz
// test holds them equal), except that it leaves invalid UTF-8 inside strings
// for normalization to replace, as encoding/json would replace it.
type jsonScanner struct {
	s []byte
	i int
}

func (p *jsonScanner) ws() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// object calls member for each key with the value's start; member must
// consume the value (with str or skip).
func (p *jsonScanner) object(member func(key []byte) error) error {
	p.ws()
	if p.i >= len(p.s) || p.s[p.i] != '{' {
		return errJSON
	}
	p.i++
	p.ws()
	if p.i < len(p.s) && p.s[p.i] == '}' {
		p.i++
		return p.end()
	}
	for {
		p.ws()
		key, err := p.str(nil)
		if err != nil {
			return err
		}
		p.ws()
		if p.i >= len(p.s) || p.s[p.i] != ':' {
			return errJSON
		}
		p.i++
		p.ws()
		if err := member(key); err != nil {
			return err
		}
		p.ws()
		if p.i >= len(p.s) {
			return errJSON
		}
		switch p.s[p.i] {
		case ',':
			p.i++
		case '}':
			p.i++
			return p.end()
		default:
			return errJSON
		}
	}
}

// end checks that only white space follows the object.
func (p *jsonScanner) end() error {
	p.ws()
	if p.i != len(p.s) {
		return errJSON
	}
	return nil
}

// str decodes the JSON string at p.i, appending it to dst.
func (p *jsonScanner) str(dst []byte) ([]byte, error) {
	if p.i >= len(p.s) || p.s[p.i] != '"' {
		return nil, errJSON
	}
	p.i++
	start := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			dst = append(dst, p.s[start:p.i]...)
			p.i++
			return dst, nil
		case c < 0x20:
			return nil, errJSON
		case c == '\\':
			dst = append(dst, p.s[start:p.i]...)
			var err error
			if dst, err = p.escape(dst); err != nil {
				return nil, err
			}
			start = p.i
		default:
			p.i++
		}
	}
	return nil, errJSON
}

// escape decodes the escape sequence at p.i (a backslash).
func (p *jsonScanner) escape(dst []byte) ([]byte, error) {
	if p.i+1 >= len(p.s) {
		return nil, errJSON
	}
	c := p.s[p.i+1]
	p.i += 2
	switch c {
	case '"', '\\', '/':
		return append(dst, c), nil
	case 'b':
		return append(dst, '\b'), nil
	case 'f':
		return append(dst, '\f'), nil
	case 'n':
		return append(dst, '\n'), nil
	case 'r':
		return append(dst, '\r'), nil
	case 't':
		return append(dst, '\t'), nil
	case 'u':
		r, ok := p.hex4()
		if !ok {
			return nil, errJSON
		}
		if utf16.IsSurrogate(r) {
			// A pair makes one code point; a lone half becomes U+FFFD.
			if p.i+1 < len(p.s) && p.s[p.i] == '\\' && p.s[p.i+1] == 'u' {
				save := p.i
				p.i += 2
				r2, ok := p.hex4()
				if !ok {
					return nil, errJSON
				}
				if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
					return utf8.AppendRune(dst, dec), nil
				}
				p.i = save
			}
			r = utf8.RuneError
		}
		return utf8.AppendRune(dst, r), nil
	}
	return nil, errJSON
}

func (p *jsonScanner) hex4() (rune, bool) {
	if p.i+4 > len(p.s) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(p.s[p.i:p.i+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	for _, c := range p.s[p.i : p.i+4] { // ParseUint also takes "+" and "_"
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return 0, false
		}
	}
	p.i += 4
	return rune(v), true
}

// skip steps over any JSON value, checking its syntax, and returns its raw bytes.
func (p *jsonScanner) skip(depth int) ([]byte, error) {
	if depth > 10000 {
		return nil, errJSON
	}
	start := p.i
	if p.i >= len(p.s) {
		return nil, errJSON
	}
	switch c := p.s[p.i]; {
	case c == '"':
		if _, err := p.str(nil); err != nil {
			return nil, err
		}
	case c == '{':
		p.i++
		p.ws()
		if p.i < len(p.s) && p.s[p.i] == '}' {
			p.i++
			break
		}
		for {
			p.ws()
			if _, err := p.str(nil); err != nil {
				return nil, err
			}
			p.ws()
			if p.i >= len(p.s) || p.s[p.i] != ':' {
				return nil, errJSON
			}
			p.i++
			p.ws()
			if _, err := p.skip(depth + 1); err != nil {
				return nil, err
			}
			p.ws()
			if p.i >= len(p.s) {
				return nil, errJSON
			}
			if p.s[p.i] == '}' {
				p.i++
				break
			}
			if p.s[p.i] != ',' {
				return nil, errJSON
			}
			p.i++
		}
	case c == '[':
		p.i++
		p.ws()
		if p.i < len(p.s) && p.s[p.i] == ']' {
			p.i++
			break
		}
		for {
			p.ws()
			if _, err := p.skip(depth + 1); err != nil {
				return nil, err
			}
			p.ws()
			if p.i >= len(p.s) {
				return nil, errJSON
			}
			if p.s[p.i] == ']' {
				p.i++
				break
			}
			if p.s[p.i] != ',' {
				return nil, errJSON
			}
			p.i++
		}
	case c == 't':
		return p.literal(start, "true")
	case c == 'f':
		return p.literal(start, "false")
	case c == 'n':
		return p.literal(start, "null")
	default:
		if err := p.number(); err != nil {
			return nil, err
		}
	}
	return p.s[start:p.i], nil
}

func (p *jsonScanner) literal(start int, lit string) ([]byte, error) {
	if p.i+len(lit) > len(p.s) || string(p.s[p.i:p.i+len(lit)]) != lit {
		return nil, errJSON
	}
	p.i += len(lit)
	return p.s[start:p.i], nil
}

// number checks a JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *jsonScanner) number() error {
	digits := func() int {
		n := 0
		for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	if p.i < len(p.s) && p.s[p.i] == '-' {
		p.i++
	}
	if p.i < len(p.s) && p.s[p.i] == '0' {
		p.i++
	} else if digits() == 0 {
		return errJSON
	}
	if p.i < len(p.s) && p.s[p.i] == '.' {
		p.i++
		if digits() == 0 {
			return errJSON
		}
	}
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		p.i++
		if p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			return errJSON
		}
	}
	return nil
}
