# One target per intent. Every target installs what it needs first, from the hashed lock file.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# The suite runs on every core (pytest-xdist); a test file stays on one worker, so its module fixtures are made once.
PYTEST_WORKERS ?= auto
PYTEST := $(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile

.PHONY: setup browser serve site site-pdf verify check records lint test test-later lighthouse clean

$(STAMP): requirements.lock pyproject.toml package-lock.json $(wildcard web/*.js) $(wildcard generator/assets/*/*)
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	npm ci --no-audit --no-fund
	npm run build
	touch $(STAMP)

setup: $(STAMP)          ## create .venv and install the locked dependencies

browser:                 ## Debian's Chromium (Playwright cannot download its own here) and poppler's pdfinfo/pdftotext for the print tests
	@packages="$$([ -x "$${CHROMIUM_PATH:-/usr/bin/chromium}" ] || echo chromium) $$(command -v pdftotext >/dev/null || echo poppler-utils)"; \
	if [ -n "$$(echo $$packages)" ]; then $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$packages; fi

serve: setup             ## build and serve the site at http://127.0.0.1:8000, rebuilding on content edits
	$(PY) -m generator serve

site: setup              ## build the site into site/ with its offline copy (atomically; a failed build keeps the old site)
	$(PY) -m generator build --strict --with-offline

site-pdf: setup browser  ## build the site with every checklist printed to PDF (what the deploy workflow publishes)
	$(PY) -m generator build --strict --with-pdf --with-offline

verify: site             ## read the built site back: every figure must sit in a claim marker that matches the ledger
	$(PY) -m generator verify

check: setup             ## validate the content and print every problem as path:line:col
	$(PY) -m generator check --strict

records: setup           ## regenerate generator/records.py and schemas/export.schema.json after editing a kind's schema
	$(PY) -m generator records --write

lint: setup              ## ruff over all Python code, mypy (strict) over the generator package
	$(VENV)/bin/ruff check generator tests benchmarks
	$(VENV)/bin/mypy generator

test: setup browser lint ## lint, then the whole test suite, browser tests included, then again half a year from now
	$(PYTEST)
	$(MAKE) --no-print-directory test-later

# No test may depend on the real day or the machine's locale: the suite again with every Python
# process's clock moved half a year ahead (time-machine, through tests/clock/sitecustomize.py) and
# the plain C locale. Chromium's clock cannot be moved that way, so the browser tests stay out.
test-later: setup        ## run the suite (browser tests aside) with the clock moved 183 days ahead, in the C locale
	LC_ALL=C LANG=C MFP_CLOCK_AHEAD_DAYS=183 PYTHONPATH=$(CURDIR)/tests/clock \
	  $(PYTEST) -W ignore::pytest.PytestAssertRewriteWarning -q --ignore=tests/browser

lighthouse: setup browser ## Lighthouse on every page type, phone and desktop, against the site's thresholds (tests/lighthouse.py)
	$(PY) -m tests.lighthouse

clean:
	rm -rf site $(VENV)
