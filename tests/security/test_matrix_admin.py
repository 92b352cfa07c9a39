"""The security matrix over the admin, generated from resources.yaml: clients A and B × role sets
× every resource × every screen.

The acting user belongs to client A and holds the role set plus the admin channel's role
(logged in with force_login). The spec (`tenancy.may`) decides each screen: a changelist needs
`list`, the add page `create`, a change page `get` or `update` — 200 when allowed, else 403. What
is shown is only A's: changelists, form choices, autocompletes and the delete action never reach
B's rows, B's change/delete/history pages redirect or 404, and no page contains B's data
(`no_b_data`). A posted form naming client B still saves the row in A. Without the channel's
role nobody logs in. Platform staff see everything.
"""

from __future__ import annotations

import orjson
import pytest
from spec_rows import PASSWORD, model_of

from .tenancy import (
    CHANNELS,
    RESOURCES,
    ROLE_SETS,
    ROLES,
    RoleSet,
    admin_url,
    cases,
    choices_from_other_tenant,
    form_post_data,
    may,
    no_b_data,
    resource,
    snapshot,
    tenant_field,
    tenant_owned,
    tenant_reference_fields,
)

pytestmark = pytest.mark.django_db
ADMIN = CHANNELS.get("admin")


def may_view(rs, res) -> bool:
    """A change page shows a row: it needs `get`, or `update` to change it."""
    return may(rs, res, "get") or may(rs, res, "update")


@pytest.mark.parametrize("res,rs", cases("changelist"))
def test_admin_changelist(res, rs, admin_as, world):
    client, held = admin_as(rs)
    mine, theirs = world.row(res, "a"), world.row(res, "b") if tenant_owned(res) else None
    response = client.get(admin_url(res, "changelist"))
    if not may(held, res, "list"):
        assert response.status_code == 403
        return
    assert response.status_code == 200
    cl = response.context["cl"]
    shown = {obj.pk for obj in cl.result_list}
    assert mine.pk in shown
    if held.staff:
        assert theirs is None or theirs.pk in shown
        return
    no_b_data(response)
    if theirs is not None:
        assert theirs.pk not in shown and world.tenant_ids(res, shown) == {world.a.pk}
        assert cl.queryset.count() == world.rows_of(res, "a").count()  # the page never counts: the list's rows


@pytest.mark.parametrize("res,rs", cases("add"))
def test_admin_add_page_offers_only_own_rows(res, rs, admin_as, world):
    client, held = admin_as(rs)
    world.row(res, "b")
    response = client.get(admin_url(res, "add"))
    assert response.status_code == (200 if may(held, res, "create") else 403)
    if response.status_code == 200 and not held.staff:
        assert choices_from_other_tenant(world, response.context["adminform"].form) == []
        no_b_data(response)


@pytest.mark.parametrize("res,rs", cases("change"))
def test_admin_own_change_page_offers_only_own_rows(res, rs, admin_as, world):
    client, held = admin_as(rs)
    mine, _ = world.row(res, "a"), world.row(res, "b")
    response = client.get(admin_url(res, "change", mine.pk))
    assert response.status_code == (200 if may_view(held, res) else 403)
    if response.status_code == 200 and not held.staff:
        assert choices_from_other_tenant(world, response.context["adminform"].form) == []
        no_b_data(response)


OTHER_TENANT_VIEWS = [
    pytest.param(res, view, rs, id=f"{res.name}-{view}-{rs.id}")
    for res in RESOURCES
    if tenant_owned(res)
    for view in ("change", "delete", "history") + (("password",) if res.auth_user else ())
    for rs in ROLE_SETS
]


@pytest.mark.parametrize("res,view,rs", OTHER_TENANT_VIEWS)
def test_admin_other_tenants_row_is_not_shown(res, view, rs, admin_as, world):
    """B's change, delete, history (and password) pages: a redirect, 403 or 404 — never B's
    data — and posting the delete confirmation deletes nothing."""
    client, held = admin_as(rs)
    theirs = world.row(res, "b")
    unchanged, page = snapshot(theirs), admin_url(res, view, theirs.pk)
    response = client.get(page)
    if held.staff:
        assert response.status_code == 200
        return
    assert response.status_code in (302, 403, 404), response.status_code
    no_b_data(response)
    if response.status_code == 302:
        assert not response.url.startswith(page)
        no_b_data(client.get(response.url))
    if view == "delete":
        client.post(page, {"post": "yes"})
    assert snapshot(theirs) == unchanged


def tenant_user_may(op: str):
    """A case predicate: a tenant-owned resource and a tenant role set allowed `op`."""
    return lambda res, rs: (
        tenant_field(res) is not None and not rs.staff and may(rs.plus(ADMIN), res, op)
    )


@pytest.mark.parametrize("res,rs", cases("delete-action", when=tenant_user_may("delete")))
def test_admin_delete_action_skips_other_tenants_rows(res, rs, admin_as, world):
    client, _ = admin_as(rs)
    mine, theirs = world.new_row(res, "a"), world.new_row(res, "b")
    data = {"action": "delete_selected", "_selected_action": [mine.pk, theirs.pk], "post": "yes"}
    client.post(admin_url(res, "changelist"), data)
    manager = model_of(res)._default_manager
    assert not manager.filter(pk=mine.pk).exists(), "the action did not run"
    assert manager.filter(pk=theirs.pk).exists()


