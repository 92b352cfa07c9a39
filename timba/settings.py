"""Django settings, read from the environment (12-factor) with django-environ.

DATABASE_URL  default sqlite:///var/timba.sqlite3; mysql://user:pass@host:port/name for MySQL
SECRET_KEY    required unless DEBUG is on
DEBUG         default off
ALLOWED_HOSTS comma-separated, default localhost,127.0.0.1
API_TOKEN_LIFETIME_SECONDS  how long an API token lives, default 30 days
LOGIN_FAILURE_LIMIT  failed logins (per username and address) before a lockout, default 5
API_RATE_LIMIT_TOKEN    requests per bearer token, default 1200/min ("off" disables)
API_RATE_LIMIT_ADDRESS  unauthenticated requests per client address, default 300/min
TRUSTED_PROXY_COUNT     reverse proxies in front of the app whose X-Forwarded-For is believed, default 0
CACHE_URL / REDIS_URL   the cache the rate limits count in; default local memory (one per process)
IMPORT_MAX_FILE_BYTES  the largest file an import reads, default 50 MB (larger: 413)
IMPORT_MAX_ROWS / IMPORT_MAX_COLUMNS  data rows (default 1,000,000) and cells per row (default 200)
IMPORT_MAX_UNCOMPRESSED_BYTES / IMPORT_MAX_COMPRESSION_RATIO  a workbook's zip: its declared
              unpacked size (default 500 MB) and one part's ratio (default 200), checked unpacking nothing
IMPORT_HEADER_SEARCH_ROWS  rows searched for the header below title rows, default 10
IMPORT_DATE_ORDER  how 03/04/2025 reads in an import: DMY (default, 3 April) or MDY
IMPORT_UNDO_RETENTION  seconds a confirmed import can still be undone, default 7 days (0: never)
IMPORT_CHUNK_ROWS  rows an import checks and writes per batch, default 2000
IMPORT_JOB_THRESHOLD_BYTES / IMPORT_JOB_THRESHOLD_ROWS  a file larger than this (default 1 MB) is
              staged, a run of more rows (default 5000) confirmed or undone, as a background job
MEDIA_ROOT    where uploaded files are kept (import jobs' files under imports/), default var/media
IMPORT_JOB_STALE_SECONDS  a running import job without a heartbeat for this long (default 300)
              lost its worker: reading it marks it failed
EXPORT_CSV_BOM  a CSV export starts with a UTF-8 byte order mark (so Excel reads it as UTF-8), default on
EXPORT_JOB_THRESHOLD_ROWS  an export of more rows (default 5000) runs as a background job (202, progress)
EXPORT_RETENTION  seconds an export job's file is kept for download, default 86400 (then deleted)
DASHBOARD_CACHE_SECONDS  how long the admin dashboard's figures and charts are kept (per tenant and
              roles, in the default cache) before they are counted again, default 60 (0: every view)
TIMBA_ENV     "production" selects the production profile (below); default "development"
CONN_MAX_AGE  seconds a database connection is kept between requests, default 60 (0: per request)
CELERY_BROKER_URL / CELERY_RESULT_BACKEND  Celery's broker (redis://, amqp://) and result store; unset: none
              (import jobs then run on a thread of the web process). A Celery deployment wants a shared
              cache (REDIS_URL): a running confirm's progress and its cancellation go through it
CELERY_QUEUE  the queue import jobs go to and workers take, default "celery"
CELERY_VISIBILITY_TIMEOUT  seconds before Redis delivers an unacknowledged job again, default 3600
LOG_FORMAT    "json" (one object per line, with the request id) or "text"; default json in production
LOG_LEVEL     the root logger's level, default INFO
STATIC_ROOT   where collectstatic writes, default var/static
DATABASE_CONNECT_TIMEOUT  seconds a MySQL connect may take before the request answers 503, default 5
DATABASE_READ_TIMEOUT  seconds a MySQL read or write may wait (the client library tries a read up to 3
              times), so a frozen server is a 503 too; default 0: no limit (a long migration or query)
DATABASE_REPLICA_URL  a read replica of DATABASE_URL: reads go to it, writes and transactions to the
              primary; a request that wrote reads from the primary, and so does its client for
              REPLICA_PIN_SECONDS (default 10; a cookie); an unreachable replica (connect timeout
              DATABASE_REPLICA_CONNECT_TIMEOUT, default 2) is skipped for REPLICA_RETRY_SECONDS (default 5)

The production profile (TIMBA_ENV=production) refuses to start with DEBUG on or without a real
SECRET_KEY (at least 50 characters, 5 distinct, not the development key; so are the comma-separated
SECRET_KEY_FALLBACKS), serves static files through whitenoise's compressed manifest storage (run
collectstatic first), and turns on, each overridable from the environment:
SECURE_SSL_REDIRECT (on; /healthz and /readyz exempt), SECURE_PROXY_SSL_HEADER (X-Forwarded-Proto;
empty disables: set it only behind a proxy that sets it), SECURE_HSTS_SECONDS (31536000),
SECURE_HSTS_INCLUDE_SUBDOMAINS (on), SECURE_HSTS_PRELOAD (on), SESSION_COOKIE_SECURE (on),
CSRF_COOKIE_SECURE (on). Outside it they default off. `manage.py check --deploy` passes with no warning.
"""

