# Hamafza — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
REDIS_TEST_URL ?= redis://127.0.0.1:6379/0
XDIST ?= -n 2

.PHONY: run test install install-test lint-imports test-sqlite test-postgres test-browser bench clean

# pip runs only when pyproject.toml changed since the last install.
$(BIN)/.installed-run: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -e .
	@touch $@

# One pip call for the test install (the product's dependencies are in it): one resolution and
# one editable build instead of two; it counts as the run install too.
$(BIN)/.installed-test: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -e '.[test]'
	@touch $(BIN)/.installed-run $@

install: $(BIN)/.installed-run
install-test: $(BIN)/.installed-test

## make run: the demo council on http://127.0.0.1:8000 (web server, task worker, scheduler).
run: install
	@mkdir -p var
	HAMAFZA_DEMO=1 $(BIN)/hamafza migrate --noinput -v0
	$(BIN)/hamafza collectstatic --noinput -v0
	HAMAFZA_DEMO=1 $(BIN)/hamafza demo --if-empty
	HAMAFZA_DEMO=1 $(BIN)/hamafza serve

## make test: the import contracts, then the whole suite on SQLite, then on PostgreSQL + Redis,
## then the browser tests (2 processes, a live server and a Chromium each: 3 min 7 s against 3 min 37 s in one).
# The suites' temporary files (each test process's SQLite database, file cache and media,
# pytest's tmp_path) go to a RAM disk where there is one: on the disk, the file cache's
# write-and-rename and SQLite's commits wait on the file system. Removed afterwards.
TEST_TMP_BASE ?= $(shell test -d /dev/shm -a -w /dev/shm && echo /dev/shm || echo /tmp)

test: install-test
	@bash .ci/services
	@bash .ci/apt-deps
	@tmp=$$(mktemp -d "$(TEST_TMP_BASE)/hamafza-tests.XXXXXX"); \
	  TMPDIR=$$tmp $(MAKE) --no-print-directory lint-imports test-sqlite test-postgres test-browser; rc=$$?; \
	  rm -rf "$$tmp"; exit $$rc

lint-imports:
	@echo "== import contracts (pyproject.toml [tool.importlinter])"
	$(BIN)/lint-imports --no-cache --no-logo

test-sqlite:
	@echo "== unit and integration tests: SQLite, file cache, database task queue"
	$(BIN)/pytest $(XDIST) -m "not browser" -q

test-postgres:
	@echo "== unit and integration tests: PostgreSQL, Redis"
	DATABASE_URL=$(PG_URL) REDIS_URL=$(REDIS_TEST_URL) $(BIN)/pytest $(XDIST) -m "not browser" -q

test-browser:
	@echo "== browser tests: Playwright in Debian Chromium"
	$(BIN)/pytest $(XDIST) -m browser -q

bench: install-test
	$(BIN)/python bench/portal_bench.py

clean:
	rm -rf $(VENV) var build *.egg-info
