"""Accounts behave as people expect, on every path into them:

- a password change revokes the user's other API tokens (REST PATCH and PUT, the seed route, the
  admin's change-password form), but not the token the change was made with;
- a tenant's administrator (`security.admin_role`) deactivates and reactivates users through the
  API (`is_active`), and a deactivated user's tokens stop working at once;
- a tenant always keeps one active administrator: the last cannot delete or deactivate itself
  or drop the role (409), through the API, the seed routes or the admin;
- tenant administrators see the account dates read-only and never the platform flags;
- a lapsed subscription leaves the tenant's admin read-only (view and export), with a banner in
  the words of the API's 402.
"""

from __future__ import annotations

from datetime import timedelta

import orjson
import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone
from spec_rows import PASSWORD, PROJECT, assert_problem, collection_url, item_url, model_of

from timba.tokens.models import ApiToken

from .support import ADMIN_ROLE, API_ROLE, PROTECTED_URL

pytestmark = pytest.mark.django_db
SECURITY = PROJECT.security
USERS = PROJECT.auth_user
ADMIN = SECURITY.admin_role
ROLES_FIELD = SECURITY.user_roles
NEW_PASSWORD = "Gr4nite-ledge-71"
SUBSCRIPTION = dict(SECURITY.subscription)
pytestmark = [pytest.mark.django_db, pytest.mark.skipif(not (USERS and ADMIN), reason="the spec has no admin role")]


@pytest.fixture
def tenant_admin(make_client, make_user):
    """An administrator of a tenant, able to use the API and the admin."""
    return make_user(make_client(), role_names=(API_ROLE, ADMIN_ROLE, ADMIN))


def live_tokens(user) -> int:
    return ApiToken.objects.live().filter(user=user).count()


def _put(api, url, body):
    return api.client.put(url, data=orjson.dumps(body), content_type="application/json", headers=api.headers)


def _seed(api, method, params):
    path = f"/timba/{USERS.legacy.path}"
    return api.client.generic(method, path, data=orjson.dumps(params), content_type="application/json", headers=api.headers)


# --- a password change revokes the other tokens ----------------------------------------------


@pytest.mark.parametrize("path", ["patch", "put", "seed"])
def test_a_new_password_revokes_the_users_other_tokens(path, tenant_admin, make_user, api_as, roles):
    member = make_user(tenant_admin.client)
    ApiToken.issue(member), ApiToken.issue(member)
    api = api_as(tenant_admin)
    url = item_url(USERS, member.pk)
    if path == "patch":
        response = api.patch(url, {"password": NEW_PASSWORD})
    elif path == "put":
        body = orjson.loads(api.get(url).content)
        body = {k: body[k] for k in ("username", "name", "email", "contact", "address")} | {"password": NEW_PASSWORD}
        response = _put(api, url, {**body, ROLES_FIELD: [roles[API_ROLE].pk]})
    else:
        response = _seed(api, "PATCH", {USERS.legacy.id_params[0]: member.pk, "password": NEW_PASSWORD})
    assert response.status_code == 200, response.content
    assert live_tokens(member) == 0
    assert live_tokens(tenant_admin) == 1, "the caller's own session is another user's: untouched"


def test_changing_ones_own_password_keeps_the_session_it_was_made_with(tenant_admin, api_as):
    ApiToken.issue(tenant_admin)
    api = api_as(tenant_admin)
    response = api.patch(item_url(USERS, tenant_admin.pk), {"password": NEW_PASSWORD})
    assert response.status_code == 200, response.content
    assert live_tokens(tenant_admin) == 1
    assert api.get(PROTECTED_URL).status_code == 200


def test_the_admin_password_form_revokes_every_token(tenant_admin, make_user, staff_client):
    member = make_user(tenant_admin.client)
    ApiToken.issue(member)
    url = reverse("admin:auth_user_password_change", args=[member.pk])
    response = staff_client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"})
    assert response.status_code == 302
    assert live_tokens(member) == 0


