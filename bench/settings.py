"""Settings for the benchmark: the project's own settings plus the two peers (a raw Django view
and a DRF ModelViewSet) under /bench/. MariaDB by default; DEBUG off."""

import os

os.environ.setdefault("DATABASE_URL", "mysql://root:@127.0.0.1:3306/timba_bench")
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")

# wrk drives one token as hard as it can: the limiter runs (its cost is measured), never refuses
os.environ.setdefault("API_RATE_LIMIT_TOKEN", "1000000/s")
os.environ.setdefault("API_RATE_LIMIT_ADDRESS", "1000000/s")

from timba.settings import *  # noqa: E402,F403
from timba.settings import INSTALLED_APPS, LOGGING  # noqa: E402

INSTALLED_APPS = [*INSTALLED_APPS, "rest_framework", "django_filters"]
ROOT_URLCONF = "bench.urls"
WSGI_APPLICATION = "bench.wsgi.application"

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],  # bench.drf.LogViewSet sets its own
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
}

LOGGING = {**LOGGING, "loggers": {
    "django": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},  # the smoke test's 401s
}}
