"""Offsets are code points: text[start:end] in Python is the span; the text
is the input after the documented cleanup and NFC; the Hindi sample comes
out byte for byte as its NFC input."""

import hashlib
import unicodedata

import pyarrow as pa
import pyarrow.feather as feather
import pyarrow.parquet as pq
import pytest

import corpusio

READERS = {"parquet": pq.read_table, "arrow": feather.read_table}


def read(build, fmt):
    return pa.concat_tables([READERS[fmt](p) for p in corpusio.files(build, fmt)]).to_pylist()


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_spans_cut_the_text(group, fmt):
    """For the document rows as pyarrow reads them, text[start:end] of each
    paragraph and sentence span is the paragraph or sentence row's text, and
    the paragraph and sentence rows' own offsets cut it too."""
    if "document" not in group:
        pytest.skip("no document build")
    docs = read(group["document"], fmt)
    by_id = {d["id"]: d for d in docs}
    assert len(by_id) == len(docs), "document ids are not unique"
    for d in docs:
        text = d["text"]
        assert len(text) == d["num_chars"] and len(text.encode("utf-8")) == d["num_bytes"]
        assert hashlib.sha256(text.encode("utf-8")).hexdigest() == d["sha256"]
        assert d["num_paragraphs"] == len(d["paragraphs"]) and d["num_sentences"] == len(d["sentences"])
        for s in d["sentences"]:
            p = d["paragraphs"][s["paragraph"]]
            assert p["start"] <= s["start"] < s["end"] <= p["end"], (d["id"], s, p)
    for unit, column, index in (("paragraph", "paragraphs", "paragraph_index"), ("sentence", "sentences", "sentence_index")):
        if unit not in group:
            continue
        rows = read(group[unit], fmt)
        assert len(rows) == sum(len(d[column]) for d in docs)
        for r in rows:
            d = by_id[r["doc_id"]]
            span = d[column][r[index]]
            assert (span["start"], span["end"]) == (r["start"], r["end"]), (r["doc_id"], r[index])
            assert d["text"][r["start"]:r["end"]] == r["text"], (r["doc_id"], r[index])
            if unit == "sentence":
                assert span["paragraph"] == r["paragraph_index"]
            for k in ("source", "lang", "script", "meta"):
                assert r[k] == d[k], (r["doc_id"], k)


def test_text_is_the_cleaned_nfc_input(text_build):
    """Each document of a text input is its input after the documented
    cleanup (line breaks, trailing white space, blank lines) and NFC."""
    build = text_build
    want = corpusio.expected_rows(build)
    inputs = corpusio.expectations()["corpora"][build["corpus"]]["text_inputs"]
    docs = {d["source"]: d for d in pq.read_table(corpusio.files(build, "parquet")).to_pylist()}
    for source, path in inputs.items():
        with open(path, "rb") as f:
            raw = f.read().decode("utf-8")
        want_text = corpusio.cleanup(raw)
        if source not in docs:
            assert want_text == "" and not any(r["source"] == source for r in want), source
            continue
        got = docs[source]["text"]
        assert got == want_text, f"{source}: {corpusio.first_difference(got, want_text)}"
        assert unicodedata.is_normalized("NFC", got)


def test_hindi_sample(hindi_build):
    """The Hindi sample: 7 paragraphs, 26 sentences, script Deva, no
    language, and the text byte-identical to the NFC input (the cleanup
    would only trim a trailing newline, which the file does not have)."""
    build = hindi_build
    h = corpusio.expectations()["hindi"]
    with open(h["input"], "rb") as f:
        raw = f.read()
    nfc = unicodedata.normalize("NFC", raw.decode("utf-8")).rstrip("\n").encode("utf-8")
    for fmt in ("parquet", "arrow"):
        rows = read(build, fmt)
        assert all(r["source"] == h["source"] and r["lang"] is None and r["script"] == h["script"] for r in rows)
        if build["unit"] == "document":
            assert len(rows) == 1
            d = rows[0]
            assert d["text"].encode("utf-8") == nfc
            assert d["num_paragraphs"] == h["paragraphs"] and d["num_sentences"] == h["sentences"]
            assert d["meta"] == []
        else:
            assert len(rows) == h["paragraphs" if build["unit"] == "paragraph" else "sentences"]
            text = nfc.decode("utf-8")
            for r in rows:
                assert text[r["start"]:r["end"]] == r["text"]