import re
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG-on"  # DEVELOPMENT_SECRET_KEY below
# Without DEBUG and without a key, tooling that needs no key (makemigrations, check) still runs;
# Django refuses any use of the empty key, and timba.wsgi refuses to serve without one.

# The production profile: selected by TIMBA_ENV=production, never implied by DEBUG being off (so
# tooling without DEBUG keeps its defaults). It refuses to start unless it is safe to serve.
TIMBA_ENV = env.str("TIMBA_ENV", default="development").strip().lower()
if TIMBA_ENV not in {"development", "production"}:
    raise ImproperlyConfigured(f"TIMBA_ENV={TIMBA_ENV!r}: use 'production' or 'development'")
PRODUCTION = TIMBA_ENV == "production"
DEVELOPMENT_SECRET_KEY = "insecure-development-key-only-used-with-DEBUG-on"
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])


def _refuse_weak_secret_key(name: str, key: str) -> None:
    """What `check --deploy` (security.W009/W025) calls a weak key, refused at start-up instead."""
    from django.core.checks.security.base import (
        SECRET_KEY_INSECURE_PREFIX,
        SECRET_KEY_MIN_LENGTH,
        SECRET_KEY_MIN_UNIQUE_CHARACTERS,
    )

    if not key or key == DEVELOPMENT_SECRET_KEY or key.startswith(SECRET_KEY_INSECURE_PREFIX):
        raise ImproperlyConfigured(f"TIMBA_ENV=production needs a real {name}: set it in the environment")
    if len(key) < SECRET_KEY_MIN_LENGTH or len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS:
        raise ImproperlyConfigured(
            f"{name} is too weak for TIMBA_ENV=production: use at least {SECRET_KEY_MIN_LENGTH} random "
            f"characters (e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))')"
        )


if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("TIMBA_ENV=production refuses DEBUG: unset DEBUG (tracebacks would reach clients)")
    _refuse_weak_secret_key("SECRET_KEY", SECRET_KEY)
    for _fallback in SECRET_KEY_FALLBACKS:
        _refuse_weak_secret_key("SECRET_KEY_FALLBACKS entry", _fallback)

# HTTPS and cookies: on in production, off elsewhere; each one settable from the environment.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # probes over plain HTTP (timba.runtime.health)
_proxy_ssl_header = env.str("SECURE_PROXY_SSL_HEADER", default="X-Forwarded-Proto" if PRODUCTION else "").strip()
SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_ssl_header.upper().replace("-", "_"), "https") if _proxy_ssl_header else None
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=PRODUCTION)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=PRODUCTION)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=PRODUCTION)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=PRODUCTION)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "unfold.apps.BasicAppConfig",
    "unfold.contrib.filters",
    "unfold.contrib.forms",
    "unfold.contrib.import_export",
    "timba.runtime.admin_config.TimbaAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "import_export",
    "ninja",
    "axes",
    "timba",
    "timba.tokens",
    "timba.import_runs",
]

