"""Nested collection routes (`api: nested:` in resources.yaml): `GET /<parents>/{id}/<children>`
lists the children of one parent row, with the child's list parameters.

Parametrised over every nested declaration of the spec (read through the IR), so a newly
declared one is covered without touching this file. Expected rows are computed in Python from
the stored rows (or, for parameters, from the child's flat list, which tests/app/test_lists.py
covers), never with the lookups the runtime uses.

Covered: exactly the parent's children with the child's page shape; filters, order, search,
?fields=, offset pages and a cursor walk as on the flat list; 404 problem+json for a missing
parent; a tenant user gets 404 for another tenant's parent and only their rows for their own; 403
without the child's list permission (before any 404); a constant number of queries whatever the
page size (one more than the flat list at most); the OpenAPI operation.
"""

from __future__ import annotations

from datetime import date, datetime

import orjson
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from security.tenancy import CHANNELS, ROLE_SETS, RoleSet, World, may, no_b_data, tenant_owned
from spec_rows import PROJECT, JsonClient, assert_problem, collection_url, model_of, output_keys

from timba.generated import security as generated_security
from timba.runtime.pagination import MAX_LIMIT
from timba.tokens.models import ApiToken

pytestmark = pytest.mark.django_db

NESTED = [(parent, nested) for parent in PROJECT.resources for nested in parent.nested]
CHILDREN = 3  # children built under the parent under test; 2 under another parent
PAGE_KEYS = {"items", "count", "limit", "offset", "next"}
PAGE_SIZES = (1, 10, 50)

nested_cases = pytest.mark.parametrize(
    "parent,nested", [pytest.param(p, n, id=f"{p.name}-{n.name}") for p, n in NESTED]
)


def test_the_spec_declares_nested_collections():
    """The parametrised tests below would silently pass with none."""
    assert NESTED
    declared = {(p.name, n.name) for p, n in NESTED}
    assert {("Client", "users"), ("Client", "consignments"), ("Consignment", "logs")} <= declared


def child_of(nested):
    return PROJECT.resource(nested.child)


def url(parent, nested, pk) -> str:
    return f"{collection_url(parent)}/{pk}/{nested.name}"


def attname(nested) -> str:
    """The child's payload key holding the parent id: `client_id`."""
    return child_of(nested).field(nested.field).attname


def body_of(response) -> dict:
    assert response.status_code == 200, response.content[:500]
    return orjson.loads(response.content)


def ids(response) -> list[int]:
    return [item["id"] for item in body_of(response)["items"]]


def children_in_db(nested, parent_pk) -> set[int]:
    """The stored children of one parent, read in Python."""
    rows = model_of(child_of(nested))._default_manager.all()
    return {row.pk for row in rows if getattr(row, attname(nested)) == parent_pk}


@pytest.fixture
def family(builder):
    """factory(parent, nested) -> (parent row, other parent row): CHILDREN children under the
    first, 2 under the second."""

    def make(parent, nested):
        mine, other = builder.create(parent), builder.create(parent)
        for row, count in ((mine, CHILDREN), (other, 2)):
            for _ in range(count):
                builder.create(child_of(nested), **{nested.field: row})
        assert len(children_in_db(nested, mine.pk)) == CHILDREN
        return mine, other

    return make


def list_flat_of_parent(api, nested, parent_pk, **params) -> list[int]:
    """The child's flat list with `params`, keeping (in Python) the parent's rows, in order."""
    response = api.get(collection_url(child_of(nested)), limit=MAX_LIMIT, **params)
    return [item["id"] for item in body_of(response)["items"] if item[attname(nested)] == parent_pk]


# --- rows and shape --------------------------------------------------------------------------


@nested_cases
def test_lists_exactly_the_children_of_the_parent(parent, nested, api, family):
    mine, other = family(parent, nested)
    page = body_of(api.get(url(parent, nested, mine.pk), limit=MAX_LIMIT))
    assert set(page) == PAGE_KEYS
    assert page["count"] == CHILDREN and page["offset"] == 0 and page["next"] is None
    assert all(set(item) == output_keys(child_of(nested)) for item in page["items"])
    assert {item["id"] for item in page["items"]} == children_in_db(nested, mine.pk)
    assert all(item[attname(nested)] == mine.pk for item in page["items"])
    assert set(ids(api.get(url(parent, nested, other.pk)))) == children_in_db(nested, other.pk)


