# Two commands on a fresh clone:
#   make demo   set up .venv from the lock file and ingest the shipped samples into sample.db
#   make test   set up .venv and run lint + the default test suite (what CI runs)
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
GOLD ?= ../shared/data

.PHONY: setup demo serve test test-all lint bench bench-resolve bench-serve screenshot eval-extraction eval-events \
	eval-events-cv eval-clusters lock clean

GAZETTEER := src/eventwire/geo/data/gazetteer.sqlite

VENDOR := src/eventwire/server/static/vendor/.installed

setup: $(VENV)/.installed $(GAZETTEER) $(VENDOR)

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@

# Built from GeoNames data in installed packages (offline, about 25 s); not kept in git.
$(GAZETTEER): $(VENV)/.installed src/eventwire/geo/data/ucdp_places.tsv src/eventwire/geo/data/regions.tsv \
	  src/eventwire/geo/build.py src/eventwire/geo/schema.py src/eventwire/geo/keys.py
	$(BIN)/eventwire gazetteer build --force --out $@

# The dashboard's browser libraries (Leaflet, markercluster, topojson, Natural Earth borders) from npm.
$(VENDOR): dashboard/package-lock.json dashboard/vendor.sh
	bash dashboard/vendor.sh
	touch $@

demo: setup
	rm -f sample.db sample.db-wal sample.db-shm
	$(BIN)/eventwire --db sample.db ingest samples/
	$(BIN)/eventwire --db sample.db stats
	$(BIN)/eventwire --db sample.db events --limit 10
	$(BIN)/eventwire --db sample.db events --merged --limit 10
	$(BIN)/eventwire --db sample.db stories --limit 5
	@echo "Next: make serve (dashboard and API on http://127.0.0.1:8000/)"

serve: setup
	test -f sample.db || $(MAKE) demo
	$(BIN)/eventwire --db sample.db serve

# System packages the tests use, from Debian, installed where missing: PostgreSQL's server (the store's
# PostgreSQL tests start a throwaway one) and chromium (dashboard tests). apt runs only as root and only
# for what is missing; `apt-get update` only if the install fails without it.
.PHONY: sysdeps
sysdeps:
	@missing=""; \
	command -v /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then echo "sysdeps: missing$$missing (as root: apt-get install$$missing); their tests skip"; exit 0; fi; \
	echo "sysdeps: installing$$missing"; \
	export DEBIAN_FRONTEND=noninteractive; \
	apt-get install -y -q --no-install-recommends $$missing \
	  || { apt-get update -q && apt-get install -y -q --no-install-recommends $$missing; }

lint: setup
	$(BIN)/ruff check src tests benchmarks scripts

test: sysdeps lint
	$(BIN)/pytest -q

test-all: sysdeps lint
	$(BIN)/pytest -q -m ""

eval-extraction: setup
	$(BIN)/eventwire eval extraction --gold $(GOLD)/aeb-scrapinghub/dev \
	  --gold $(GOLD)/trafilatura-eval-en/dev --gold $(GOLD)/readability-testpages/dev

