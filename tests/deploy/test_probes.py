"""/healthz and /readyz: no authentication, no rate limit, no HTTPS redirect, no Host check;
/healthz touches no database; /readyz is 503 problem+json (with Retry-After) when a migration
is unapplied or a configured cache or broker cannot be reached."""

import socket

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import override_settings

from tests.deploy.environment import free_port

REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def test_healthz_answers_without_touching_the_database(client):
    response = client.get("/healthz")  # no `db` fixture: any query would raise
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@override_settings(SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["timba.example.com"])
def test_probes_are_not_redirected_to_https_nor_refused_for_their_host(client, db):
    assert client.get("/healthz", HTTP_HOST="10.0.0.7:8000").status_code == 200
    assert client.get("/readyz", HTTP_HOST="127.0.0.1:8000").status_code == 200
    # everything else is redirected (the probes are the exception, not a broken redirect)
    assert client.get("/admin/login/", HTTP_HOST="timba.example.com").status_code == 301


@override_settings(API_RATE_LIMIT_ADDRESS="1/min", API_RATE_LIMIT_TOKEN="1/min")
def test_probes_need_no_token_and_are_not_rate_limited(client, db):
    for _ in range(5):
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_readyz_is_ready_on_a_migrated_database(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ready"
    assert body["checks"]["database"] == "ok" and body["checks"]["migrations"] == "ok"
    assert body["checks"]["cache"] == "skipped" and body["checks"]["broker"] == "skipped"  # local memory, no broker


def test_readyz_is_503_with_an_unapplied_migration(client, db):
    MigrationRecorder(connection).migration_qs.filter(app="sessions", name="0001_initial").delete()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"].isdigit()
    body = response.json()
    assert body["status"] == 503 and "sessions.0001_initial" in body["checks"]["migrations"]
    assert "sessions.0001_initial" in body["detail"]


def test_readyz_is_503_when_the_configured_cache_cannot_be_reached(client, db):
    dead = f"redis://127.0.0.1:{free_port()}/0"
    with override_settings(CACHES={"default": {"BACKEND": REDIS_CACHE, "LOCATION": dead}}):
        response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"] not in ("ok", "skipped")
    assert "cache" in body["detail"]


def test_readyz_is_503_when_the_configured_broker_cannot_be_reached(client, db):
    with override_settings(CELERY_BROKER_URL=f"redis://127.0.0.1:{free_port()}/0"):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"] not in ("ok", "skipped")


@pytest.mark.skipif(not _redis_answers(), reason="no Redis on 127.0.0.1:6379")
def test_readyz_checks_a_live_cache_and_broker(client, db):
    with override_settings(
        CACHES={"default": {"BACKEND": REDIS_CACHE, "LOCATION": "redis://127.0.0.1:6379/15"}},
        CELERY_BROKER_URL="redis://127.0.0.1:6379/15",
    ):
        response = client.get("/readyz")
    assert response.status_code == 200, response.content
    assert response.json()["checks"] | {"database": "ok"} == {"database": "ok", "migrations": "ok", "cache": "ok", "broker": "ok"}
