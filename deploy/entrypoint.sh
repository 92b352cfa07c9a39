#!/bin/sh
# The server's entrypoint, the same in the container and outside it (`make serve`):
# wait for the database, migrate, collect static files, then exec gunicorn (PID 1 in the
# container, so SIGTERM reaches gunicorn's master and in-flight requests finish).
#
# Environment: everything timba/settings.py and deploy/gunicorn.conf.py read, plus
#   PYTHON            the interpreter, default `python` on PATH (`make serve`: .venv/bin/python)
#   DB_WAIT_TIMEOUT   seconds to wait for the database, default 60
#   RUN_MIGRATIONS    1 (default) to run `migrate`; 0 on extra replicas, where another one migrates
#   RUN_COLLECTSTATIC 1 (default) to run `collectstatic`; 0 when the image already holds the files
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python}

"$PYTHON" manage.py wait_for_db --timeout "${DB_WAIT_TIMEOUT:-60}"
if [ "${RUN_MIGRATIONS:-1}" = 1 ]; then
  "$PYTHON" manage.py migrate --noinput
fi
if [ "${RUN_COLLECTSTATIC:-1}" = 1 ]; then
  "$PYTHON" manage.py collectstatic --noinput --verbosity 0
fi
exec "$PYTHON" -m gunicorn -c deploy/gunicorn.conf.py timba.wsgi
