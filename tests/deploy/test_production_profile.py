"""The production profile (TIMBA_ENV=production): `check --deploy` finds nothing to warn about,
it refuses a missing or weak SECRET_KEY and DEBUG, each hardening setting comes from the
environment, and a 500 carries no traceback."""

import json
import subprocess
import sys

import pytest
from django.test import Client, override_settings

from tests.deploy.environment import ROOT, clean_environ, production_key, settings_under

CHECK_DEPLOY = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]


def _check_deploy(**env):
    return subprocess.run(CHECK_DEPLOY, cwd=ROOT, env=clean_environ(**env), capture_output=True, text=True, timeout=120)


def test_check_deploy_passes_with_no_warning_under_the_profile():
    result = _check_deploy(TIMBA_ENV="production", SECRET_KEY=production_key(), ALLOWED_HOSTS="timba.example.com")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_check_deploy_warns_without_the_profile():
    """The same check outside the profile does warn: the test above is not vacuous."""
    result = _check_deploy(SECRET_KEY=production_key(), ALLOWED_HOSTS="timba.example.com")
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr + result.stdout


@pytest.mark.parametrize(
    "key",
    [
        "",
        "insecure-development-key-only-used-with-DEBUG-on",
        "too-short-but-random-8f3a",
        "a" * 60,  # long, but 1 distinct character
        "django-insecure-" + "x1y2z3w4" * 8,
    ],
    ids=["missing", "development-key", "short", "repetitive", "django-insecure"],
)
def test_the_profile_refuses_a_weak_secret_key(monkeypatch, key):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        settings_under(monkeypatch, TIMBA_ENV="production", SECRET_KEY=key)


def test_the_profile_refuses_a_weak_fallback_key(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY_FALLBACKS"):
        settings_under(monkeypatch, TIMBA_ENV="production", SECRET_KEY=production_key(), SECRET_KEY_FALLBACKS="old")


def test_the_profile_refuses_debug(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        settings_under(monkeypatch, TIMBA_ENV="production", SECRET_KEY=production_key(), DEBUG="1")


def test_an_unknown_profile_is_refused(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="TIMBA_ENV"):
        settings_under(monkeypatch, TIMBA_ENV="prod", SECRET_KEY=production_key())


def test_a_weak_secret_key_is_refused_at_start_up_in_a_real_process():
    result = subprocess.run(
        [sys.executable, "-c", "import timba.wsgi"], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env=clean_environ(TIMBA_ENV="production", SECRET_KEY="short"),
    )
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr


def test_the_profile_turns_the_hardening_on(monkeypatch):
    ns = settings_under(monkeypatch, TIMBA_ENV="production", SECRET_KEY=production_key())
    assert ns["DEBUG"] is False
    assert ns["SECURE_SSL_REDIRECT"] is True
    assert ns["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert ns["SECURE_HSTS_SECONDS"] == 31536000
    assert ns["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is ns["SECURE_HSTS_PRELOAD"] is True
    assert ns["SESSION_COOKIE_SECURE"] is ns["CSRF_COOKIE_SECURE"] is True
    assert {"^healthz$", "^readyz$"} <= set(ns["SECURE_REDIRECT_EXEMPT"])
    assert ns["STORAGES"]["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert ns["LOG_FORMAT"] == "json"
    assert ns["DATABASES"]["default"]["CONN_MAX_AGE"] == 60
    assert ns["DATABASES"]["default"]["CONN_HEALTH_CHECKS"] is True


def test_each_hardening_setting_comes_from_the_environment(monkeypatch):
    ns = settings_under(
        monkeypatch, TIMBA_ENV="production", SECRET_KEY=production_key(), SECURE_SSL_REDIRECT="0",
        SECURE_PROXY_SSL_HEADER="X-Scheme", SECURE_HSTS_SECONDS="60", SECURE_HSTS_INCLUDE_SUBDOMAINS="0",
        SECURE_HSTS_PRELOAD="0", SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0", LOG_FORMAT="text",
    )
    assert ns["SECURE_SSL_REDIRECT"] is False
    assert ns["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_SCHEME", "https")
    assert ns["SECURE_HSTS_SECONDS"] == 60
    assert not any(ns[name] for name in ("SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"))
    assert ns["LOG_FORMAT"] == "text"


def test_development_keeps_its_defaults(monkeypatch):
    ns = settings_under(monkeypatch, DEBUG="1")
    assert ns["PRODUCTION"] is False
    assert ns["SECURE_SSL_REDIRECT"] is False and ns["SECURE_HSTS_SECONDS"] == 0
    assert ns["STORAGES"]["staticfiles"]["BACKEND"] == "django.contrib.staticfiles.storage.StaticFilesStorage"


SECRET_DETAIL = "boom-internal-detail-4711"  # what tests.deploy.failing_urls raises


@pytest.mark.django_db
@override_settings(DEBUG=False, ROOT_URLCONF="tests.deploy.failing_urls")
def test_a_500_without_debug_carries_no_traceback():
    client = Client(raise_request_exception=False)
    for path in ("/boom", "/api/v1/boom"):
        response = client.get(path)
        body = response.content.decode()
        assert response.status_code == 500, path
        assert "Traceback" not in body and SECRET_DETAIL not in body and "RuntimeError" not in body, body


PRODUCTION_500 = """
import json
import django
from django.conf import settings
django.setup()
from django.test import Client
from django.test.utils import override_settings
assert settings.PRODUCTION and not settings.DEBUG
with override_settings(ROOT_URLCONF="tests.deploy.failing_urls"):
    client = Client(raise_request_exception=False)
    for path in ("/boom", "/api/v1/boom"):
        response = client.get(path, secure=True)
        print(json.dumps({"path": path, "status": response.status_code, "body": response.content.decode()}))
"""


def test_a_500_under_the_profile_carries_no_traceback_and_logs_one(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_500], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env=clean_environ(
            TIMBA_ENV="production", SECRET_KEY=production_key(), DJANGO_SETTINGS_MODULE="timba.settings",
            DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}", STATIC_ROOT=str(tmp_path / "static"),
        ),
    )
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["status"] for a in answers] == [500, 500]
    for answer in answers:
        assert "Traceback" not in answer["body"] and SECRET_DETAIL not in answer["body"], answer
    # the traceback goes to the log instead: JSON lines, the exception in `exc_info`
    logged = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    assert any(SECRET_DETAIL in entry.get("exc_info", "") for entry in logged), result.stderr
