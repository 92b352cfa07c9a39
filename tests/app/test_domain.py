"""Timber-log rules: the stored volume is length × breadth × height (6 places), and a log's client
is derived from its consignment — never accepted from the request body.

The derived/computed checks are also run generically over every field the spec marks `derived_from`.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import orjson
import pytest
from spec_rows import (
    RESOURCES,
    assert_problem,
    collection_url,
    error_locs,
    item_url,
    model_of,
    resource,
    scalar_value,
    to_json,
    unique_groups,
)

pytestmark = pytest.mark.django_db
LOG = resource("Log")
SIX_PLACES = Decimal("0.000001")


def expected_volume(body: dict) -> Decimal:
    product = Decimal(body["length"]) * Decimal(body["breadth"]) * Decimal(body["height"])
    return product.quantize(SIX_PLACES, rounding=ROUND_HALF_UP)


def stored_volume(pk) -> Decimal:
    return model_of(LOG).objects.get(pk=pk).volume


def create_log(api, builder, **dims):
    payload = builder.payload(LOG, **dims)
    response = api.post(collection_url(LOG), payload)
    assert response.status_code == 201, response.content
    return orjson.loads(response.content)


@pytest.mark.parametrize(
    "dims",
    [
        {"length": "2.000", "breadth": "0.500", "height": "0.400"},
        {"length": "1.234", "breadth": "5.678", "height": "9.012"},
        {"length": "0.001", "breadth": "0.001", "height": "0.999"},
        {"length": "12345.678", "breadth": "0.333", "height": "7.777"},
        {"length": "0", "breadth": "3.000", "height": "4.000"},
    ],
    ids=["simple", "rounded", "tiny", "large", "zero"],
)
def test_volume_after_create(api, builder, dims):
    body = create_log(api, builder, **dims)
    assert Decimal(body["volume"]) == expected_volume(dims)
    assert len(body["volume"].split(".")[1]) == 6
    stored = stored_volume(body["id"])
    assert stored == expected_volume(dims)


@pytest.mark.parametrize("dimension", ["length", "breadth", "height"])
def test_volume_follows_a_patched_dimension(api, builder, dimension):
    body = create_log(api, builder, length="1.500", breadth="2.000", height="3.000")
    assert Decimal(body["volume"]) == Decimal("9.000000")
    response = api.patch(item_url(LOG, body["id"]), {dimension: "4.125"})
    assert response.status_code == 200, response.content
    patched = orjson.loads(response.content)
    assert patched[dimension] == "4.125"
    assert Decimal(patched["volume"]) == expected_volume(patched) != Decimal("9.000000")
    assert stored_volume(body["id"]) == expected_volume(patched)


def test_volume_cannot_be_sent(api, builder):
    body = assert_problem(api.post(collection_url(LOG), builder.payload(LOG, volume="1.000000")), 422)
    assert ["body", "volume"] in error_locs(body)


def test_client_is_copied_from_consignment(api, builder):
    consignment = builder.create("Consignment")
    body = create_log(api, builder, consignment_id=consignment.pk)
    assert body["client_id"] == consignment.client_id


def test_client_follows_a_patched_consignment(api, builder):
    body = create_log(api, builder)
    other = builder.create("Consignment")
    assert other.client_id != body["client_id"]
    response = api.patch(item_url(LOG, body["id"]), {"consignment_id": other.pk})
    assert response.status_code == 200, response.content
    assert orjson.loads(response.content)["client_id"] == other.client_id


def test_client_cannot_be_set_from_the_body(api, builder):
    consignment = builder.create("Consignment")
    stranger = builder.create("Client")
    payload = builder.payload(LOG, consignment_id=consignment.pk, client_id=stranger.pk)
    body = assert_problem(api.post(collection_url(LOG), payload), 422)
    assert ["body", "client_id"] in error_locs(body)
    log = builder.create(LOG)
    body = assert_problem(api.patch(item_url(LOG, log.pk), {"client_id": stranger.pk}), 422)
    assert ["body", "client_id"] in error_locs(body)


def _not_writable():
    return [
        pytest.param(res, field, id=f"{res.name}.{field.name}")
        for res in RESOURCES
        for field in res.fields
        if not field.writable and "create" in res.operations
    ]


@pytest.mark.parametrize("res,field", _not_writable())
def test_derived_computed_and_auto_fields_are_refused(api, builder, res, field):
    value = 1 if field.is_reference else "1"
    body = assert_problem(api.post(collection_url(res), builder.payload(res, **{field.attname: value})), 422)
    assert ["body", field.attname] in error_locs(body)


@pytest.mark.parametrize(
    "res,field",
    [p for p in _not_writable() if p.values[1].derived_from],
)
def test_derived_fields_match_their_parent(builder, res, field):
    parent_name, source = field.derived_from
    row = builder.create(res)
    parent = getattr(row, parent_name)
    assert getattr(row, field.name) == getattr(parent, source)


def _derived_with_editable_source():
    out = []
    for p in _not_writable():
        res, field = p.values
        if field.derived_from:
            parent_res = resource(res.field(field.derived_from[0]).target)
            source = parent_res.field(field.derived_from[1])
            if "update" in parent_res.operations and source.writable:
                out.append(p)
    return out


@pytest.mark.parametrize("res,field", _derived_with_editable_source())
def test_derived_fields_follow_a_changed_parent(api, builder, res, field):
    parent_name, source_name = field.derived_from
    parent_res = resource(res.field(parent_name).target)
    source = parent_res.field(source_name)
    row = builder.create(res)
    parent = getattr(row, parent_name)
    new = builder.create(source.target) if source.is_reference else scalar_value(source)
    value = new.pk if source.is_reference else to_json(new)
    response = api.patch(item_url(parent_res, parent.pk), {source.attname: value})
    assert response.status_code == 200, response.content
    row.refresh_from_db()
    assert getattr(row, field.name) == new, "a copied field must not go stale when its source changes"


def _derived_clashes():
    """(res, group, derived field) for unique groups that include a derived field whose
    source is editable through the parent's API."""
    out = []
    for param in _derived_with_editable_source():
        res, field = param.values
        for group in unique_groups(res):
            if field.name in group:
                out.append(pytest.param(res, group, field, id=f"{res.name}-{'+'.join(group)}"))
    return out


@pytest.mark.parametrize("res,group,field", _derived_clashes())
def test_moving_a_parent_into_a_clash_is_409(api, builder, res, group, field):
    parent_name, source_name = field.derived_from
    parent_res = resource(res.field(parent_name).target)
    source = parent_res.field(source_name)
    first = builder.create(res)
    same = {n: getattr(first, n) for n in group if n != field.name}
    second = builder.create(res, **same)
    moving = getattr(second, parent_name)
    target = getattr(getattr(first, parent_name), source.attname)
    body = assert_problem(api.patch(item_url(parent_res, moving.pk), {source.attname: target}), 409)
    assert any(source.attname in e["loc"] for e in body["errors"]), body
    second.refresh_from_db()
    moving.refresh_from_db()
    assert getattr(moving, source.attname) != target
    assert getattr(second, field.attname) == getattr(moving, source.attname)
