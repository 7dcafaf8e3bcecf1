"""pyarrow and pandas read the Parquet and Arrow IPC files: the same rows,
columns, types and file metadata in every format."""

import re

import pandas as pd
import pyarrow as pa
import pyarrow.feather as feather
import pyarrow.ipc as ipc
import pyarrow.parquet as pq
import pytest

import corpusio

LIST_COLUMNS = {
    "paragraphs": ["start", "end"],
    "sentences": ["start", "end", "paragraph"],
    "meta": ["key", "value"],
}
DICTIONARY_COLUMNS = ["source", "lang", "script"]


def expected_arrow_schema(build):
    """The Arrow schema of the unit, from the column names: strings utf8,
    offsets and indexes int32, counts int64, lang the only nullable column,
    list columns non-null lists of non-null structs named "element"."""
    fields = []
    for name in build["columns"]:
        if name in LIST_COLUMNS:
            sub = [pa.field(f, pa.string() if name == "meta" else pa.int32(), nullable=False) for f in LIST_COLUMNS[name]]
            t = pa.list_(pa.field("element", pa.struct(sub), nullable=False))
        elif name.startswith("num_"):
            t = pa.int64()
        elif name in ("start", "end", "paragraph_index", "sentence_index"):
            t = pa.int32()
        else:
            t = pa.string()
        fields.append(pa.field(name, t, nullable=(name == "lang")))
    return pa.schema(fields)


def check_metadata(md, build, where):
    assert md is not None, f"{where}: no key-value metadata"
    md = {k.decode(): v.decode() for k, v in md.items()}
    for k, v in corpusio.expectations()["schema"].items():
        assert md.get(k) == v, f"{where}: metadata {k}={md.get(k)!r}, want {v!r}"
    assert md.get("corpus.schema.unit") == build["unit"], where


def test_pyarrow_parquet(build, want):
    tables = []
    schema = expected_arrow_schema(build)
    for path in corpusio.files(build, "parquet"):
        pf = pq.ParquetFile(path)
        check_metadata(pf.metadata.metadata, build, path)
        t = pq.read_table(path)
        assert t.column_names == build["columns"], path
        assert t.schema.remove_metadata() == schema, f"{path}: schema\n{t.schema}\nwant\n{schema}"
        assert t.num_rows == pf.metadata.num_rows
        tables.append(t)
    t = pa.concat_tables(tables)
    corpusio.assert_rows(t.to_pylist(), want, "pyarrow.parquet.read_table")
    # All shards at once, as a dataset reader sees them.
    t2 = pq.read_table(corpusio.files(build, "parquet"))
    assert t2.num_rows == len(want)


def test_parquet_schema_annotations(build):
    """The Parquet schema has the 3-level LIST form with STRING and INT
    annotations, dictionary pages for low-cardinality strings, and the
    schema name and version in the key-value metadata."""
    for path in corpusio.files(build, "parquet"):
        pf = pq.ParquetFile(path)
        s = str(pf.schema)
        paths = {pf.schema.column(i).path for i in range(len(pf.schema))}
        for name, fields in LIST_COLUMNS.items():
            if name not in build["columns"]:
                continue
            assert re.search(rf"required group field_id=-1 {name} \(List\) {{\s*repeated group field_id=-1 list {{\s*"
                             rf"required group field_id=-1 element {{", s), f"{path}: {name} is not a LIST:\n{s}"
            at = pf.schema_arrow.field(name).type
            assert str(at).startswith("list<element: struct<"), f"{path}: {name} is {at}"
            for f in fields:
                assert f"{name}.list.element.{f}" in paths, f"{path}: no leaf {name}.list.element.{f}: {sorted(paths)}"
        for i in range(len(pf.schema)):
            col = pf.schema.column(i)
            lt = str(col.logical_type)
            if col.physical_type == "BYTE_ARRAY":
                assert lt == "String", f"{path}: {col.path} is {lt}"
            else:
                assert col.physical_type in ("INT32", "INT64") and lt.startswith("Int(bitWidth="), f"{path}: {col.path} {lt}"
        md = pf.metadata
        for rg in range(md.num_row_groups):
            g = md.row_group(rg)
            for j in range(g.num_columns):
                c = g.column(j)
                if c.path_in_schema in DICTIONARY_COLUMNS:
                    assert c.has_dictionary_page and "RLE_DICTIONARY" in c.encodings, \
                        f"{path}: row group {rg} column {c.path_in_schema}: encodings {c.encodings}"
        if build["row_group_rows"] and md.num_rows > build["row_group_rows"]:
            assert md.num_row_groups > 1, f"{path}: {md.num_rows} rows in one row group"