MIDDLEWARE = [
    "timba.runtime.request_id.RequestIdMiddleware",  # X-Request-ID on every answer and log line
    "timba.runtime.health.ProbeMiddleware",  # /healthz, /readyz: before the HTTPS redirect and host check
    "django.middleware.security.SecurityMiddleware",
    "timba.runtime.api_errors.ApiProblemMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # counts failed logins, locks out repeated ones
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
API_TOKEN_LIFETIME_SECONDS = env.int("API_TOKEN_LIFETIME_SECONDS", default=30 * 24 * 3600)

# Rate limits (timba/runtime/throttles.py), in django-ninja's notation: "<count>/<period>", the
# period s, sec, m, min, h, hour, d or day, optionally with a multiplier ("100/5min"); "off" (or
# empty) disables one. Counted in the default cache below.
RATE = re.compile(r"^\d+/\d*(s|sec|m|min|h|hour|d|day)$")


def _rate(variable: str, default: str) -> str | None:
    value = env.str(variable, default=default).strip()
    if value.lower() in {"", "off", "none"}:
        return None
    if not RATE.match(value):
        raise ImproperlyConfigured(f"{variable}={value!r} is not a rate such as '1200/min' or '10/s' (or 'off')")
    return value


API_RATE_LIMIT_TOKEN = _rate("API_RATE_LIMIT_TOKEN", "1200/min")  # per bearer token, both APIs together
API_RATE_LIMIT_ADDRESS = _rate("API_RATE_LIMIT_ADDRESS", "300/min")  # per address, calls without a valid token
# How many reverse proxies (each appending to X-Forwarded-For) stand between the clients and the
# app. 0: the address is REMOTE_ADDR and X-Forwarded-For is ignored (a client can write anything
# there). N: the N-th address from the right of X-Forwarded-For; only right when every request
# passes through those N proxies.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more")
NINJA_NUM_PROXIES = TRUSTED_PROXY_COUNT  # ninja's own throttles, should any route use one


def _cache(cache_url: str, redis_url: str) -> dict:
    """CACHE_URL (any scheme django-environ knows: redis://, rediss://, pymemcache://, locmemcache://, ...)
    wins over REDIS_URL (Django's own RedisCache); neither: this process's memory. Nothing here
    imports a client library: the backend does, on first use."""
    if cache_url:
        config = environ.Env.cache_url_config(cache_url)
    elif redis_url:
        if not redis_url.startswith(("redis://", "rediss://", "unix://")):
            raise ImproperlyConfigured("REDIS_URL must be a redis://, rediss:// or unix:// URL")
        config = environ.Env.cache_url_config(
            redis_url.replace("unix://", "redis://", 1) if redis_url.startswith("unix://") else redis_url,
            backend="django.core.cache.backends.redis.RedisCache",
        )
    else:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "timba"}
    # django-environ spells the base options of Django's Redis backend in lower case (?key_prefix=)
    for key in ("key_prefix", "timeout", "version", "key_function"):
        if key in config:
            config[key.upper()] = config.pop(key)
    return config


CACHES = {"default": _cache(env.str("CACHE_URL", default=""), env.str("REDIS_URL", default=""))}

