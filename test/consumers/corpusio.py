"""Helpers of the consumer tests: the expectations the Go test wrote, the
files of a build, and comparison of rows as each consumer returns them.

The Go test (consumers_test.go) builds the corpora, writes the rows the
pipeline makes to JSONL files, describes every output folder in a JSON
file, and runs pytest with CORPUS_EXPECTATIONS naming that file.
"""

import functools
import hashlib
import json
import math
import os
import re
import unicodedata

import numpy as np

ENV = "CORPUS_EXPECTATIONS"


@functools.cache
def expectations():
    """The expectations file written by the Go test, or None."""
    path = os.environ.get(ENV)
    if not path:
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def builds():
    exp = expectations()
    return exp["builds"] if exp else []


def groups():
    """Builds of the same corpus and variant, by unit: the document rows of
    one hold the spans of the paragraph and sentence rows of the others."""
    by = {}
    for b in builds():
        by.setdefault((b["corpus"], b["variant"]), {})[b["unit"]] = b
    return [dict(units, name=f"{c}-{v}") for (c, v), units in sorted(by.items())]


@functools.cache
def _expected(path):
    with open(path, encoding="utf-8") as f:
        return tuple(json.loads(line) for line in f)


def expected_rows(build):
    """The rows the pipeline makes for the build's corpus and unit, as
    plain Python values (dicts, lists, str, int, None)."""
    return list(_expected(expectations()["corpora"][build["corpus"]]["expected"][build["unit"]]))


@functools.cache
def _manifest(folder):
    with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as f:
        return json.load(f)


def manifest(build):
    return _manifest(build["dir"])


def files(build, fmt):
    """Absolute paths of the build's files of format fmt, in manifest order."""
    return [os.path.join(build["dir"], o["path"]) for o in manifest(build)["outputs"] if o["format"] == fmt]


def manifest_bytes(build, path):
    """The size of an output file as the manifest records it."""
    for o in manifest(build)["outputs"]:
        if os.path.join(build["dir"], o["path"]) == path:
            return o["bytes"]
    raise KeyError(path)


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def canon(v):
    """A value as plain Python: numpy arrays and scalars become lists and
    Python numbers, NaN and pandas' NA become None, tuples become lists."""
    if isinstance(v, dict):
        return {k: canon(x) for k, x in v.items()}
    if isinstance(v, np.ndarray):
        return [canon(x) for x in v.tolist()]
    if isinstance(v, (list, tuple)):
        return [canon(x) for x in v]
    if isinstance(v, np.generic):
        return canon(v.item())
    if isinstance(v, float) and math.isnan(v):
        return None
    if v is None or type(v).__name__ in ("NAType", "NaTType"):
        return None
    return v


def short(v, n=120):
    r = repr(v)
    return r if len(r) <= n else r[:n] + f"... ({len(r)} chars)"


def first_difference(got, want):
    """A short description of where got and want first differ, or None."""
    if type(got) is not type(want) and not (isinstance(got, int) and isinstance(want, int)):
        return f"{short(got)} ({type(got).__name__}) != {short(want)} ({type(want).__name__})"
    if isinstance(want, dict):
        if list(got) != list(want):
            return f"keys {list(got)} != {list(want)}"
        for k in want:
            d = first_difference(got[k], want[k])
            if d:
                return f"[{k!r}]: {d}"
        return None
    if isinstance(want, list):
        if len(got) != len(want):
            return f"length {len(got)} != {len(want)}"
        for i, (g, w) in enumerate(zip(got, want)):
            d = first_difference(g, w)
            if d:
                return f"[{i}]: {d}"
        return None
    if got != want:
        if isinstance(want, str) and isinstance(got, str):
            i = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
            return f"strings differ at code point {i}: {short(got[i:i + 20])} != {short(want[i:i + 20])} (lengths {len(got)}, {len(want)})"
        return f"{short(got)} != {short(want)}"
    return None


def assert_rows(got, want, where):
    """Asserts that two lists of row dicts are equal, keys in order, with a
    short message naming the first difference."""
    got = [canon(r) for r in got]
    assert len(got) == len(want), f"{where}: {len(got)} rows, want {len(want)}"
    for i, (g, w) in enumerate(zip(got, want)):
        d = first_difference(g, w)
        assert d is None, f"{where}: row {i}: {d}"


def records(columns, tuples):
    """Rows as dicts from column names and value tuples (DuckDB's fetchall)."""
    return [dict(zip(columns, t)) for t in tuples]


# The documented cleanup of corpus/normalize (package doc), for inputs
# that need no more than this: line breaks, removed characters, the
# normalization form, trailing white space and blank lines.
_SPACE = "\t \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_REMOVED = re.compile("[\ufeff\x00-\x08\x0b-\x1f\x7f-\x9f]")


def cleanup(raw, form="NFC"):
    s = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    s = _REMOVED.sub("", s)
    s = unicodedata.normalize(form, s)
    lines = []
    for line in s.split("\n"):
        line = line.rstrip(_SPACE)
        if line == "" and (not lines or lines[-1] == ""):
            continue
        lines.append(line)
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines)
