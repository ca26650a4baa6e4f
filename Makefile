# ZITnet — the two commands: `make run` and `make test`. Everything else is set up by them.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMPS := .stamps
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test test-fast e2e lint bench bench-optimiser migrate seed messages help clean

help:
	@echo "make run    – install, migrate, load demo data and serve http://$(HOST):$(PORT)"
	@echo "make test   – install test tools (and Chromium) and run the whole suite"
	@echo "make bench  – benchmarks against a production-like server (writes bench/results/)"
	@echo "make lint   – ruff"

$(STAMPS):
	mkdir -p $(STAMPS)

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Runtime packages, pinned by constraints.txt; reinstalled when either file changes.
$(STAMPS)/install: pyproject.toml constraints.txt $(VENV)/bin/activate | $(STAMPS)
	$(PIP) install --quiet -c constraints.txt -e .
	touch $@

$(STAMPS)/install-test: $(STAMPS)/install | $(STAMPS)
	$(PIP) install --quiet -c constraints.txt -e '.[test]'
	touch $@

# WeasyPrint (the handbook and report PDFs) needs Pango and a font with Polish letters from the system, and
# HarfBuzz's subsetter for speed (without it fonts are subset by fontTools, a second or more per report PDF).
$(STAMPS)/weasyprint-libs: | $(STAMPS)
	@{ ldconfig -p | grep -q libpango-1.0 && ldconfig -p | grep -q libharfbuzz-subset; } || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core; }
	touch $@

# Compiled translations (.mo) are built, not committed.
$(STAMPS)/messages: $(wildcard locale/*/LC_MESSAGES/*.po) $(STAMPS)/install
	@command -v msgfmt >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq gettext; }
	$(PY) manage.py compilemessages --ignore=.venv -v 0
	touch $@

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core

migrate: $(STAMPS)/messages $(STAMPS)/weasyprint-libs
	$(PY) manage.py migrate --noinput -v 0

seed: migrate
	$(PY) manage.py seed_demo

run: seed
	@echo "ZITnet: http://$(HOST):$(PORT)/  (Ctrl+C stops)"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(STAMPS)/install-test $(STAMPS)/messages $(STAMPS)/weasyprint-libs $(CHROMIUM)
	$(PY) manage.py makemigrations --check --dry-run -v 0 --settings=zitnet.settings.test
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test-fast: $(STAMPS)/install-test $(STAMPS)/messages $(STAMPS)/weasyprint-libs
	$(VENV)/bin/pytest -m "not e2e" $(PYTEST_ARGS)

lint: $(STAMPS)/install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

messages: $(STAMPS)/install
	$(PY) manage.py makemessages -l pl -l en --ignore=.venv --ignore=tests --ignore=bench --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv

bench: $(STAMPS)/install-test $(STAMPS)/messages $(STAMPS)/weasyprint-libs
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk; }
	$(PY) bench/run.py $(BENCH_ARGS)

# The observer-assignment solver, timed in-process (writes bench/results/optimiser.{json,md}).
bench-optimiser: $(STAMPS)/install
	$(PY) bench/optimiser.py --demo-database

clean:
	rm -rf $(STAMPS) $(VENV) static_collected
