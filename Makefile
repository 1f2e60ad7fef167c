# The two commands of the README: `make run` and `make test`. Both build .venv as needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: run test lint unit bench clean sysdeps testdeps

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

# what only the tests add: a bare X server (no window manager) and xwininfo for the fullscreen kiosk
TEST_PACKAGES := xvfb x11-utils
testdeps:
	@tools/sysdeps.sh $(TEST_PACKAGES)

run: $(INSTALLED) sysdeps
	$(BIN)/kiosk --demo --windowed

lint: $(INSTALLED)
	$(BIN)/ruff check kiosk cloudstore tests bench tools
	$(BIN)/mypy

# PostgreSQL-marked tests run against a real server: started here when we are root (tools/postgres.sh)
test: $(INSTALLED) testdeps lint
	@if [ -z "$$CLOUDSTORE_TEST_PG_URL" ] && [ "$$(id -u)" = 0 ]; then \
	  pg=$$(tools/postgres.sh 2>&1 | tail -n1); \
	  case "$$pg" in export*) eval "$$pg";; *) echo "make test: no PostgreSQL ($$pg); postgres tests skip";; esac; \
	fi; \
	$(BIN)/pytest

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
