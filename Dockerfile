# syntax=docker/dockerfile:1
# timba's image: gunicorn behind deploy/entrypoint.sh (waits for the database, migrates, collects
# static files, execs gunicorn). Two stages: `builder` compiles mysqlclient into a virtualenv,
# the final stage copies that virtualenv and the source, with only the MariaDB client's shared
# library beside it: no compiler, no headers, no pip cache. Runs as the non-root user `timba`.
#   docker build -t timba .        docker compose up (docker-compose.yml)
ARG PYTHON_IMAGE=python:3.11-slim

FROM ${PYTHON_IMAGE} AS builder
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential default-libmysqlclient-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
# The dependencies alone (pyproject.toml's, plus the mysql extra), so this layer is rebuilt only
# when they change, not on every source edit.
COPY pyproject.toml ./
RUN python -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; print('\n'.join(p['dependencies'] + p['optional-dependencies']['mysql']))" > requirements.txt \
    && pip install --no-cache-dir -r requirements.txt \
    && find /opt/venv -name '__pycache__' -prune -exec rm -rf {} +

FROM ${PYTHON_IMAGE} AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    PYTHON=/opt/venv/bin/python \
    TIMBA_ENV=production \
    HOST=0.0.0.0 \
    PORT=8000
# libmariadb3: the shared library mysqlclient links against (default-libmysqlclient-dev's runtime).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libmariadb3 \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 timba \
    && useradd --system --uid 10001 --gid timba --home-dir /app --no-create-home --shell /usr/sbin/nologin timba
COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
# The source stays root's (read-only to the app); only var/ (SQLite, collected static files) is the app's.
COPY . .
RUN mkdir -p /app/var/static && chown -R timba:timba /app/var
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('PORT', '8000') + '/healthz', timeout=4)"]
ENTRYPOINT ["/app/deploy/entrypoint.sh"]
