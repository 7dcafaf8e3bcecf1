# corpus: build, test, lint, bench, eval, fuzz.
GO      ?= go
VENV    ?= .venv
PYTHON  ?= python3
BIN     ?= bin/corpus
PKGS    := ./...

.PHONY: all build test gotest pytest venv lint bench eval fuzz sample clean

all: build

build:
	$(GO) build -trimpath -o $(BIN) ./cmd/corpus

# The whole test suite: Go tests with the race detector, including the suite
# that proves pandas, pyarrow, DuckDB, polars and Hugging Face datasets read
# our files (it needs the virtualenv, installed here with pinned versions).
test: venv
	CORPUS_PYTHON=$(CURDIR)/$(VENV)/bin/python $(GO) test -race -count=1 $(PKGS)

# Go tests only (no Python consumers: the consumer suite skips, or fails under CI=true).
gotest:
	$(GO) test -race -count=1 $(PKGS)

$(VENV)/.installed: test/consumers/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r test/consumers/requirements.txt
	touch $@

venv: $(VENV)/.installed

STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2

lint:
	$(GO) vet $(PKGS)
	$(GO) run $(STATICCHECK) $(PKGS)
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

# Benchmarks: per stage and end to end (see scripts/bench.sh for the corpora and the Python comparison).
bench: build venv
	./scripts/bench.sh

# Sentence segmentation measured on ../shared/eval (absent: says so, exits 0).
eval: venv
	./scripts/eval.sh

FUZZTIME ?= 20s
fuzz:
	./scripts/fuzz.sh $(FUZZTIME)

# Build the shipped sample into out/sample in every format.
sample: build
	$(BIN) build --overwrite -o out/sample -f parquet,arrow,jsonl testdata/sample/hindi-news.txt

clean:
	rm -rf bin out
