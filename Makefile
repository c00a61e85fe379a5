# Two commands for a newcomer: `make app` starts the app, `make test` runs the tests.
# Each creates .venv and installs the project on first use (and again when
# pyproject.toml changes). `make deps` installs the desktop's system libraries on
# Debian/Ubuntu (as root, or through sudo).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: app test typecheck lint deps argdown bench wheel clean

app: $(STAMP)
	$(BIN)/debate-explorer

test: $(STAMP) lint typecheck
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

typecheck: $(STAMP)
	$(BIN)/python -m mypy

lint: $(STAMP)
	$(BIN)/python -m ruff check .
	$(BIN)/python -m ruff format --check .

deps:
	bash tools/debian-deps.sh --test

# The reference Argdown parser the Argdown-export test runs (needs node and npm).
argdown:
	npm ci --prefix tools/argdown --no-audit --no-fund --loglevel=error

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_engine.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/bench_gui.py
	$(BIN)/python benchmarks/bench_cruxes.py
	$(BIN)/python benchmarks/bench_sweep.py

wheel: $(STAMP)
	$(BIN)/python -m pip wheel --no-deps --no-build-isolation -w dist .

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .mypy_cache dist
