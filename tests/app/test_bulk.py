"""Bulk upsert (`POST /api/v1/<plural>/bulk`), parametrised over every resource whose spec
declares `api: bulk:`. Items and parents come from the two-tenant world of the security tests:
the caller is a user of tenant A, tenant B's rows must stay out of reach.
"""

from __future__ import annotations

import orjson
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from security.tenancy import CHANNELS, ROLES, RoleSet, World, may
from spec_rows import (
    PROJECT,
    RESOURCES,
    JsonClient,
    assert_problem,
    collection_url,
    json_equal,
    model_of,
    next_number,
    scalar_value,
    to_json,
)

from timba.runtime import access
from timba.tokens.models import ApiToken

pytestmark = pytest.mark.django_db
MISSING_ID = 987_654_321
BULK = [pytest.param(r, id=r.name) for r in RESOURCES if r.bulk_key]


def bulk_url(res) -> str:
    return f"{collection_url(res)}/bulk"


@pytest.fixture
def world(builder) -> World:
    return World(builder)


def client_for(client, world, roles) -> JsonClient:
    held = RoleSet("bulk", frozenset(roles))
    return JsonClient(client, ApiToken.issue(world.actor(held))[1])


@pytest.fixture
def api_a(client, world) -> JsonClient:
    """A user of tenant A holding every role."""
    return client_for(client, world, ROLES)


def key_fields(res):
    """The key fields the caller sends (derived ones come from the item's parent)."""
    return [res.field(n) for n in res.bulk_key if res.field(n).writable]


def changeable(res):
    """A writable scalar field outside the key, to change on the second send."""
    return next(f for f in res.input_fields if not (f.is_reference or f.is_many) and f.name not in res.bulk_key)


def items_for(world, res, n: int, label: str = "a") -> list[dict]:
    base = world.payload(res, label)
    out = []
    for _ in range(n):
        item = dict(base)
        for f in key_fields(res):
            item[f.attname] = to_json(scalar_value(f, next_number()))
        out.append(item)
    return out


def body_of(response) -> dict:
    return orjson.loads(response.content)


def send(api, res, items):
    return api.post(bulk_url(res), {"items": items})


def item_errors(body, index: int) -> list[dict]:
    return [e for e in body["errors"] if e["loc"][:3] == ["body", "items", index]]


def stored(res) -> list[tuple]:
    """Every row of the resource, as comparable values (detects any write)."""
    model = model_of(res)
    return list(model._default_manager.order_by("pk").values_list())


@pytest.mark.parametrize("res", BULK)
def test_creates_then_updates_on_the_natural_key(res, api_a, world):
    model = model_of(res)
    before = model._default_manager.count()
    items = items_for(world, res, 5)
    response = send(api_a, res, items)
    assert response.status_code == 200, response.content
    body = body_of(response)
    assert (body["created"], body["updated"]) == (5, 0)
    ids = [row["id"] for row in body["items"]]
    assert len(set(ids)) == 5
    for sent, row in zip(items, body["items"], strict=True):
        assert all(json_equal(value, row[key]) for key, value in sent.items()), (sent, row)
    assert model._default_manager.count() == before + 5

    field = changeable(res)
    again = [{**item, field.attname: to_json(scalar_value(field, next_number()))} for item in items[:3]]
    again[1:1] = items_for(world, res, 2)  # two new ones in between
    response = send(api_a, res, again)
    assert response.status_code == 200, response.content
    body = body_of(response)
    assert (body["created"], body["updated"]) == (2, 3)
    returned = [row["id"] for row in body["items"]]
    assert [returned[0], *returned[3:]] == ids[:3]  # request order, same rows
    for sent, row in zip(again, body["items"], strict=True):
        assert json_equal(sent[field.attname], row[field.attname])
    assert model._default_manager.count() == before + 7
    stored_value = model._default_manager.get(pk=ids[0]).serializable_value(field.name)
    assert json_equal(again[0][field.attname], to_json(stored_value))


@pytest.mark.parametrize("res", BULK)
def test_one_bad_item_fails_all_and_writes_nothing(res, api_a, world):
    items = items_for(world, res, 3)
    assert send(api_a, res, items).status_code == 200
    snapshot = stored(res)
    field = changeable(res)
    changed = [{**item, field.attname: to_json(scalar_value(field, next_number()))} for item in items]
    changed += items_for(world, res, 2)
    bad = next(f for f in res.input_fields if f.is_reference)
    changed[3][bad.attname] = MISSING_ID
    body = assert_problem(send(api_a, res, changed), 422)
    assert [e["loc"] for e in body["errors"]] == [["body", "items", 3, bad.attname]]
    assert stored(res) == snapshot

    scalar = changed[:2] + [{**changed[2], field.attname: "not-a-value" if field.kind != "string" else "x" * 10_000}]
    body = assert_problem(send(api_a, res, scalar), 422)
    assert body["errors"] and all(e["loc"][:3] == ["body", "items", 2] for e in body["errors"]), body
    assert stored(res) == snapshot


@pytest.mark.parametrize("res", BULK)
def test_duplicate_key_in_one_request_is_an_error_of_the_later_item(res, api_a, world):
    items = items_for(world, res, 3)
    field = changeable(res)
    items.append({**items[1], field.attname: to_json(scalar_value(field, next_number()))})
    snapshot = stored(res)
    body = assert_problem(send(api_a, res, items), 422)
    assert {tuple(e["loc"][:3]) for e in body["errors"]} == {("body", "items", 3)}
    assert body["errors"][0]["type"] == "duplicate" and "item 1" in body["errors"][0]["msg"]
    assert stored(res) == snapshot


