"""pandas reads the JSONL shards, plain, .gz and .zst; every line is a
JSON object with the schema's keys in the schema's order."""

import gzip
import json

import pandas as pd
import zstandard

import corpusio


def raw_lines(path):
    if path.endswith(".gz"):
        with gzip.open(path, "rb") as f:
            data = f.read()
    elif path.endswith(".zst"):
        with open(path, "rb") as f:
            data = zstandard.ZstdDecompressor().stream_reader(f).read()
    else:
        with open(path, "rb") as f:
            data = f.read()
    text = data.decode("utf-8")  # strict: the files are valid UTF-8
    assert text == "" or text.endswith("\n")
    return text.split("\n")[:-1]


def test_jsonl_lines(build, want):
    rows = []
    for path in corpusio.files(build, "jsonl"):
        for line in raw_lines(path):
            pairs = json.loads(line, object_pairs_hook=lambda kv: kv)
            assert [k for k, _ in pairs] == build["columns"], f"{path}: keys {[k for k, _ in pairs]}"
            rows.append(json.loads(line))
    corpusio.assert_rows(rows, want, "json.loads")


def test_pandas_read_json(build, want):
    frames = []
    for path in corpusio.files(build, "jsonl"):
        df = pd.read_json(path, lines=True)  # compression inferred from .gz and .zst
        if len(df) == 0:
            assert raw_lines(path) == [], path
            continue
        assert list(df.columns) == build["columns"], path
        frames.append(df)
    if not want:
        assert frames == []
        return
    df = pd.concat(frames, ignore_index=True)
    corpusio.assert_rows(df.to_dict("records"), want, "pandas.read_json(lines=True)")


def test_pandas_read_json_without_dtype_inference(build, want):
    """dtype=False keeps strings that look like numbers (an id "42") strings
    whatever the shard holds; the default infers numbers from them."""
    frames = [pd.read_json(p, lines=True, dtype=False) for p in corpusio.files(build, "jsonl")]
    frames = [f for f in frames if len(f)]
    if not want:
        assert frames == []
        return
    corpusio.assert_rows(pd.concat(frames, ignore_index=True).to_dict("records"), want, "pandas.read_json(dtype=False)")
