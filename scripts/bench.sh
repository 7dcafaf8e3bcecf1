#!/usr/bin/env bash
# make bench: per-stage Go benchmarks, whole-command runs on generated
# multi-script corpora (10 MB, 100 MB, 1 GB; 10 GB streamed with BENCH_10G=1)
# with MB/s and peak RSS, `corpus validate` on the 1 GB corpus, and the same
# text through the Python pipeline people would otherwise write.
# Sizes: BENCH_SIZES="10M 100M 1G" (default). Corpora go to $BENCH_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_DIR=${BENCH_DIR:-.bench}
SIZES=${BENCH_SIZES:-"10M 100M 1G"}
PY=${CORPUS_PYTHON:-.venv/bin/python}
mkdir -p "$BENCH_DIR" bin
go build -o bin/corpus ./cmd/corpus
go build -o bin/gencorpus ./internal/tools/gencorpus
go build -o bin/measure ./internal/tools/measure
go build -o bin/baseline ./internal/tools/baseline
results="$BENCH_DIR/results.jsonl"
: > "$results"

if [ "${BENCH_GO:-1}" = 1 ]; then
  echo "== Go benchmarks per stage (one core)"
  go test -run '^$' -bench . -benchtime 1s -cpu 1 ./corpus/... ./formats/ ./build/ 2>&1 | tee "$BENCH_DIR/gobench.txt" | grep -E '^(Benchmark|ok|FAIL)'
fi

measure() { # label bytes cmd...
  local label=$1 bytes=$2; shift 2
  bin/measure -label "$label" -bytes "$bytes" -- "$@" 2>&1 >/dev/null | tail -n 1 | tee -a "$results"
}

for size in $SIZES; do
  in="$BENCH_DIR/corpus-$size"
  if [ ! -d "$in" ]; then
    echo "== generating $size corpus in $in"
    bin/gencorpus -size "$size" -format text -out "$in"
  fi
  bytes=$(du -sb "$in" | cut -f1)
  echo "== corpus build on $size ($bytes bytes)"
  for spec in "parquet zstd 1" "parquet zstd 2" "parquet zstd:3 1" "parquet zstd:3 2" "parquet snappy 1" "parquet snappy 2" "jsonl none 2" "arrow none 2"; do
    set -- $spec
    out="$BENCH_DIR/out-$size-$1-$2-j$3"
    rm -rf "$out"
    measure "build-$size-$1-$2-j$3" "$bytes" bin/corpus build -q -j "$3" -f "$1" --compression "$2" -o "$out" "$in"
  done
  measure "validate-$size-parquet" "$bytes" bin/corpus validate "$BENCH_DIR/out-$size-parquet-zstd-j2"
  # Issue #6's reference: the straightforward Go pipeline (x/text NFC, UAX #29
  # sentences, SHA-256, parquet-go zstd), one goroutine.
  measure "baseline-$size" "$bytes" bin/baseline -o "$BENCH_DIR/out-$size-baseline.parquet" "$in"
  rm -rf "$BENCH_DIR"/out-"$size"-*
done

if [ "${BENCH_10G:-0}" = 1 ]; then
  echo "== 10 GB streamed through stdin (not stored)"
  rm -rf "$BENCH_DIR/out-10g"
  bin/measure -label "build-10G-stream-parquet" -bytes $((10 << 30)) -- bash -c \
    "bin/gencorpus -size 10G -format jsonl | bin/corpus build -q --input-format jsonl -o $BENCH_DIR/out-10g -" 2>&1 | tail -n 1 | tee -a "$results"
  rm -rf "$BENCH_DIR/out-10g"
fi

if [ -x "$PY" ]; then
  echo "== the Python pipeline (datasets + unicodedata + pySBD + pandas) on a sample"
  sample="$BENCH_DIR/corpus-py"
  [ -d "$sample" ] || bin/gencorpus -size "${BENCH_PY_SIZE:-20M}" -format text -out "$sample"
  bytes=$(du -sb "$sample" | cut -f1)
  rm -rf "$BENCH_DIR/py-out" && mkdir -p "$BENCH_DIR/py-out"
  measure "python-pipeline" "$bytes" "$PY" test/bench/python_pipeline.py "$sample" "$BENCH_DIR/py-out"
  rm -rf "$BENCH_DIR/out-py"
  measure "corpus-same-sample" "$bytes" bin/corpus build -q -j 1 -f parquet -o "$BENCH_DIR/out-py" "$sample"
else
  echo "== no Python virtualenv at $PY: run make venv for the Python comparison"
fi

echo "== summary (MB/s of input text; peak RSS in MB)"
"${PY:-python3}" - "$results" <<'PYEOF' 2>/dev/null || cat "$results"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
print(f"{'run':34} {'MB/s':>8} {'MB/cpu-s':>9} {'peak RSS':>9}")
for r in rows:
    print(f"{r['label']:34} {r.get('mb_per_s', 0):8.1f} {r.get('mb_per_cpu_s', 0):9.1f} {r.get('peak_rss_mb', 0):9.1f}")
by = {r['label']: r for r in rows}
for size in ("10M", "100M", "1G"):
    ours, ref = by.get(f"build-{size}-parquet-zstd-j1"), by.get(f"baseline-{size}")
    if ours and ref:
        print(f"{size}: corpus -j 1 / straightforward Go pipeline, per CPU-second: {ours['mb_per_cpu_s'] / ref['mb_per_cpu_s']:.2f}x")
if 'python-pipeline' in by and 'corpus-same-sample' in by:
    print(f"corpus / Python pipeline: {by['corpus-same-sample']['mb_per_s'] / by['python-pipeline']['mb_per_s']:.0f}x faster")
PYEOF
