# The two commands of the README: `make run` and `make test`. Both build .venv as needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: run test lint unit bench clean sysdeps

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)

# refreshed whenever the dependencies change
$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

sysdeps:
	@tools/sysdeps.sh

run: $(INSTALLED) sysdeps
	$(BIN)/kiosk --demo --windowed

lint: $(INSTALLED)
	$(BIN)/ruff check kiosk cloudstore tests bench tools
	$(BIN)/mypy

test: $(INSTALLED) sysdeps lint
	$(BIN)/pytest

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
