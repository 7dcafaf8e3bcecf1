#!/usr/bin/env bash
# Runs every Go fuzz target for a set time (default 20s each), then keeps up
# to $KEEP of the interesting inputs each target found under the package's
# testdata/fuzz/<Target>/, where plain `go test` replays them as seeds.
set -euo pipefail
cd "$(dirname "$0")/.."
time=${1:-20s}
keep=${KEEP:-20}
cache=$(go env GOCACHE)/fuzz
module=$(go list -m)
status=0
while IFS= read -r line; do
  file=${line%%:*}
  target=$(sed -E 's/.*func (Fuzz[A-Za-z0-9_]*).*/\1/' <<<"$line")
  dir=$(dirname "$file")
  pkg=$module/${dir#./}
  [ "$dir" = "." ] && pkg=$module
  echo "== $pkg $target ($time)"
  if ! go test "./$dir" -run '^$' -fuzz "^${target}\$" -fuzztime "$time"; then
    status=1
    echo "!! $target found a failing input: it is in $dir/testdata/fuzz/$target"
  fi
  found="$cache/$pkg/$target"
  if [ -d "$found" ]; then
    mkdir -p "$dir/testdata/fuzz/$target"
    mapfile -t smallest < <(ls -Sr "$found")
    for f in "${smallest[@]:0:$keep}"; do cp "$found/$f" "$dir/testdata/fuzz/$target/"; done
  fi
done < <(grep -rn --include='*_test.go' -E '^func Fuzz[A-Za-z0-9_]*\(' . | grep -v '/.venv/')
exit $status
