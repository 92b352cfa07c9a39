"""The probes a process manager or load balancer calls; neither needs authentication, neither
is rate limited (they are plain Django views, outside the NinjaAPI and its throttles).

- `GET /healthz` (liveness): the process answers. 200 `{"status": "ok"}`; touches nothing else,
  so a database outage never makes an orchestrator restart healthy app servers.
- `GET /readyz` (readiness): the database answers and has no unapplied migration, and, when
  they are configured, the cache (a shared one: Redis, memcached...) and the Celery broker
  (CELERY_BROKER_URL) answer. 200 `{"status": "ready", "checks": {...}}`, else 503
  problem+json with `Retry-After` and the same `checks`, each "ok", "skipped" or what failed.

`ProbeMiddleware` answers both paths before any other middleware (right after the request id),
so neither is redirected to HTTPS nor refused for its Host header: a container's HEALTHCHECK
calls http://127.0.0.1:8000/healthz, which ALLOWED_HOSTS need not list.
"""

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse

from timba.runtime.problems import problem_response

RETRY_AFTER_SECONDS = 5
BROKER_TIMEOUT_SECONDS = 3
LOCAL_CACHES = ("django.core.cache.backends.locmem.", "django.core.cache.backends.dummy.")
PROBE_KEY = "timba:readyz"
NO_STORE = {"Cache-Control": "no-store"}


def healthz(request):
    return JsonResponse({"status": "ok"}, headers=NO_STORE)


def _reason(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}".strip().rstrip(":")[:300]


def check_database(alias: str = DEFAULT_DB_ALIAS) -> str:
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def check_migrations(alias: str = DEFAULT_DB_ALIAS) -> str:
    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _ in plan[:5])
        more = f" and {len(plan) - 5} more" if len(plan) > 5 else ""
        return f"{len(plan)} unapplied: {names}{more}"
    return "ok"


def check_cache() -> str:
    if settings.CACHES["default"]["BACKEND"].startswith(LOCAL_CACHES):
        return "skipped"  # this process's own memory: nothing to reach
    cache = caches["default"]
    cache.set(PROBE_KEY, "1", timeout=30)
    return "ok" if cache.get(PROBE_KEY) == "1" else "the cache did not return the value just stored"


def check_broker() -> str:
    url = getattr(settings, "CELERY_BROKER_URL", "")
    if not url:
        return "skipped"
    from kombu import Connection  # celery's transport library, only needed with a broker

    with Connection(url, connect_timeout=BROKER_TIMEOUT_SECONDS) as connection:
        connection.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT_SECONDS)
    return "ok"


CHECKS = {"database": check_database, "migrations": check_migrations, "cache": check_cache, "broker": check_broker}


def readyz(request):
    results = {}
    for name, check in CHECKS.items():
        if name == "migrations" and results.get("database") != "ok":
            results[name] = "skipped"  # nothing to read them from
            continue
        try:
            results[name] = check()
        except Exception as exc:  # every failure is an answer here, never a 500
            results[name] = _reason(exc)
    failed = {name: result for name, result in results.items() if result not in ("ok", "skipped")}
    if failed:
        detail = "Not ready: " + "; ".join(f"{name}: {result}" for name, result in failed.items())
        headers = {"Retry-After": str(RETRY_AFTER_SECONDS), **NO_STORE}
        return problem_response(503, detail, headers=headers, extra={"checks": results})
    return JsonResponse({"status": "ready", "checks": results}, headers=NO_STORE)


PROBES = {"/healthz": healthz, "/readyz": readyz}


class ProbeMiddleware:
    """Answers GET/HEAD /healthz and /readyz before host validation and the HTTPS redirect."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = PROBES.get(request.path_info)
        if view is not None and request.method in ("GET", "HEAD"):
            return view(request)
        return self.get_response(request)
