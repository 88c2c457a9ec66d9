# PropDesk — the two commands that matter: `make run` and `make test` (see README).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PYTEST := $(VENV)/bin/pytest
PG_URL ?= postgres://postgres@127.0.0.1:5432/propdesk
PYTEST_ARGS ?=

.PHONY: run test test-pg test-browser test-all migrate demo check messages serve clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@

venv: $(VENV)/.installed

migrate: venv
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py demo_data

## make run: virtualenv, install, migrate, demo data, serve on http://127.0.0.1:8000 (SQLite)
run: demo
	@echo "PropDesk: open http://127.0.0.1:8000 and sign in with a demo login above"
	$(PY) manage.py runserver 127.0.0.1:8000

## make test: the whole suite on SQLite, browser tests excluded (make test-browser)
test: venv
	$(PYTEST) -m "not browser" $(PYTEST_ARGS)

test-pg: venv
	DATABASE_URL=$(PG_URL) $(PYTEST) -m "not browser" $(PYTEST_ARGS)

test-browser: venv
	$(PYTEST) -m browser $(PYTEST_ARGS)

test-all: test test-pg test-browser

check: venv
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

## make messages: refresh translation catalogues (needs GNU gettext); zh_Hant is derived from zh_Hans
messages: venv
	$(PY) scripts/i18n.py extract
	$(PY) scripts/i18n.py hant
	$(PY) scripts/i18n.py compile

clean:
	rm -rf $(VENV) var staticfiles
