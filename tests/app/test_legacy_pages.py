"""Seed collections are bounded: at most the spec's `legacy.collection.max_items` rows an answer
(default 1000), the REST list's page parameters (`limit`, `offset`, `cursor`) accepted, and a
`Link: <…>; rel="next"` header while more remain. The answer keeps the seed's shape
(`{"consignments": [...]}`). Parametrised over the spec's seed collections."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import orjson
import pytest
from spec_rows import RESOURCES, assert_problem, error_locs, model_of

from codegen.spec import SpecError, load_spec_text
from timba.generated import legacy as generated

pytestmark = pytest.mark.django_db
COLLECTIONS = [r for r in RESOURCES if r.legacy is not None and r.legacy.collection_path]
ROWS = 7


def seed_of(res):
    return getattr(generated, f"{res.snake}_seed")


@pytest.fixture
def family(builder):
    """A parent and ROWS rows of each collection under it: (res, parent id, row ids in order)."""

    def make(res):
        field = next(f for f in res.fields if f.attname == res.legacy.collection_by)
        parent = builder.create(field.target)
        rows = [builder.create(res, **{field.name: parent}) for _ in range(ROWS)]
        ordering = model_of(res)._meta.ordering or ["pk"]
        ids = list(model_of(res)._default_manager.filter(pk__in=[r.pk for r in rows]).order_by(*ordering, "pk")
                   .values_list("pk", flat=True))
        return parent.pk, ids

    return make


def _get(api, res, **params):
    return api.get(f"/timba/{res.legacy.collection_path}", **params)


def _ids(res, response) -> list[int]:
    assert response.status_code == 200, response.content
    body = orjson.loads(response.content)
    assert list(body) == [res.legacy.collection_key]  # the seed's shape
    return [item["id"] for item in body[res.legacy.collection_key]]


def _next(response) -> dict | None:
    if not response.has_header("Link"):
        return None
    match = re.fullmatch(r'<([^>]+)>; rel="next"', response["Link"])
    assert match, response["Link"]
    return {k: v[0] for k, v in parse_qs(urlsplit(match[1]).query, keep_blank_values=True).items()}


def test_the_spec_declares_the_maximum():
    for res in COLLECTIONS:
        assert res.legacy.collection_max_items == 1000  # the default
        assert seed_of(res).max_items == res.legacy.collection_max_items  # generated into the route


@pytest.mark.parametrize("res", COLLECTIONS, ids=[r.name for r in COLLECTIONS])
def test_without_page_parameters_an_answer_holds_at_most_the_maximum(res, api, family, monkeypatch):
    monkeypatch.setattr(seed_of(res), "max_items", 3)
    parent, ids = family(res)
    by = res.legacy.collection_params[-1]  # any of its names
    response = _get(api, res, **{by: parent})
    assert _ids(res, response) == ids[:3]
    seen, following = list(ids[:3]), _next(response)
    while following is not None:
        assert following[by] == str(parent)  # the next page keeps the request's parameters
        response = _get(api, res, **following)
        seen += _ids(res, response)
        following = _next(response)
    assert seen == ids


@pytest.mark.parametrize("res", COLLECTIONS, ids=[r.name for r in COLLECTIONS])
def test_the_rest_lists_page_parameters(res, api, family):
    parent, ids = family(res)
    by = res.legacy.collection_by
    assert _ids(res, _get(api, res, **{by: parent, "limit": 2, "offset": 3})) == ids[3:5]
    first = _get(api, res, **{by: parent, "limit": 2, "cursor": ""})
    assert _ids(res, first) == ids[:2]
    following = _next(first)
    assert following["limit"] == "2" and following["cursor"] and "offset" not in following
    assert _ids(res, _get(api, res, **following)) == ids[2:4]
    last = _get(api, res, **{by: parent, "limit": ROWS})
    assert _ids(res, last) == ids and _next(last) is None


@pytest.mark.parametrize("res", COLLECTIONS, ids=[r.name for r in COLLECTIONS])
def test_page_parameters_in_a_json_body_too(res, api, family):
    parent, ids = family(res)
    body = orjson.dumps({res.legacy.collection_by: parent, "limit": 2, "offset": 1})
    response = api.client.generic("GET", f"/timba/{res.legacy.collection_path}", data=body,
                                  content_type="application/json", headers=api.headers)
    assert _ids(res, response) == ids[1:3]
    assert _next(response)["offset"] == "3"  # the body's parameters are in the next URL


@pytest.mark.parametrize("res", COLLECTIONS, ids=[r.name for r in COLLECTIONS])
@pytest.mark.parametrize(("name", "value"), [("limit", 0), ("limit", 1001), ("limit", "x"), ("offset", -1),
                                            ("offset", 2**63), ("cursor", "not-ours"), ("limit", "²")])
def test_bad_page_parameters_are_422(res, name, value, api, family):
    parent, _ = family(res)
    problem = assert_problem(_get(api, res, **{res.legacy.collection_by: parent, name: value}), 422)
    assert ["query", name] in error_locs(problem)


def test_an_answer_holds_at_most_1000_rows_by_default(api, builder):
    """The declared default, with real rows: old clients keep working for consignments of a
    realistic size, a larger one pages."""
    res = next(r for r in COLLECTIONS if r.name == "Log") if any(r.name == "Log" for r in COLLECTIONS) else COLLECTIONS[0]
    field = next(f for f in res.fields if f.attname == res.legacy.collection_by)
    parent = builder.create(field.target)
    model = model_of(res)
    template = builder.create(res, **{field.name: parent})
    values = {f.attname: getattr(template, f.attname) for f in model._meta.concrete_fields if not f.primary_key}
    unique = [name for group in res.unique_together for name in group if res.field(name).kind == "string"]
    unique += [f.name for f in res.fields if f.unique and f.kind == "string"]
    rows = []
    for i in range(1000):
        row = model(**values)
        for name in unique:
            setattr(row, res.field(name).attname, f"{getattr(template, res.field(name).attname)}-{i}")
        rows.append(row)
    model._default_manager.bulk_create(rows)
    response = _get(api, res, **{res.legacy.collection_by: parent.pk})
    assert len(_ids(res, response)) == 1000 and _next(response)["offset"] == "1000"
    assert len(_ids(res, _get(api, res, **_next(response)))) == 1


@pytest.mark.parametrize("value", [0, 10001, "many"])
def test_the_maximum_is_validated_in_the_spec(value):
    spec = (
        "version: 1\nresources:\n  Box:\n    fields:\n      name: string\n"
        "  Item:\n    fields:\n      box: {type: reference, to: Box, required: true}\n"
        f"    legacy: {{path: item, operations: [create], collection: {{path: items, by: box, max_items: {value}}}}}\n"
    )
    with pytest.raises(SpecError, match="max_items"):
        load_spec_text(spec)


def test_a_page_parameter_cannot_be_a_seed_alias():
    spec = (
        "version: 1\nresources:\n  Box:\n    fields:\n      name: string\n"
        "  Item:\n    fields:\n      box: {type: reference, to: Box, required: true}\n"
        "    legacy: {path: item, operations: [create], params: {limit: box}, collection: {path: items, by: box}}\n"
    )
    with pytest.raises(SpecError, match="page parameter"):
        load_spec_text(spec)