AUTOCOMPLETE = [
    pytest.param(res, f, rs, id=f"{res.name}.{f.name}-{rs.id}")
    for res in RESOURCES
    for f in res.fields
    if (f.is_reference or f.is_many) and resource(f.target).admin_search
    for rs in ROLE_SETS
]


@pytest.mark.parametrize("res,field,rs", AUTOCOMPLETE)
def test_admin_autocomplete_offers_only_own_rows(res, field, rs, admin_as, world):
    """/admin/autocomplete/ for every reference (shown in a form or not): 403 without view
    permission on the target, else A's rows only."""
    client, held = admin_as(rs)
    target = resource(field.target)
    mine, theirs = world.row(target, "a"), world.row(target, "b") if tenant_owned(target) else None
    meta = model_of(res)._meta
    query = {
        "app_label": meta.app_label,
        "model_name": meta.model_name,
        "field_name": field.name,
        "term": "",
    }
    response = client.get("/admin/autocomplete/", query)
    if not (may(held, target, "list") or may(held, target, "get")):
        assert response.status_code == 403
        return
    assert response.status_code == 200
    ids = {int(r["id"]) for r in orjson.loads(response.content)["results"]}
    assert mine.pk in ids
    if theirs is not None and held.staff:
        assert theirs.pk in ids
    elif theirs is not None:
        assert not ids & set(world.rows_of(target, "b").values_list("pk", flat=True))
        no_b_data(response)


@pytest.mark.parametrize("rs", [pytest.param(rs, id=rs.id) for rs in ROLE_SETS if not rs.staff])
def test_admin_search_finds_no_other_tenants_rows(rs, admin_as, world):
    """unfold's site-wide search box (/admin/search/) lists nothing of B's."""
    client, _ = admin_as(rs)
    for res in RESOURCES:
        if tenant_owned(res) and res.admin_search:
            theirs = world.row(res, "b")
            needle = str(getattr(theirs, res.admin_search[0]))
            response = client.get(admin_url(None, "search"), {"s": needle, "extended": "1"})
            assert response.status_code == 200
            assert admin_url(res, "change", theirs.pk) not in response.content.decode()


@pytest.mark.skipif(ADMIN is None, reason="the spec gives the admin no channel role")
def test_admin_needs_the_channel_role(client, world):
    """Every other role, but not the admin's: the login form refuses, and a session anyway
    (force_login) is sent to the login page from every screen."""
    user = world.actor(RoleSet("no-admin"), roles=frozenset(ROLES) - {ADMIN})
    response = client.post(
        admin_url(None, "login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    client.force_login(user)
    for page in [admin_url(None, "index")] + [admin_url(res, "changelist") for res in RESOURCES]:
        response = client.get(page)
        assert response.status_code == 302 and admin_url(None, "login") in response.url, page
    assert client.get(admin_url(None, "autocomplete")).status_code == 302


ADD_FORM = [
    pytest.param(res, f, rs, id=f"{res.name}.{f.name}-{rs.id}")
    for res in RESOURCES
    if not res.auth_user  # its add form is username and password only
    for f in [tenant_field(res)] + tenant_reference_fields(res)
    if f is not None and f.writable
    for rs in ROLE_SETS
    if not rs.staff and may(rs.plus(ADMIN), res, "create")
]


@pytest.mark.parametrize("res,field,rs", ADD_FORM)
def test_admin_add_form_naming_other_tenants_row(res, field, rs, admin_as, world):
    """Posting B's client saves the row in A (the field is the caller's); posting another of
    B's rows (a log's consignment) re-shows the form with an error."""
    client, _ = admin_as(rs)
    manager = model_of(res)._default_manager
    before = manager.count()
    own = field == tenant_field(res)
    data = world.admin_form(res, **{field.name: world.b if own else world.row(field.target, "b")})
    response = client.post(admin_url(res, "add"), data)
    if own:
        assert response.status_code == 302, (
            response.context["adminform"].form.errors if response.context else ""
        )
        assert world.tenant_id_of(res, manager.latest("pk")) == world.a.pk
    else:
        assert response.status_code == 200 and response.context["adminform"].form.errors
        assert manager.count() == before


PLATFORM_FLAGS = ("is_superuser", "is_staff")  # AbstractUser's; only staff may set them


@pytest.mark.parametrize("res,rs", cases("change-form", when=tenant_user_may("update")))
def test_admin_change_form_keeps_the_row_in_own_tenant(res, rs, admin_as, world):
    """Re-posting A's change form naming client B (and, for accounts, the platform flags) saves
    the row, still A's and still no platform staff."""
    client, _ = admin_as(rs)
    mine = world.row(res, "a")
    page = admin_url(res, "change", mine.pk)
    data = form_post_data(client.get(page).context["adminform"].form)
    data[res.tenant] = str(world.b.pk)
    if res.auth_user:
        data.update({flag: "on" for flag in PLATFORM_FLAGS})
    response = client.post(page, data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else ""
    )
    stored = snapshot(mine)
    assert stored[tenant_field(res).attname] == world.a.pk
    assert not any(stored.get(flag) for flag in PLATFORM_FLAGS)
