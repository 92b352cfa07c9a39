"""The admin's change lists show what the spec knows (timba.runtime.admin_columns), parametrised
over the spec: every aggregate named in a `list_display` shows its value and sorts on it, every
many-references column lists its rows (a role by its label), the tenant's seats show `used /
seats`, the roles change list shows each role's label and description, and a page of any of
these lists costs the same number of queries with 2 rows as with 7.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib import admin
from django.db import connection
from django.db.models import Count, Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from spec_rows import PROJECT, RESOURCES, model_of, resource

from timba.runtime import admin_roles

pytestmark = pytest.mark.django_db

SECURITY = PROJECT.security
SUBSCRIPTION = dict(SECURITY.subscription)


def url(res, view: str = "changelist") -> str:
    return reverse(f"admin:timba_{res.name.lower()}_{view}")


def columns(res) -> dict:
    """The callable columns of the resource's admin list, by name."""
    return {c.__name__: c for c in admin.site._registry[model_of(res)].list_display if callable(c)}


def back_reference(res, agg) -> str:
    """The reference field of the aggregated resource that points back at `res`."""
    source = resource(agg.source)
    return next(f.name for f in source.fields if f.is_reference and f.target == res.name and f.related_name == agg.relation)


def aggregate_params():
    return [
        pytest.param(r, a, id=f"{r.name}-{a.name}")
        for r in RESOURCES
        for a in r.aggregates
        if a.name in r.admin_list
    ]


def many_params():
    return [pytest.param(r, f, id=f"{r.name}-{f.name}") for r in RESOURCES for f in r.fields if f.is_many and f.name in r.admin_list]


def seats_params():
    seats = SUBSCRIPTION.get("seats")
    return [
        pytest.param(r, id=r.name)
        for r in RESOURCES
        if r.tenant == "self" and seats in r.admin_list and SUBSCRIPTION.get("seat_holders")
    ]


def special_params():
    """Resources whose change list shows a column beyond the rows' own columns."""
    names = {p.values[0].name for p in aggregate_params() + many_params() + seats_params()}
    return [pytest.param(r, id=r.name) for r in RESOURCES if r.name in names]


def changelist(client, res, query=None):
    response = client.get(url(res), query or {})
    assert response.status_code == 200, response.content[:500]
    return response.context["cl"]


def expected_aggregate(res, agg, parent):
    rows = model_of(resource(agg.source))._default_manager.filter(**{back_reference(res, agg): parent})
    if agg.op == "count":
        return rows.aggregate(n=Count("pk"))["n"]
    return rows.aggregate(s=Sum(agg.field))["s"] or Decimal(0)


def with_children(builder, res, agg, n: int):
    parent = builder.create(res)
    for _ in range(n):
        builder.create(agg.source, **{back_reference(res, agg): parent})
    return parent


def test_the_seed_shows_its_aggregates_roles_and_seats():
    """What the issue asks of the seed's own spec (the tests below cover any spec)."""
    assert aggregate_params() and many_params() and seats_params()


@pytest.mark.parametrize("res,agg", aggregate_params())
def test_aggregate_column_shows_the_value_from_the_pages_query(res, agg, staff_client, builder):
    parents = [with_children(builder, res, agg, n) for n in (0, 1, 3)]
    cl = changelist(staff_client, res)
    column = columns(res)[agg.name]
    shown = {row.pk: row for row in cl.result_list}
    with CaptureQueriesContext(connection) as queries:
        values = {p.pk: column(shown[p.pk]) for p in parents}
    assert len(queries) == 0, "the value comes with the rows, not a query per row"
    for parent in parents:
        expected = expected_aggregate(res, agg, parent)
        assert values[parent.pk] == expected, (agg.name, parent.pk)
    assert values[parents[0].pk] == 0, "no related rows: 0, never empty"


@pytest.mark.parametrize("res,agg", aggregate_params())
def test_aggregate_column_sorts_on_its_annotation(res, agg, staff_client, builder):
    parents = [with_children(builder, res, agg, n) for n in (2, 0, 3, 1)]
    index = list(admin.site._registry[model_of(res)].list_display).index(columns(res)[agg.name])
    mine = {p.pk for p in parents}
    for order, reverse_ in ((f"{index + 1}", False), (f"-{index + 1}", True)):
        cl = changelist(staff_client, res, {"o": order})
        values = [getattr(row, agg.name) for row in cl.result_list if row.pk in mine]
        assert len(values) == len(parents)
        assert values == sorted(values, reverse=reverse_), (order, values)
    response = staff_client.get(url(res))
    assert f'href="?o={index + 1}' in response.content.decode(), "the column header offers sorting"


