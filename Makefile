# Umecom — two commands for a newcomer: `make run` and `make test` (see README.md).
# Everything else here is a helper those two call, or a tool for the team.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
# No "Server: daphne" banner on responses and websocket handshakes (the README's systemd unit
# passes the same flag; tests/security/test_attacks.py starts Daphne with these flags).
DAPHNE_FLAGS := --no-server-name
# Extra arguments for pytest, e.g. `make test PYTEST_ARGS="tests/challenges -x"`.
PYTEST_ARGS ?=
# One pytest-xdist worker per core: each gets its own test database and live server, so the
# browser tests parallelise too (full suite on 2 cores: ~80 s instead of ~190 s serially).
# `make test XDIST=` runs serially.
XDIST ?= -n auto
# Directories compilemessages must not walk into (it searches the whole tree for locale/).
MSG_IGNORE := --ignore=.venv --ignore=node_modules --ignore=var --ignore=staticfiles

.PHONY: help run test lint format bench messages check clean-venv

help:
	@echo "make run     start Umecom with demo content on http://127.0.0.1:$(PORT)/"
	@echo "make test    run the whole test suite (browser tests when chromium + npm are present)"
	@echo "make lint    ruff, djhtml, Django system checks, missing migrations"
	@echo "make format  ruff format + fixes, djhtml"
	@echo "make bench   page query counts and latency at 20 and 500 challenges"
	@echo "make messages  compile translations (locale/*.po → .mo)"

# The virtualenv is rebuilt only when pyproject.toml changes (the stamp is older than it).
$(STAMP): pyproject.toml
	@if [ -z "$(PYTHON)" ]; then echo "python3.11 not found: install Python 3.11 first" >&2; exit 1; fi
	@if [ ! -x $(BIN)/python ]; then \
		echo "→ creating $(VENV) with $(PYTHON)"; \
		$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
			echo "could not create a virtualenv (Debian/Ubuntu: apt-get install python3.11-venv)" >&2; \
			exit 1; }; \
	fi
	@echo "→ installing Umecom and its development tools into $(VENV)"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

# Django's compilemessages needs GNU gettext's msgfmt. Without it we fall back to polib
# (pure Python, in the dev extra) so English works on a machine that has only Python.
messages: $(STAMP)
	@if command -v msgfmt >/dev/null 2>&1; then \
		$(BIN)/python manage.py compilemessages $(MSG_IGNORE) -v0; \
	elif $(BIN)/python -c "import polib" 2>/dev/null; then \
		echo "note: gettext (msgfmt) is not installed; compiling translations with polib"; \
		$(BIN)/python -c 'import pathlib, polib; [polib.pofile(str(p)).save_as_mofile(str(p.with_suffix(".mo"))) for d in ("locale", "challenges", "people", "projects", "search", "umecom") for p in pathlib.Path(d).rglob("*.po")]'; \
	else \
		echo "note: gettext (msgfmt) is not installed, so the English translation is not compiled"; \
		echo "      (Debian/Ubuntu: apt-get install gettext). Swedish works regardless."; \
	fi

run: $(STAMP) messages
	@export DJANGO_SETTINGS_MODULE=umecom.settings.dev; \
	$(BIN)/python manage.py migrate --noinput -v0; \
	$(BIN)/python manage.py collectstatic --noinput -v0; \
	$(BIN)/python manage.py load_demo; \
	echo ""; \
	echo "  Umecom körs på / is running at  http://127.0.0.1:$(PORT)/"; \
	echo "  Wagtail-admin:                  http://127.0.0.1:$(PORT)/admin/"; \
	echo "  Stoppa med / stop with Ctrl-C"; \
	echo ""; \
	$(BIN)/python manage.py db_worker --backend queue --interval 2 --no-startup-delay & \
	worker=$$!; \
	trap 'kill $$worker 2>/dev/null || true' EXIT INT TERM; \
	$(BIN)/daphne $(DAPHNE_FLAGS) -b 127.0.0.1 -p $(PORT) umecom.asgi:application

# axe-core (accessibility checks in tests/browser/) comes from npm; without npm or chromium
# the browser tests skip with a reason and everything else still runs.
test: $(STAMP) messages
	@if command -v npm >/dev/null 2>&1 && [ ! -f node_modules/axe-core/axe.min.js ]; then \
		npm ci --no-audit --no-fund --loglevel=error; \
	fi
	$(BIN)/pytest -p no:cacheprovider $(XDIST) $(PYTEST_ARGS)

check: $(STAMP)
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

lint: $(STAMP) check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

bench: $(STAMP)
	$(BIN)/python bench/pages.py

clean-venv:
	rm -rf $(VENV)
