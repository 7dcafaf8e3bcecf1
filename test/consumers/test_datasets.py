"""Hugging Face datasets loads the Parquet and JSONL shards offline."""

import os

import pytest

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import datasets  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

import corpusio  # noqa: E402

datasets.disable_progress_bars()
datasets.logging.set_verbosity_error()


def load(kind, files, cache):
    return datasets.load_dataset(kind, data_files={"train": files}, split="train", cache_dir=cache)


def check(ds, build, want, where):
    assert ds.column_names == build["columns"], where
    assert ds.num_rows == len(want), where
    corpusio.assert_rows(ds.to_list(), want, where)


def empty_split(kind, files, scratch, build):
    """datasets refuses a split without rows, whatever the format: that is
    its behavior, not a problem of the (valid, empty) files."""
    with pytest.raises((ValueError, StopIteration)):
        load(kind, files, os.path.join(scratch, build["name"], kind))


def test_datasets_parquet(build, want, scratch):
    files = corpusio.files(build, "parquet")
    if not want:
        return empty_split("parquet", files, scratch, build)
    ds = load("parquet", files, os.path.join(scratch, build["name"], "parquet"))
    check(ds, build, want, "datasets.load_dataset('parquet')")
    # The list columns load as lists of structs with their field names.
    for name in ("paragraphs", "sentences", "meta"):
        if name in build["columns"]:
            f = ds.features[name]
            assert isinstance(f, datasets.List) and isinstance(f.feature, dict), (name, f)


def test_datasets_json(build, want, scratch):
    files = corpusio.files(build, "jsonl")
    if not want:
        return empty_split("json", files, scratch, build)
    try:
        ds = load("json", files, os.path.join(scratch, build["name"], "json"))
    except datasets.exceptions.DatasetGenerationError as e:
        cols = untyped_in_first_shard(build, want)
        if cols and "Couldn't cast" in str(e.__cause__):
            # JSON carries no types: datasets types each column by the
            # first shard, where these are null (or empty lists) in every
            # row, and cannot cast the values of later shards to null. Not
            # a defect of the files; with features= they load (next test).
            pytest.xfail(f"datasets types {cols} as null from the first of {len(files)} JSONL shards: {e.__cause__!r}")
        pytest.fail(f"datasets.load_dataset('json') of {len(files)} shards failed: {e.__cause__!r}")
    check(ds, build, want, "datasets.load_dataset('json')")


def untyped_in_first_shard(build, want):
    """The columns that are null or empty lists in every row of the first
    JSONL shard and hold values in a later one."""
    outs = [o for o in corpusio.manifest(build)["outputs"] if o["format"] == "jsonl"]
    first, rest = want[:outs[0]["rows"]], want[outs[0]["rows"]:]

    def empty(v):
        return v is None or v == []

    return [c for c in build["columns"] if all(empty(r[c]) for r in first) and not all(empty(r[c]) for r in rest)]


def test_datasets_json_with_features(build, want, scratch):
    """With the features of the Parquet schema, datasets casts every JSONL
    shard to the same types, whatever it would infer from each shard."""
    files = corpusio.files(build, "jsonl")
    if not want:
        return empty_split("json", files, scratch, build)
    features = datasets.Features.from_arrow_schema(pq.read_schema(corpusio.files(build, "parquet")[0]))
    ds = datasets.load_dataset("json", data_files={"train": files}, features=features, split="train",
                               cache_dir=os.path.join(scratch, build["name"], "json-features"))
    check(ds, build, want, "datasets.load_dataset('json', features=...)")
    assert ds.features == features


@pytest.mark.parametrize("fmt", ["arrow", "arrows"])
def test_datasets_arrow(build, want, scratch, fmt):
    """The "arrow" builder reads IPC streams and IPC files."""
    files = corpusio.files(build, fmt)
    if not want:
        return empty_split("arrow", files, scratch, build)
    ds = load("arrow", files, os.path.join(scratch, build["name"], fmt))
    check(ds, build, want, f"datasets.load_dataset('arrow') of .{fmt}")
