"""The security matrix over the REST API, generated from resources.yaml: clients A and B × role
sets (each role alone, all roles, a platform superuser) × every resource × every operation.

The acting user belongs to client A and holds the role set plus the API channel's role. The spec
(`tenancy.may`) decides: an allowed operation succeeds on A's rows — lists hold only A's rows,
B's rows are 404 on get/update/delete and stay untouched — and a denied one is a 403 problem
naming `<model>.<op>` that changes nothing. References to B's rows in bodies are 422 like
missing rows; the tenant field comes from the caller. Without the channel's role every route is
403. Platform staff pass everything and reach both tenants. The admin and import/export halves
of the matrix are test_matrix_admin.py and test_matrix_import_export.py.
"""

from __future__ import annotations

import orjson
import pytest
from spec_rows import (
    PASSWORD,
    JsonClient,
    assert_problem,
    collection_url,
    error_locs,
    item_url,
    json_equal,
    model_of,
)

from timba.runtime.pagination import MAX_LIMIT
from timba.tokens.models import ApiToken

from .tenancy import (
    CHANNELS,
    RESOURCES,
    ROLE_SETS,
    ROLES,
    RoleSet,
    cases,
    may,
    no_b_data,
    snapshot,
    tenant_field,
    tenant_owned,
    tenant_reference_fields,
)

pytestmark = pytest.mark.django_db
API = CHANNELS.get("api")


def op_cases(op: str) -> list:
    return cases(op, when=lambda res, rs: op in res.operations)


def assert_denied(response, res, op: str) -> None:
    body = assert_problem(response, 403)
    assert f"{res.name.lower()}.{op}" in body["detail"], body["detail"]


def both_rows(world, res):
    """A's row and B's (None for data shared by every tenant)."""
    return world.row(res, "a"), world.row(res, "b") if tenant_owned(res) else None


@pytest.mark.parametrize("res,rs", op_cases("list"))
def test_api_list(res, rs, api_as, world):
    api, held = api_as(rs)
    mine, theirs = both_rows(world, res)
    response = api.get(collection_url(res), limit=MAX_LIMIT)
    if not may(held, res, "list"):
        return assert_denied(response, res, "list")
    assert response.status_code == 200, response.content[:300]
    body = orjson.loads(response.content)
    ids = {item["id"] for item in body["items"]}
    assert mine.pk in ids
    if theirs is not None and held.staff:
        assert theirs.pk in ids
    elif theirs is not None:
        assert theirs.pk not in ids and world.tenant_ids(res, ids) == {world.a.pk}
        assert body["count"] == world.rows_of(res, "a").count()
        no_b_data(response)


@pytest.mark.parametrize("res,rs", op_cases("get"))
def test_api_get(res, rs, api_as, world):
    api, held = api_as(rs)
    mine, theirs = both_rows(world, res)
    response = api.get(item_url(res, mine.pk))
    if not may(held, res, "get"):
        return assert_denied(response, res, "get")
    assert response.status_code == 200 and orjson.loads(response.content)["id"] == mine.pk
    if theirs is None:
        return
    response = api.get(item_url(res, theirs.pk))
    if held.staff:
        assert response.status_code == 200
    else:
        assert_problem(response, 404)
        no_b_data(response)


@pytest.mark.parametrize("res,rs", op_cases("create"))
def test_api_create(res, rs, api_as, world):
    api, held = api_as(rs)
    manager = model_of(res)._default_manager
    before = manager.count()
    response = api.post(collection_url(res), world.payload(res, "a"))
    if not may(held, res, "create"):
        assert_denied(response, res, "create")
        assert manager.count() == before
        return
    assert response.status_code == 201, response.content[:500]
    created = manager.get(pk=orjson.loads(response.content)["id"])
    if tenant_field(res) is not None:
        assert world.tenant_id_of(res, created) == world.a.pk


@pytest.mark.parametrize("res,rs", op_cases("update"))
def test_api_update(res, rs, api_as, world):
    api, held = api_as(rs)
    mine, theirs = both_rows(world, res)
    key, value = world.builder.patch_change(res, mine)
    unchanged = snapshot(mine)
    response = api.patch(item_url(res, mine.pk), {key: value})
    if not may(held, res, "update"):
        assert_denied(response, res, "update")
        assert snapshot(mine) == unchanged
        return
    assert response.status_code == 200, response.content[:500]
    assert json_equal(value, orjson.loads(response.content)[key])
    if theirs is None:
        return
    key, value = world.builder.patch_change(res, theirs)
    unchanged = snapshot(theirs)
    response = api.patch(item_url(res, theirs.pk), {key: value})
    if held.staff:
        assert response.status_code == 200
    else:
        assert_problem(response, 404)
        assert snapshot(theirs) == unchanged


@pytest.mark.parametrize("res,rs", op_cases("delete"))
def test_api_delete(res, rs, api_as, world):
    api, held = api_as(rs)
    mine, theirs = world.new_row(res, "a"), world.new_row(res, "b") if tenant_owned(res) else None
    manager = model_of(res)._default_manager
    if not may(held, res, "delete"):
        assert_denied(api.delete(item_url(res, mine.pk)), res, "delete")
        assert manager.filter(pk=mine.pk).exists()
        return
    if theirs is not None:
        response = api.delete(item_url(res, theirs.pk))
        if held.staff:
            assert response.status_code == 204 and not manager.filter(pk=theirs.pk).exists()
        else:
            assert_problem(response, 404)
            assert manager.filter(pk=theirs.pk).exists()
    assert api.delete(item_url(res, mine.pk)).status_code == 204
    assert not manager.filter(pk=mine.pk).exists()


