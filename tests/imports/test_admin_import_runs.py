"""The ImportRun admin: the latest imports with their state, resource, user and counts,
read-only; a tenant's users see their tenant's runs only, staff every run."""

from __future__ import annotations

import pytest
from django.urls import reverse
from spec_rows import model_of

from tests.imports import admin_import_support
from tests.imports import engine_support as support
from tests.imports.admin_import_support import (
    IMPORTED,
    csv_bytes,
    logged_in,
    run_of,
    tenant_choice,
    upload,
    url,
)
from tests.imports.engine_support import sheet
from timba.runtime import access

roles, tenant, other_tenant = support.roles, support.tenant, support.other_tenant  # the fixtures
kept_dir = admin_import_support.kept_dir  # the fixture
pytestmark = pytest.mark.django_db
CHANGELIST = "admin:import_runs_importrun_changelist"


def tenant_imported():
    return next(r for r in IMPORTED if access.tenant_path(model_of(r)) not in (None, "self"))


def stage_as(client, user, builder, tenant, res):
    headings, rows = sheet(res, builder, tenant, 1)
    return run_of(upload(logged_in(client, user), res, csv_bytes(headings, rows), f"{tenant.pk}.csv", **tenant_choice(res, user, tenant)))


def test_tenant_users_see_their_tenants_runs_and_staff_all(client, builder, roles, tenant, other_tenant, superuser):
    res = tenant_imported()
    mine = support.make_user(builder, tenant, support.spec.ROLES, roles)
    theirs = support.make_user(builder, other_tenant, support.spec.ROLES, roles)
    if not access.allowed(mine, model_of(res), "import"):
        pytest.skip("a tenant's users may not import")
    my_run = stage_as(client, mine, builder, tenant, res)
    their_run = stage_as(client, theirs, builder, other_tenant, res)
    page = logged_in(client, mine).get(reverse(CHANGELIST))
    assert page.status_code == 200
    shown = {run.pk for run in page.context["cl"].result_list}
    assert shown == {my_run.pk}
    assert url(res, "import_run", my_run.pk).encode() in page.content
    other = client.get(reverse("admin:import_runs_importrun_change", args=[their_run.pk]))
    assert other.status_code in (302, 404) and f"{other_tenant.pk}.csv".encode() not in other.content
    staff = logged_in(client, superuser).get(reverse(CHANGELIST))
    assert {run.pk for run in staff.context["cl"].result_list} >= {my_run.pk, their_run.pk}
    assert b"staged" in staff.content


def test_the_runs_are_read_only(client, superuser, builder, tenant):
    res = tenant_imported()
    run = stage_as(client, superuser, builder, tenant, res)
    client = logged_in(client, superuser)
    assert client.get(reverse("admin:import_runs_importrun_add")).status_code == 403
    change = client.get(reverse("admin:import_runs_importrun_change", args=[run.pk]))
    assert change.status_code == 200 and not change.context["has_change_permission"]
    assert client.post(reverse("admin:import_runs_importrun_delete", args=[run.pk]), {"post": "yes"}).status_code == 403
