"""List routes, parametrised over every resource and every filter, operator, ordering and search
field its `api:` section in resources.yaml declares (read through the IR, so a new declaration
is tested without touching this file).

Expected results are computed in Python from the stored rows, never with the ORM lookups the
runtime uses. Also: both paginations (a cursor walk sees every row exactly once, in order), NULLs
in sort keys, `?fields=`, 422s for anything undeclared, tenant scope under filters, the OpenAPI
parameters, and a constant number of SQL queries whatever the page size.
"""

from __future__ import annotations

from datetime import date, datetime

import orjson
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from spec_rows import RESOURCES, assert_problem, collection_url, error_locs, model_of, output_keys

from timba.runtime.pagination import MAX_LIMIT

pytestmark = pytest.mark.django_db
LISTED = [r for r in RESOURCES if "list" in r.operations]
ROWS = 4  # rows built per resource for the filter, ordering and search tests


def _filter_cases():
    out = []
    for res in LISTED:
        for flt in res.list_filters:
            for param, op in flt.params:
                out.append(pytest.param(res, flt, param, op, id=f"{res.name}-{param}"))
    return out


def _order_cases(with_default: bool = False):
    out = []
    for res in LISTED:
        orders = ([None] if with_default else []) + [v for n in res.list_ordering for v in (n, f"-{n}")]
        out += [pytest.param(res, order, id=f"{res.name}-{order or 'default'}") for order in orders]
    return out


def _search_cases():
    return [pytest.param(res, name, id=f"{res.name}-{name}") for res in LISTED for name in res.list_search]


listed = pytest.mark.parametrize("res", [pytest.param(r, id=r.name) for r in LISTED])


@pytest.fixture
def rows(builder):
    """ROWS rows of every listed resource (with their parents)."""
    for res in LISTED:
        for _ in range(ROWS):
            builder.create(res)


def body_of(response) -> dict:
    return orjson.loads(response.content)


def query_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def values_of(model, name: str, row) -> list:
    """The values a row holds for a filter field: one, or every related id of a many-reference."""
    field = model._meta.get_field(name)
    if field.many_to_many:
        return [r.pk for r in getattr(row, name).all()]
    return [getattr(row, field.attname)]


def matches(op: str, held: list, wanted) -> bool:
    present = [v for v in held if v is not None]
    if op == "exact":
        return wanted in present
    if op == "in":
        return any(v in wanted for v in present)
    if op == "gte":
        return any(v >= wanted for v in present)
    if op == "lte":
        return any(v <= wanted for v in present)
    if op == "contains":
        return any(wanted.lower() in str(v).lower() for v in present)
    raise AssertionError(op)


def list_all(api, res, **params) -> list[dict]:
    response = api.get(collection_url(res), limit=MAX_LIMIT, **params)
    assert response.status_code == 200, response.content[:500]
    page = body_of(response)
    assert page["count"] == len(page["items"]), page
    return page["items"]


# --- filters ---------------------------------------------------------------------------------


