# PropDesk — the commands people run often. `make run` and `make test` are the two that matter.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
# Test processes (pytest-xdist): one per CPU by default; TEST_WORKERS=0 runs the suite in this process.
TEST_WORKERS ?= auto
XDIST := $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS))
TEST_PG_URL ?= postgres://postgres@127.0.0.1:5432/propdesk
HOST_PORT ?= 127.0.0.1:8000

.PHONY: help venv run migrate demo check test test-dates test-pg test-browser test-all bench bench-full bench-profile reliability messages clean

help:
	@echo "make run           set up .venv, migrate, load demo data, serve on http://$(HOST_PORT) (SQLite)"
	@echo "make test          test suite on SQLite, browser tests excluded; extra args: PYTEST_ARGS=..."
	@echo "make test-dates    test suite with every test starting at hard instants (TEST_DATES=month-start ...)"
	@echo "make test-pg       test suite on PostgreSQL (TEST_PG_URL=$(TEST_PG_URL))"
	@echo "make test-browser  browser tests (system Chromium driven by Playwright)"
	@echo "make bench         benchmarks on PostgreSQL and SQLite (quick); make bench-full for 3 M keys"
	@echo "make test-all | migrate | demo | check | messages | clean"

$(PY):
	@test -n "$(PYTHON)" || { echo "Python 3.11 is required (python3.11 not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Reinstall only when a requirements file changed since the last successful install.
# Directory sign-in (requirements-ldap.txt) only where OpenLDAP's headers are installed: `make run` needs nothing.
$(STAMP): requirements.txt requirements-dev.txt requirements-ldap.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@if [ -f /usr/include/ldap.h ] && [ -f /usr/include/sasl/sasl.h ]; then \
		$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-ldap.txt; \
	else echo "(directory sign-in not installed: apt-get install libldap2-dev libsasl2-dev, see deploy/README.md)"; fi
	@touch $@

venv: $(STAMP)

migrate: $(STAMP)
	$(MANAGE) migrate --noinput

# demo_data is idempotent: running it again changes nothing and prints the logins again.
demo: migrate
	$(MANAGE) demo_data --address $(HOST_PORT)

# The outbox relay runs beside the server (every 2 s), as cron or Celery does in production: messages such as a
# resident's one-time code (written to var/sms.log by the demo's SMS channel) leave through it, never in a request.
run: demo
	@echo "PropDesk: serving on $(HOST_PORT); open the address printed above and sign in with a demo login"
	$(MANAGE) relay_outbox --every 2 & relay=$$!; trap 'kill $$relay' EXIT INT TERM; $(MANAGE) runserver $(HOST_PORT)

check: $(STAMP)
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	$(VENV)/bin/lint-imports  # the one-way order of the house (contracts in pyproject.toml)

test: $(STAMP)
	$(VENV)/bin/pytest -m "not browser" $(XDIST) $(PYTEST_ARGS)

# The suite with every test starting at an instant that breaks date arithmetic: the 1st of a month at 00:05,
# a quarter's last minutes, 31 Dec 23:30, a 调休 working Sunday, 29 Feb (named in core/testing/clock.py).
TEST_DATES ?= month-start quarter-end year-end makeup-sunday leap-day
test-dates: $(STAMP)
	@set -e; for instant in $(TEST_DATES); do \
		echo "== the suite at $$instant"; \
		PROPDESK_TEST_NOW=$$instant $(VENV)/bin/pytest -m "not browser" -q $(XDIST) $(PYTEST_ARGS); \
	done

test-pg: $(STAMP)
	DATABASE_URL=$(TEST_PG_URL) $(VENV)/bin/pytest -m "not browser" $(XDIST) $(PYTEST_ARGS)

test-browser: $(STAMP)
	$(VENV)/bin/pytest -m browser $(PYTEST_ARGS)

test-all: test test-pg test-browser

# Benchmarks (need PostgreSQL on 127.0.0.1:5432; BENCH_PG_URL to change): a table and a last line BENCH {json}.
bench: $(STAMP)
	$(PY) -m bench.run

bench-full: $(STAMP)
	$(PY) -m bench.run --full

# One process, no HTTP: statements and ms per checkout/return beside the bare endpoint (add --sql, --cprofile N).
bench-profile: $(STAMP)
	$(PY) -m bench.profile $(PROFILE_ARGS)

# Reliability and security checks (minutes; needs PostgreSQL): a table and RELIABILITY {json}.
reliability: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-reliability.txt
	$(PY) -m reliability.run $(RELIABILITY_ARGS)

# Refresh translation catalogues (needs GNU gettext); zh_Hant is derived from zh_Hans.
messages: $(STAMP)
	$(PY) scripts/i18n.py extract
	$(PY) scripts/i18n.py hant
	$(PY) scripts/i18n.py compile

clean:
	rm -rf $(VENV) var staticfiles
