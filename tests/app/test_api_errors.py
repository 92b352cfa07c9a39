"""API errors as RFC 9457 problem+json, parametrised over the spec's resources, fields and rules.

Malformed JSON is 400; unknown keys, missing required fields, wrong types, values breaking a
field rule (max_length, min/max, decimal places, email/phone shape), nulls for non-nullable
fields and references to missing parents are 422 naming the field; every unique field and unique_together group is a 409
naming its fields; an unexpected exception is a 500 without traceback text. Also: the OpenAPI
document lists every generated operation.
"""

from __future__ import annotations

import orjson
import pytest
from spec_rows import (
    RESOURCES,
    assert_problem,
    collection_url,
    error_locs,
    invalid_values,
    item_url,
    model_of,
    to_json,
    unique_groups,
    wrong_type_value,
)

from codegen.spec.model import OPERATIONS
from timba.runtime.pagination import MAX_LIMIT

pytestmark = pytest.mark.django_db
MISSING_ID = 987_654_321


def params(operation, per_resource=lambda res: [None]):
    """pytest params (res, item) for resources declaring `operation`, one per item."""
    out = []
    for res in RESOURCES:
        if operation in res.operations:
            for item in per_resource(res):
                label = res.name if item is None else f"{res.name}-{'+'.join(item) if isinstance(item, tuple) else item.name}"
                out.append(pytest.param(res, item, id=label))
    return out


def names_field(body: dict, key: str) -> bool:
    return any(key in loc for loc in error_locs(body))


# --- request shape: 400 / 422 -----------------------------------------------------------------


@pytest.mark.parametrize("res,_", params("create"))
def test_malformed_json_is_400(res, _, api):
    assert_problem(api.post(collection_url(res), '{"oops": '), 400)


@pytest.mark.parametrize("res,_", params("update"))
def test_malformed_json_patch_is_400(res, _, api, builder):
    row = builder.create(res)
    assert_problem(api.patch(item_url(res, row.pk), "[not json"), 400)


@pytest.mark.parametrize("res,_", params("create"))
def test_unknown_key_is_422_with_loc(res, _, api, builder):
    payload = builder.payload(res, no_such_field=1)
    count = model_of(res)._default_manager.count()
    body = assert_problem(api.post(collection_url(res), payload), 422)
    assert ["body", "no_such_field"] in error_locs(body), body
    assert model_of(res)._default_manager.count() == count


@pytest.mark.parametrize("res,_", params("update"))
def test_unknown_key_in_patch_is_422(res, _, api, builder):
    row = builder.create(res)
    body = assert_problem(api.patch(item_url(res, row.pk), {"no_such_field": 1}), 422)
    assert ["body", "no_such_field"] in error_locs(body), body


@pytest.mark.parametrize("res,field", params("create", lambda r: [f for f in r.input_fields if f.required]))
def test_missing_required_field_is_422(res, field, api, builder):
    payload = builder.payload(res)
    del payload[field.attname]
    count = model_of(res)._default_manager.count()
    body = assert_problem(api.post(collection_url(res), payload), 422)
    assert names_field(body, field.attname), body
    assert model_of(res)._default_manager.count() == count


@pytest.mark.parametrize("res,field", params("create", lambda r: list(r.input_fields)))
def test_wrong_type_is_422(res, field, api, builder):
    payload = builder.payload(res, **{field.attname: wrong_type_value(field)})
    body = assert_problem(api.post(collection_url(res), payload), 422)
    assert names_field(body, field.attname), body


@pytest.mark.parametrize("res,field", params("update", lambda r: list(r.input_fields)))
def test_wrong_type_in_patch_is_422(res, field, api, builder):
    row = builder.create(res)
    body = assert_problem(api.patch(item_url(res, row.pk), {field.attname: wrong_type_value(field)}), 422)
    assert names_field(body, field.attname), body


def _rule_breaks():
    return [
        pytest.param(res, field, value, id=f"{res.name}-{field.name}-{label}")
        for res in RESOURCES
        if "create" in res.operations
        for field in res.input_fields
        for label, value in invalid_values(field)
    ]


@pytest.mark.parametrize("res,field,value", _rule_breaks())
def test_value_breaking_a_field_rule_is_422(res, field, value, api, builder):
    body = assert_problem(api.post(collection_url(res), builder.payload(res, **{field.attname: value})), 422)
    assert names_field(body, field.attname), body


@pytest.mark.parametrize("res,field", params("create", lambda r: [f for f in r.input_fields if f.required]))
def test_explicit_null_for_required_field_is_422(res, field, api, builder):
    body = assert_problem(api.post(collection_url(res), builder.payload(res, **{field.attname: None})), 422)
    assert names_field(body, field.attname), body


