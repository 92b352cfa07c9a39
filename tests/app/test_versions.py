"""Row versions through /api/v1/: ETag on GET, If-Match on PATCH/PUT/DELETE (412 when stale),
PUT as a full replacement. Parametrised over every resource declaring the operation in
resources.yaml, with rows and payloads from `spec_rows`.
"""

from __future__ import annotations

import orjson
import pytest
from spec_rows import RESOURCES, assert_problem, item_url, json_equal, model_of, to_json

from timba.generated import schemas
from timba.runtime.versions import matches

pytestmark = pytest.mark.django_db


def declaring(operation: str) -> list:
    return [pytest.param(r, id=r.name) for r in RESOURCES if operation in r.operations]


def body_of(response) -> dict:
    return orjson.loads(response.content)


def send(api, method: str, url: str, body=None, **headers):
    """`api` with extra request headers (If-Match, If-None-Match)."""
    kwargs = {"headers": {**api.headers, **headers}}
    if body is not None:
        kwargs.update(data=orjson.dumps(body), content_type="application/json")
    return getattr(api.client, method)(url, **kwargs)


def fetch(api, res, pk) -> tuple[dict, str]:
    response = api.get(item_url(res, pk))
    assert response.status_code == 200, response.content
    return body_of(response), response["ETag"]


def a_change(builder, res, row, current: dict) -> dict:
    key, value = builder.patch_change(res, row)
    assert not json_equal(value, current[key]), "the patch must change something"
    return {key: value}


def assert_stale(response, current_etag: str) -> None:
    body = assert_problem(response, 412)
    assert "changed since it was read" in body["detail"]
    assert response["ETag"] == current_etag


def state(res, pk) -> dict:
    """The stored row, fields only (what a refused write must not touch)."""
    return model_of(res)._default_manager.filter(pk=pk).values().get()


# --- GET ------------------------------------------------------------------------------------


@pytest.mark.parametrize("res", declaring("get"))
def test_get_gives_a_strong_etag(res, api, builder):
    row = builder.create(res)
    _, etag = fetch(api, res, row.pk)
    assert etag.startswith('"') and etag.endswith('"') and len(etag) > 2
    assert fetch(api, res, row.pk)[1] == etag, "the same row state has the same ETag"
    other = builder.create(res)
    assert fetch(api, res, other.pk)[1] != etag


@pytest.mark.parametrize("res", declaring("get"))
def test_get_if_none_match(res, api, builder):
    row = builder.create(res)
    _, etag = fetch(api, res, row.pk)
    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        response = send(api, "get", item_url(res, row.pk), **{"If-None-Match": header})
        assert response.status_code == 304, (header, response.content)
        assert response.content == b""
        assert response["ETag"] == etag
    response = send(api, "get", item_url(res, row.pk), **{"If-None-Match": '"other"'})
    assert response.status_code == 200
    assert response["ETag"] == etag


# --- PATCH ----------------------------------------------------------------------------------


@pytest.mark.parametrize("res", declaring("update"))
def test_patch_with_current_etag_then_stale_one(res, api, builder):
    row = builder.create(res)
    before, etag = fetch(api, res, row.pk)
    change = a_change(builder, res, row, before)
    response = send(api, "patch", item_url(res, row.pk), change, **{"If-Match": etag})
    assert response.status_code == 200, response.content
    new_etag = response["ETag"]
    assert new_etag != etag
    after, fetched_etag = fetch(api, res, row.pk)
    assert fetched_etag == new_etag
    assert after == body_of(response)

    stored = state(res, row.pk)
    again = a_change(builder, res, row, after)
    assert_stale(send(api, "patch", item_url(res, row.pk), again, **{"If-Match": etag}), new_etag)
    assert state(res, row.pk) == stored
    assert fetch(api, res, row.pk) == (after, new_etag)


@pytest.mark.parametrize("res", declaring("update"))
@pytest.mark.parametrize("header", ["*", None, "both"])
def test_patch_without_or_with_wildcard_if_match_proceeds(res, api, builder, header):
    row = builder.create(res)
    before, etag = fetch(api, res, row.pk)
    change = a_change(builder, res, row, before)
    headers = (
        {} if header is None else {"If-Match": f'"stale", {etag}' if header == "both" else header}
    )
    response = send(api, "patch", item_url(res, row.pk), change, **headers)
    assert response.status_code == 200, response.content
    assert response["ETag"] == fetch(api, res, row.pk)[1]


