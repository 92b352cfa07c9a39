"""gunicorn settings: `gunicorn -c deploy/gunicorn.conf.py timba.wsgi` (deploy/entrypoint.sh runs it).

Worker class: **gthread** (threads in a few processes), not sync and not an async class.
- Django is synchronous and opens one database connection per thread; gthread keeps that model
  (no monkey-patching as gevent/eventlet need, which mysqlclient, a C driver, does not survive).
- A sync worker is killed when one request runs past `timeout`: that is what cut a 20,000-row
  admin import at 30 s. A gthread worker's heartbeat comes from its main loop, so a long request
  (an upload, an import) keeps its worker alive, while a worker that is truly stuck is still
  killed and replaced by the master.
- Threads also keep idle keep-alive connections from tying up a whole process.
- The cost: up to WEB_CONCURRENCY x GUNICORN_THREADS database connections per server (persistent
  for CONN_MAX_AGE seconds, checked by CONN_HEALTH_CHECKS): size MySQL's max_connections for it.
The app is not preloaded: each worker imports Django and opens its own connections after the
fork, so a worker's crash (or a SIGKILL) never involves the master, which holds no connection.

Environment (all optional):
  PORT                      port to bind, default 8000
  HOST                      address to bind, default 0.0.0.0 (`make serve` uses 127.0.0.1)
  WEB_CONCURRENCY           worker processes, default 2 x CPUs + 1 (CPUs the container may use)
  GUNICORN_THREADS          threads per worker, default 4
  GUNICORN_TIMEOUT          seconds a worker may stay silent before the master kills it, default 120
  GUNICORN_GRACEFUL_TIMEOUT seconds in-flight requests get to finish on SIGTERM/restart, default 120
                            (docker-compose.yml's stop_grace_period is longer)
  GUNICORN_KEEPALIVE        seconds a keep-alive connection waits, default 5
  GUNICORN_MAX_REQUESTS     requests before a worker is recycled, default 1000 (0: never)
  GUNICORN_MAX_REQUESTS_JITTER  random extra requests, so workers do not restart together, default 100
  FORWARDED_ALLOW_IPS       proxies whose X-Forwarded-* gunicorn believes, default 127.0.0.1,::1
  LOG_LEVEL                 gunicorn's error log level, default info
  GUNICORN_CONTROL_SOCKET   path of gunicorn's control socket; unset: none (several servers on one
                            machine would otherwise share $HOME/.gunicorn/gunicorn.ctl)
Logs: one JSON object per line (timba.runtime.logs.JsonFormatter): the access log on stdout
(method, path, status, bytes, duration_ms, request_id, ...), everything else on stderr.
"""

import math
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the master imports timba.runtime.logs for its log formatter


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def usable_cpus() -> int:
    """CPUs this process may use: its affinity mask, bounded by a cgroup v2 CPU quota (a
    container's `cpus:`), which os.cpu_count() ignores."""
    count = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        if quota != "max":
            count = min(count, max(1, math.ceil(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return max(1, count)


bind = f"{os.environ.get('HOST', '0.0.0.0')}:{_int('PORT', 8000)}"
workers = _int("WEB_CONCURRENCY", 2 * usable_cpus() + 1)
worker_class = "gthread"
threads = _int("GUNICORN_THREADS", 4)
timeout = _int("GUNICORN_TIMEOUT", 120)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 120)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)
preload_app = False
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# The heartbeat file on tmpfs: on a container's overlay filesystem it can block a worker.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET")
if not control_socket_disable:
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]

loglevel = os.environ.get("LOG_LEVEL", "info").lower()
accesslog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "timba.runtime.logs.JsonFormatter"}},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"},
        "stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
    },
    "root": {"level": "INFO", "handlers": ["stderr"]},
    "loggers": {
        "gunicorn.error": {"level": loglevel.upper(), "handlers": ["stderr"], "propagate": False, "qualname": "gunicorn.error"},
        "gunicorn.access": {"level": "INFO", "handlers": ["stdout"], "propagate": False, "qualname": "gunicorn.access"},
    },
}
