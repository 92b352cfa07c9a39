"""The change lists' reference filters (timba.runtime.admin_reference_filter.ReferenceFilter, an
autocomplete) as a user of tenant A, for every filter the spec declares on a reference to
tenant-owned rows: the autocomplete offers A's rows only, and a B row's id typed into the URL
filters to nothing and never shows the B row's name in the filter."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from spec_rows import RESOURCES, model_of, resource

from timba.runtime.admin_reference_filter import ReferenceFilter

from .tenancy import ROLE_SETS, admin_url, may, no_b_data, tenant_owned

pytestmark = pytest.mark.django_db


def _tenant_filters():
    out = []
    for res in RESOURCES:
        for item in admin.site._registry[model_of(res)].list_filter:
            if not (isinstance(item, tuple) and item[1] is ReferenceFilter):
                continue
            target = resource(res.field(item[0]).target)
            if not tenant_owned(target):
                continue
            for rs in ROLE_SETS:
                if not rs.staff and may(rs, res, "list") and (may(rs, target, "list") or may(rs, target, "get")):
                    out.append(pytest.param(res, item[0], rs, id=f"{res.name}-{item[0]}-{rs.id}"))
    return out


def _autocomplete(client, res, name, term=""):
    params = {"app_label": "timba", "model_name": res.name.lower(), "field_name": name, "term": term}
    return client.get(admin_url(None, "autocomplete"), params)


@pytest.mark.parametrize("res,name,rs", _tenant_filters())
def test_autocomplete_offers_only_the_users_tenant(res, name, rs, admin_as, world):
    target = resource(res.field(name).target)
    mine, theirs = world.row(target, "a"), world.row(target, "b")
    world.row(res, "a"), world.row(res, "b")
    client, _held = admin_as(rs)
    response = _autocomplete(client, res, name)
    assert response.status_code == 200, response.content[:300]
    offered = {int(item["id"]) for item in response.json()["results"]}
    assert mine.pk in offered and theirs.pk not in offered
    no_b_data(response)


@pytest.mark.parametrize("res,name,rs", _tenant_filters())
def test_filtering_by_another_tenants_row_shows_nothing_of_it(res, name, rs, admin_as, world):
    target = resource(res.field(name).target)
    theirs = world.row(target, "b")
    world.row(res, "a"), world.row(res, "b")
    client, _held = admin_as(rs)
    field = model_of(res)._meta.get_field(name)
    response = client.get(admin_url(res, "changelist"), {f"{name}__{field.target_field.name}__exact": theirs.pk})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []
    no_b_data(response)  # not even the B row's name as the filter's chosen value


def _scoped_models():
    return [pytest.param(res, id=res.name) for res in RESOURCES]


@pytest.mark.parametrize("res", _scoped_models())
def test_visible_keeps_what_scope_keeps(res, world):
    """`access.visible` (a loaded row, no query) agrees with `access.scope` (the query) for rows
    of both tenants, for every role set and platform staff, or says it cannot tell (None)."""
    from timba.runtime import access

    rows = [world.row(res, "a"), world.row(res, "b")] if tenant_owned(res) else [world.builder.create(res)]
    rows += [world.a, world.b] if res.name == world.a.__class__.__name__ else []
    model = model_of(res)
    for rs in ROLE_SETS:
        user = world.actor(rs)
        kept = set(access.scope(model._default_manager.filter(pk__in=[r.pk for r in rows]), user).values_list("pk", flat=True))
        for row in rows:
            said = access.visible(row, user)
            assert said in (None, row.pk in kept), (rs.id, row.pk, said, kept)
            bare = model._default_manager.only("pk").get(pk=row.pk)  # loaded without its tenant column
            with CaptureQueriesContext(connection) as queries:
                said = access.visible(bare, user)
            assert said in (None, row.pk in kept) and not queries.captured_queries, (rs.id, said)
