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
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG-on"
# Without DEBUG and without a key, tooling that needs no key (makemigrations, check) still runs;
# Django refuses any use of the empty key, and timba.wsgi refuses to serve without one.
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
]

MIDDLEWARE = [
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
        "DIRS": [],
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
        config.setdefault("TEST", {}).update({"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"})
    if config["ENGINE"] == "django.db.backends.sqlite3" and config["NAME"] != ":memory:":
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    config["ATOMIC_REQUESTS"] = False
    return config


DATABASES = {"default": _database(env.str("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'timba.sqlite3'}"))}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise serves from here after collectstatic
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

UNFOLD = {
    "SITE_TITLE": "timba",
    "SITE_HEADER": "timba",
    "SITE_SYMBOL": "forest",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
