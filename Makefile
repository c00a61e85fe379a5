# Two commands for a newcomer: `make app` starts the app, `make test` runs the tests.
# Each creates .venv and installs the project on first use (and again when
# pyproject.toml changes).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: app test bench clean

app: $(STAMP)
	$(BIN)/debate-explorer

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_engine.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/bench_gui.py
	$(BIN)/python benchmarks/bench_cruxes.py
	$(BIN)/python benchmarks/bench_sweep.py

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
