"""Entering the admin: the `web` role (the admin channel's) is what lets a user in, whatever the
is_staff flag says; without it the login form comes back with the reason; a superuser always
enters; inactive users and wrong passwords never do. Sessions of users who lose the role end."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient
from spec_rows import PASSWORD

from .support import ADMIN_ROLE, API_ROLE

LOGIN = "/admin/login/"
NEEDS_WEB = f"needs the &#x27;{ADMIN_ROLE}&#x27; role"  # the reason, as the form shows it
INDEX = "/admin/"


def log_in(username: str, password: str = PASSWORD):
    browser = HttpClient()
    response = browser.post(LOGIN, {"username": username, "password": password, "next": INDEX})
    return browser, response


def logged_in(browser) -> bool:
    return "_auth_user_id" in browser.session


def assert_refused(browser, response, *fragments: str):
    assert response.status_code == 200, response.status_code  # the login form again
    text = response.content.decode()
    assert 'name="password"' in text
    for fragment in fragments:
        assert fragment in text, fragment
    assert not logged_in(browser)
    assert browser.get(INDEX).status_code == 302


def test_login_page_renders(db):
    response = HttpClient().get(LOGIN)
    assert response.status_code == 200
    assert 'name="username"' in response.content.decode()


def test_anonymous_index_redirects_to_login(db):
    response = HttpClient().get(INDEX)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


@pytest.mark.parametrize(
    "granted", [(ADMIN_ROLE,), (ADMIN_ROLE, "client_admin")], ids=["web", "web+client_admin"]
)
def test_web_role_without_is_staff_enters_the_admin(granted, make_user, tenant):
    user = make_user(tenant, role_names=granted)
    assert not user.is_staff and not user.is_superuser
    browser, response = log_in(user.username)
    assert response.status_code == 302 and response["Location"] == INDEX
    assert logged_in(browser)
    index = browser.get(INDEX)
    assert index.status_code == 200
    assert user.username in index.content.decode()


@pytest.mark.parametrize(
    "granted", [(), (API_ROLE,), (API_ROLE, "client_admin")], ids=["none", "mobile", "mobile+admin"]
)
def test_user_without_the_web_role_gets_the_form_again(granted, make_user, tenant):
    user = make_user(tenant, role_names=granted)
    browser, response = log_in(user.username)
    assert_refused(browser, response, NEEDS_WEB)


def test_is_staff_flag_alone_does_not_open_the_admin(make_user, tenant):
    user = make_user(tenant, role_names=(API_ROLE,), is_staff=True)
    browser, response = log_in(user.username)
    assert_refused(browser, response, NEEDS_WEB)


def test_superuser_enters_the_admin(superuser):
    browser, response = log_in(superuser.username)
    assert response.status_code == 302
    assert browser.get(INDEX).status_code == 200


def test_superuser_without_a_tenant_or_roles_sees_every_model(superuser):
    browser, _ = log_in(superuser.username)
    text = browser.get(INDEX).content.decode()
    for url in ("/admin/timba/client/", "/admin/timba/user/", "/admin/timba/consignment/"):
        assert url in text


def test_wrong_password_gets_the_form_again(make_user, tenant):
    user = make_user(tenant, role_names=(ADMIN_ROLE,))
    browser, response = log_in(user.username, "not-" + PASSWORD)
    assert_refused(browser, response)
    # the role is only discussed once the password is right
    assert NEEDS_WEB not in response.content.decode()


def test_inactive_web_user_cannot_log_in(make_user, tenant):
    user = make_user(tenant, role_names=(ADMIN_ROLE,), is_active=False)
    browser, response = log_in(user.username)
    assert_refused(browser, response)


def test_losing_the_web_role_ends_admin_access(make_user, tenant):
    user = make_user(tenant, role_names=(ADMIN_ROLE,))
    browser, _ = log_in(user.username)
    assert browser.get(INDEX).status_code == 200
    user.roles.clear()
    response = browser.get(INDEX)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_web_user_without_model_roles_sees_no_user_screens(make_user, tenant):
    """The web role opens the door; each screen still needs its own permission."""
    user = make_user(tenant, role_names=(ADMIN_ROLE,))
    browser, _ = log_in(user.username)
    assert browser.get("/admin/timba/user/").status_code == 403
    assert browser.get("/admin/timba/consignment/").status_code == 200