# Event coding on the blind set (in the repo) and the shared dev sets; then geoparsing on GeoVirus.
eval-events: setup
	$(BIN)/eventwire eval events --gold data/labels/blind.jsonl --gold data/labels/notes-ua-ru.jsonl \
	  --gold data/labels/notes-ua-ru-2.jsonl --gold data/labels/notes-ua-ru-3.jsonl \
	  --gold data/labels/notes-ua-ru-4.jsonl --gold data/labels/notes-ua-ru-5.jsonl \
	  --gold data/labels/notes-ua-ru-6.jsonl --gold data/labels/notes-ua-ru-7.jsonl \
	  --gold data/labels/notes-ua-ru-8.jsonl --gold data/labels/notes-ua-ru-9.jsonl \
	  --gold data/labels/notes-ua-ru-10.jsonl --gold data/labels/notes-ua-ru-11.jsonl \
	  --gold data/labels/notes-ua-ru-12.jsonl --gold data/labels/notes-ua-ru-13.jsonl \
	  --gold data/labels/notes-ua-ru-14.jsonl --gold data/labels/notes-ua-ru-15.jsonl \
	  --gold data/labels/notes-ua-ru-16.jsonl --gold data/labels/notes-ua-ru-17.jsonl \
	  --gold data/labels/notes-ua-ru-18.jsonl --gold data/labels/notes-ua-ru-19.jsonl \
	  --gold data/labels/notes-ua-ru-20.jsonl --gold data/labels/notes-ua-ru-21.jsonl \
	  --gold data/labels/notes-ua-ru-22.jsonl --gold data/labels/notes-ua-ru-23.jsonl \
	  --gold data/labels/notes-ua-ru-24.jsonl --gold data/labels/notes-ua-ru-25.jsonl \
	  --gold data/labels/notes-ua-ru-26.jsonl \
	  --gold data/labels/plover-blind.jsonl --gold data/labels/plover-blind-2.jsonl \
	  --gold data/labels/plover-blind-3.jsonl --gold data/labels/plover-blind-4.jsonl \
	  --gold data/labels/plover-blind-5.jsonl --gold data/labels/plover-blind-6.jsonl \
	  --gold data/labels/plover-blind-7.jsonl \
	  --gold $(GOLD)/acled-labels-ucdp/dev.jsonl \
	  --gold $(GOLD)/plover-gsr/dev.jsonl
	$(BIN)/eventwire eval events --limit 600 --gold $(GOLD)/mm-africa/dev.jsonl --gold $(GOLD)/ucdp-ged-ukraine/dev.jsonl
	$(BIN)/eventwire eval places --gold $(GOLD)/geovirus/dev.jsonl

# The same typing sets cross-validated through the whole pipeline (about 7 minutes).
eval-events-cv: setup
	cd scripts && ../$(BIN)/python cv_events.py --shared ../$(GOLD)

# Copy families, document event groups and stories against gold clusters; mention merging on UCDP headline sets.
eval-clusters: setup
	$(BIN)/eventwire eval clusters --level stories --gold $(GOLD)/giveme5w1h-newscluster/dev.jsonl \
	  --gold $(GOLD)/ecbplus-clusters/dev.jsonl
	$(BIN)/eventwire eval clusters --level events --gold $(GOLD)/ecbplus-clusters/dev.jsonl
	$(BIN)/python scripts/make_copy_families.py --articles $(GOLD)/giveme5w1h-newscluster/dev.jsonl \
	  --articles $(GOLD)/wikinews-en/dev.jsonl --out out/copy-families.jsonl
	$(BIN)/eventwire eval clusters --level copies --gold out/copy-families.jsonl
	$(BIN)/python scripts/make_ucdp_resolution.py --ucdp $(GOLD)/ucdp-ged-ukraine/dev.jsonl \
	  --out out/ucdp-resolution.jsonl --limit 300
	$(BIN)/eventwire eval clusters --level mentions --gold out/ucdp-resolution.jsonl

# Resolution cost as the store grows (10k, 50k, 100k documents; about an hour on 2 cores).
bench-resolve: setup
	$(BIN)/python benchmarks/resolve_bench.py --texts $(GOLD)/wikinews-en/dev.jsonl

# 200 clients for 60 s on /api/events over 50,000 events, server and clients on loopback.
bench-serve: setup
	$(BIN)/python benchmarks/serve_bench.py --samples samples --events 50000 --clients 200 --seconds 60
	$(BIN)/python benchmarks/dashboard_bench.py --db out/serve-bench.db

# The README's dashboard picture, from the shipped samples.
screenshot: setup
	test -f sample.db || $(MAKE) demo
	$(BIN)/python scripts/screenshot_dashboard.py --db sample.db --out docs/dashboard.png --q belgorod

bench: setup
	$(BIN)/python benchmarks/ingest_bench.py --pages $(GOLD)/aeb-scrapinghub/dev --pages $(GOLD)/trafilatura-eval-en/dev

# Regenerate the lock file from pyproject.toml in a throwaway venv.
lock:
	rm -rf .lockenv && $(PYTHON) -m venv .lockenv
	.lockenv/bin/pip install -q --upgrade pip && .lockenv/bin/pip install -q -e '.[dev,build]'
	.lockenv/bin/pip freeze --exclude-editable | grep -v '^-e' > requirements.lock
	rm -rf .lockenv

clean:
	rm -rf $(VENV) sample.db sample.db-wal sample.db-shm
