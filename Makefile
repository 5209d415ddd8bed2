# The README's commands. Every target sets up what it needs on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run serve test bench lint translations extract chromium clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	rm -f $(VENV)/.installed-locked
	touch $@

# Production installs exactly the tested versions, each file checked against its hash.
$(VENV)/.installed-locked: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.installed

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-locked
	touch $@ $(VENV)/.installed

translations: $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -d visits/translations

# Links handed to delegates (feeds, subscribe pages, e-mail) point at this server.
run: export PUBLIC_BASE_URL ?= http://$(HOST):$(PORT)
run: $(VENV)/.installed translations
	$(FLASK) db upgrade
	$(FLASK) demo --if-empty
	$(FLASK) users ensure-admin
	@echo "Serving on http://$(HOST):$(PORT)/  (Ctrl+C stops), the outbox sender beside it, prints rendered in a thread of the server"
	@$(FLASK) outbox send --loop & sender=$$!; \
	trap 'kill $$sender 2>/dev/null; wait $$sender' EXIT INT TERM; \
	$(FLASK) run --host $(HOST) --port $(PORT)

# Production: gunicorn (gunicorn.conf.py: VISITS_BIND, default 127.0.0.1:8000, 4 workers,
# JSON log lines) on the database of DATABASE_URL, after the migrations; the outbox sender
# and the print worker run beside it (VISITS_OUTBOX_SENDER=off, VISITS_PRINT_WORKER=off leave
# them out). Dependencies: those pinned with
# their hashes in requirements.lock.
serve: $(VENV)/.installed-locked translations
	$(FLASK) db upgrade
	$(BIN)/gunicorn --config gunicorn.conf.py wsgi:app

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Chromium from the Debian packages for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Everything CI checks: lint (style, format, types), then every test on SQLite and
# PostgreSQL in two processes. The fast tier while working: see the README.
test: lint translations chromium
	$(BIN)/pytest -n 2

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/run.py

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# After changing user-facing strings: extract, update the catalogs, then translate.
extract: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_pgettext:1c,2 -o visits/translations/messages.pot --no-location --sort-output -w 100 .
	$(BIN)/pybabel update -i visits/translations/messages.pot -d visits/translations --no-fuzzy-matching -w 100

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
