# Chakra Portal: `make run` sets everything up and serves the site;
# `make test` runs every check CI runs. `make help` lists the rest.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3
THREADS ?= 24
STAMP := $(VENV)/.installed
# `make test-postgres` runs on DATABASE_URL if set, else on this local server.
PG_URL ?= postgres://chakra:chakra@127.0.0.1:5432/chakra
# The address people open; the site's links (the API's html_url) name it.
BASE_URL ?= $(or $(WAGTAILADMIN_BASE_URL),http://$(HOST):$(PORT))
PROD := DJANGO_SETTINGS_MODULE=knowledge_portal.settings.production \
	WAGTAILADMIN_BASE_URL=$(BASE_URL)

.DEFAULT_GOAL := help
.PHONY: help install messages makemessages setup run dev admin backup restore test \
	test-postgres test-browser test-mutation lint format \
	check-migrations clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  make %-18s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-test.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -r requirements.txt -r requirements-test.txt
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the pinned dependencies

MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po locale_wagtail/*/LC_MESSAGES/django.po))

messages: $(MO_FILES) ## Compile locale/*.po (Babel: no gettext tools needed)

# Our own compile step leaves untranslated plural messages out (pybabel would
# fill them with the English msgid): they fall back to Spanish, marked.

# Only catalogs older than their .po are rewritten, so runs side by side
# (CI's SQLite and PostgreSQL suites) never read a half-written one.
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(STAMP) knowledge_portal/core/catalog_compile.py
	$(BIN)/python -m knowledge_portal.core.catalog_compile $< $@

locale_wagtail/%/LC_MESSAGES/django.mo: locale_wagtail/%/LC_MESSAGES/django.po $(STAMP) knowledge_portal/core/catalog_compile.py
	$(BIN)/python -m knowledge_portal.core.catalog_compile $< $@

makemessages: $(STAMP) ## Extract UI strings into locale/{es,qu,jiv}
	DJANGO_SETTINGS_MODULE=knowledge_portal.settings.dev \
		$(MANAGE) makemessages -l es -l qu -l jiv --no-location

# Entries edited on the site are kept (listed); `manage.py load_content
# --replace` puts the files' version back. The index is rebuilt only when it
# is not current. One process: each extra one costs seconds of start-up.
setup: messages ## Migrate, load content/ (keeping edits), collect static files, index if needed
	@echo "Setting up (the first run takes a few minutes; later runs seconds)."
	$(PROD) $(MANAGE) setup_site

run: setup ## Set up and serve the site on http://$(HOST):$(PORT) with gunicorn
	@echo "Serving on $(BASE_URL) (Ctrl+C stops it)."
	$(PROD) $(BIN)/gunicorn knowledge_portal.wsgi --bind $(HOST):$(PORT) \
		--workers $(WORKERS) --worker-class gthread --threads $(THREADS) \
		--access-logfile -

dev: setup ## Serve with Django's runserver and DEBUG on
	DJANGO_SETTINGS_MODULE=knowledge_portal.settings.dev $(MANAGE) runserver $(HOST):$(PORT)

admin: setup ## Create a superuser (every permission, every protected item); asks for a name and password
	@echo "Creating a superuser: it can do everything in the admin and sees every protected item."
	$(PROD) $(MANAGE) createsuperuser

backup: $(STAMP) ## Write a dated backup archive (content, media, consent records, database)
	DJANGO_SETTINGS_MODULE=knowledge_portal.settings.production $(MANAGE) backup_site

# FORCE=1 replaces a database that already holds a site.
restore: messages ## Rebuild the site from FILE=archive
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=path/to/chakra-backup-....tar.gz [FORCE=1]" >&2; exit 2; }
	DJANGO_SETTINGS_MODULE=knowledge_portal.settings.production \
		$(MANAGE) restore_site "$(FILE)" $(if $(filter 1 yes true,$(FORCE)),--force)
	DJANGO_SETTINGS_MODULE=knowledge_portal.settings.production $(MANAGE) collectstatic --noinput -v0

lint: $(STAMP) ## ruff, and lint-imports: every import points down the floors
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: $(STAMP) ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-migrations: messages
	DJANGO_SETTINGS_MODULE=knowledge_portal.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=knowledge_portal.settings.test $(MANAGE) makemigrations --check --dry-run

test: messages check-migrations lint ## Run every check and the whole test suite
	$(BIN)/pytest
	$(BIN)/pytest -c tests/search_backend/pytest.ini tests/search_backend

test-postgres: export DATABASE_URL ?= $(PG_URL)
test-postgres: messages check-migrations ## Run the suite on PostgreSQL (DATABASE_URL or a local server)
	$(BIN)/pytest
	$(BIN)/pytest -c tests/search_backend/pytest.ini tests/search_backend

test-browser: messages ## Browser tests in Debian's Chromium (screenshots in ci-logs/screenshots)
	$(BIN)/pytest -m browser tests/browser

test-mutation: messages ## Switch each protocol enforcement point off in turn: the leak search must find the canary
	$(BIN)/pytest -m mutation tests/protocols

clean: ## Remove the virtualenv, local data and collected static files
	rm -rf $(VENV) data static_collected