def test_other_changes_keep_the_tokens(tenant_admin, make_user, api_as):
    member = make_user(tenant_admin.client)
    ApiToken.issue(member)
    assert api_as(tenant_admin).patch(item_url(USERS, member.pk), {"name": "Renamed"}).status_code == 200
    assert live_tokens(member) == 1


# --- deactivation through the API ------------------------------------------------------------


def test_an_administrator_deactivates_and_reactivates_a_user(tenant_admin, make_user, api_as):
    member = make_user(tenant_admin.client)
    theirs = api_as(member)
    assert theirs.get(PROTECTED_URL).status_code == 200
    api = api_as(tenant_admin)
    off = api.patch(item_url(USERS, member.pk), {"is_active": False})
    assert off.status_code == 200 and orjson.loads(off.content)["is_active"] is False
    assert theirs.get(PROTECTED_URL).status_code == 401, "a deactivated user's token stops working at once"
    on = api.patch(item_url(USERS, member.pk), {"is_active": True})
    assert on.status_code == 200 and orjson.loads(on.content)["is_active"] is True
    assert theirs.get(PROTECTED_URL).status_code == 200


def test_a_user_created_inactive_holds_no_seat(make_client, make_user, api_as):
    tenant = make_client(**{SUBSCRIPTION["seats"]: 1})
    admin = make_user(tenant, role_names=(API_ROLE, ADMIN))
    body = {"username": "asleep", "password": NEW_PASSWORD, "is_active": False}
    response = api_as(admin).post(collection_url(USERS), body)
    assert response.status_code == 201, response.content
    assert model_of(USERS).objects.get(username="asleep").is_active is False


# --- the last administrator ------------------------------------------------------------------


def _last_admin_refused(response):
    body = assert_problem(response, 409)
    assert f"last active {ADMIN}" in body["detail"], body
    return body


@pytest.mark.parametrize("how", ["delete", "deactivate", "drop_role", "seed_delete", "seed_drop_role"])
def test_the_last_administrator_stays(how, tenant_admin, api_as, roles):
    api = api_as(tenant_admin)
    url = item_url(USERS, tenant_admin.pk)
    keep = [roles[API_ROLE].pk, roles[ADMIN_ROLE].pk]
    id_param = USERS.legacy.id_params[0]
    role_alias = next((seed for seed, key in USERS.legacy.params if key == ROLES_FIELD), ROLES_FIELD)
    response = {
        "delete": lambda: api.delete(url),
        "deactivate": lambda: api.patch(url, {"is_active": False}),
        "drop_role": lambda: api.patch(url, {ROLES_FIELD: keep}),
        "seed_delete": lambda: _seed(api, "DELETE", {id_param: tenant_admin.pk}),
        "seed_drop_role": lambda: _seed(api, "PATCH", {id_param: tenant_admin.pk, role_alias: keep}),
    }[how]()
    _last_admin_refused(response)
    tenant_admin.refresh_from_db()
    assert tenant_admin.is_active and getattr(tenant_admin, ROLES_FIELD).filter(pk=roles[ADMIN].pk).exists()


def test_with_another_administrator_one_may_step_down(tenant_admin, make_user, api_as, roles):
    make_user(tenant_admin.client, role_names=(API_ROLE, ADMIN))
    api = api_as(tenant_admin)
    response = api.patch(item_url(USERS, tenant_admin.pk), {ROLES_FIELD: [roles[API_ROLE].pk]})
    assert response.status_code == 200, response.content


def test_an_inactive_administrator_does_not_count(tenant_admin, make_user, api_as):
    make_user(tenant_admin.client, role_names=(API_ROLE, ADMIN), is_active=False)
    _last_admin_refused(api_as(tenant_admin).delete(item_url(USERS, tenant_admin.pk)))


def test_staff_cannot_remove_a_tenants_last_administrator_either(tenant_admin, api):
    _last_admin_refused(api.delete(item_url(USERS, tenant_admin.pk)))