@pytest.mark.parametrize("res,field", params("update", lambda r: list(r.input_fields)))
def test_patch_null(res, field, api, builder):
    """null clears a nullable field and is refused (422, never 500) for the others."""
    row = builder.create(res)
    response = api.patch(item_url(res, row.pk), {field.attname: None})
    if field.nullable:
        assert response.status_code == 200, response.content
        assert orjson.loads(response.content)[field.attname] is None
    else:
        assert names_field(assert_problem(response, 422), field.attname)


def _references(res):
    return [f for f in res.input_fields if f.is_reference or f.is_many]


@pytest.mark.parametrize("res,field", params("create", _references))
def test_missing_parent_is_422(res, field, api, builder):
    value = [MISSING_ID] if field.is_many else MISSING_ID
    body = assert_problem(api.post(collection_url(res), builder.payload(res, **{field.attname: value})), 422)
    assert names_field(body, field.attname), body


@pytest.mark.parametrize("res,field", params("update", _references))
def test_patch_to_missing_parent_is_422(res, field, api, builder):
    row = builder.create(res)
    value = [MISSING_ID] if field.is_many else MISSING_ID
    body = assert_problem(api.patch(item_url(res, row.pk), {field.attname: value}), 422)
    assert names_field(body, field.attname), body


# --- unique rules: 409 ------------------------------------------------------------------------


def _clash(res, group, existing) -> dict:
    """Payload keys that make a row collide with `existing` on the unique `group`."""
    keys = {}
    for name in group:
        field = res.field(name)
        if field.auto or field.is_many:
            pytest.skip(f"{res.name}.{name} cannot be set through the API")
        if field.derived_from:  # copy the parent it is derived from instead
            field = res.field(field.derived_from[0])
        keys[field.attname] = to_json(getattr(existing, field.attname))
    return keys


def _assert_conflict(body: dict, res, group):
    for name in group:
        key = res.field(name).attname
        assert names_field(body, key) or key in body["detail"], (key, body)


@pytest.mark.parametrize("res,group", params("create", unique_groups))
def test_unique_violation_on_create_is_409(res, group, api, builder):
    existing = builder.create(res)
    count = model_of(res)._default_manager.count()
    payload = builder.payload(res, **_clash(res, group, existing))
    body = assert_problem(api.post(collection_url(res), payload), 409)
    _assert_conflict(body, res, group)
    assert model_of(res)._default_manager.count() == count


@pytest.mark.parametrize("res,group", params("update", unique_groups))
def test_unique_violation_on_patch_is_409(res, group, api, builder):
    existing, other = builder.create(res), builder.create(res)
    body = assert_problem(api.patch(item_url(res, other.pk), _clash(res, group, existing)), 409)
    _assert_conflict(body, res, group)


# --- 500 and documentation --------------------------------------------------------------------


@pytest.mark.parametrize("res,_", params("list"))
def test_unexpected_error_is_500_without_traceback(res, _, api, settings, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("secret-internal-detail")

    settings.DEBUG = False
    monkeypatch.setattr("timba.generated.api.entity_list", explode)
    body = assert_problem(api.get(collection_url(res)), 500)
    text = orjson.dumps(body).decode()
    for leak in ("Traceback", "secret-internal-detail", "RuntimeError", 'File "'):
        assert leak not in text


@pytest.mark.parametrize("res,_", params("list"))
def test_limit_above_maximum_is_422_problem(res, _, api):
    body = assert_problem(api.get(collection_url(res), limit=MAX_LIMIT + 1), 422)
    assert ["query", "limit"] in error_locs(body), body


def test_openapi_lists_every_generated_operation(api):
    response = api.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = orjson.loads(response.content)
    found = {op["operationId"] for path in document["paths"].values() for op in path.values()}
    expected = {f"{res.snake}_{op}" for res in RESOURCES for op in res.operations}
    assert expected <= found, expected - found
    undeclared = {f"{res.snake}_{op}" for res in RESOURCES for op in OPERATIONS} - expected
    assert not (undeclared & found)


def test_docs_page_renders(api):
    response = api.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content


def test_unique_rules_the_database_cannot_enforce_are_checked_before_the_write(monkeypatch):
    """Uniqueness is left to the database only where an index enforces it; a conditional
    constraint (MySQL cannot build one) or a model's own validate_unique is checked first."""
    from django.db import models as dj
    from django.db.models import Q

    from timba.models import Log
    from timba.runtime.write.uniqueness import database_enforces as _database_enforces_uniqueness

    assert all(_database_enforces_uniqueness(model_of(res)) for res in RESOURCES)
    partial = dj.UniqueConstraint(fields=["barcode"], condition=Q(volume__gt=0), name="partial_barcode")
    monkeypatch.setattr(Log._meta, "constraints", [*Log._meta.constraints, partial])
    assert not _database_enforces_uniqueness(Log)
    monkeypatch.undo()
    monkeypatch.setattr(Log, "validate_unique", lambda self, exclude=None: None)
    assert not _database_enforces_uniqueness(Log)