ROOT_URLCONF = "timba.urls"
WSGI_APPLICATION = "timba.wsgi.application"
AUTH_USER_MODEL = "timba.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # the few of unfold's templates the project writes in Python (timba/overrides/README.md)
        "DIRS": [BASE_DIR / "timba" / "overrides"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database(url: str) -> dict:
    config = environ.Env.db_url_config(url)
    if config["ENGINE"] == "django.db.backends.mysql":
        options = config.setdefault("OPTIONS", {})
        options.setdefault("charset", "utf8mb4")
        options.setdefault("init_command", "SET sql_mode='STRICT_TRANS_TABLES'")
        options.setdefault("connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5))
        if env.int("DATABASE_READ_TIMEOUT", default=0):  # a frozen server: 503 instead of a hung request
            options.setdefault("read_timeout", env.int("DATABASE_READ_TIMEOUT"))
            options.setdefault("write_timeout", env.int("DATABASE_READ_TIMEOUT"))
        config.setdefault("TEST", {}).update({"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"})
    if config["ENGINE"] == "django.db.backends.sqlite3" and config["NAME"] != ":memory:":
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    config["ATOMIC_REQUESTS"] = False
    # Persistent connections (per worker thread), checked before reuse after a request.
    config["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    config["CONN_HEALTH_CHECKS"] = True
    return config


DATABASES = {"default": _database(env.str("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'timba.sqlite3'}"))}
if env.str("DATABASE_REPLICA_URL", default=""):  # reads from it, writes to default (timba/runtime/db_router.py)
    DATABASES["replica"] = _database(env.str("DATABASE_REPLICA_URL"))
    if DATABASES["replica"]["ENGINE"] == "django.db.backends.mysql":  # fail over quickly to the primary
        DATABASES["replica"]["OPTIONS"]["connect_timeout"] = env.int("DATABASE_REPLICA_CONNECT_TIMEOUT", default=2)
    DATABASES["replica"].update({"CONN_HEALTH_CHECKS": True, "TEST": {"MIRROR": "default"}})
    DATABASE_ROUTERS = ["timba.runtime.db_router.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(0, "timba.runtime.db_router.ReplicaRequestMiddleware")
REPLICA_PIN_SECONDS = env.int("REPLICA_PIN_SECONDS", default=10)
REPLICA_RETRY_SECONDS = env.int("REPLICA_RETRY_SECONDS", default=5)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
# the languages the product speaks (no LocaleMiddleware: every page is in LANGUAGE_CODE); Django's
# hundred would otherwise be listed, each looked up, in every admin page's language menu
LANGUAGES = [("en", "English")]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise serves from here after collectstatic
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))  # uploads kept for import jobs (imports/)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if PRODUCTION:  # compressed files with hashed names, served by whitenoise; needs collectstatic
    STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}

IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
EXPORT_CSV_BOM = env.bool("EXPORT_CSV_BOM", default=True)  # timba.runtime.exports.csv_writer
# exports as jobs (timba/runtime/exports/jobs.py): more rows than this are written by a background
# job (its file kept under MEDIA_ROOT/exports/ for EXPORT_RETENTION seconds), fewer stream at once
EXPORT_JOB_THRESHOLD_ROWS = env.int("EXPORT_JOB_THRESHOLD_ROWS", default=5000)
EXPORT_RETENTION = env.int("EXPORT_RETENTION", default=24 * 3600)

# Spreadsheet imports (timba.runtime.imports): the limits a file is held to before and while it
# is read, and how a date like 03/04/2025 reads. Each from the environment of the same name.
IMPORT_MAX_FILE_BYTES = env.int("IMPORT_MAX_FILE_BYTES", default=50 * 1024 * 1024)  # larger: 413
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=1_000_000)
IMPORT_MAX_COLUMNS = env.int("IMPORT_MAX_COLUMNS", default=200)
IMPORT_MAX_UNCOMPRESSED_BYTES = env.int("IMPORT_MAX_UNCOMPRESSED_BYTES", default=500 * 1024 * 1024)
IMPORT_MAX_COMPRESSION_RATIO = env.int("IMPORT_MAX_COMPRESSION_RATIO", default=200)
IMPORT_HEADER_SEARCH_ROWS = env.int("IMPORT_HEADER_SEARCH_ROWS", default=10)
IMPORT_DATE_ORDER = env.str("IMPORT_DATE_ORDER", default="DMY")  # or MDY
# The import engine (timba.runtime.imports.staging/apply/undo): how long a confirmed run can be
# undone, and the batch size of its checks and bulk writes.
IMPORT_UNDO_RETENTION = env.int("IMPORT_UNDO_RETENTION", default=7 * 24 * 3600)
IMPORT_CHUNK_ROWS = env.int("IMPORT_CHUNK_ROWS", default=2000)
# imports as jobs (timba/runtime/imports/jobs.py): larger files / runs go to a background job
IMPORT_JOB_THRESHOLD_BYTES = env.int("IMPORT_JOB_THRESHOLD_BYTES", default=1024 * 1024)
IMPORT_JOB_THRESHOLD_ROWS = env.int("IMPORT_JOB_THRESHOLD_ROWS", default=5000)
IMPORT_JOB_STALE_SECONDS = env.int("IMPORT_JOB_STALE_SECONDS", default=300)

UNFOLD = {
    "SITE_TITLE": "timba",
    "SITE_HEADER": "timba",
    "SITE_SYMBOL": "forest",
    # the index page: resources.yaml's dashboard for the viewer (timba/runtime/dashboard_page.py)
    "DASHBOARD_CALLBACK": "timba.runtime.dashboard_page.dashboard_callback",
}
DASHBOARD_CACHE_SECONDS = env.int("DASHBOARD_CACHE_SECONDS", default=60)  # the dashboard's figures, per tenant

LOG_FORMAT = env.str("LOG_FORMAT", default="json" if PRODUCTION else "text").strip().lower()
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r}: use 'json' or 'text'")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "timba.runtime.logs.JsonFormatter"}, "text": {"format": "%(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}

# Celery (timba/celery.py; docker-compose.yml's worker_service): background jobs, when a broker is set.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ACKS_LATE = True  # a job whose worker dies is delivered again, not lost
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="celery")  # the queue jobs go to and workers take
# Redis: an unacknowledged job (its worker died) is delivered again after this many seconds
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # long jobs: one at a time per worker process
