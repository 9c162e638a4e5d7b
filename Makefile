# Kua: `make run` starts a development server, `make test` runs every check (CI runs it with CI=true).
# Stamp files keep a second run quick: nothing is reinstalled or rebuilt unless its inputs changed.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEV_ENV_FILE := var/kua.dev.env
# What the reporter app's build pins (root keys, recipient list, neutral name); see docs/reporter-app.md.
export KUA_DEPLOYMENT_FILE ?= $(CURDIR)/var/dev-keys/deployment.json
HOST := 127.0.0.1
PORT := 8000
FRONTEND_SOURCES := $(shell find frontend -path frontend/node_modules -prune -o -path frontend/dist -prune -o -type f -print)

.PHONY: help run test bench chaos venv frontend lint audit chromium webkit test-deps check check-python check-frontend lint-python

help:
	@echo "make run       development server on http://$(HOST):$(PORT) (development keys, never real reports)"
	@echo "make check     the inner loop (about 2 min): lint, frontend typecheck and vitest, the quick Python tests"
	@echo "make test      every check: ruff, mypy, import-linter, frontend typecheck/tests/build, pytest"
	@echo "make venv      $(VENV) with Kua installed (editable)"
	@echo "make frontend  build the reporter app into frontend/dist"
	@echo "make api-types regenerate the frontend's API types from the server's OpenAPI document"
	@echo "make report-format regenerate the report format v2's types and validator from its JSON Schema"
	@echo "make lint      ruff, mypy, import-linter, bandit, and the frontend's eslint and prettier"
	@echo "make audit     pip-audit and npm audit (needs their advisory services: docs/security-checks.md)"
	@echo "make bench     benchmarks (ratios to same-run baselines), rewrites docs/performance.md"
	@echo "make chaos     500 reports and 50 photos through a faulty network, 5 kill -9; rewrites docs/reliability.md"
	@echo "make hostile   honest phones send reports under four attacks at once; rewrites docs/reliability.md"

$(BIN)/python:
	@echo "==> Creating $(VENV) with $(PYTHON)"
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@echo "==> Installing Kua into $(VENV)"
	$(BIN)/pip install --quiet --upgrade pip setuptools
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	@echo "==> Installing Kua and its test tools into $(VENV)"
	$(BIN)/pip install --quiet --upgrade pip setuptools
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

venv: $(VENV)/.installed

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	@echo "==> Installing the frontend's packages (npm ci)"
	cd frontend && npm ci --no-audit --no-fund
	touch $@

$(KUA_DEPLOYMENT_FILE): | $(VENV)/.installed
	@echo "==> Development keys and deployment file (kua dev-setup)"
	KUA_ENV=development $(BIN)/kua dev-setup

frontend/dist/index.html: frontend/node_modules/.installed $(FRONTEND_SOURCES) $(KUA_DEPLOYMENT_FILE)
	@echo "==> Building the reporter app (frontend/dist)"
	cd frontend && npm run build
	touch $@

frontend: frontend/dist/index.html

# The links `kua` prints (invitations, recoveries) point at this server: dev-setup also writes the address
# into $(DEV_ENV_FILE), for the commands a developer runs afterwards.
run: export KUA_PUBLIC_BASE_URL = http://$(HOST):$(PORT)
run: venv frontend
	@echo "==> Development keys and settings (kua dev-setup)"
	KUA_ENV=development $(BIN)/kua dev-setup
	@echo "==> Database schema (kua db upgrade)"
	KUA_ENV_FILE=$(DEV_ENV_FILE) $(BIN)/kua db upgrade
	@echo "==> Publishing the development recipient list (kua recipients publish)"
	KUA_ENV_FILE=$(DEV_ENV_FILE) $(BIN)/kua recipients publish var/dev-keys/recipient-list.json
	@echo "==> Starting the server. Open $(KUA_PUBLIC_BASE_URL)"
	KUA_ENV_FILE=$(DEV_ENV_FILE) $(BIN)/kua serve --host $(HOST) --port $(PORT)

# Debian's Chromium for the browser tests (never `playwright install`, which downloads its own).
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "==> Installing Debian's chromium"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "==> /usr/bin/chromium is missing and this is not root: browser tests will skip (fail with CI=true)"; \
	  fi; \
	fi

# Debian's WebKitGTK for tests/webkit (the engine of iPhone browsers): WebKitWebDriver and MiniBrowser, a virtual
# display, and PyGObject's WebKit2 for the on-disk phone (tests/webkit/phone_browser.py, which `--version` checks).
WEBKIT_PACKAGES := webkit2gtk-driver xvfb python3-gi gir1.2-webkit2-4.1
webkit:
	@if [ ! -x /usr/bin/WebKitWebDriver ] || [ ! -x /usr/bin/Xvfb ] || ! tests/webkit/phone_browser.py --version >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "==> Installing Debian's WebKitGTK driver, Xvfb and PyGObject's WebKit2"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(WEBKIT_PACKAGES) >/dev/null; \
	  else \
	    echo "==> $(WEBKIT_PACKAGES): missing and this is not root: WebKit tests will skip (fail with CI=true)"; \
	  fi; \
	fi

test-deps: $(VENV)/.installed-test frontend/node_modules/.installed chromium webkit