@pytest.mark.parametrize("res,flt,param,op", _filter_cases())
def test_filter_returns_exactly_the_matching_rows(res, flt, param, op, api, rows):
    model = model_of(res)
    every = list(model._default_manager.all())
    held = {row.pk: values_of(model, flt.name, row) for row in every}
    candidates = [v for row in every for v in held[row.pk] if v not in (None, "")]
    assert candidates, f"no row has a value for {flt.name}"
    if op == "in":
        wanted = list(dict.fromkeys(candidates))[:2]
        raw = ",".join(query_value(v) for v in wanted)
    elif op == "contains":
        text = str(candidates[0])
        wanted = text[1:5] if len(text) > 2 else text
        raw = wanted.upper()  # case-insensitive
    else:
        wanted = candidates[len(candidates) // 2]
        raw = query_value(wanted)
    expected = {pk for pk, values in held.items() if matches(op, values, wanted)}
    assert expected, "the chosen value matches no row"
    got = [item["id"] for item in list_all(api, res, **{param: raw})]
    assert len(got) == len(set(got)), "a row appears twice"
    assert set(got) == expected


def _typed(case) -> bool:
    """Filters whose values have a shape to get wrong: not free text."""
    flt, op = case.values[1], case.values[3]
    return op != "contains" and (flt.choices or flt.kind not in {"string", "text", "email", "phone"})


@pytest.mark.parametrize("res,flt,param,op", [c for c in _filter_cases() if _typed(c)])
def test_filter_value_of_the_wrong_type_is_422(res, flt, param, op, api):
    body = assert_problem(api.get(collection_url(res), **{param: "not-a-valid-value"}), 422)
    assert ["query", param] in error_locs(body), body


@pytest.mark.parametrize("res,flt,param,op", [c for c in _filter_cases() if c.values[3] == "in"])
def test_empty_in_list_is_422(res, flt, param, op, api):
    body = assert_problem(api.get(collection_url(res), **{param: " , "}), 422)
    assert ["query", param] in error_locs(body), body


@listed
def test_unknown_query_parameter_is_422_naming_it(res, api):
    body = assert_problem(api.get(collection_url(res), colour="red", limit=5), 422)
    assert error_locs(body) == [["query", "colour"]], body


@listed
def test_undeclared_filter_on_a_real_field_is_422(res, api):
    declared = {p for f in res.list_filters for p, _ in f.params}
    field = next((f for f in res.fields if f.name not in declared), None)
    if field is None:
        pytest.skip("every field has an exact filter")
    body = assert_problem(api.get(collection_url(res), **{field.name: "x"}), 422)
    assert ["query", field.name] in error_locs(body), body


# --- search ----------------------------------------------------------------------------------


@pytest.mark.parametrize("res,name", _search_cases())
def test_search_matches_any_declared_field_case_insensitively(res, name, api, rows):
    model = model_of(res)
    every = list(model._default_manager.all())
    text = next(str(getattr(r, name)) for r in every if getattr(r, name))
    needle = text[: max(3, len(text) - 2)].upper()
    expected = {
        r.pk for r in every if any(needle.lower() in str(getattr(r, f) or "").lower() for f in res.list_search)
    }
    got = {item["id"] for item in list_all(api, res, search=needle)}
    assert got == expected and got


# --- ordering --------------------------------------------------------------------------------


def _with_nulls(res, order: str | None):
    """Blank the sort field of one row when it may be NULL, so NULL placement is tested."""
    if not order:
        return
    model = model_of(res)
    field = model._meta.get_field(order.lstrip("-"))
    if field.null:
        model._default_manager.filter(pk=model._default_manager.order_by("pk").first().pk).update(**{field.attname: None})


def expected_order(res, order: str | None) -> list[int]:
    """Ids in `order` (default: the resource's ordering), ties by id, NULL as the largest."""
    model = model_of(res)
    rows = sorted(model._default_manager.all(), key=lambda r: r.pk)
    keys = [order] if order else list(model._meta.ordering or ["pk"])
    for key in reversed(keys):  # stable sorts, least significant key first
        name = key.lstrip("-")
        attname = "pk" if name in {"pk", "id"} else model._meta.get_field(name).attname
        rows.sort(key=lambda r, a=attname: (getattr(r, a) is None, getattr(r, a)), reverse=key.startswith("-"))
    return [r.pk for r in rows]


@pytest.mark.parametrize("res,order", _order_cases(with_default=True))
def test_order_sorts_rows(res, order, api, rows):
    _with_nulls(res, order)
    params = {"order": order} if order else {}
    got = [item["id"] for item in list_all(api, res, **params)]
    assert got == expected_order(res, order)


@listed
def test_order_outside_the_whitelist_is_422_naming_the_allowed_values(res, api):
    body = assert_problem(api.get(collection_url(res), order="not_a_field"), 422)
    assert ["query", "order"] in error_locs(body), body
    if res.list_ordering:
        message = " ".join(e["msg"] for e in body["errors"])
        for name in res.list_ordering:
            assert f"'-{name}'" in message and f"'{name}'" in message, message


# --- pagination ------------------------------------------------------------------------------


def walk(api, res, limit: int, **params) -> list[int]:
    seen, cursor, pages = [], "", 0
    while True:
        response = api.get(collection_url(res), limit=limit, cursor=cursor, **params)
        assert response.status_code == 200, response.content[:500]
        page = body_of(response)
        assert page["count"] is None and page["offset"] is None and page["limit"] == limit
        assert len(page["items"]) <= limit
        seen += [item["id"] for item in page["items"]]
        pages += 1
        assert pages <= 100, "the cursor walk does not end"
        if page["next"] is None:
            return seen
        assert len(page["items"]) == limit
        cursor = page["next"]


@pytest.mark.parametrize("limit", [1, 2, 3])
@pytest.mark.parametrize("res,order", _order_cases(with_default=True))
def test_cursor_walk_sees_every_row_once_in_order(res, order, limit, api, rows):
    _with_nulls(res, order)
    params = {"order": order} if order else {}
    seen = walk(api, res, limit, **params)
    assert len(seen) == len(set(seen)), "a row was seen twice"
    assert seen == expected_order(res, order)


@listed
def test_offset_pages_concatenate_to_the_whole_list(res, api, rows):
    everything = [item["id"] for item in list_all(api, res)]
    pages = []
    for offset in range(0, len(everything), 3):
        page = body_of(api.get(collection_url(res), limit=3, offset=offset))
        assert page["count"] == len(everything) and page["next"] is None
        pages += [item["id"] for item in page["items"]]
    assert pages == everything


@listed
def test_cursor_walk_keeps_filters(res, api, rows):
    flt = next((f for f in res.list_filters if "range" in f.operators), None)
    if flt is None:
        pytest.skip("no range filter")
    model = model_of(res)
    values = sorted(v for r in model._default_manager.all() for v in values_of(model, flt.name, r) if v is not None)
    low = values[len(values) // 2]
    params = {f"{flt.name}__gte": query_value(low)}
    assert walk(api, res, 2, **params) == [item["id"] for item in list_all(api, res, **params)]


@listed
def test_offset_with_a_cursor_skips_rows_past_it(res, api, rows):
    """Both page parameters at once are no conflict the document would have to forbid: the
    offset counts from the cursor's position (the first row, for an empty cursor)."""
    base = collection_url(res)
    everything = [item["id"] for item in list_all(api, res)]
    first = body_of(api.get(base, limit=1, cursor=""))
    skipped = body_of(api.get(base, limit=2, cursor="", offset=1))
    assert [item["id"] for item in skipped["items"]] == everything[1:3]
    after = body_of(api.get(base, limit=1, cursor=first["next"], offset=1))
    assert [item["id"] for item in after["items"]] == everything[2:3]


@listed
def test_cursor_problems_are_422(res, api, rows):
    base = collection_url(res)
    assert ["query", "cursor"] in error_locs(assert_problem(api.get(base, cursor="garbage!"), 422))
    if res.list_ordering:
        following = body_of(api.get(base, limit=1, cursor=""))["next"]
        body = assert_problem(api.get(base, limit=1, cursor=following, order=f"-{res.list_ordering[0]}"), 422)
        assert ["query", "cursor"] in error_locs(body)


# --- ?fields= --------------------------------------------------------------------------------


@listed
def test_fields_keeps_only_the_named_keys(res, api, rows):
    keys = sorted(output_keys(res))
    chosen = ["id", next(k for k in keys if k != "id")]
    full = list_all(api, res)
    for params in ({}, {"cursor": ""}):
        response = api.get(collection_url(res), limit=MAX_LIMIT, fields=",".join(chosen), **params)
        assert response.status_code == 200, response.content
        page = body_of(response)
        assert page["items"] and all(set(item) == set(chosen) for item in page["items"])
        assert page["items"] == [{k: item[k] for k in chosen} for item in full]


@listed
def test_unknown_field_in_fields_is_422(res, api):
    body = assert_problem(api.get(collection_url(res), fields="id,nope"), 422)
    assert error_locs(body) == [["query", "fields"]]
    assert "nope" in body["errors"][0]["msg"] and "id" in body["errors"][0]["msg"]


# --- tenant scope ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "res,flt",
    [
        pytest.param(r, f, id=f"{r.name}-{f.name}")
        for r in LISTED
        for f in r.list_filters
        if r.tenant not in (None, "self") and "exact" in f.operators and f.kind == "reference"
    ],
)
def test_filters_never_reach_another_tenant(res, flt, client, builder):
    from security.tenancy import ROLE_SETS, World
    from spec_rows import JsonClient

    from timba.tokens.models import ApiToken

    world = World(builder)
    world.row(res, "a")
    theirs = world.row(res, "b")
    everyone = next(rs for rs in ROLE_SETS if not rs.staff and len(rs.roles) > 1)
    api = JsonClient(client, ApiToken.issue(world.actor(everyone))[1])
    target = values_of(model_of(res), flt.name, theirs)[0]
    response = api.get(collection_url(res), **{flt.name: target})
    assert response.status_code == 200, response.content
    assert body_of(response)["items"] == []
    mine = {item["id"] for item in body_of(api.get(collection_url(res), limit=MAX_LIMIT, cursor=""))["items"]}
    assert theirs.pk not in mine and mine


# --- OpenAPI ---------------------------------------------------------------------------------


def test_openapi_documents_every_list_parameter(api):
    document = orjson.loads(api.get("/api/v1/openapi.json").content)
    for res in LISTED:
        operation = document["paths"][f"/api/v1/{res.plural}"]["get"]
        names = {p["name"] for p in operation["parameters"] if p["in"] == "query"}
        expected = {"limit", "offset", "cursor", "fields"} | {p for f in res.list_filters for p, _ in f.params}
        expected |= {"order"} if res.list_ordering else set()
        expected |= {"search"} if res.list_search else set()
        assert names == expected, (res.name, names ^ expected)


# --- query count -----------------------------------------------------------------------------

PAGE_SIZES = (1, 10, 50)


def _variants(res) -> list[dict]:
    out = [{}, {"cursor": ""}, {"fields": "id"}]
    if res.list_ordering:
        out.append({"order": f"-{res.list_ordering[-1]}", "cursor": ""})
    if res.list_search:
        out.append({"search": "-"})
    rng = next((f for f in res.list_filters if "range" in f.operators), None)
    if rng is not None:
        low = {"integer": "0", "decimal": "0", "date": "2000-01-01"}.get(rng.kind, "2000-01-01T00:00:00")  # naive: site time
        out.append({f"{rng.name}__gte": low})
    many = next((f for f in res.list_filters if f.kind == "many-references" and "in" in f.operators), None)
    if many is not None:
        out.append({f"{many.name}__in": ",".join(str(pk) for pk in range(1, 20))})
    return out


@listed
def test_query_count_is_the_same_for_every_page_size(res, api, builder):
    model = model_of(res)
    for _ in range(max(PAGE_SIZES) + 5 - model._default_manager.count()):
        builder.create(res)
    for params in _variants(res):
        api.get(collection_url(res), limit=1, **params)  # warm caches (token, roles)
        counts = {}
        for size in PAGE_SIZES:
            with CaptureQueriesContext(connection) as queries:
                response = api.get(collection_url(res), limit=size, **params)
            assert response.status_code == 200, response.content[:500]
            items = body_of(response)["items"]
            assert len(items) == size or (params and len(items) <= size), (params, size, len(items))
            counts[size] = len(queries)
        assert len(set(counts.values())) == 1, (res.name, params, counts)


@pytest.mark.parametrize("res", [r for r in RESOURCES if "list" in r.operations], ids=lambda r: r.name)
def test_the_ir_knows_every_query_parameter_of_the_list(res):
    """codegen (which never imports Django) names a list's query parameters from the IR, e.g.
    to keep a nested route's path parameter clear of them: they must be the schema's."""
    from timba.generated import schemas

    assert res.list_query_params == set(getattr(schemas, f"{res.name}ListQuery").model_fields)