# --- the channel role ----------------------------------------------------------------------


def send(api, world, res, op: str):
    """One request of `op` on A's row (or the collection)."""
    mine = world.row(res, "a")
    return {
        "list": lambda: api.get(collection_url(res)),
        "get": lambda: api.get(item_url(res, mine.pk)),
        "create": lambda: api.post(collection_url(res), world.payload(res, "a")),
        "update": lambda: api.patch(
            item_url(res, mine.pk), dict([world.builder.patch_change(res, mine)])
        ),
        "delete": lambda: api.delete(item_url(res, mine.pk)),
    }[op]()


CHANNELLESS = [
    pytest.param(res, op, id=f"{res.name}-{op}") for res in RESOURCES for op in res.operations
]


@pytest.mark.skipif(API is None, reason="the spec gives the API no channel role")
@pytest.mark.parametrize("res,op", CHANNELLESS)
def test_api_without_the_channel_role_is_403(res, op, client, world):
    """Every other role, but not the API's: every route is 403 and nothing changes."""
    user = world.actor(RoleSet("no-api"), roles=frozenset(ROLES) - {API})
    api = JsonClient(client, ApiToken.issue(user)[1])
    manager, before = model_of(res)._default_manager, snapshot(world.row(res, "a"))
    count = manager.count()
    body = assert_problem(send(api, world, res, op), 403)
    assert f"'{API}'" in body["detail"]
    assert snapshot(world.row(res, "a")) == before and manager.count() == count


@pytest.mark.skipif(API is None, reason="the spec gives the API no channel role")
def test_no_token_without_the_channel_role(client, world):
    user = world.actor(RoleSet("no-api"), roles=frozenset(ROLES) - {API})
    body = {"username": user.username, "password": PASSWORD}
    assert_problem(client.post("/api/v1/auth/token", body, "application/json"), 403)
    assert not ApiToken.objects.filter(user=user).exists()


# --- references and the tenant field ------------------------------------------------------


def reference_cases(op: str) -> list:
    return [
        pytest.param(res, f, rs, id=f"{res.name}.{f.name}-{op}-{rs.id}")
        for res in RESOURCES
        if op in res.operations
        for f in tenant_reference_fields(res)
        for rs in ROLE_SETS
        if not rs.staff and may(rs.plus(API), res, op)
    ]


@pytest.mark.parametrize("res,field,rs", reference_cases("create"))
def test_api_create_referring_to_other_tenants_row_is_422(res, field, rs, api_as, world):
    api, _ = api_as(rs)
    parent = world.row(field.target, "b")
    manager = model_of(res)._default_manager
    before = manager.count()
    body = world.payload(res, "a", **{field.attname: [parent.pk] if field.is_many else parent.pk})
    response = api.post(collection_url(res), body)
    assert ["body", field.attname] in error_locs(assert_problem(response, 422))
    assert manager.count() == before
    no_b_data(response)


@pytest.mark.parametrize("res,field,rs", reference_cases("update"))
def test_api_update_referring_to_other_tenants_row_is_422(res, field, rs, api_as, world):
    api, _ = api_as(rs)
    parent, mine = world.row(field.target, "b"), world.row(res, "a")
    unchanged = snapshot(mine)
    response = api.patch(
        item_url(res, mine.pk), {field.attname: [parent.pk] if field.is_many else parent.pk}
    )
    assert ["body", field.attname] in error_locs(assert_problem(response, 422))
    assert snapshot(mine) == unchanged
    no_b_data(response)


def may_name_the_tenant(res, rs) -> bool:
    """The body may carry the tenant field (`client_id`) and the role set may create."""
    writable = tenant_field(res) is not None and tenant_field(res).writable
    return writable and may(rs.plus(API), res, "create")


@pytest.mark.parametrize("res,rs", cases("create", when=may_name_the_tenant))
def test_api_tenant_field_comes_from_the_caller(res, rs, api_as, world):
    """Left out, a tenant user's row lands in A. Naming client B, staff put it in B; a tenant
    user's row never does: refused (422, like a missing row) or created in A."""
    api, held = api_as(rs)
    attname, in_b = tenant_field(res).attname, world.rows_of(res, "b").count()
    if not held.staff:
        body = {k: v for k, v in world.payload(res, "a").items() if k != attname}
        response = api.post(collection_url(res), body)
        assert response.status_code == 201, response.content[:300]
        assert orjson.loads(response.content)[attname] == world.a.pk
    response = api.post(collection_url(res), world.payload(res, "a", **{attname: world.b.pk}))
    if held.staff:
        assert response.status_code == 201 and orjson.loads(response.content)[attname] == world.b.pk
        return
    if response.status_code == 422:
        assert ["body", attname] in error_locs(assert_problem(response, 422))
    else:
        assert response.status_code == 201, response.content[:300]
        assert orjson.loads(response.content)[attname] == world.a.pk
    assert world.rows_of(res, "b").count() == in_b
    mine = world.row(res, "a")
    response = api.patch(item_url(res, mine.pk), {attname: world.b.pk})
    if not may(held, res, "update"):
        assert_denied(response, res, "update")
    else:
        assert response.status_code in (200, 422), response.content[:300]
    assert world.tenant_id_of(res, model_of(res)._default_manager.get(pk=mine.pk)) == world.a.pk
