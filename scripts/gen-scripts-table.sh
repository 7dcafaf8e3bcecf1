#!/usr/bin/env bash
# Regenerates corpus/scripts_table.go from Unicode's PropertyValueAliases.txt
# (Debian package unicode-data). Run through `go generate ./corpus`.
set -euo pipefail
src=${1:-/usr/share/unicode/PropertyValueAliases.txt}
out=${2:-scripts_table.go}
{
  echo '// Code generated from Unicode PropertyValueAliases.txt (sc values); DO NOT EDIT.'
  echo '// Regenerate: go generate ./corpus (see scripts_gen.go).'
  echo
  echo 'package corpus'
  echo
  echo '// scriptCodes maps the script names of package unicode to ISO 15924 codes.'
  echo 'var scriptCodes = map[string]string{'
  grep '^sc ' "$src" | awk -F';' '{gsub(/ /,"",$2); gsub(/ /,"",$3); printf "\t\"%s\": \"%s\",\n", $3, $2}'
  echo '}'
} > "$out"
gofmt -w "$out"