@nested_cases
def test_a_parent_without_children_is_an_empty_page(parent, nested, api, builder):
    lonely = builder.create(parent)
    page = body_of(api.get(url(parent, nested, lonely.pk)))
    assert page["items"] == [] and page["count"] == 0


@nested_cases
def test_default_order_is_the_child_lists(parent, nested, api, family):
    mine, _ = family(parent, nested)
    assert ids(api.get(url(parent, nested, mine.pk), limit=MAX_LIMIT)) == list_flat_of_parent(api, nested, mine.pk)


# --- the child's list parameters --------------------------------------------------------------


def query_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def _param_value(child, flt, op: str, row) -> str | None:
    """A value for `?<param>=` taken from one of the parent's children, or None when it has none."""
    model = model_of(child)
    field = model._meta.get_field(flt.name)
    held = [r.pk for r in getattr(row, flt.name).all()] if field.many_to_many else [getattr(row, field.attname)]
    held = [v for v in held if v not in (None, "")]
    if not held:
        return None
    if op == "contains":
        text = str(held[0])
        return text[1:5].upper() if len(text) > 2 else text
    return query_value(held[0])


@nested_cases
def test_filters_and_search_work_as_on_the_flat_list(parent, nested, api, family):
    mine, _ = family(parent, nested)
    child = child_of(nested)
    rows = sorted(model_of(child)._default_manager.filter(pk__in=children_in_db(nested, mine.pk)), key=lambda r: r.pk)
    cases = []
    for flt in child.list_filters:
        if flt.name == nested.field:
            continue
        for param, op in flt.params:
            value = _param_value(child, flt, op, rows[1])
            if value is not None:
                cases.append({param: value})
    if child.list_search:
        cases.append({"search": str(getattr(rows[1], child.list_search[0]))})
    assert cases, f"{child.name} has no filter or search to try"
    narrowed = 0
    for params in cases:
        got = ids(api.get(url(parent, nested, mine.pk), limit=MAX_LIMIT, **params))
        assert got == list_flat_of_parent(api, nested, mine.pk, **params), params
        narrowed += 0 < len(got) < CHILDREN
    assert narrowed, "no parameter picked out some but not all children: the test would miss ignored filters"


@nested_cases
def test_every_order_works_as_on_the_flat_list(parent, nested, api, family):
    mine, _ = family(parent, nested)
    child = child_of(nested)
    if not child.list_ordering:
        pytest.skip(f"{child.name} declares no ordering")
    for name in child.list_ordering:
        for order in (name, f"-{name}"):
            got = ids(api.get(url(parent, nested, mine.pk), limit=MAX_LIMIT, order=order))
            assert got == list_flat_of_parent(api, nested, mine.pk, order=order), order
            assert sorted(got) == sorted(children_in_db(nested, mine.pk))


@nested_cases
def test_undeclared_order_and_unknown_parameters_are_422(parent, nested, api, family):
    mine, _ = family(parent, nested)
    body = assert_problem(api.get(url(parent, nested, mine.pk), order="not_a_field"), 422)
    assert ["query", "order"] in [e["loc"] for e in body["errors"]]
    body = assert_problem(api.get(url(parent, nested, mine.pk), colour="red"), 422)
    assert [e["loc"] for e in body["errors"]] == [["query", "colour"]]


@nested_cases
@pytest.mark.parametrize("limit", [1, 2])
def test_cursor_walk_sees_every_child_once_in_order(parent, nested, limit, api, family):
    mine, _ = family(parent, nested)
    seen, cursor = [], ""
    for _ in range(CHILDREN + 2):
        page = body_of(api.get(url(parent, nested, mine.pk), limit=limit, cursor=cursor))
        assert page["count"] is None and page["offset"] is None and len(page["items"]) <= limit
        seen += [item["id"] for item in page["items"]]
        if page["next"] is None:
            break
        cursor = page["next"]
    else:
        pytest.fail("the cursor walk does not end")
    assert seen == list_flat_of_parent(api, nested, mine.pk)
    assert len(seen) == CHILDREN


@nested_cases
def test_offset_pages_and_fields(parent, nested, api, family):
    mine, _ = family(parent, nested)
    everything = list_flat_of_parent(api, nested, mine.pk)
    pages = []
    for offset in range(0, CHILDREN, 2):
        page = body_of(api.get(url(parent, nested, mine.pk), limit=2, offset=offset))
        assert page["count"] == CHILDREN
        pages += [item["id"] for item in page["items"]]
    assert pages == everything
    items = body_of(api.get(url(parent, nested, mine.pk), fields="id"))["items"]
    assert items == [{"id": pk} for pk in everything]


