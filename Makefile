# The two commands: `make run` (install, migrate, demo data, serve) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed
export DEBUG ?= 1

.PHONY: install run test generate check lint migrate demo clean

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

test: install
	SECRET_KEY=$${SECRET_KEY:-test-only-not-a-secret} $(PY) -m pytest

generate: install
	$(PY) -m codegen generate
	$(PY) manage.py makemigrations timba

check: install
	$(PY) -m codegen check
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m ruff check .

lint: install
	$(PY) -m ruff check .

# mysqlclient (the production driver) compiles against libmysqlclient: Debian's headers are
# installed when pkg-config can't find them (CI and bench machines run as root).
install-mysql: install
	@$(PY) -c "import MySQLdb" 2>/dev/null || { \
	  pkg-config --exists mysqlclient 2>/dev/null || pkg-config --exists libmariadb 2>/dev/null || { \
	    export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && \
	    apt-get install -y -qq default-libmysqlclient-dev pkg-config build-essential >/dev/null; }; \
	  $(PY) -m pip install --quiet -e ".[mysql,dev]"; }

clean:
	rm -rf $(VENV) var .pytest_cache

# `make bench-api`: the generated API against a raw Django view and a DRF ModelViewSet, on the
# local MariaDB (root, no password, 127.0.0.1:3306; database timba_bench), gunicorn 2 workers,
# wrk on loopback. Bounded: ~5 minutes, killed after 10. BENCH_DURATION=s per row (default 10).
.PHONY: bench-api bench-ab install-mysql
bench-api: install-mysql
	$(PY) -m pip install --quiet -r bench/requirements.txt
	command -v wrk >/dev/null || apt-get install -y wrk || sudo apt-get install -y wrk
	timeout 600 $(PY) bench/run.py

# `make bench-ab OTHER=/tmp/before`: this checkout against another (e.g. `git worktree add
# /tmp/before <commit>`), create and bulk upsert alternating between the two; run bench-api once first.
bench-ab: install-mysql
	@test -n "$(OTHER)" || { echo "usage: make bench-ab OTHER=<another checkout>"; exit 2; }
	timeout 600 $(PY) bench/ab.py $(OTHER)
