"""The admin's index and sidebar: the platform's security tables (Django's Groups, django-axes'
login records) stand together in one "Security" section for platform staff, and a tenant admin
neither sees them nor opens them (their pages answer 403, their app pages 404)."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse
from spec_rows import PROJECT

from timba.runtime.admin_site import SECURITY_APPS, SECURITY_SECTION

pytestmark = pytest.mark.django_db


@pytest.fixture
def tenant_admin(builder):
    """A user of an active tenant holding the admin channel's role and the spec's admin role."""
    from security.tenancy import World

    from timba.generated import security as spec

    world = World(builder)
    roles = [world.roles[spec.CHANNELS["admin"]], world.roles[spec.ADMIN_ROLE]]
    return builder.create(PROJECT.auth_user.name, **{PROJECT.auth_user.tenant: world.a, spec.USER_ROLES: roles})


def security_models():
    """(app label, model) of every registered model of the security apps."""
    return [(m._meta.app_label, m) for m in admin.site._registry if m._meta.app_label in SECURITY_APPS]


def urls_of(model) -> list[str]:
    info = (model._meta.app_label, model._meta.model_name)
    return [reverse(f"admin:{info[0]}_{info[1]}_changelist"), reverse(f"admin:{info[0]}_{info[1]}_add")]


def test_security_apps_are_registered():
    labels = {label for label, _ in security_models()}
    assert labels == set(SECURITY_APPS), f"registered: {labels}"


def test_staff_see_one_security_section(staff_client):
    response = staff_client.get("/admin/")
    apps = response.context["available_apps"]
    names = [str(app["name"]) for app in apps]
    assert names.count(SECURITY_SECTION) == 1, names
    section = next(app for app in apps if str(app["name"]) == SECURITY_SECTION)
    listed = {m["model"] for m in section["models"]}
    assert listed == {model for _, model in security_models()}
    assert not [app for app in apps if app["app_label"] in SECURITY_APPS and app is not section], "left outside the section"
    assert section is apps[-1], "the security section comes after the product's own apps"
    text = response.content.decode()
    for _, model in security_models():
        assert f'href="{urls_of(model)[0]}"' in text, f"no sidebar link to {model.__name__}"


@pytest.mark.parametrize("model", [m for _, m in security_models()], ids=lambda m: m.__name__)
def test_staff_open_the_security_pages(staff_client, model):
    assert staff_client.get(urls_of(model)[0]).status_code == 200


def test_a_tenant_admin_sees_no_security_section(client, tenant_admin):
    client.force_login(tenant_admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    apps = response.context["available_apps"]
    assert SECURITY_SECTION not in [str(app["name"]) for app in apps]
    assert not [app for app in apps if app["app_label"] in SECURITY_APPS]
    text = response.content.decode()
    for _, model in security_models():
        assert urls_of(model)[0] not in text
        assert str(model._meta.verbose_name_plural) not in text


@pytest.mark.parametrize("model", [m for _, m in security_models()], ids=lambda m: m.__name__)
def test_a_tenant_admin_cannot_open_them(client, tenant_admin, model):
    client.force_login(tenant_admin)
    for url in urls_of(model):
        assert client.get(url).status_code == 403, url
    assert client.get(reverse("admin:app_list", args=[model._meta.app_label])).status_code == 404


def test_a_tenant_admin_marked_staff_still_cannot(client, tenant_admin):
    """Django's is_staff flag means nothing here: only platform staff (superusers) see them."""
    tenant_admin.is_staff = True
    tenant_admin.save(update_fields=["is_staff"])
    client.force_login(tenant_admin)
    assert SECURITY_SECTION not in client.get("/admin/").content.decode()
    for _, model in security_models():
        assert client.get(urls_of(model)[0]).status_code == 403


@pytest.fixture
def _fresh_app_lists():
    from timba.runtime import admin_app_list

    admin_app_list.forget()
    yield admin_app_list
    admin_app_list.forget()


def _fresh(site, request, app_label=None):
    """The site's app list built now, as Django builds it (nothing kept)."""
    from django.contrib.admin import AdminSite

    return AdminSite.get_app_list(site, request, app_label)


def test_the_kept_app_list_is_the_one_django_builds(staff_client, tenant_admin, _fresh_app_lists):
    """For staff and a tenant admin, before and after the tenant admin loses their admin role:
    the app list the site keeps is the one Django builds for the same request."""
    from django.test import RequestFactory

    from timba.generated import security as spec

    site = admin.site
    for user in (staff_client.get("/admin/").wsgi_request.user, tenant_admin):
        request = RequestFactory().get("/admin/")
        request.user = user
        first = _fresh_app_lists.app_list(site, request, None, lambda r, label: _fresh(site, r, label))
        again = _fresh_app_lists.app_list(site, request, None, lambda r, label: pytest.fail("built again"))
        assert first == again == _fresh(site, request)
        assert again is not first  # each caller its own copy
    roles = getattr(tenant_admin, spec.USER_ROLES)
    before = _fresh_app_lists.app_list(site, request, None, lambda r, label: _fresh(site, r, label))
    roles.remove(*roles.filter(name=spec.ADMIN_ROLE))
    tenant_admin = type(tenant_admin)._default_manager.get(pk=tenant_admin.pk)  # its permissions anew
    request.user = tenant_admin
    after = _fresh_app_lists.app_list(site, request, None, lambda r, label: _fresh(site, r, label))
    assert after == _fresh(site, request)
    assert after != before