@pytest.mark.parametrize("res", BULK)
def test_another_tenants_row_with_the_same_key_is_a_new_row(res, api_a, world):
    theirs = world.row(res, "b")
    before_b = list(world.rows_of(res, "b").values_list())
    (item,) = items_for(world, res, 1)
    for f in key_fields(res):
        item[f.attname] = to_json(theirs.serializable_value(f.name))
    response = send(api_a, res, [item])
    assert response.status_code == 200, response.content
    body = body_of(response)
    assert (body["created"], body["updated"]) == (1, 0)
    assert body["items"][0]["id"] != theirs.pk
    assert world.tenant_ids(res, [body["items"][0]["id"]]) == {world.a.pk}
    assert list(world.rows_of(res, "b").values_list()) == before_b


@pytest.mark.parametrize("res", BULK)
def test_reference_to_another_tenants_row_is_an_item_error(res, api_a, world):
    items = items_for(world, res, 3)
    theirs = items_for(world, res, 1, label="b")[0]
    refs = [f for f in res.input_fields if f.is_reference and f.attname in theirs and theirs[f.attname] != items[0][f.attname]
            and access.tenant_path(model_of(PROJECT.resource(f.target))) is not None]  # a shared table's rows are everyone's
    assert refs, "the resource has no tenant-owned reference to test"
    items[2] = {**items[2], **{f.attname: theirs[f.attname] for f in refs}}
    snapshot = stored(res)
    body = assert_problem(send(api_a, res, items), 422)
    assert {tuple(e["loc"]) for e in body["errors"]} == {("body", "items", 2, f.attname) for f in refs}
    assert stored(res) == snapshot


@pytest.mark.parametrize("res", BULK)
def test_an_item_out_of_scope_is_checked_no_further(res, api_a, world):
    """An item naming another tenant's parent, with the key of one of that tenant's rows, is
    told only that the parent does not exist: no uniqueness check runs on it, so the answer
    cannot reveal which keys another tenant holds."""
    theirs = world.row(res, "b")
    their_payload = items_for(world, res, 1, label="b")[0]
    refs = [f for f in res.input_fields if f.is_reference and f.attname in their_payload
            and access.tenant_path(model_of(PROJECT.resource(f.target))) is not None]
    item = items_for(world, res, 1)[0]
    for f in refs:
        item[f.attname] = getattr(theirs, f.attname)
    for f in key_fields(res):
        item[f.attname] = to_json(theirs.serializable_value(f.name))
    snapshot = stored(res)
    body = assert_problem(send(api_a, res, [item]), 422)
    assert body["errors"] and all(e["type"] == "does_not_exist" for e in body["errors"]), body
    assert not any("exists" in e["msg"] and e["type"] != "does_not_exist" for e in body["errors"]), body
    assert stored(res) == snapshot


@pytest.mark.parametrize("res", BULK)
def test_more_than_max_items_is_refused(res, api_a, world):
    item = items_for(world, res, 1)[0]
    body = assert_problem(send(api_a, res, [item] * (res.bulk_max_items + 1)), 422)
    assert ["body", "items"] in [e["loc"] for e in body["errors"]], body


@pytest.mark.parametrize("res", BULK)
def test_role_without_update_is_forbidden(res, client, world):
    """A role that may create but not update (the spec's mobile role for logs) gets a 403."""
    creators = [r for r in ROLES if may(RoleSet(r, frozenset({r})), res, "create") and not may(RoleSet(r, frozenset({r})), res, "update")]
    if not creators:
        pytest.skip("no role may create without updating")
    channel = CHANNELS.get("api")
    held = {creators[0]} | ({channel} if channel and not may(RoleSet(channel, frozenset({channel})), res, "update") else set())
    body = assert_problem(send(client_for(client, world, held), res, items_for(world, res, 2)), 403)
    assert "update" in body["detail"]


def count_queries(api, res, items) -> tuple[int, int]:
    """(reads, writes) of one bulk request."""
    with CaptureQueriesContext(connection) as ctx:
        response = send(api, res, items)
    assert response.status_code == 200, response.content
    sql = [q["sql"].lstrip().upper() for q in ctx.captured_queries]
    writes = sum(s.startswith(("INSERT", "UPDATE")) for s in sql)
    return len(sql) - writes, writes


@pytest.mark.parametrize("res", BULK)
def test_query_count_does_not_grow_with_items(res, api_a, world):
    """Reads are the same for 10 and 100 items. Writes too, except where the backend splits a
    statement by its parameter limit (SQLite: 999 parameters, so 100 rows may take two INSERTs)."""
    field = changeable(res)
    small, large = items_for(world, res, 10), items_for(world, res, 100)
    api_a.get(collection_url(res))  # the token's first use is recorded once; keep it out of the counts
    created = count_queries(api_a, res, small), count_queries(api_a, res, large)
    small = [{**i, field.attname: to_json(scalar_value(field, next_number()))} for i in small]
    large = [{**i, field.attname: to_json(scalar_value(field, next_number()))} for i in large]
    updated = count_queries(api_a, res, small), count_queries(api_a, res, large)
    print("queries (reads, writes) for 10 and 100 items, created then updated:", created, updated)
    for (reads_10, writes_10), (reads_100, writes_100) in (created, updated):
        assert reads_10 == reads_100
        if connection.vendor == "sqlite":
            assert writes_100 - writes_10 <= 2, (writes_10, writes_100)
        else:
            assert writes_100 == writes_10