@pytest.mark.parametrize("res", declaring("update"))
def test_weak_if_match_never_matches(res, api, builder):
    row = builder.create(res)
    before, etag = fetch(api, res, row.pk)
    stored = state(res, row.pk)
    response = send(
        api,
        "patch",
        item_url(res, row.pk),
        a_change(builder, res, row, before),
        **{"If-Match": f"W/{etag}"},
    )
    assert_stale(response, etag)
    assert state(res, row.pk) == stored


@pytest.mark.parametrize("res", declaring("update"))
def test_stale_patch_on_missing_row_is_404(res, api, builder):
    row = builder.create(res)
    change = a_change(builder, res, row, fetch(api, res, row.pk)[0])
    response = send(api, "patch", item_url(res, 987_654_321), change, **{"If-Match": '"stale"'})
    assert_problem(response, 404)


@pytest.mark.parametrize("res", declaring("update"))
def test_two_people_edit_the_same_row(res, api, builder):
    """Alice and Bob read the same version; Alice saves first, Bob's save is refused instead of
    silently overwriting hers; Bob re-fetches and saves on top of her change."""
    row = builder.create(res)
    seen, etag = fetch(api, res, row.pk)
    alice = a_change(builder, res, row, seen)
    (key,) = alice
    bob = a_change(builder, res, row, seen)
    if json_equal(bob[key], alice[key]):
        bob = {key: seen[key]} if not json_equal(seen[key], alice[key]) else bob

    saved = send(api, "patch", item_url(res, row.pk), alice, **{"If-Match": etag})
    assert saved.status_code == 200, saved.content
    assert_stale(
        send(api, "patch", item_url(res, row.pk), bob, **{"If-Match": etag}), saved["ETag"]
    )
    current, current_etag = fetch(api, res, row.pk)
    assert json_equal(alice[key], current[key]), "Alice's change survives"

    retried = send(api, "patch", item_url(res, row.pk), bob, **{"If-Match": current_etag})
    assert retried.status_code == 200, retried.content
    assert json_equal(bob[key], body_of(retried)[key])


# --- PUT ------------------------------------------------------------------------------------


def _default(schema, name: str):
    return to_json(schema.model_fields[name].get_default(call_default_factory=True))


@pytest.mark.parametrize("res", declaring("update"))
def test_put_replaces_the_whole_row(res, api, builder):
    row = builder.create(res)
    before, etag = fetch(api, res, row.pk)
    create = getattr(schemas, f"{res.name}Create")
    payload = builder.payload(res, required_only=True)
    left_out = [
        k for k in create.model_fields if k not in payload and k != "password" and k in before
    ]
    response = send(api, "put", item_url(res, row.pk), payload, **{"If-Match": etag})
    assert response.status_code == 200, response.content
    after = body_of(response)
    assert after["id"] == row.pk
    for key, sent in payload.items():
        if key != "password":
            assert json_equal(sent, after[key]), (key, sent, after[key])
    reset = 0
    for key in left_out:
        default = _default(create, key)
        assert json_equal(default, after[key]) or (default == "" and after[key] is None), (
            key,
            default,
            after[key],
        )
        reset += not json_equal(before[key], after[key])
    if left_out:
        assert reset, f"some field left out of the PUT should have been reset: {left_out}"
    assert response["ETag"] != etag
    assert fetch(api, res, row.pk) == (after, response["ETag"])


@pytest.mark.parametrize("res", declaring("update"))
def test_put_with_stale_etag_is_412(res, api, builder):
    row = builder.create(res)
    before, etag = fetch(api, res, row.pk)
    saved = send(
        api,
        "patch",
        item_url(res, row.pk),
        a_change(builder, res, row, before),
        **{"If-Match": etag},
    )
    assert saved.status_code == 200, saved.content
    stored = state(res, row.pk)
    response = send(api, "put", item_url(res, row.pk), builder.payload(res), **{"If-Match": etag})
    assert_stale(response, saved["ETag"])
    assert state(res, row.pk) == stored


