"""polars reads the Parquet shards and the Arrow IPC files and streams."""

import os

import polars as pl

import corpusio


def check(frames, build, want, where):
    for f in frames:
        assert f.columns == build["columns"], where
    df = pl.concat(frames) if len(frames) > 1 else frames[0]
    assert df.height == len(want), where
    corpusio.assert_rows(df.to_dicts(), want, where)
    return df


def test_polars_read_parquet(build, want):
    files = corpusio.files(build, "parquet")
    df = check([pl.read_parquet(p) for p in files], build, want, "polars.read_parquet")
    # A glob, as users write it.
    g = pl.read_parquet(os.path.join(build["dir"], "data", "*.parquet"))
    assert g.columns == build["columns"] and g.height == len(want)
    assert g.schema == df.schema


def test_polars_read_ipc(build, want):
    files = corpusio.files(build, "arrow")
    df = check([pl.read_ipc(p) for p in files], build, want, "polars.read_ipc")
    pq = pl.read_parquet(corpusio.files(build, "parquet")[0])
    assert df.schema == pq.schema, f"polars types differ between Arrow and Parquet: {df.schema} != {pq.schema}"


def test_polars_read_ipc_stream(build, want):
    files = corpusio.files(build, "arrows")
    check([pl.read_ipc_stream(p) for p in files], build, want, "polars.read_ipc_stream")


def test_polars_types(build):
    df = pl.read_parquet(corpusio.files(build, "parquet")[0])
    s = df.schema
    for name in build["columns"]:
        t = s[name]
        if name in ("paragraphs", "sentences", "meta"):
            assert isinstance(t, pl.List) and isinstance(t.inner, pl.Struct), (name, t)
        elif name.startswith("num_"):
            assert t == pl.Int64, (name, t)
        elif name in ("start", "end", "paragraph_index", "sentence_index"):
            assert t == pl.Int32, (name, t)
        else:
            assert t == pl.String, (name, t)