@pytest.mark.parametrize("res,field", many_params())
def test_many_column_lists_the_rows_it_holds(res, field, staff_client, builder):
    held = [builder.create(field.target) for _ in range(2)]
    row = builder.create(res, **{field.name: held})
    empty = builder.create(res, **{field.name: []})
    cl = changelist(staff_client, res)
    shown = {r.pk: r for r in cl.result_list}
    column = columns(res)[field.name]
    with CaptureQueriesContext(connection) as queries:
        text, none = column(shown[row.pk]), column(shown[empty.pk])
    assert len(queries) == 0, "the held rows come from one prefetch for the page"
    for target in held:
        assert admin_roles.shown(target) in text
    assert none == "-"


@pytest.mark.parametrize("res,field", [p for p in many_params() if p.values[1].name == SECURITY.user_roles])
def test_roles_column_shows_role_labels(res, field, staff_client, builder):
    role_model = model_of(resource(field.target))
    roles = [role_model._default_manager.get_or_create(**{SECURITY.role_name: name})[0] for name, _, _ in SECURITY.role_labels]
    row = builder.create(res, **{field.name: roles})
    cl = changelist(staff_client, res)
    text = columns(res)[field.name](next(r for r in cl.result_list if r.pk == row.pk))
    for name, label, _ in SECURITY.role_labels:
        assert label in text, (name, text)


def _tenant_with_holders(builder, res, active: int, inactive: int, seats: int):
    holder = resource(SUBSCRIPTION["seat_holders"])
    tenant = builder.create(res, **{SUBSCRIPTION["seats"]: seats})
    for i in range(active + inactive):
        row = builder.create(holder, **{holder.tenant: tenant})
        if i >= active:
            model_of(holder)._default_manager.filter(pk=row.pk).update(is_active=False)
    return tenant


@pytest.mark.parametrize("res", seats_params())
def test_seats_column_shows_used_of_seats(res, staff_client, builder):
    full = _tenant_with_holders(builder, res, active=3, inactive=1, seats=5)
    empty = _tenant_with_holders(builder, res, active=0, inactive=0, seats=2)
    cl = changelist(staff_client, res)
    shown = {r.pk: r for r in cl.result_list}
    column = columns(res)[SUBSCRIPTION["seats"]]
    with CaptureQueriesContext(connection) as queries:
        assert column(shown[full.pk]) == "3 / 5", "inactive holders take no seat"
        assert column(shown[empty.pk]) == "0 / 2"
    assert len(queries) == 0
    response = staff_client.get(url(res))
    assert "3 / 5" in response.content.decode()


def test_roles_changelist_shows_labels_and_descriptions(staff_client, builder):
    user = PROJECT.auth_user
    role_res = resource(user.field(SECURITY.user_roles).target)
    role_model = model_of(role_res)
    for name, _, _ in SECURITY.role_labels:
        role_model._default_manager.get_or_create(**{SECURITY.role_name: name})
    text = staff_client.get(url(role_res)).content.decode()
    for name, label, description in SECURITY.role_labels:
        assert label in text, name
        if description:
            assert description.replace("'", "&#x27;") in text, name


def _fill(builder, res, n: int):
    """n rows of `res`, each with what its special columns show (children, held rows, holders)."""
    for _ in range(n):
        row = builder.create(res)
        for agg in res.aggregates:
            if agg.name in res.admin_list:
                builder.create(agg.source, **{back_reference(res, agg): row})
        for field in res.fields:
            if field.is_many and field.name in res.admin_list:
                getattr(row, field.name).set([builder.create(field.target) for _ in range(2)])
        if res.tenant == "self" and SUBSCRIPTION.get("seat_holders"):
            holder = resource(SUBSCRIPTION["seat_holders"])
            builder.create(holder, **{holder.tenant: row})


def _page_queries(client, res) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(res))
    assert response.status_code == 200
    return len(queries), len(response.context["cl"].result_list)


@pytest.mark.parametrize("res", special_params())
def test_query_count_is_constant_in_the_page_size(res, staff_client, builder):
    _fill(builder, res, 2)
    few, rows_few = _page_queries(staff_client, res)
    _fill(builder, res, 5)
    many, rows_many = _page_queries(staff_client, res)
    assert rows_many >= rows_few + 5
    assert many == few, f"{res.name}: {few} queries for {rows_few} rows, {many} for {rows_many}"


@pytest.mark.parametrize("res", seats_params())
def test_seats_column_sorts_by_the_seats_used(res, staff_client, builder):
    tenants = [_tenant_with_holders(builder, res, active=n, inactive=0, seats=9) for n in (2, 0, 3)]
    index = list(admin.site._registry[model_of(res)].list_display).index(columns(res)[SUBSCRIPTION["seats"]])
    mine = {t.pk for t in tenants}
    column = columns(res)[SUBSCRIPTION["seats"]]
    for order, reverse_ in ((f"{index + 1}", False), (f"-{index + 1}", True)):
        cl = changelist(staff_client, res, {"o": order})
        used = [int(column(row).split(" / ")[0]) for row in cl.result_list if row.pk in mine]
        assert used == sorted(used, reverse=reverse_) and len(used) == 3, (order, used)
