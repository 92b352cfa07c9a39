"""CRUD through /api/v1/, parametrised over every resource × operation declared in resources.yaml.

A resource added to the spec is covered here without new test code: rows and payloads come from
`spec_rows.RowBuilder`, URLs and expected keys from the IR.
"""

from __future__ import annotations

import orjson
import pytest
from spec_rows import (
    RESOURCES,
    assert_problem,
    collection_url,
    error_locs,
    item_url,
    json_equal,
    model_of,
    output_keys,
    to_json,
)

from timba.generated import schemas
from timba.runtime.pagination import MAX_LIMIT

pytestmark = pytest.mark.django_db
MISSING_ID = 987_654_321


def declaring(operation: str) -> list:
    return [pytest.param(r, id=r.name) for r in RESOURCES if operation in r.operations]


def schema_keys(res, suffix: str = "Out") -> set[str]:
    return set(getattr(schemas, f"{res.name}{suffix}").model_fields)


def body_of(response) -> dict:
    return orjson.loads(response.content)


@pytest.mark.parametrize("res", [pytest.param(r, id=r.name) for r in RESOURCES])
def test_output_schema_matches_spec(res):
    assert schema_keys(res) == output_keys(res)


@pytest.mark.parametrize("res", declaring("list"))
def test_list_is_paginated(res, api, builder):
    model = model_of(res)
    for _ in range(3):
        builder.create(res)
    total = model._default_manager.count()
    response = api.get(collection_url(res), limit=2, offset=1)
    assert response.status_code == 200, response.content
    page = body_of(response)
    assert set(page) == {"items", "count", "limit", "offset", "next"}
    assert page["next"] is None
    assert (page["count"], page["limit"], page["offset"]) == (total, 2, 1)
    assert len(page["items"]) == min(2, total - 1)
    assert all(set(item) == schema_keys(res) for item in page["items"])
    everything = body_of(api.get(collection_url(res), limit=MAX_LIMIT))["items"]
    assert [i["id"] for i in page["items"]] == [i["id"] for i in everything[1:3]]
    in_spec_order = model._default_manager.order_by(*res.ordering, "pk").values_list("pk", flat=True)
    assert [i["id"] for i in everything] == list(in_spec_order)


@pytest.mark.parametrize("res", declaring("list"))
@pytest.mark.parametrize("params", [{"limit": MAX_LIMIT + 1}, {"limit": 0}, {"offset": -1}])
def test_list_rejects_bad_page_params(res, api, params):
    body = assert_problem(api.get(collection_url(res), **params), 422)
    (name,) = params
    assert any(name in loc for loc in error_locs(body)), body


@pytest.mark.parametrize("res", declaring("get"))
def test_get_returns_the_row(res, api, builder):
    row = builder.create(res)
    response = api.get(item_url(res, row.pk))
    assert response.status_code == 200, response.content
    body = body_of(response)
    assert body["id"] == row.pk
    assert set(body) == schema_keys(res)
    for field in res.fields:
        if field.is_many:
            expected = [r.pk for r in getattr(row, field.name).all()]
        else:
            expected = to_json(getattr(row, field.attname))
        assert json_equal(expected, body[field.attname]), (field.name, expected, body[field.attname])


@pytest.mark.parametrize("res", declaring("get"))
def test_get_missing_id_is_404(res, api):
    body = assert_problem(api.get(item_url(res, MISSING_ID)), 404)
    assert str(MISSING_ID) in body["detail"]


@pytest.mark.parametrize("res", declaring("create"))
def test_create_returns_201_and_stores_the_row(res, api, builder):
    payload = builder.payload(res)
    model = model_of(res)
    before = model._default_manager.count()
    response = api.post(collection_url(res), payload)
    assert response.status_code == 201, response.content
    body = body_of(response)
    assert set(body) == schema_keys(res)
    for key, sent in payload.items():
        if key != "password":
            assert json_equal(sent, body[key]), (key, sent, body[key])
    assert model._default_manager.count() == before + 1
    assert model._default_manager.filter(pk=body["id"]).exists()
    if res.auth_user:
        assert model._default_manager.get(pk=body["id"]).check_password(payload["password"])


@pytest.mark.parametrize("res", declaring("create"))
def test_create_with_required_fields_only(res, api, builder):
    payload = builder.payload(res, required_only=True)
    response = api.post(collection_url(res), payload)
    assert response.status_code == 201, response.content


@pytest.mark.parametrize("res", declaring("update"))
def test_patch_changes_only_the_sent_key(res, api, builder):
    row = builder.create(res)
    before = body_of(api.get(item_url(res, row.pk)))
    key, value = builder.patch_change(res, row)
    assert not json_equal(value, before[key]), "the patch must change something"
    response = api.patch(item_url(res, row.pk), {key: value})
    assert response.status_code == 200, response.content
    after = body_of(response)
    assert json_equal(value, after[key])
    dependent = {f.attname for f in res.fields if f.computed or f.derived_from or f.auto}
    unchanged = set(before) - {key, "updated_at"} - dependent
    assert {k: after[k] for k in unchanged} == {k: before[k] for k in unchanged}
    assert body_of(api.get(item_url(res, row.pk))) == after


