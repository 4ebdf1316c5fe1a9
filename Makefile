# Two entry points for a fresh machine (see README): `make demo` and `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint typecheck unit browser-deps screenshots clean

$(STAMP): pyproject.toml scripts/setup.sh frontend/package-lock.json
	bash scripts/setup.sh $(PY)
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/caseboard demo

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

browser-deps:
	bash scripts/setup-browser.sh

unit: $(STAMP)
	$(BIN)/pytest -q

test: $(STAMP) browser-deps lint typecheck
	$(BIN)/pytest -q

# refresh the README screenshots (docs/img) from the browser tests
screenshots: $(STAMP) browser-deps
	CASEBOARD_UPDATE_SCREENSHOTS=1 $(BIN)/pytest -q tests/integration/test_brief_browser.py tests/integration/test_web_browser.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .mypy_cache .ruff_cache .pytest_cache
