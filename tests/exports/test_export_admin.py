"""The admin's Export: the streamed CSV/XLSX of timba.runtime.exports, of the changelist's rows as
filtered and searched (a tenant admin's: their tenant's only)."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.http import StreamingHttpResponse
from django.urls import reverse
from spec_rows import RESOURCES, model_of

from timba.generated import security as spec

from .export_support import FORMATS, WITH_IE, roles_for, rows_by_id, table_of

pytestmark = pytest.mark.django_db


def export_url(res) -> str:
    return reverse(f"admin:timba_{res.name.lower()}_export")


def post_export(client, res, fmt: str, query: str = ""):
    formats = [f().get_extension() for f in admin.site._registry[model_of(res)].get_export_formats()]
    response = client.post(export_url(res) + query, {"format": str(formats.index(fmt)), "resource": "0"})
    assert response.status_code == 200, getattr(response, "content", b"")[:500]
    assert isinstance(response, StreamingHttpResponse)
    return response


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("res", WITH_IE)
def test_the_admin_export_streams_the_rows(staff_client, builder, res, fmt):
    rows = [builder.create(res) for _ in range(2)]
    response = post_export(staff_client, res, fmt)
    assert response["Content-Disposition"].startswith(f'attachment; filename="{res.plural}-')
    exported = rows_by_id(res, fmt, response.getvalue())
    assert {r.pk for r in rows} <= set(exported)
    assert list(next(iter(exported.values()))) == table_of(res).headers


@pytest.mark.parametrize("res", [p for p in WITH_IE if p.values[0].admin_search])
def test_the_admin_export_keeps_the_changelists_search(staff_client, builder, res):
    name = res.admin_search[0]
    wanted, other = builder.create(res), builder.create(res)
    text = str(getattr(wanted, name))
    exported = rows_by_id(res, "csv", post_export(staff_client, res, "csv", f"?q={text}").getvalue())
    assert wanted.pk in exported and other.pk not in exported


TENANTED = [pytest.param(r, id=r.name) for r in RESOURCES if r.import_export and r.tenant not in (None, "self")]


@pytest.mark.parametrize("res", TENANTED)
def test_a_tenant_admins_export_holds_only_their_rows(client, make_tenant, make_user, create_in, res):
    roles = roles_for("export", res)
    if not roles:
        pytest.skip(f"only platform staff export {res.plural}")
    mine, theirs = make_tenant(), make_tenant()
    user = make_user(mine, [spec.CHANNELS["admin"], *roles])
    own, foreign = create_in(res, mine), create_in(res, theirs)
    client.force_login(user)
    exported = rows_by_id(res, "csv", post_export(client, res, "csv").getvalue())
    assert own.pk in exported and foreign.pk not in exported
