"""Helpers for the deployment tests: a clean environment for subprocesses, a production key, a
free port, and settings evaluated in-process under a chosen environment."""

import os
import runpy
import secrets
import socket
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_FILE = ROOT / "timba" / "settings.py"
# What the caller's shell may set that would change the profile under test.
PROFILE_VARIABLES = {
    "DEBUG", "SECRET_KEY", "SECRET_KEY_FALLBACKS", "DJANGO_SETTINGS_MODULE", "TIMBA_ENV", "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT", "SECURE_PROXY_SSL_HEADER", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "LOG_FORMAT", "DATABASE_URL",
    "DATABASE_REPLICA_URL", "CACHE_URL", "REDIS_URL", "CELERY_BROKER_URL", "STATIC_ROOT", "PORT", "HOST",
    "WEB_CONCURRENCY",
}


def production_key() -> str:
    return secrets.token_urlsafe(50)


def clean_environ(**overrides: str) -> dict:
    base = {k: v for k, v in os.environ.items() if k not in PROFILE_VARIABLES}
    return {**base, **overrides}


def settings_under(monkeypatch, **variables: str) -> dict:
    """timba/settings.py run afresh with exactly these profile variables: its module namespace."""
    for name in PROFILE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
