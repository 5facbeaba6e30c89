# The two commands the README promises: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM := /usr/bin/chromium
# Two workers: the machines this runs on have two cores.
PYTEST_WORKERS ?= -n 2 --dist loadfile

.PHONY: run test lint test-fast messages migrate seed chromium clean bench audit mutate \
	build drill stack stack-stop stack-packages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# uv installs the same pinned set as pip would (checked: the same 128 packages) in
# about half the time, which every fresh clone (and CI) waits for before anything
# else can start. The production build (scripts/build.sh) keeps plain pip.
$(VENV)/.installed: $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/python -m pip install --quiet --upgrade pip uv==0.13.10
	$(BIN)/uv pip install --python $(BIN)/python --quiet --compile-bytecode -r requirements-dev.txt
	touch $@

messages: $(VENV)/.installed
	$(BIN)/python scripts/compile_messages.py

migrate: $(VENV)/.installed messages
	$(BIN)/python manage.py migrate --noinput

# The production build (README, "Production"): install, compile the catalogues,
# collectstatic, check --deploy, migrate, with the production settings and the
# environment's SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL, ...
build:
	PYTHON=$(PYTHON) VENV=$(VENV) scripts/build.sh

# The restore drill on a throwaway PostgreSQL database seeded with seed_demo, as CI
# runs it (README, "Backups"); DRILL_SERVER_URL names another server.
drill: $(VENV)/.installed messages
	scripts/restore_drill.sh --demo

# Development only: the demo accounts' logins are printed at the end.
seed: migrate
	$(BIN)/python manage.py seed_demo --demo-users

run: seed
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Browser tests need Debian's chromium: installed here when we are root,
# otherwise the browser tests skip and say how to enable them.
# The browser tests read pages as a phone in India does: with the system's
# Devanagari and Tamil fonts (Debian's fonts-noto-core), so an English page with
# a Hindi word in its menu downloads no web font.
NOTO := /usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf

chromium:
	@if [ ! -x $(CHROMIUM) ] || [ ! -f $(NOTO) ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing Debian's chromium and Noto fonts for the browser tests"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null) \
	      || echo "Could not install chromium; browser tests will be skipped"; \
	  else \
	    echo "chromium is missing: browser tests will be skipped (run 'sudo apt-get install chromium' to enable them)"; \
	  fi; \
	fi

# The production stack on this machine (deploy/stack.sh): Varnish :8080 -> nginx
# :8081 -> gunicorn :8101 and :8102, the task worker and the periodic jobs, on
# PostgreSQL (STACK_DATABASE_URL) and Redis (STACK_REDIS_URL). Debian's varnish and
# nginx are installed when missing and we are root.
stack-packages:
	@missing=""; \
	for pkg in varnish:/usr/sbin/varnishd nginx:/usr/sbin/nginx postgresql-client:/usr/bin/psql; do \
	  [ -x "$${pkg#*:}" ] || missing="$$missing $${pkg%%:*}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing Debian's$$missing for the stack"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "missing:$$missing (run 'sudo apt-get install$$missing')"; exit 1; \
	  fi; \
	fi

stack: $(VENV)/.installed stack-packages
	deploy/stack.sh start

stack-stop:
	deploy/stack.sh stop

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Security checks of our code (bandit) and of the pinned dependencies (pip-audit,
# which needs its vulnerability database online: --strict fails when it cannot
# reach it rather than passing quietly).
audit: $(VENV)/.installed
	$(BIN)/bandit -c pyproject.toml -q -r .
	$(BIN)/pip-audit --strict --disable-pip --no-deps --progress-spinner off -r requirements.txt

# Migrations are checked against the models alone, not against DATABASE_URL.
test: $(VENV)/.installed messages chromium lint
	$(BIN)/bandit -c pyproject.toml -q -r .
	$(BIN)/python manage.py check
	env -u DATABASE_URL DJANGO_SETTINGS_MODULE=coe_site.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_WORKERS) --durations=15 $(PYTEST_ARGS)

# The fast part of the suite (no browser), used by CI on SQLite.
test-fast: $(VENV)/.installed messages
	$(BIN)/pytest $(PYTEST_WORKERS) -m "not browser" $(PYTEST_ARGS)

bench: $(VENV)/.installed messages
	$(BIN)/python bench/run.py
	$(BIN)/python bench/registration_burst.py

clean:
	rm -rf $(VENV) db.sqlite3 media private_media staticfiles

# Mutation testing of the rule modules (mutation.toml); slow, not part of `make test`.
# Narrow it with MODULES=cohorts/files.py,events/services.py, SAMPLE=40 (mutants a
# module), KINDS=compare,remove or TESTS=tests/cohorts. Report: bench/results/mutation/.
mutate: $(VENV)/.installed messages
	$(BIN)/python scripts/mutate.py $(if $(MODULES),--modules $(MODULES)) \
	  $(if $(SAMPLE),--sample $(SAMPLE)) $(if $(KINDS),--kinds $(KINDS)) \
	  $(if $(TESTS),--tests $(TESTS))
