package normalize

func isNormalized(s string, f Form) bool {
	return string(appendSimple(nil, []byte(s), f, nil)) == s
}
