#!/usr/bin/env bash
# Sentence segmentation scores on the development data (make eval).
#
# Looks for the data in $EVAL_DIR, else ../shared/eval relative to the repo
# root; without it, says so and exits 0. For each set, it runs
# internal/evalseg (our segmenter, then UAX #29 alone) and
# tools/score_boundaries.py, and prints boundary precision, recall and F1.
# The data stay where they are: nothing is copied into the repository.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${EVAL_DIR:-$root/../shared/eval}"
if [[ ! -d "$dir/gold" || ! -f "$dir/tools/score_boundaries.py" ]]; then
	echo "eval: no development data at $dir (set EVAL_DIR); skipping"
	exit 0
fi
dir="$(cd "$dir" && pwd)"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$root" && go build -o "$tmp/evalseg" ./internal/evalseg)

py="${CORPUS_PYTHON:-$root/.venv/bin/python}"
modes=(corpus uax29 regex)
if [[ -x "$py" ]] && "$py" -c 'import pysbd' 2>/dev/null; then
	modes+=(pysbd)
else
	echo "eval: no pySBD (run make venv) — its row is left out" >&2
fi
results="$tmp/results.txt"
: >"$results"

sets=(en_ewt:en hi_hdtb:hi ur_udtb:ur mr_ufal:mr zh_gsd:zh)
printf '%-8s %-7s %4s %7s %9s %7s %5s %5s %5s %7s\n' set mode lang precision recall f1 tp fp fn skipped
for s in "${sets[@]}"; do
	set_name="${s%%:*}" lang="${s##*:}"
	gold="$dir/gold/$set_name.dev.gold.jsonl"
	for mode in "${modes[@]}"; do
		case "$mode" in
		regex) (cd "$dir" && python3 tools/baseline_regex_split.py "$gold") >"$tmp/pred.jsonl" ;;
		pysbd) "$py" "$root/test/bench/pysbd_predict.py" "$lang" "$gold" >"$tmp/pred.jsonl" ;;
		*) "$tmp/evalseg" -mode "$mode" -lang "$lang" "$gold" >"$tmp/pred.jsonl" ;;
		esac
		score="$(cd "$dir" && python3 tools/score_boundaries.py "$gold" "$tmp/pred.jsonl" 2>"$tmp/score.err")" || {
			cat "$tmp/score.err" >&2
			exit 1
		}
		python3 - "$set_name" "$mode" "$lang" "$score" <<'PY' | tee -a "$results"
import json, sys
name, mode, lang, score = sys.argv[1:]
s = json.loads(score)
print(f"{name:<8} {mode:<7} {lang:>4} {s['precision']:9.4f} {s['recall']:7.4f} {s['f1']:7.4f}"
      f" {s['boundary_tp']:5d} {s['fp']:5d} {s['fn']:5d} {s['units_skipped']:7d}")
PY
	done
done

echo
echo "Boundary F1 per set (the README table):"
python3 - "$results" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
sets = []
f1 = {}
for r in rows:
    if r[0] not in sets:
        sets.append(r[0])
    f1[(r[1], r[0])] = r[5]
names = {"corpus": "corpus (ours)", "uax29": "UAX #29 alone", "pysbd": "pySBD 0.3.4", "regex": "naive regex"}
print("| segmenter | " + " | ".join(sets) + " |")
print("|---|" + "---|" * len(sets))
for m in ["corpus", "uax29", "pysbd", "regex"]:
    if any((m, s) in f1 for s in sets):
        print(f"| {names[m]} | " + " | ".join(f1.get((m, s), "-") for s in sets) + " |")
PY
