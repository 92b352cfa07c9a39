# The two commands: `make run` (install, migrate, demo data, serve) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed
export DEBUG ?= 1

.PHONY: install run serve test generate check lint lint-deploy migrate demo clean install-browser test-browser

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo

run: demo
	@echo "Serving on http://127.0.0.1:$(PORT)/  (admin: /admin/, API docs: /api/v1/docs)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# `make serve`: the production entrypoint (wait for the database, migrate, collectstatic,
# gunicorn with deploy/gunicorn.conf.py) on this machine, SQLite by default, DEBUG off; HOST and
# PORT choose the address. No demo data (`make demo` adds it).
serve: install
	DEBUG=$${SERVE_DEBUG:-0} SECRET_KEY=$${SECRET_KEY:-serve-local-only-not-a-secret} HOST=$${HOST:-127.0.0.1} \
	  PORT=$(PORT) PYTHON=$(abspath $(PY)) deploy/entrypoint.sh

test: install
	SECRET_KEY=$${SECRET_KEY:-test-only-not-a-secret} $(PY) -m pytest

# `make test-resilience`: tests/resilience alone (also part of `make test` where they can run):
# their own MariaDB servers on spare ports (never the shared one), gunicorn with
# deploy/gunicorn.conf.py under load; worker kill, database restart, SIGTERM, read replica.
# Bounded (~1 minute here); skipped, with the reason, without mariadbd. Figures: var/resilience/figures.json.
test-resilience: install-mysql
	SECRET_KEY=$${SECRET_KEY:-test-only-not-a-secret} timeout 900 $(PY) -m pytest -p no:cacheprovider -rs -s tests/resilience

generate: install
	$(PY) -m codegen generate
	$(PY) manage.py makemigrations timba

check: install
	$(PY) -m codegen check
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m ruff check .

lint: install
	$(PY) -m ruff check .

# The deployment files: hadolint on the Dockerfile, docker-compose.yml against the Compose
# Specification's schema (check-jsonschema's builtin copy), and `check --deploy` under the
# production profile with a throwaway key: any warning fails.
lint-deploy: install
	$(VENV)/bin/hadolint --config .hadolint.yaml Dockerfile
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.compose-spec docker-compose.yml
	DEBUG=0 TIMBA_ENV=production ALLOWED_HOSTS=timba.example.com \
	  SECRET_KEY=lint-deploy-only-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	  $(PY) manage.py check --deploy --fail-level WARNING

# mysqlclient (the production driver) compiles against libmysqlclient: Debian's headers are
# installed when pkg-config can't find them (CI and bench machines run as root).
install-mysql: install
	@$(PY) -c "import MySQLdb" 2>/dev/null || { \
	  pkg-config --exists mysqlclient 2>/dev/null || pkg-config --exists libmariadb 2>/dev/null || { \
	    export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && \
	    apt-get install -y -qq default-libmysqlclient-dev pkg-config build-essential >/dev/null; }; \
	  $(PY) -m pip install --quiet -e ".[mysql,dev]"; }

# `make install-browser`: Debian's Chromium for tests/browser (Playwright drives /usr/bin/chromium;
# `playwright install` downloads a browser build of its own, which this project never does). CI
# runs as root; elsewhere apt-get goes through sudo. `make test-browser` runs tests/browser alone.
install-browser:
	@test -x /usr/bin/chromium || { \
	  export DEBIAN_FRONTEND=noninteractive; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }
	@/usr/bin/chromium --version 2>/dev/null

test-browser: install install-browser
	SECRET_KEY=$${SECRET_KEY:-test-only-not-a-secret} timeout 600 $(PY) -m pytest -p no:cacheprovider -rs tests/browser

clean:
	rm -rf $(VENV) var .pytest_cache

# `make bench-api`: the generated API against a raw Django view and a DRF ModelViewSet, on the
# local MariaDB (root, no password, 127.0.0.1:3306; database timba_bench), gunicorn 2 workers,
# wrk on loopback. Bounded: ~5 minutes, killed after 10. BENCH_DURATION=s per row (default 10).
.PHONY: bench-api bench-ab install-mysql test-resilience
bench-api: install-mysql
	$(PY) -m pip install --quiet -r bench/requirements.txt
	command -v wrk >/dev/null || apt-get install -y wrk || sudo apt-get install -y wrk
	timeout 600 $(PY) bench/run.py

# `make bench-ab OTHER=/tmp/before`: this checkout against another (e.g. `git worktree add
# /tmp/before <commit>`), create and bulk upsert alternating between the two; run bench-api once first.
bench-ab: install-mysql
	@test -n "$(OTHER)" || { echo "usage: make bench-ab OTHER=<another checkout>"; exit 2; }
	timeout 600 $(PY) bench/ab.py $(OTHER)

# `make bench-export`: the streamed CSV/XLSX export against django-import-export's export of the
# same queryset, in one run (rows/s, ratio, peak Python memory). A throwaway SQLite database by
# default; BENCH_DATABASE_URL=mysql://root:@127.0.0.1:3306/timba_bench_export for MariaDB (after
# `make install-mysql`), BENCH_EXPORT_ROWS to change the 50,000 logs.
.PHONY: bench-export
bench-export: install
	timeout 900 $(PY) bench/export.py

# `make bench-import`: the import engine (previewed: stage + confirm, full validation; the same
# rows as XLSX; one pass without a preview, as the CLI imports) against django-import-export's
# default configuration (generated and stock resources), its bulk mode (use_bulk, skip_diff,
# batch 2000), a plain bulk_create and MySQL's LOAD DATA LOCAL INFILE of the same rows, on the local MariaDB
# (database timba_bench_import; BENCH_DATABASE_URL for another): rows/s, ratios, peak RSS per
# contender. BENCH_IMPORT_ROWS (default 20,000; the issue's 100000 and 1000000 for memory).
.PHONY: bench-import
bench-import: install-mysql
	timeout 3600 $(PY) bench/import_rows.py

# `make bench-admin`: the generated logs changelist against a stock django.contrib.admin.ModelAdmin
# of the same table (bench/admin_peer.py), in one run, on the local MariaDB (database
# timba_bench_admin; BENCH_DATABASE_URL for another): page 1, a deep page, a barcode search, a
# consignment filter and a sorted column, median ms, ratio and queries per page. BENCH_ADMIN_ROWS
# (default 1,000,000, seeded once in ~20 s), BENCH_ADMIN_REPEAT (default 5).
.PHONY: bench-admin
bench-admin: install-mysql
	timeout 1800 $(PY) bench/admin.py