@pytest.mark.parametrize("res", declaring("update"))
def test_patch_missing_id_is_404(res, api, builder):
    key, value = builder.patch_change(res, builder.create(res))
    assert_problem(api.patch(item_url(res, MISSING_ID), {key: value}), 404)


@pytest.mark.parametrize("res", declaring("update"))
def test_empty_patch_changes_nothing(res, api, builder):
    row = builder.create(res)
    before = body_of(api.get(item_url(res, row.pk)))
    response = api.patch(item_url(res, row.pk), {})
    assert response.status_code == 200, response.content
    after = body_of(response)
    # a PATCH, even an empty one, is an edit: it stamps the time and the editor, nothing else
    stamped = {"updated_at"} | {f"{f.name}_id" for f in res.fields if f.auto == "editor"}
    assert {k: v for k, v in after.items() if k not in stamped} == {
        k: v for k, v in before.items() if k not in stamped
    }


@pytest.mark.parametrize("res", declaring("delete"))
def test_delete_then_404(res, api, builder):
    row = builder.create(res)
    response = api.delete(item_url(res, row.pk))
    assert response.status_code == 204, response.content
    assert response.content == b""
    assert not model_of(res)._default_manager.filter(pk=row.pk).exists()
    assert_problem(api.get(item_url(res, row.pk)), 404)
    assert_problem(api.delete(item_url(res, row.pk)), 404)


def _first_table(sql: str) -> str:
    import re

    match = re.search(r"\bFROM [`\"]?(\w+)", sql)
    return match.group(1) if match else ""


@pytest.mark.parametrize("res", declaring("create"))
def test_create_reads_each_referenced_row_once(res, api, builder):
    """The scoped reference check fetches the parents the row derives from; neither the model's
    own existence check nor deriving a field reads them again."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    payload = builder.payload(res)
    model = model_of(res)
    given = [f for f in model._meta.fields if f.many_to_one and payload.get(f.attname) is not None]
    with CaptureQueriesContext(connection) as queries:
        response = api.post(collection_url(res), payload)
    assert response.status_code == 201, response.content
    reads = [
        _first_table(q["sql"])
        for q in queries
        if q["sql"].lstrip().upper().startswith("SELECT") and "FOR UPDATE" not in q["sql"].upper()  # a lock, not a check
    ]
    for field in given:
        table = field.related_model._meta.db_table
        assert reads.count(table) <= 1, (field.name, [q["sql"] for q in queries])


@pytest.mark.parametrize("res", declaring("create"))
def test_write_answers_equal_a_later_get(res, api, builder):
    """The row a create or a PATCH answers is the row a GET then returns, byte for byte (the
    services answer without reading the row back where nothing needs the database)."""
    payload = builder.payload(res)
    for field in res.fields:  # decimals sent short of their scale ("1.5" for 1.500)
        if field.kind == "decimal" and field.attname in payload and (field.decimal_places or 0) > 1:
            payload[field.attname] = "1.5"
    created = api.post(collection_url(res), payload)
    assert created.status_code == 201, created.content
    pk = body_of(created)["id"]
    assert body_of(created) == body_of(api.get(item_url(res, pk)))
    assert created.content == api.get(item_url(res, pk)).content
    if "update" in res.operations:
        key, value = builder.patch_change(res, model_of(res)._default_manager.get(pk=pk))
        changed = api.patch(item_url(res, pk), {key: value})
        assert changed.status_code == 200, changed.content
        assert changed.content == api.get(item_url(res, pk)).content


def each_choice() -> list:
    return [pytest.param(r, f, id=f"{r.name}.{f.name}") for r in RESOURCES if "get" in r.operations
            for f in r.fields if f.choices]


@pytest.mark.parametrize(("res", "field"), each_choice())
def test_every_value_a_form_may_store_reads_back(res, field, api, builder):
    """Every value the admin's form may leave in a choice column (its choices, and the blank
    one where the field may be empty) is one the API returns, and one an update takes back. A
    value outside the output schema would make every read of the row a 500."""
    model = model_of(res)
    formfield = model._meta.get_field(field.name).formfield()
    values = [value for value, _ in formfield.choices if value != "" or not formfield.required]
    assert {v for v, _ in field.choices} <= set(values)
    row = builder.create(res)
    for value in values:
        model._default_manager.filter(pk=row.pk).update(**{field.name: value})
        response = api.get(item_url(res, row.pk))
        assert response.status_code == 200, (value, response.content)
        assert body_of(response)[field.attname] == value
        if "update" in res.operations and field.writable:
            model._default_manager.filter(pk=row.pk).update(**{field.name: field.choices[0][0]})
            response = api.patch(item_url(res, row.pk), {field.attname: value})
            assert response.status_code == 200, (value, response.content)
            assert body_of(response)[field.attname] == value
