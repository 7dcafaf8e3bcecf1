"""DuckDB queries the Parquet shards with a glob, unnests the spans of the
document rows and cuts them out of the text with substring."""

import os

import duckdb
import pytest

import corpusio


def glob(build):
    return os.path.join(build["dir"], "data", "*.parquet").replace("'", "''")


@pytest.fixture
def con():
    c = duckdb.connect()
    c.execute("SET threads TO 2")
    yield c
    c.close()


def test_duckdb_rows(build, want, con):
    g = glob(build)
    assert con.sql(f"SELECT count(*) FROM '{g}'").fetchall() == [(len(want),)]
    m = corpusio.manifest(build)
    assert len(want) == sum(o["rows"] for o in m["outputs"] if o["format"] == "parquet")
    rel = con.sql(f"SELECT * FROM '{g}'")
    assert rel.columns == build["columns"]
    # The glob reads the shards in file name order, rows in file order.
    corpusio.assert_rows(corpusio.records(rel.columns, rel.fetchall()), want, "duckdb SELECT *")


def test_duckdb_types(build, con):
    rel = con.sql(f"SELECT * FROM '{glob(build)}' LIMIT 0")
    types = dict(zip(rel.columns, (str(t) for t in rel.types)))
    for name in build["columns"]:
        t = types[name]
        if name == "paragraphs":
            assert t == 'STRUCT("start" INTEGER, "end" INTEGER)[]', t
        elif name == "sentences":
            assert t == 'STRUCT("start" INTEGER, "end" INTEGER, paragraph INTEGER)[]', t
        elif name == "meta":
            assert t == 'STRUCT("key" VARCHAR, "value" VARCHAR)[]', t
        elif name.startswith("num_"):
            assert t == "BIGINT", (name, t)
        elif name in ("start", "end", "paragraph_index", "sentence_index"):
            assert t == "INTEGER", (name, t)
        else:
            assert t == "VARCHAR", (name, t)


def test_duckdb_metadata(build, con):
    rows = con.sql(f"SELECT file_name, decode(key), decode(value) FROM parquet_kv_metadata('{glob(build)}')").fetchall()
    by_file = {}
    for f, k, v in rows:
        by_file.setdefault(f, {})[k] = v
    assert len(by_file) == len(corpusio.files(build, "parquet"))
    for f, md in by_file.items():
        for k, v in corpusio.expectations()["schema"].items():
            assert md.get(k) == v, (f, k, md)


def test_duckdb_meta_lookup(build, want, con):
    """meta is a list of {key, value}: a key is found with list_filter."""
    if "meta" not in build["columns"] or not want:
        return
    key = "license"
    got = con.sql(f"SELECT list_filter(meta, lambda x: x.key = '{key}')[1].value FROM '{glob(build)}'").fetchall()
    exp = [next((kv["value"] for kv in r["meta"] if kv["key"] == key), None) for r in want]
    assert [g[0] for g in got] == exp


@pytest.mark.parametrize("unit", ["paragraph", "sentence"])
def test_duckdb_spans_cut_the_text(group, unit, con):
    """substring(text, start+1, end-start) of each span of a document row is
    the text of the matching paragraph or sentence row, in DuckDB.

    substring counts code points from the start of the string, so cutting
    all spans of a multi-MB document is quadratic: for more than 400 spans,
    every k-th span is checked (always the first and last ones of each
    document)."""
    doc, part = group["document"], group[unit]
    column = "paragraphs" if unit == "paragraph" else "sentences"
    index = "paragraph_index" if unit == "paragraph" else "sentence_index"
    n = len(corpusio.expected_rows(part))
    k = max(1, n // 200) if n > 400 else 1
    # The spans are picked before the text is joined, so that a multi-MB
    # text is not repeated for every span.
    spans = f"""
        SELECT * FROM (
            SELECT id AS doc_id, unnest(generate_series(0, len({column}) - 1)) AS i, unnest({column}) AS s,
                   len({column}) AS n
            FROM '{glob(doc)}')
        WHERE i % {k} = 0 OR i = n - 1"""
    cut = f"""
        SELECT sp.doc_id, sp.i, sp.s.start AS start, sp.s."end" AS "end",
               substring(d.text, sp.s.start + 1, sp.s."end" - sp.s.start) AS text
        FROM ({spans}) sp JOIN '{glob(doc)}' d ON d.id = sp.doc_id"""
    rows = f"""
        SELECT doc_id, {index} AS i, start, "end", text FROM '{glob(part)}'
        QUALIFY {index} % {k} = 0 OR {index} = max({index}) OVER (PARTITION BY doc_id)"""
    assert con.sql(f"SELECT count(*) FROM '{glob(part)}'").fetchall()[0][0] == n
    assert (con.sql(f"SELECT sum(len({column})) FROM '{glob(doc)}'").fetchall()[0][0] or 0) == n
    n_cut = con.sql(f"SELECT count(*) FROM ({cut})").fetchall()[0][0]
    n_rows = con.sql(f"SELECT count(*) FROM ({rows})").fetchall()[0][0]
    assert n_cut == n_rows
    assert k > 1 or n_cut == n
    for a, b in ((cut, rows), (rows, cut)):
        diff = con.sql(f"SELECT * FROM ({a}) EXCEPT ALL SELECT * FROM ({b}) LIMIT 3").fetchall()
        assert diff == [], f"spans and {unit} rows differ: {[corpusio.short(d) for d in diff]}"
    if unit == "sentence":
        # The sentence span's paragraph index is the sentence row's.
        q = f"""
            SELECT count(*) FROM (SELECT id AS doc_id, unnest(generate_series(0, len(sentences) - 1)) AS i,
                                         unnest(sentences).paragraph AS p FROM '{glob(doc)}') d
            JOIN '{glob(part)}' s ON s.doc_id = d.doc_id AND s.sentence_index = d.i AND s.paragraph_index = d.p"""
        assert con.sql(q).fetchall()[0][0] == n
