"""No lost updates: two clients holding the same ETag PATCH the same row at the same time with
`If-Match`; exactly one wins and the other gets 412, on a real database with row locks.

The first writer is held inside its transaction, after it has locked the row and checked its
version, until the second request has been sent; the second must then wait for the lock and
see the new version. Without the lock (or with the check outside it) both would answer 200 and
the first change would be lost. Parametrised over every resource that declares `update`.
"""

from __future__ import annotations

import threading

import orjson
import pytest
from django.db import close_old_connections, connection
from django.test import Client as HttpClient
from spec_rows import RESOURCES, item_url, json_equal

from timba.runtime import versions
from timba.tokens.models import ApiToken

pytestmark = pytest.mark.django_db(transaction=True)
UPDATABLE = [pytest.param(r, id=r.name) for r in RESOURCES if "update" in r.operations]
HOLD_SECONDS = 1.0  # how long the first writer keeps its lock: an interleaving, not an assertion


@pytest.fixture(autouse=True)
def _row_locks():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite has no row locks (select_for_update is a no-op); production runs MySQL/MariaDB")


def race(monkeypatch, module, name: str, requests) -> list:
    """Send two requests from two threads (each with its own database connection). The first is
    held just after `module.name` (the check that runs under the lock) until the second has been
    sent; returns both responses."""
    checked, first = threading.Event(), []
    check = getattr(module, name)

    def held(*args, **kwargs):
        result = check(*args, **kwargs)
        if threading.current_thread() in first:
            checked.set()  # the first request holds its lock and has made its check
            threading.Event().wait(HOLD_SECONDS)
        return result

    monkeypatch.setattr(module, name, held)
    answers = [None, None]

    def send(index: int) -> None:
        try:
            answers[index] = requests[index]()
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=send, args=(i,)) for i in (0, 1)]
    first.append(threads[0])
    threads[0].start()
    assert checked.wait(30), f"the first request never reached {name}"
    threads[1].start()
    for thread in threads:
        thread.join(60)
    return answers


def _client(token: str, **headers) -> HttpClient:
    return HttpClient(headers={"Authorization": f"Bearer {token}", **headers})


@pytest.mark.parametrize("res", UPDATABLE)
def test_two_writers_with_the_same_etag_one_wins(res, builder, superuser, monkeypatch):
    row = builder.create(res)
    token = ApiToken.issue(superuser)[1]
    url = item_url(res, row.pk)
    etag = _client(token).get(url)["ETag"]
    first_key, first_value = builder.patch_change(res, row)
    second_value = builder.patch_change(res, row)[1]
    assert first_value != second_value, "two different changes"

    def patch(value):
        body = orjson.dumps({first_key: value})
        return lambda: _client(token, **{"If-Match": etag}).patch(url, data=body, content_type="application/json")

    answers = race(monkeypatch, versions, "require_match", [patch(first_value), patch(second_value)])

    assert answers[0].status_code == 200, answers[0].content
    assert answers[1].status_code == 412, answers[1].content  # it read the version the first wrote
    now = orjson.loads(_client(token).get(url).content)
    assert json_equal(first_value, now[first_key]), (first_value, now[first_key])  # the winner's change stands


def test_two_creations_cannot_both_take_the_last_seat(builder, superuser, monkeypatch):
    """The seat check locks the tenant row: the second creation waits for the first to commit,
    counts its user and is refused (409), however the two requests interleave."""
    from timba.generated import security as spec
    from timba.models import Client
    from timba.runtime.write import seats

    rules = spec.SUBSCRIPTION
    holders = next(r for r in RESOURCES if r.name == rules["seat_holders"])
    tenant = Client.objects.create(name="One seat left", status="active", **{rules["seats"]: 1})
    token = ApiToken.issue(superuser)[1]
    url = f"/api/v1/{holders.plural}"
    payloads = [builder.payload(holders, client_id=tenant.pk) for _ in range(2)]

    def create(payload):
        return lambda: _client(token).post(url, data=orjson.dumps(payload), content_type="application/json")

    answers = race(monkeypatch, seats, "check", [create(p) for p in payloads])
    assert answers[0].status_code == 201, answers[0].content
    assert answers[1].status_code == 409, answers[1].content
    assert "seats" in orjson.loads(answers[1].content)["detail"]
