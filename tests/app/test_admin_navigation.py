"""The admin's sidebar is kept per what it shows (timba.runtime.admin_navigation): a kept
rendering is what unfold's template writes for the page, on every resource's change list, for
platform staff and for a tenant admin; it is not rendered again for the next page of the same
viewer; it changes with what it shows (the viewer's roles, name, the active entry); and its
logout form carries the answer's own CSRF token, which logs out.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from spec_rows import RESOURCES

from timba.runtime import admin_navigation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _nothing_kept():
    admin_navigation.forget()
    yield
    admin_navigation.forget()


@pytest.fixture
def tenant_admin(builder):
    from dashboard_rows import tenant_admin
    from security.tenancy import World

    return tenant_admin(World(builder))


@pytest.fixture
def tenant_client(tenant_admin):
    client = Client()
    client.force_login(tenant_admin)
    return client


def sidebar(html: str) -> str:
    """The sidebar's markup, whitespace collapsed, its CSRF token (new each answer) left out."""
    start = html.find('<nav id="nav-sidebar-inner"')
    assert start >= 0, "no sidebar in the page"
    depth = 0
    for tag in re.finditer(r"<nav\b|</nav>", html[start:]):
        depth += -1 if tag.group(0) == "</nav>" else 1
        if depth == 0:
            break
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html[start : start + tag.end()])
    return re.sub(r"\s*(<|>)\s*", r"\1", re.sub(r"\s+", " ", text))


def pages() -> list[str]:
    return ["/admin/", *(reverse(f"admin:timba_{r.name.lower()}_changelist") for r in RESOURCES)]


def unfolds(client, path, monkeypatch) -> str:
    with monkeypatch.context() as patch:
        patch.setattr(admin_navigation, "render", admin_navigation._render)
        return client.get(path).content.decode()


@pytest.mark.parametrize("who", ["staff_client", "tenant_client"])
def test_the_kept_sidebar_is_unfolds(who, request, monkeypatch):
    client = request.getfixturevalue(who)
    for path in pages():
        first = client.get(path)
        if first.status_code != 200:  # a page the viewer may not open
            continue
        again = client.get(path).content.decode()  # from the kept rendering
        theirs = unfolds(client, path, monkeypatch)
        assert sidebar(first.content.decode()) == sidebar(theirs), path
        assert sidebar(again) == sidebar(theirs), path


def test_the_next_page_of_the_viewer_does_not_render_it_again(staff_client, monkeypatch, builder):
    res = RESOURCES[-1]
    row = builder.create(res)
    renders = []
    original = admin_navigation._render
    monkeypatch.setattr(admin_navigation, "_render", lambda context: renders.append(1) or original(context))
    changelist = reverse(f"admin:timba_{res.name.lower()}_changelist")
    staff_client.get(changelist)
    staff_client.get(changelist, {"p": 1})
    staff_client.get(reverse(f"admin:timba_{res.name.lower()}_change", args=[row.pk]))  # the same entry is active
    assert len(renders) == 1
    staff_client.get("/admin/")  # another entry active: another rendering
    assert len(renders) == 2


def test_it_changes_with_the_viewers_name_and_roles(tenant_admin, tenant_client, monkeypatch):
    from timba.generated import security as spec

    assert "Renamed Viewer" not in sidebar(tenant_client.get("/admin/").content.decode())
    tenant_admin.first_name, tenant_admin.last_name = "Renamed", "Viewer"
    tenant_admin.save()
    index = sidebar(tenant_client.get("/admin/").content.decode())
    assert "Renamed Viewer" in index
    assert index == sidebar(unfolds(tenant_client, "/admin/", monkeypatch))
    before = sidebar(tenant_client.get("/admin/").content.decode())
    roles = getattr(tenant_admin, spec.USER_ROLES)
    roles.remove(*roles.filter(name=spec.ADMIN_ROLE))  # a tenant admin no more: fewer entries
    after = sidebar(tenant_client.get("/admin/").content.decode())
    assert after != before
    assert after == sidebar(unfolds(tenant_client, "/admin/", monkeypatch))


def test_its_logout_form_carries_the_answers_own_token(superuser):
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)
    path = reverse(f"admin:timba_{RESOURCES[0].name.lower()}_changelist")
    client.get(path)
    html = client.get(path).content.decode()  # the kept rendering
    form = re.search(r'<form id="logout-form".*?</form>', html, re.S).group(0)
    assert admin_navigation.TOKEN not in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = client.post(reverse("admin:logout"), {"csrfmiddlewaretoken": token})
    assert response.status_code in (200, 302), response.status_code
    assert client.get(path).status_code == 302  # logged out: the admin sends to its login page