def test_parquet_size_is_proportionate(build, want):
    """A Parquet file is not much larger than the strings it holds. (Column
    statistics that copy whole values into page headers and the footer make
    a file several times its text; a page header over 16 MiB is more than
    pyarrow reads.)"""
    strings = sum(len(v.encode("utf-8")) for r in want for v in r.values() if isinstance(v, str))
    files = corpusio.files(build, "parquet")
    size = sum(corpusio.manifest_bytes(build, p) for p in files)
    limit = 2 * strings + 64 * 1024 * len(files)
    if size > limit:
        stats = []
        for p in files:
            md = pq.ParquetFile(p).metadata
            for rg in range(md.num_row_groups):
                for j in range(md.num_columns):
                    c = md.row_group(rg).column(j)
                    st = c.statistics
                    if st is not None and st.has_min_max and isinstance(st.min, str) and len(st.min) + len(st.max) > 4096:
                        stats.append(f"{c.path_in_schema}: min {len(st.min.encode())} B, max {len(st.max.encode())} B")
        raise AssertionError(f"{size} bytes of Parquet for {strings} bytes of strings (footers "
                             f"{sum(pq.ParquetFile(p).metadata.serialized_size for p in files)} bytes); "
                             f"column statistics: {stats[:3]}")


def test_pandas_read_parquet(build, want):
    frames = [pd.read_parquet(p, engine="pyarrow") for p in corpusio.files(build, "parquet")]
    for f in frames:
        assert list(f.columns) == build["columns"]
    df = pd.concat(frames, ignore_index=True)
    assert len(df) == len(want)
    corpusio.assert_rows(df.to_dict("records"), want, "pandas.read_parquet")


def test_pyarrow_ipc_file(build, want):
    schema = expected_arrow_schema(build)
    tables = []
    for path in corpusio.files(build, "arrow"):
        with pa.OSFile(path, "rb") as f:
            r = ipc.open_file(f)
            check_metadata(r.schema.metadata, build, path)
            assert r.schema.remove_metadata() == schema, f"{path}: schema\n{r.schema}\nwant\n{schema}"
            t = r.read_all()
            if build["row_group_rows"] and t.num_rows > build["row_group_rows"]:
                assert r.num_record_batches > 1, f"{path}: one record batch of {t.num_rows} rows"
        tables.append(t)
    corpusio.assert_rows(pa.concat_tables(tables).to_pylist(), want, "pyarrow.ipc.open_file")


def test_pyarrow_ipc_stream(build, want):
    schema = expected_arrow_schema(build)
    tables = []
    for path in corpusio.files(build, "arrows"):
        with pa.OSFile(path, "rb") as f:
            r = ipc.open_stream(f)
            check_metadata(r.schema.metadata, build, path)
            assert r.schema.remove_metadata() == schema, f"{path}: schema\n{r.schema}\nwant\n{schema}"
            tables.append(r.read_all())
    corpusio.assert_rows(pa.concat_tables(tables).to_pylist(), want, "pyarrow.ipc.open_stream")


def test_feather(build, want):
    tables = [feather.read_table(p) for p in corpusio.files(build, "arrow")]
    for t in tables:
        assert t.column_names == build["columns"]
    corpusio.assert_rows(pa.concat_tables(tables).to_pylist(), want, "pyarrow.feather.read_table")
    frames = [feather.read_feather(p) for p in corpusio.files(build, "arrow")]
    corpusio.assert_rows(pd.concat(frames, ignore_index=True).to_dict("records"), want, "pyarrow.feather.read_feather")


def test_same_schema_in_every_format(build):
    """Parquet, Arrow file and Arrow stream give pyarrow one schema."""
    def stream_schema(path):
        with pa.OSFile(path, "rb") as f:
            return ipc.open_stream(f).schema

    schemas = {}
    for fmt, read in (("parquet", pq.read_schema), ("arrow", lambda p: ipc.open_file(p).schema), ("arrows", stream_schema)):
        for p in corpusio.files(build, fmt):
            schemas.setdefault(fmt, set()).add(read(p).remove_metadata().to_string())
    assert all(len(v) == 1 for v in schemas.values()), schemas
    assert len({next(iter(v)) for v in schemas.values()}) == 1, schemas


@pytest.mark.parametrize("fmt", ["parquet", "arrow"])
def test_null_lang_and_empty_lists(build, want, fmt):
    """Null languages stay null (not "" or "null"), empty lists stay empty lists."""
    read = pq.read_table if fmt == "parquet" else feather.read_table
    files = corpusio.files(build, fmt)
    if not want:
        assert all(read(p).num_rows == 0 for p in files)
        return
    t = pa.concat_tables([read(p) for p in files])
    assert t["lang"].null_count == sum(r["lang"] is None for r in want)
    for name in ("paragraphs", "sentences", "meta"):
        if name in build["columns"]:
            col = t[name]
            assert col.null_count == 0
            assert [len(x) for x in col.to_pylist()] == [len(r[name]) for r in want]
