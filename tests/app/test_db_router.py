"""The read-replica router's decisions (timba/runtime/db_router.py), without a replica: the
replica's reachability is stubbed here. tests/resilience/test_read_replica.py runs it against a
real replicating MariaDB."""

import pytest
from django.db import connections
from django.http import HttpResponse
from django.test import RequestFactory

from timba.models import Role
from timba.runtime import db_router
from timba.runtime.db_router import PIN_COOKIE, PrimaryReplicaRouter, ReplicaRequestMiddleware
from timba.tokens.models import ApiToken

router = PrimaryReplicaRouter()


@pytest.fixture
def replica_up(monkeypatch):
    probes = []

    def probe():
        probes.append(1)
        return True

    monkeypatch.setattr(db_router, "_probe", probe)
    monkeypatch.setattr(db_router, "_down_until", 0.0)
    monkeypatch.setattr(connections["default"], "in_atomic_block", False)
    return probes


def in_request(view, cookies=None):
    """Run `view(request)` inside the middleware; the response."""
    request = RequestFactory().get("/api/v1/roles")
    request.COOKIES.update(cookies or {})
    return ReplicaRequestMiddleware(view)(request)


def test_reads_go_to_the_replica_and_writes_to_the_primary(replica_up):
    assert router.db_for_read(Role) == "replica"
    assert router.db_for_write(Role) == "default"


def test_a_request_that_wrote_reads_from_the_primary_and_pins_its_client(replica_up):
    seen = []

    def view(request):
        seen.append(router.db_for_read(Role))
        router.db_for_write(Role)
        seen.append(router.db_for_read(Role))
        return HttpResponse()

    response = in_request(view)
    assert seen == ["replica", "default"]
    assert response.cookies[PIN_COOKIE]["max-age"] == db_router.pin_seconds()
    assert len(replica_up) == 1, "the replica is checked once per request"

    pinned = []
    response = in_request(lambda request: pinned.append(router.db_for_read(Role)) or HttpResponse(), {PIN_COOKIE: "1"})
    assert pinned == ["default"]
    assert PIN_COOKIE not in response.cookies, "a read does not renew the pin"


def test_authentication_models_are_read_from_the_primary_and_their_writes_pin_nothing(replica_up):
    def view(request):
        assert router.db_for_read(ApiToken) == "default"
        router.db_for_write(ApiToken)  # a token's last_used_at being touched
        assert router.db_for_read(Role) == "replica"
        return HttpResponse()

    assert PIN_COOKIE not in in_request(view).cookies


def test_a_transaction_reads_from_the_primary(replica_up, monkeypatch):
    monkeypatch.setattr(connections["default"], "in_atomic_block", True)
    assert router.db_for_read(Role) == "default"


def test_an_unreachable_replica_is_skipped_for_a_while(monkeypatch):
    probes = []
    monkeypatch.setattr(db_router, "_probe", lambda: probes.append(1) or False)
    monkeypatch.setattr(db_router, "_down_until", 0.0)
    monkeypatch.setattr(connections["default"], "in_atomic_block", False)
    assert router.db_for_read(Role) == "default"
    assert router.db_for_read(Role) == "default"
    assert len(probes) == 1, "a down replica is not probed again before REPLICA_RETRY_SECONDS"


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate("default", "timba") is True
    assert router.allow_migrate("replica", "timba") is False
