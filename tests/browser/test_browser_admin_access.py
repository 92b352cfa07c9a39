"""Entering the admin in a real browser: a tenant admin signs in through the login form and sees
their own resources (and none of the platform's tables); platform staff see every resource; a
tenant whose subscription lapsed sees the banner and an admin without any way to add."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib import admin
from django.utils import timezone
from spec_rows import PROJECT

from timba.generated import security as spec

SUB = spec.SUBSCRIPTION
INACTIVE = next(v for v, _ in PROJECT.resource(spec.TENANT).field(SUB["status"]).choices if v not in SUB["active"])
PLATFORM_ONLY = ["Groups", "Access attempts", "Access failures", "Access logs"]  # auth, django-axes


def changelist_url(name: str) -> str:
    return f"/admin/timba/{name.lower()}/"


def admin_resources():
    """The spec's resources the admin registers, with their plural name as the admin shows it."""
    for res in PROJECT.resources:
        model = apps.get_model("timba", res.name)
        if model in admin.site._registry:
            yield res, str(model._meta.verbose_name_plural)


def listable_by_tenant_admin(res) -> bool:
    granted = {spec.CHANNELS["admin"], spec.ADMIN_ROLE}
    return bool(granted & set(spec.PERMISSIONS.get(res.name, {}).get("list", ())))


def nav_link(page, name: str):
    return page.locator(f'a[href="{changelist_url(name)}"]')


def test_a_tenant_admin_signs_in_and_sees_their_resources(admin_login, tenant_admin, page, shots):
    page.goto("/admin/")
    assert "/admin/login/" in page.url, "anonymous visitors are sent to the login form"
    shots("login form")
    admin_login(tenant_admin)
    assert page.url.endswith("/admin/"), page.url
    shots("dashboard")
    body = page.locator("body")
    assert tenant_admin.get_username() in body.inner_text()
    shown = [(res, plural) for res, plural in admin_resources() if listable_by_tenant_admin(res)]
    assert shown, "the spec gives the tenant admin nothing to list"
    for res, plural in shown:
        assert nav_link(page, res.name).count() >= 1, f"no link to {plural}"
        assert plural.lower() in body.inner_text().lower()
    for name in PLATFORM_ONLY:
        assert name not in body.inner_text(), f"a tenant admin sees {name!r}"
    assert page.locator('a[href="/admin/auth/group/"]').count() == 0

    owned = next(res for res, _ in shown if res.tenant not in (None, "self") and not res.auth_user)
    nav_link(page, owned.name).first.click()
    page.wait_for_url(f"**{changelist_url(owned.name)}")
    shots(f"{owned.name} changelist")
    assert page.locator(f'a[href^="{changelist_url(owned.name)}add/"]').count() >= 1, "no Add button"


def test_a_platform_admin_sees_every_resource(admin_login, superuser, page, shots):
    admin_login(superuser)
    assert page.url.endswith("/admin/"), page.url
    shots("dashboard")
    text = page.locator("body").inner_text()
    for res, plural in admin_resources():
        assert nav_link(page, res.name).count() >= 1, f"no link to {plural}"
        assert plural.lower() in text.lower()
    tenant_model = PROJECT.resource(spec.TENANT).name
    assert page.locator(f'a[href="{changelist_url(tenant_model)}add/"]').count() >= 1, "staff add tenants"


@pytest.mark.parametrize("lapse", ["status", "paid_until"])
def test_a_lapsed_tenant_sees_the_banner_and_no_add_button(lapse, make_tenant, make_tenant_admin, builder, admin_login, page, shots):
    if lapse == "status":
        lapsed = make_tenant(**{SUB["status"]: INACTIVE})
    else:
        lapsed = make_tenant(**{SUB["paid_until"]: timezone.localdate() - timedelta(days=1)})
    user = make_tenant_admin(lapsed)
    owned = next(r for r in PROJECT.resources if r.tenant not in (None, "self") and not r.auth_user and r.import_export)
    row = builder.create(owned, **{owned.tenant: lapsed})
    admin_login(user)
    shots("dashboard")
    banner = page.get_by_text("read-only", exact=False)
    assert banner.count() >= 1 and "subscription" in banner.first.inner_text()
    assert page.locator('a[href$="/add/"]').count() == 0, "a lapsed tenant is offered Add"

    page.goto(changelist_url(owned.name))
    shots(f"{owned.name} changelist")
    assert page.get_by_text("read-only", exact=False).count() >= 1
    assert page.locator(f'a[href^="{changelist_url(owned.name)}{row.pk}/change/"]').count() == 1, "its rows stay visible"
    assert page.locator('a[href$="/add/"]').count() == 0, "a lapsed tenant is offered Add"
    assert page.locator(f'a[href^="{changelist_url(owned.name)}import/"]').count() == 0, "a lapsed tenant is offered Import"
    assert page.locator(f'a[href^="{changelist_url(owned.name)}export/"]').count() >= 1, "export stays open"

    response = page.goto(f"{changelist_url(owned.name)}add/")
    assert response is not None and response.status == 403
    shots("add refused")
