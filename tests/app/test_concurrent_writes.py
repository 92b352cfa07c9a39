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


def _patch(token: str, url: str, body: dict, etag: str, out: list, index: int) -> None:
    try:
        client = HttpClient(headers={"Authorization": f"Bearer {token}", "If-Match": etag})
        out[index] = client.patch(url, data=orjson.dumps(body), content_type="application/json")
    finally:
        close_old_connections()
        connection.close()


@pytest.mark.parametrize("res", UPDATABLE)
def test_two_writers_with_the_same_etag_one_wins(res, builder, superuser, monkeypatch):
    row = builder.create(res)
    token = ApiToken.issue(superuser)[1]
    url = item_url(res, row.pk)
    etag = HttpClient(headers={"Authorization": f"Bearer {token}"}).get(url)["ETag"]
    first_key, first_value = builder.patch_change(res, row)
    second_value = builder.patch_change(res, row)[1]
    assert first_value != second_value, "two different changes"

    locked, first_thread = threading.Event(), []
    check = versions.check_if_match

    def held(request, out, instance):
        check(request, out, instance)
        if threading.current_thread() in first_thread:
            locked.set()  # the first writer holds the row lock and has passed its check
            threading.Event().wait(HOLD_SECONDS)

    monkeypatch.setattr(versions, "check_if_match", held)
    answers = [None, None]
    first = threading.Thread(target=_patch, args=(token, url, {first_key: first_value}, etag, answers, 0))
    second = threading.Thread(target=_patch, args=(token, url, {first_key: second_value}, etag, answers, 1))
    first_thread.append(first)
    first.start()
    assert locked.wait(30), "the first writer never reached its version check"
    second.start()
    first.join(60)
    second.join(60)

    assert answers[0].status_code == 200, answers[0].content
    assert answers[1].status_code == 412, answers[1].content  # it read the version the first wrote
    now = orjson.loads(HttpClient(headers={"Authorization": f"Bearer {token}"}).get(url).content)
    assert json_equal(first_value, now[first_key]), (first_value, now[first_key])  # the winner's change stands


def test_two_creations_cannot_both_take_the_last_seat(builder, superuser, monkeypatch):
    """The seat check locks the tenant row: the second creation waits for the first to commit,
    counts its user and is refused (409), however the two requests interleave."""
    from timba.generated import security as spec
    from timba.models import Client
    from timba.runtime import access

    rules = spec.SUBSCRIPTION
    holders = next(r for r in RESOURCES if r.name == rules["seat_holders"])
    tenant = Client.objects.create(name="One seat left", status="active", **{rules["seats"]: 1})
    token = ApiToken.issue(superuser)[1]
    url = f"/api/v1/{holders.plural}"
    payloads = [builder.payload(holders, client_id=tenant.pk) for _ in range(2)]

    locked, first_thread = threading.Event(), []
    check = access.check_seats

    def held(instance):
        check(instance)
        if threading.current_thread() in first_thread:
            locked.set()  # the first creation holds the tenant lock and has counted the seats
            threading.Event().wait(HOLD_SECONDS)

    monkeypatch.setattr(access, "check_seats", held)
    answers = [None, None]

    def create(index: int) -> None:
        try:
            client = HttpClient(headers={"Authorization": f"Bearer {token}"})
            answers[index] = client.post(url, data=orjson.dumps(payloads[index]), content_type="application/json")
        finally:
            connection.close()

    first, second = threading.Thread(target=create, args=(0,)), threading.Thread(target=create, args=(1,))
    first_thread.append(first)
    first.start()
    assert locked.wait(30), "the first creation never reached the seat check"
    second.start()
    first.join(60)
    second.join(60)
    assert answers[0].status_code == 201, answers[0].content
    assert answers[1].status_code == 409, answers[1].content
    assert "seats" in orjson.loads(answers[1].content)["detail"]
