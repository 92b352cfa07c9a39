"""List items read with `.values()` (timba.runtime.rows) are the JSON the `<Name>Out` schema
gives for the same rows, for every resource of the spec: same keys in the same order, same
values, many-to-many ids in the same order, aggregates at the same scale, and `?fields=`
honoured. A schema field the plan cannot read (a resolver of its own) makes it fall back.
"""

from __future__ import annotations

import orjson
import pytest
from ninja import Schema
from spec_rows import RESOURCES, model_of

from timba.generated import schemas
from timba.runtime.encoding import dumps
from timba.runtime.rows import plan_for
from timba.runtime.selectors import visible_rows

pytestmark = pytest.mark.django_db
IDS = [res.name for res in RESOURCES]


def _dump(items) -> bytes:
    return dumps(items)


def _rows(builder, res, superuser, n=3):
    model = model_of(res)
    for _ in range(n):
        row = builder.create(res)
        for field in res.fields:  # several related rows, so their order matters
            if field.is_many:
                extra = [builder.create(field.target) for _ in range(2)]
                getattr(row, field.name).add(*extra)
    _edge_values(model, row.pk)
    return visible_rows(superuser, model).order_by("pk")


def _edge_values(model, pk) -> None:
    """The last row gets the values whose text is easiest to get wrong: datetimes on a whole
    second (no fraction) and NULL in every nullable plain column."""
    from datetime import UTC, datetime

    from django.db import models

    changes = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.is_relation:
            continue
        if field.null:
            changes[field.attname] = None
        elif isinstance(field, models.DateTimeField):
            changes[field.attname] = datetime(2026, 11, 24, 3, 4, 5, tzinfo=UTC)
    model._default_manager.filter(pk=pk).update(**changes)


def test_mysql_writes_dates_and_decimals_as_text():
    """On MySQL/MariaDB the JSON text of datetime, date and decimal columns comes from the
    database, so the comparisons below test that path; elsewhere Python writes it."""
    from django.db import connection

    from timba.models import Client, Log
    from timba.runtime import db_json

    if connection.vendor != "mysql":
        pytest.skip(f"{connection.vendor}: values come as Python objects (the SQL text path is MySQL's)")
    assert {"created_at", "length", "volume"} <= set(db_json.expressions(Log, "default"))
    assert "paid_until" in db_json.expressions(Client, "default")


@pytest.mark.parametrize("res", RESOURCES, ids=IDS)
def test_every_generated_schema_is_read_from_values(res):
    assert plan_for(model_of(res), getattr(schemas, f"{res.name}Out")) is not None


@pytest.mark.parametrize("res", RESOURCES, ids=IDS)
def test_values_rows_equal_the_schema_output(builder, superuser, res):
    out = getattr(schemas, f"{res.name}Out")
    queryset = _rows(builder, res, superuser)
    expected = [out.from_orm(row).model_dump() for row in queryset]
    got = plan_for(model_of(res), out).rows(queryset)
    assert [list(item) for item in got] == [list(item) for item in expected]  # key order too
    assert _dump(got) == _dump(expected)


@pytest.mark.parametrize("res", RESOURCES, ids=IDS)
def test_selected_fields_and_extra_keys(builder, superuser, res):
    out = getattr(schemas, f"{res.name}Out")
    queryset = _rows(builder, res, superuser, n=2)
    names = list(out.model_fields)[-2:]
    got = plan_for(model_of(res), out).rows(queryset, names, extra=("id",))
    expected = [out.from_orm(row).model_dump(include=set(names)) | {"id": row.pk} for row in queryset]
    assert _dump(got) == _dump(expected)


def test_a_field_with_its_own_resolver_falls_back(builder):
    from timba.models import Role

    class Shouting(Schema):
        id: int
        name: str

        @staticmethod
        def resolve_name(obj):
            return obj.name.upper()

    class Unknown(Schema):
        id: int
        not_a_column: str

    assert plan_for(Role, Shouting) is None
    assert plan_for(Role, Unknown) is None


@pytest.mark.parametrize("query", ["limit=2", "limit=2&cursor=", "limit=2&offset=1", "limit=2&cursor=&fields=id"])
@pytest.mark.parametrize("res", [r for r in RESOURCES if "list" in r.operations], ids=lambda r: r.name)
def test_lists_answer_the_same_json_without_the_plan(res, query, api, builder, superuser, monkeypatch):
    """The fallback (instances validated by the page schema) and the `.values()` path agree on
    whole pages: items, count, offset and the next cursor."""
    from timba.runtime import pagination

    _rows(builder, res, superuser)
    url = f"/api/v1/{res.plural}?{query}"
    fast = api.get(url)
    monkeypatch.setattr(pagination.rows, "plan_for", lambda model, out: None)
    slow = api.get(url)
    assert fast.status_code == slow.status_code == 200, (fast.content, slow.content)
    assert orjson.loads(fast.content) == orjson.loads(slow.content)
    assert len(orjson.loads(fast.content)["items"]) == 2
