# zhuan: the two set-up commands are `make run` and `make test` (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= zhuan.settings.local

.PHONY: run test lint migrate demo messages constraints bench clean-venv

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: $(PY) requirements.txt constraints.txt
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

## Run the embedded default: SQLite, tasks in-process, demo data, http://127.0.0.1:$(PORT)
run: $(VENV)/.runtime
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

## Install what the tests need and run them all, with the linter
test: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m pytest -n 2 --dist loadfile -m "not browser"
	$(PY) -m pytest -m browser

lint: $(VENV)/.dev
	$(PY) -m ruff check .

## Extract and compile translations (needs GNU gettext; compiled .mo files are committed)
messages: $(VENV)/.dev
	$(PY) manage.py compilemessages --ignore=.venv

constraints: $(VENV)/.dev
	$(PY) -m pip freeze --exclude-editable > constraints.txt

## Benchmark against PostgreSQL: make bench DATABASE_URL=postgres://... SCALE=100000
SCALE ?= 100000
bench: $(VENV)/.dev
	DEBUG=false $(PY) manage.py bench --scale $(SCALE) --json bench-results/bench-$(SCALE).json
