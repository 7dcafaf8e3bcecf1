// Package consumers proves that real consumers read the corpora this
// toolkit writes. Its test builds corpora in every format and unit with
// [github.com/corpustools/corpus/build], checks in Go that the JSONL holds
// exactly the rows the pipeline makes, writes those rows as expectations,
// and runs the pytest suite beside this file, which reads every output with
// pandas, pyarrow, DuckDB, polars and Hugging Face datasets and compares
// what they see with the expectations.
//
// Run it with `make test`, or
//
//	CORPUS_PYTHON=$PWD/.venv/bin/python go test ./test/consumers
//
// Without an interpreter that has the packages of requirements.txt the
// Python part is skipped, or fails when CI=true.
package consumers
