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

sets=(en_ewt:en hi_hdtb:hi ur_udtb:ur mr_ufal:mr zh_gsd:zh)
printf '%-8s %-7s %4s %7s %9s %7s %5s %5s %5s %7s\n' set mode lang precision recall f1 tp fp fn skipped
for s in "${sets[@]}"; do
	set_name="${s%%:*}" lang="${s##*:}"
	gold="$dir/gold/$set_name.dev.gold.jsonl"
	for mode in corpus uax29; do
		"$tmp/evalseg" -mode "$mode" -lang "$lang" "$gold" >"$tmp/pred.jsonl"
		score="$(cd "$dir" && python3 tools/score_boundaries.py "$gold" "$tmp/pred.jsonl" 2>"$tmp/score.err")" || {
			cat "$tmp/score.err" >&2
			exit 1
		}
		python3 - "$set_name" "$mode" "$lang" "$score" <<'PY'
import json, sys
name, mode, lang, score = sys.argv[1:]
s = json.loads(score)
print(f"{name:<8} {mode:<7} {lang:>4} {s['precision']:9.4f} {s['recall']:7.4f} {s['f1']:7.4f}"
      f" {s['boundary_tp']:5d} {s['fp']:5d} {s['fn']:5d} {s['units_skipped']:7d}")
PY
	done
done