# The API types the console and the phone use, generated from the server's OpenAPI document
# (scripts/openapi_schema.py, then openapi-typescript); tests/packaging/test_api_types.py checks them.
.PHONY: api-types
api-types: $(VENV)/.installed frontend/node_modules/.installed
	@echo "==> API types from the server's OpenAPI document (frontend/src/shared/api/schema.gen.ts)"
	schema="$$(mktemp --suffix=.json)" && trap 'rm -f "$$schema"' EXIT && \
	  $(BIN)/python scripts/openapi_schema.py > "$$schema" && \
	  (cd frontend && npx openapi-typescript "$$schema" --output src/shared/api/schema.gen.ts)

# The report format v2's TypeScript types and Ajv standalone validator, from its JSON Schema
# (frontend/scripts/report-schema.mjs); frontend/src/shared/report/v2.test.ts checks them.
.PHONY: report-format
report-format: frontend/node_modules/.installed
	cd frontend && node scripts/report-schema.mjs

# The frontend's linter (with its three rooms, docs/architecture.md) and formatter.
.PHONY: lint-frontend
lint-frontend: frontend/node_modules/.installed
	@echo "==> eslint and prettier (frontend)"
	cd frontend && npm run lint

lint: lint-python lint-frontend

lint-python: $(VENV)/.installed-test
	@echo "==> ruff"
	$(BIN)/ruff check .
	@echo "==> mypy"
	$(BIN)/mypy
	@echo "==> import-linter"
	$(BIN)/lint-imports
	@echo "==> bandit"
	$(BIN)/bandit -q -c pyproject.toml -r backend/kua

# Says loudly when the advisory services cannot be reached (as here) instead of passing; see docs/security-checks.md.
audit: $(VENV)/.installed-test frontend/node_modules/.installed
	@echo "==> pip-audit and npm audit"
	$(BIN)/python scripts/audit.py

test: test-deps lint audit
	@echo "==> Frontend typecheck"
	cd frontend && npm run typecheck
	@echo "==> Frontend tests (vitest)"
	cd frontend && npm test
	@echo "==> Frontend build"
	$(MAKE) --no-print-directory frontend
	@echo "==> pytest"
	$(BIN)/pytest

# The inner loop: `make test` less what needs Chromium, WebKit, PostgreSQL, SeaweedFS or an advisory service, and
# less the tests marked slow (pyproject.toml). Never installs Chromium or WebKit. Two lanes share the two cores (Python:
# lint, frontend build, pytest; frontend: eslint and prettier, typecheck, vitest); each prints its output when it ends.
CHECK_TESTS := not postgres and not browser and not webkit and not s3 and not slow

check: $(VENV)/.installed-test frontend/node_modules/.installed
	@echo "==> Python (lint, pytest) and frontend (typecheck, vitest) side by side; each prints when it ends"
	$(MAKE) --no-print-directory -j2 --output-sync=target check-python check-frontend

check-python: lint-python frontend
	@echo "==> pytest -m '$(CHECK_TESTS)'"
	$(BIN)/pytest -m "$(CHECK_TESTS)"

check-frontend: lint-frontend
	@echo "==> Frontend typecheck"
	cd frontend && npm run typecheck
	@echo "==> Frontend tests (vitest)"
	cd frontend && npm test

bench: $(VENV)/.installed-test
	@echo "==> Crypto benchmark"
	$(BIN)/python -m bench.bench_crypto --write-docs
	@echo "==> Opening an export bundle (peak memory of kua export open)"
	$(BIN)/python -m bench.bench_export --write-docs
	@command -v wrk >/dev/null || { echo "==> Installing Debian's wrk"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	@echo "==> Report ingest benchmark"
	$(BIN)/python -m bench.bench_intake --write-docs
	@echo "==> Attachment upload benchmark"
	$(BIN)/python -m bench.bench_uploads --write-docs
	@echo "==> Reporter app benchmark (weight, Lighthouse, sealing a photo)"
	$(MAKE) --no-print-directory frontend chromium
	$(BIN)/python -m bench.bench_reporter_app --write-docs
	@echo "==> Review console benchmark (1,000 reports decrypted in the browser)"
	$(BIN)/python -m bench.bench_console --write-docs
	@echo "==> Media benchmark (voice bytes per minute, sealing voice and photos)"
	$(BIN)/python -m bench.bench_media --write-docs
	@echo "==> Phone benchmark (3G and 2G through a throttling proxy, 6x CPU, 1 and 20 reviewers)"
	$(BIN)/python -m bench.bench_phone --write-docs
	@echo "==> Every goal in one table (top of docs/performance.md)"
	$(BIN)/python -m bench.summary --write-docs

# The full chaos run on SQLite, then PostgreSQL on 127.0.0.1:5432 (or KUA_TEST_POSTGRES_URL; skipped
# if none answers). `make test` runs a small size (tests/chaos/test_chaos.py).
chaos: $(VENV)/.installed-test
	@echo "==> Chaos: 500 reports, 50 photos of 1-10 MB, 5 kill -9, through a faulty network"
	$(BIN)/python -m tests.chaos.run --reports 500 --photos 50 --photo-mb 1 10 --kills 5 --database both --write-docs

# The hostile scenario: 40 honest phones send 10 reports each through a real `kua serve` while attackers flood
# upload creations, hold slow bodies, send junk reports and try sign-ins; writes the figures into
# docs/reliability.md. `make test` runs a small size (tests/hostile/test_scenario.py).
.PHONY: hostile
hostile: $(VENV)/.installed-test
	@echo "==> Hostile scenario: 40 phones x 10 reports under four attacks at once (about a minute)"
	$(BIN)/python -m tests.hostile.scenario --write-docs