# --- missing parents, tenants and permissions --------------------------------------------------


def missing_pk(parent) -> int:
    return (model_of(parent)._default_manager.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000


@nested_cases
def test_missing_parent_is_a_404_problem(parent, nested, api, family):
    family(parent, nested)
    pk = missing_pk(parent)
    body = assert_problem(api.get(url(parent, nested, pk)), 404)
    assert body["detail"] == f"No {model_of(parent)._meta.verbose_name} with id {pk}."


def tenant_api(client, world: World, rs: RoleSet) -> JsonClient:
    """A user of tenant A holding `rs` plus the API channel's role."""
    return JsonClient(client, ApiToken.issue(world.actor(rs.plus(CHANNELS.get("api"))))[1])


def tenant_family(world: World, parent, nested) -> dict:
    """{label: parent row} for tenants a and b, each parent with two children of its tenant."""
    out = {}
    for label in ("a", "b"):
        out[label] = world.row(parent, label)
        for _ in range(2):
            child = world.new_row(child_of(nested), label)
            if not tenant_owned(parent):  # a shared parent: the child is made with a fresh one
                model_of(child_of(nested))._default_manager.filter(pk=child.pk).update(**{f"{nested.field}_id": out[label].pk})
                child.refresh_from_db()
            assert getattr(child, f"{nested.field}_id") == out[label].pk
    return out


@nested_cases
def test_tenant_user_sees_their_parent_and_never_another_tenants(parent, nested, client, builder):
    child = child_of(nested)
    if parent.tenant is None or child.tenant is None:
        pytest.skip("the parent or child is shared by every tenant")
    world = World(builder)
    rs = next(rs for rs in ROLE_SETS if rs.id == "all")
    if not may(rs, child, "list"):
        pytest.skip(f"no tenant role may list {child.name}")
    caller = tenant_api(client, world, rs)
    parents = tenant_family(world, parent, nested)

    response = caller.get(url(parent, nested, parents["a"].pk), limit=MAX_LIMIT)
    assert set(ids(response)) == children_in_db(nested, parents["a"].pk)
    assert len(ids(response)) >= 2
    no_b_data(response)

    theirs = caller.get(url(parent, nested, parents["b"].pk), limit=MAX_LIMIT)
    body = assert_problem(theirs, 404)
    no_b_data(theirs)
    missing = assert_problem(caller.get(url(parent, nested, missing_pk(parent))), 404)
    # the same answer as for a row that does not exist, so existence never leaks
    assert body["detail"].replace(str(parents["b"].pk), "?") == missing["detail"].replace(str(missing_pk(parent)), "?")


@nested_cases
def test_a_shared_parents_children_are_only_the_callers_tenants(parent, nested, client, builder):
    """A parent every tenant shares (a lookup table) with children each tenant owns: a tenant
    user listing its children sees their own tenant's only, never another's under the same row."""
    child = child_of(nested)
    if parent.tenant is not None or child.tenant is None:
        pytest.skip("not a shared parent of tenant-owned children")
    world = World(builder)
    rs = next(rs for rs in ROLE_SETS if rs.id == "all")
    if not may(rs, child, "list") or not may(rs, parent, "get"):
        pytest.skip(f"no tenant role may list {child.name} under {parent.name}")
    caller = tenant_api(client, world, rs)
    shared = tenant_family(world, parent, nested)["a"]  # the one row, with two children of a and of b
    response = caller.get(url(parent, nested, shared.pk), limit=MAX_LIMIT)
    assert response.status_code == 200, response.content
    own = {pk for pk in children_in_db(nested, shared.pk) if world.tenant_ids(child, [pk]) == {world.a.pk}}
    assert set(ids(response)) == own and len(own) >= 2
    no_b_data(response)


@nested_cases
def test_without_the_childs_list_permission_it_is_403(parent, nested, client, builder, monkeypatch):
    """A user holding only the API channel's role. Where the spec lets that role list the child,
    the permission is withdrawn for this test (the runtime reads it from the generated security
    module), so every declaration is checked."""
    child = child_of(nested)
    world = World(builder)
    channel = RoleSet("channel").plus(CHANNELS.get("api"))
    if may(channel, child, "list"):
        rules = generated_security.PERMISSIONS[child.name]
        kept = tuple(role for role in rules.get("list", ()) if role not in channel.roles)
        monkeypatch.setitem(generated_security.PERMISSIONS, child.name, {**rules, "list": kept})
    caller = tenant_api(client, world, channel)
    parents = tenant_family(world, parent, nested)
    for pk in (parents["a"].pk, missing_pk(parent)):  # the permission first: no 404 to probe ids with
        body = assert_problem(caller.get(url(parent, nested, pk)), 403)
        assert f"{model_of(child)._meta.model_name}.list" in body["detail"], body


@nested_cases
def test_without_the_parents_get_permission_it_is_403(parent, nested, client, builder, monkeypatch):
    """Listing the children of a parent one may not read would tell which parent ids exist: the
    parent's get permission is needed too (withdrawn here from every role, so each declaration
    is checked), before the parent is looked up."""
    child = child_of(nested)
    world = World(builder)
    roles = RoleSet("all", frozenset(generated_security.ROLES))
    if not may(roles, child, "list"):
        pytest.skip(f"no tenant role may list {child.name}")
    rules = generated_security.PERMISSIONS[parent.name]
    monkeypatch.setitem(generated_security.PERMISSIONS, parent.name, {**rules, "get": ()})
    caller = tenant_api(client, world, roles)
    parents = tenant_family(world, parent, nested)
    for pk in (parents["a"].pk, missing_pk(parent)):
        body = assert_problem(caller.get(url(parent, nested, pk)), 403)
        assert f"{model_of(parent)._meta.model_name}.get" in body["detail"], body


# --- queries ---------------------------------------------------------------------------------


def _variants(child) -> list[dict]:
    out = [{}, {"cursor": ""}, {"fields": "id"}]
    if child.list_ordering:
        out.append({"order": f"-{child.list_ordering[-1]}", "cursor": ""})
    if child.list_search:
        out.append({"search": "-"})
    return out


@nested_cases
def test_query_count_is_the_same_for_every_page_size(parent, nested, api, builder):
    mine = builder.create(parent)
    child = child_of(nested)
    for _ in range(max(PAGE_SIZES) + 5):
        builder.create(child, **{nested.field: mine})
    for params in _variants(child):
        api.get(url(parent, nested, mine.pk), limit=1, **params)  # warm caches (token, roles)
        counts = {}
        for size in PAGE_SIZES:
            with CaptureQueriesContext(connection) as queries:
                response = api.get(url(parent, nested, mine.pk), limit=size, **params)
            items = body_of(response)["items"]
            assert len(items) == size or ("search" in params and len(items) <= size), (params, size, len(items))
            counts[size] = len(queries)
        assert len(set(counts.values())) == 1, (params, counts)
        with CaptureQueriesContext(connection) as flat:
            body_of(api.get(collection_url(child), limit=max(PAGE_SIZES), **params))
        assert counts[max(PAGE_SIZES)] <= len(flat) + 1, ("more than one query for the parent", params, counts, len(flat))


# --- OpenAPI ---------------------------------------------------------------------------------


@pytest.fixture
def document(api) -> dict:
    return orjson.loads(api.get("/api/v1/openapi.json").content)


def _path_of(document, parent, nested) -> dict:
    prefix = f"/api/v1/{parent.plural}/{{"
    found = [p for p in document["paths"] if p.startswith(prefix) and p.endswith(f"}}/{nested.name}")]
    assert len(found) == 1, found
    return document["paths"][found[0]]


@nested_cases
def test_openapi_documents_the_route_like_the_child_list(parent, nested, document):
    child = child_of(nested)
    operation = _path_of(document, parent, nested)["get"]
    flat = document["paths"][f"/api/v1/{child.plural}"]["get"]
    assert operation["operationId"] == f"{parent.snake}_{nested.name}_list"
    query = lambda op: {p["name"] for p in op["parameters"] if p["in"] == "query"}  # noqa: E731
    assert query(operation) == query(flat)
    assert [p["in"] for p in operation["parameters"] if p["in"] == "path"] == ["path"]
    assert operation["responses"]["200"] == flat["responses"]["200"]
    assert {"401", "403", "404", "422"} <= {str(code) for code in operation["responses"]}
    assert operation.get("security"), "the route must need a bearer token"