@pytest.mark.parametrize("res", declaring("update"))
def test_put_validates_like_create(res, api, builder):
    row = builder.create(res)
    assert_problem(send(api, "put", item_url(res, row.pk), {}), 422)


# --- DELETE ---------------------------------------------------------------------------------


@pytest.mark.parametrize("res", declaring("delete"))
def test_delete_with_stale_etag_is_412_then_current_one_deletes(res, api, builder):
    row = builder.create(res)
    model = model_of(res)
    response = send(api, "delete", item_url(res, row.pk), **{"If-Match": '"not-the-version"'})
    assert_stale(response, fetch(api, res, row.pk)[1])
    assert model._default_manager.filter(pk=row.pk).exists()
    response = send(
        api, "delete", item_url(res, row.pk), **{"If-Match": fetch(api, res, row.pk)[1]}
    )
    assert response.status_code == 204, response.content
    assert not model._default_manager.filter(pk=row.pk).exists()


@pytest.mark.parametrize(
    "res",
    [pytest.param(r, id=r.name) for r in RESOURCES if {"delete", "update"} <= set(r.operations)],
)
def test_delete_after_someone_else_edited_is_412(res, api, builder):
    row = builder.create(res)
    before, etag = fetch(api, res, row.pk)
    saved = send(api, "patch", item_url(res, row.pk), a_change(builder, res, row, before))
    assert saved.status_code == 200, saved.content
    assert_stale(send(api, "delete", item_url(res, row.pk), **{"If-Match": etag}), saved["ETag"])
    assert model_of(res)._default_manager.filter(pk=row.pk).exists()


# --- OpenAPI and the comparison rules --------------------------------------------------------


def test_openapi_lists_replace_for_every_updatable_resource(api):
    document = body_of(api.get("/api/v1/openapi.json"))
    found = {
        op["operationId"]: (path, verb)
        for path, ops in document["paths"].items()
        for verb, op in ops.items()
    }
    for res in RESOURCES:
        if "update" in res.operations:
            assert found[f"{res.snake}_replace"] == (f"/api/v1/{res.plural}/{{id}}", "put")
        else:
            assert f"{res.snake}_replace" not in found


@pytest.mark.parametrize(
    ("header", "weak", "expected"),
    [
        ('"a"', False, True),
        ('"b"', False, False),
        ('"b", "a"', False, True),
        ("*", False, True),
        ('W/"a"', False, False),
        ('W/"a"', True, True),
        ("", False, False),
    ],
)
def test_matches(header, weak, expected):
    assert matches(header, '"a"', weak=weak) is expected


@pytest.mark.parametrize("res", declaring("update"))
@pytest.mark.parametrize("method", ["patch", "put", "delete"])
def test_writes_lock_the_row_inside_their_transaction(res, method, api, builder, monkeypatch):
    """The If-Match check and the write are one critical section: the row is read with
    SELECT … FOR UPDATE inside the write's transaction (SQLite ignores the clause; MySQL,
    MariaDB and PostgreSQL hold the lock until commit)."""
    from django.db import connection
    from django.db.models import QuerySet

    if method == "delete" and "delete" not in res.operations:
        pytest.skip("no delete")
    row = builder.create(res)
    before, etag = fetch(api, res, row.pk)
    body = {
        "patch": a_change(builder, res, row, before),
        "put": builder.payload(res),
        "delete": None,
    }[method]
    locks = []
    original = QuerySet.select_for_update

    def recording(self, *args, **kwargs):
        # the test itself runs in a transaction: count the blocks above it
        locks.append((self.model, len(connection.savepoint_ids)))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "select_for_update", recording)
    depth = len(connection.savepoint_ids)
    response = send(api, method, item_url(res, row.pk), body, **{"If-Match": etag})
    assert response.status_code in (200, 204), response.content
    assert [model for model, _ in locks if model is model_of(res)] == [model_of(res)]  # (a seat check locks the tenant)
    assert locks[0][0] is model_of(res), "the row is locked first"
    assert locks[0][1] > depth, "the lock is taken inside the write's transaction"
