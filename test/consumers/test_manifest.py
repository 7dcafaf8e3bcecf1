"""manifest.json and errors.jsonl describe exactly the files of a build."""

import json
import os
import re

import corpusio

EXTENSIONS = {
    ("parquet", "zstd"): ".parquet", ("parquet", "gzip"): ".parquet", ("parquet", "snappy"): ".parquet",
    ("parquet", "none"): ".parquet",
    ("arrow", "none"): ".arrow", ("arrow", "zstd"): ".arrow", ("arrow", "lz4"): ".arrow",
    ("arrows", "none"): ".arrows", ("arrows", "zstd"): ".arrows", ("arrows", "lz4"): ".arrows",
    ("jsonl", "none"): ".jsonl", ("jsonl", "gzip"): ".jsonl.gz", ("jsonl", "zstd"): ".jsonl.zst",
}


def test_manifest_lists_the_files(build, want):
    m = corpusio.manifest(build)
    exp = corpusio.expectations()
    assert m["tool"] == "corpus" and m["complete"] is True
    assert m["schema"] == {"name": exp["schema"]["corpus.schema.name"],
                           "version": exp["schema"]["corpus.schema.version"], "unit": build["unit"]}
    listed = set()
    for fmt in build["formats"]:
        outs = [o for o in m["outputs"] if o["format"] == fmt]
        assert outs, f"no {fmt} file listed"
        ext = EXTENSIONS[(fmt, build["compression"][fmt])]
        n = len(outs)
        for i, o in enumerate(outs):
            assert o["unit"] == build["unit"]
            assert o["path"] == f"data/train-{i:05d}-of-{n:05d}{ext}", o["path"]
            path = os.path.join(build["dir"], o["path"])
            assert os.path.getsize(path) == o["bytes"], o["path"]
            assert corpusio.sha256_file(path) == o["sha256"], f"{o['path']}: sha256 differs from the manifest"
            listed.add(o["path"])
        assert sum(o["rows"] for o in outs) == len(want) == build["rows"], f"{fmt}: manifest rows"
        # Rows of one document are never split across shards.
        if build["max_rows_per_file"] and len(want) > build["max_rows_per_file"] and build["documents"] > 1:
            assert n > 1, f"{fmt}: {len(want)} rows with at most {build['max_rows_per_file']} per file in one file"
    on_disk = {"data/" + f for f in os.listdir(os.path.join(build["dir"], "data"))}
    assert on_disk == listed, f"files in data/ not in the manifest: {sorted(on_disk - listed)}"
    assert m["counts"]["rows"] == len(want)
    corpus = exp["corpora"][build["corpus"]]
    assert m["counts"]["documents_skipped"] == corpus["skipped"]
    assert m["counts"]["documents_written"] == corpus["rows"]["document"]


def test_errors_jsonl(build):
    m = corpusio.manifest(build)
    e = m["errors"]
    assert e is not None and e["path"] == "errors.jsonl"
    path = os.path.join(build["dir"], "errors.jsonl")
    with open(path, "rb") as f:
        data = f.read()
    assert len(data) == e["bytes"] and corpusio.sha256_file(path) == e["sha256"]
    lines = [json.loads(line) for line in data.decode("utf-8").splitlines()]
    corpus = corpusio.expectations()["corpora"][build["corpus"]]
    assert len(lines) == e["lines"] == corpus["skipped"]
    for rec in lines:
        assert set(rec) <= {"source", "line", "offset", "reason", "error"} and rec["error"], rec
    assert [{"source": r["source"], "reason": r["reason"]} for r in lines] == corpus["skips"]


def test_no_temporary_files(build):
    for root, _, names in os.walk(build["dir"]):
        for n in names:
            assert not (n.startswith(".") or re.search(r"\.tmp$", n)), os.path.join(root, n)
