"""Parametrizes the consumer tests over the output folders the Go test built.

Run through `go test ./test/consumers` (or `make test`), which builds the
corpora and sets CORPUS_EXPECTATIONS. To rerun pytest by hand, keep the
corpora with CORPUS_CONSUMERS_KEEP=DIR on the go test run, then:

    CORPUS_EXPECTATIONS=DIR/expectations.json .venv/bin/python -m pytest test/consumers
"""

import os
import tempfile

import pytest

import corpusio


def pytest_configure(config):
    if corpusio.expectations() is None:
        pytest.exit(f"{corpusio.ENV} is not set: run `go test ./test/consumers`, which builds the corpora "
                    "and runs this suite on them", returncode=4)
    os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")


def pytest_generate_tests(metafunc):
    if "build" in metafunc.fixturenames:
        bs = corpusio.builds()
        metafunc.parametrize("build", bs, ids=[b["name"] for b in bs])
    if "hindi_build" in metafunc.fixturenames:
        bs = [b for b in corpusio.builds() if b["corpus"] == "hindi"]
        metafunc.parametrize("hindi_build", bs, ids=[b["name"] for b in bs])
    if "text_build" in metafunc.fixturenames:
        exp = corpusio.expectations()
        bs = [b for b in corpusio.builds() if b["unit"] == "document" and exp["corpora"][b["corpus"]]["text_inputs"]]
        metafunc.parametrize("text_build", bs, ids=[b["name"] for b in bs])
    if "group" in metafunc.fixturenames:
        gs = corpusio.groups()
        metafunc.parametrize("group", gs, ids=[g["name"] for g in gs])


@pytest.fixture(scope="session")
def scratch():
    """A scratch folder for caches (Hugging Face datasets)."""
    base = os.environ.get("CORPUS_SCRATCH")
    if base:
        os.makedirs(base, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=base) as d:
        yield d


@pytest.fixture
def want(build):
    """The rows the build must hold."""
    return corpusio.expected_rows(build)
