# Two commands are the set-up: `make extract` and `make test`.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
RAW     ?= data/raw
DB      ?= data/processed/municipal.duckdb
GOLD    ?= tests/fixtures/gold
ARGS    ?=

.PHONY: extract test eval bench notebooks system-deps clean help

help:
	@echo "make extract    install what is missing, then extract $(RAW) into $(DB)"
	@echo "make test       run the whole test suite"
	@echo "make eval       score $(DB) against the gold files in $(GOLD)"
	@echo "make bench      benchmark the pipeline against pdftotext and pdfplumber"
	@echo "make notebooks  open Jupyter Lab on notebooks/"

# The stamp follows pyproject.toml: editing dependencies re-installs.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,cluster,export]'
	@touch $(STAMP)

# OCR and the reference text reader come from Debian; install them when we can (root + apt).
system-deps:
	@bash scripts/system-deps.sh

extract: $(STAMP) system-deps
	$(BIN)/python -m pipeline extract --raw $(RAW) --db $(DB) $(ARGS)

eval: $(STAMP)
	$(BIN)/python -m pipeline eval --gold $(GOLD) --db $(DB)

test: $(STAMP) system-deps
	$(BIN)/python -m pytest $(ARGS)

bench: $(STAMP) system-deps
	$(BIN)/python -m bench $(ARGS)

notebooks: $(STAMP)
	$(BIN)/python -m pip install --quiet jupyterlab
	$(BIN)/jupyter lab notebooks/

clean:
	rm -rf $(VENV) data/processed/*.duckdb* .pytest_cache
