"""Throttled logins (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username from
one address, even the right password is refused, on the token route (429 problem+json) and on
the admin login alike; other usernames are not affected. Attempts live in axes' tables, which
each test's transaction rolls back."""

from __future__ import annotations

import orjson
import pytest
from django.conf import settings
from django.test import Client as HttpClient
from spec_rows import PASSWORD, JsonClient, assert_problem

from timba.tokens.models import ApiToken

from .support import ADMIN_ROLE, API_ROLE, PROTECTED_URL, ask_token

LIMIT = settings.AXES_FAILURE_LIMIT
ADMIN_LOGIN = "/admin/login/"


@pytest.fixture
def both_channels(make_user, tenant):
    """A tenant user allowed on the API and in the admin."""
    return make_user(tenant, role_names=(API_ROLE, ADMIN_ROLE))


def fail_api_logins(username: str, times: int) -> list[int]:
    return [ask_token(username, "wrong-" + PASSWORD).status_code for _ in range(times)]


def admin_login(client, username: str, password: str):
    return client.post(ADMIN_LOGIN, {"username": username, "password": password, "next": "/admin/"})


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_failure_limit_is_configured():
    assert 1 <= LIMIT <= 20


def test_failures_below_the_limit_do_not_lock(mobile_user):
    assert fail_api_logins(mobile_user.username, LIMIT - 1) == [401] * (LIMIT - 1)
    assert ask_token(mobile_user.username, PASSWORD).status_code == 201


def test_right_password_is_429_after_the_limit(mobile_user):
    statuses = fail_api_logins(mobile_user.username, LIMIT)
    assert statuses[: LIMIT - 1] == [401] * (LIMIT - 1)
    assert statuses[-1] in {401, 429}  # the failure that reaches the limit may already say so
    body = assert_problem(ask_token(mobile_user.username, PASSWORD), 429)
    assert "wait" in body["detail"].lower() or "too many" in body["detail"].lower()
    assert not ApiToken.objects.exists()


def test_further_wrong_passwords_stay_429(mobile_user):
    fail_api_logins(mobile_user.username, LIMIT)
    assert_problem(ask_token(mobile_user.username, "still-wrong"), 429)


def test_lockout_of_one_username_leaves_others_alone(make_user, tenant):
    locked, other = make_user(tenant), make_user(tenant)
    fail_api_logins(locked.username, LIMIT)
    assert_problem(ask_token(locked.username, PASSWORD), 429)
    response = ask_token(other.username, PASSWORD)
    assert response.status_code == 201, response.content
    token = orjson.loads(response.content)["token"]
    assert JsonClient(HttpClient(), token).get(PROTECTED_URL).status_code == 200


def test_lockout_does_not_revoke_tokens_already_issued(mobile_user, api_as):
    api = api_as(mobile_user)
    fail_api_logins(mobile_user.username, LIMIT)
    assert api.get(PROTECTED_URL).status_code == 200


def test_unknown_usernames_are_throttled_too(db):
    fail_api_logins("ghost-user", LIMIT)
    assert_problem(ask_token("ghost-user", "anything"), 429)


def test_admin_login_is_locked_after_the_limit(both_channels):
    client = HttpClient()
    for _ in range(LIMIT):
        admin_login(client, both_channels.username, "wrong-" + PASSWORD)
    response = admin_login(client, both_channels.username, PASSWORD)
    assert not logged_in(client)
    assert response.status_code != 302, response.get("Location")
    assert response.status_code in {403, 429}, response.status_code
    assert HttpClient().get("/admin/").status_code == 302  # still sent to the login page


def test_api_failures_lock_the_admin_login(both_channels):
    """One lockout per username and address, whichever door the attempts came through."""
    fail_api_logins(both_channels.username, LIMIT)
    client = HttpClient()
    response = admin_login(client, both_channels.username, PASSWORD)
    assert not logged_in(client)
    assert response.status_code in {403, 429}


def test_admin_failures_lock_the_token_route(both_channels):
    client = HttpClient()
    for _ in range(LIMIT):
        admin_login(client, both_channels.username, "wrong-" + PASSWORD)
    assert_problem(ask_token(both_channels.username, PASSWORD), 429)


def test_admin_lockout_leaves_other_usernames_alone(both_channels, make_user, tenant):
    other = make_user(tenant, role_names=(ADMIN_ROLE,))
    client = HttpClient()
    for _ in range(LIMIT):
        admin_login(client, both_channels.username, "wrong-" + PASSWORD)
    response = admin_login(client, other.username, PASSWORD)
    assert response.status_code == 302 and logged_in(client)