def test_the_admin_refuses_to_delete_the_last_administrator(tenant_admin, staff_client):
    response = staff_client.post(reverse(f"admin:timba_{USERS.name.lower()}_delete", args=[tenant_admin.pk]), {"post": "yes"}, follow=True)
    assert any(f"last active {ADMIN}" in str(m) for m in response.context["messages"])
    assert model_of(USERS).objects.filter(pk=tenant_admin.pk).exists()


# --- account fields in the admin -------------------------------------------------------------


def test_tenant_administrators_see_account_dates_read_only_and_no_platform_flags(tenant_admin, make_user):
    member = make_user(tenant_admin.client)
    browser = HttpClient()
    browser.force_login(tenant_admin)
    page = browser.get(reverse(f"admin:timba_{USERS.name.lower()}_change", args=[member.pk]))
    assert page.status_code == 200
    form = page.context["adminform"].form
    assert {"is_staff", "is_superuser", "last_login", "date_joined"}.isdisjoint(form.fields)
    assert "is_active" in form.fields
    shown = {f for fieldset in page.context["adminform"] for line in fieldset for f in line}
    readonly = {f.field["name"] if isinstance(f.field, dict) else f.field for f in shown}
    assert {"last_login", "date_joined"} <= readonly


# --- a lapsed subscription in the admin ------------------------------------------------------


@pytest.mark.parametrize("lapse", ["status", "paid_until"])
def test_a_lapsed_tenant_sees_a_read_only_admin_with_the_reason(lapse, make_client, make_user, builder):
    if lapse == "status":
        inactive = next(v for v, _ in PROJECT.resource(SECURITY.tenant).field(SUBSCRIPTION["status"]).choices if v not in SUBSCRIPTION["active"])
        tenant = make_client(**{SUBSCRIPTION["status"]: inactive})
    else:
        tenant = make_client(**{SUBSCRIPTION["paid_until"]: timezone.localdate() - timedelta(days=1)})
    admin = make_user(tenant, role_names=(API_ROLE, ADMIN_ROLE, ADMIN))
    owned = next(r for r in PROJECT.resources if r.tenant and r.tenant != "self" and not r.auth_user and r.import_export)
    row = builder.create(owned, **{owned.tenant: tenant})
    browser = HttpClient()
    browser.force_login(admin)
    name = owned.name.lower()
    page = browser.get(reverse(f"admin:timba_{name}_changelist"))
    assert page.status_code == 200
    banner = [str(m) for m in page.context["messages"]]
    assert any("subscription" in m and "read-only" in m for m in banner), banner
    assert browser.get(reverse(f"admin:timba_{name}_add")).status_code == 403
    assert browser.get(reverse(f"admin:timba_{name}_delete", args=[row.pk])).status_code == 403
    assert browser.get(reverse(f"admin:timba_{name}_import")).status_code == 403
    change = browser.get(reverse(f"admin:timba_{name}_change", args=[row.pk]))
    assert change.status_code == 200 and not change.context["has_change_permission"]
    assert browser.get(reverse(f"admin:timba_{name}_export")).status_code == 200


def test_the_banner_speaks_the_apis_402(make_client, make_user, api_as):
    inactive = next(v for v, _ in PROJECT.resource(SECURITY.tenant).field(SUBSCRIPTION["status"]).choices if v not in SUBSCRIPTION["active"])
    tenant = make_client(**{SUBSCRIPTION["status"]: inactive})
    admin = make_user(tenant, role_names=(API_ROLE, ADMIN_ROLE, ADMIN))
    detail = orjson.loads(api_as(admin).get(PROTECTED_URL).content)["detail"]
    browser = HttpClient()
    browser.force_login(admin)
    page = browser.get(reverse("admin:index"))
    assert any(str(m).startswith(detail) for m in page.context["messages"])
    assert PASSWORD
