"""Bearer tokens of the REST API: issuing one for a username and password, what the database
keeps of it, using, expiring and revoking it, and the 401s every protected operation answers
without one. Operations are read from the OpenAPI document, so a new resource is covered too."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timedelta

import orjson
import pytest
from django.conf import settings
from django.db import connection
from django.test import Client as HttpClient
from django.utils import timezone
from spec_rows import PASSWORD, JsonClient, assert_problem

from timba.api import api as ninja_api
from timba.tokens.models import PREFIX, ApiToken

from .support import ADMIN_ROLE, PROTECTED_URL, TOKEN_URL, ask_token

PUBLIC_OPERATIONS = {"auth_token_create", "health"}
OPENAPI = ninja_api.get_openapi_schema()
OPERATIONS = [
    (method.upper(), path, op["operationId"])
    for path, ops in OPENAPI["paths"].items()
    for method, op in ops.items()
]
PROTECTED = [
    pytest.param(method, path, id=op_id)
    for method, path, op_id in OPERATIONS
    if op_id not in PUBLIC_OPERATIONS
]


def fill(path: str) -> str:
    """A concrete URL for an OpenAPI path: every {param} becomes 1."""
    return re.sub(r"\{[^}]+\}", "1", path)


def call(method: str, url: str, headers: dict | None = None):
    send = getattr(HttpClient(), method.lower())
    if method in {"POST", "PATCH", "PUT"}:
        return send(url, data=b"{}", content_type="application/json", headers=headers or {})
    return send(url, headers=headers or {})


def assert_unauthenticated(response):
    assert_problem(response, 401)
    assert response["WWW-Authenticate"] == "Bearer"


# --- issuing -------------------------------------------------------------------------------


def test_right_credentials_give_a_bearer_token(mobile_user):
    before = timezone.now()
    response = ask_token(mobile_user.username, PASSWORD)
    assert response.status_code == 201, response.content
    body = orjson.loads(response.content)
    assert set(body) == {"token", "token_type", "expires_at"}
    assert body["token_type"] == "Bearer"
    assert body["token"].startswith(PREFIX) and len(body["token"]) >= len(PREFIX) + 40
    expires = datetime.fromisoformat(body["expires_at"])
    lifetime = timedelta(seconds=settings.API_TOKEN_LIFETIME_SECONDS)
    assert (
        before + lifetime - timedelta(seconds=5)
        <= expires
        <= timezone.now() + lifetime + timedelta(seconds=5)
    )


def test_each_login_gets_a_different_token(mobile_user):
    first, second = (
        orjson.loads(ask_token(mobile_user.username, PASSWORD).content)["token"] for _ in range(2)
    )
    assert first != second


def test_database_never_holds_the_token_text(mobile_user):
    secret = orjson.loads(ask_token(mobile_user.username, PASSWORD).content)["token"]
    row = ApiToken.objects.get(user=mobile_user)
    assert row.key_digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(row.prefix) and len(row.prefix) < len(secret) // 2
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(ApiToken._meta.db_table)}")
        columns = [c[0] for c in cursor.description]
        rows = cursor.fetchall()
    assert len(rows) == 1 and len(columns) == len(ApiToken._meta.concrete_fields)
    for column, value in zip(columns, rows[0], strict=True):
        assert secret not in str(value), column


def test_no_table_holds_the_token_text(mobile_user):
    """Not a log, not a session, not a login-attempt record: the secret is nowhere."""
    secret = orjson.loads(ask_token(mobile_user.username, PASSWORD).content)["token"]
    assert JsonClient(HttpClient(), secret).get(PROTECTED_URL).status_code == 200
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                assert not any(secret in str(value) for value in row), table


def test_wrong_password_is_401(mobile_user):
    body = assert_problem(ask_token(mobile_user.username, PASSWORD + "x"), 401)
    assert "password" in body["detail"].lower()
    assert not ApiToken.objects.exists()


def test_unknown_user_is_401_like_a_wrong_password(mobile_user):
    unknown = assert_problem(ask_token("nobody-by-this-name", PASSWORD), 401)
    wrong = assert_problem(ask_token(mobile_user.username, "not-the-password"), 401)
    assert unknown["detail"] == wrong["detail"]  # the answer does not reveal which usernames exist


def test_inactive_user_gets_no_token(make_user, tenant):
    user = make_user(tenant, is_active=False)
    assert_problem(ask_token(user.username, PASSWORD), 401)


@pytest.mark.parametrize("body", [{}, {"username": "x"}, {"password": "x"}, "not json"])
def test_incomplete_login_request_is_a_client_error(body, db):
    response = JsonClient(HttpClient()).post(TOKEN_URL, body)
    assert 400 <= response.status_code < 500 and response.status_code != 201
    assert response["Content-Type"].startswith("application/problem+json")


# --- using ---------------------------------------------------------------------------------


def test_token_opens_a_protected_route(mobile_user):
    token = orjson.loads(ask_token(mobile_user.username, PASSWORD).content)["token"]
    response = JsonClient(HttpClient(), token).get(PROTECTED_URL)
    assert response.status_code == 200, response.content
    assert ApiToken.objects.get(user=mobile_user).last_used_at is not None


def test_user_without_the_api_role_gets_no_token(make_user, tenant):
    user = make_user(tenant, role_names=(ADMIN_ROLE, "client_admin"))
    body = assert_problem(ask_token(user.username, PASSWORD), 403)
    assert "mobile" in body["detail"]
    assert not ApiToken.objects.exists()


def test_user_without_the_api_role_cannot_use_a_token_issued_for_them(make_user, tenant, api_as):
    user = make_user(tenant, role_names=(ADMIN_ROLE,))
    body = assert_problem(api_as(user).get(PROTECTED_URL), 403)
    assert "mobile" in body["detail"]


def test_losing_the_api_role_stops_existing_tokens(mobile_user, api_as):
    api = api_as(mobile_user)
    assert api.get(PROTECTED_URL).status_code == 200
    mobile_user.roles.clear()
    assert_problem(api.get(PROTECTED_URL), 403)


def test_expired_token_is_401(mobile_user, api_as):
    api = api_as(mobile_user)
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert_unauthenticated(api.get(PROTECTED_URL))


def test_token_with_a_short_lifetime_expires(mobile_user):
    row, secret = ApiToken.issue(mobile_user, lifetime=timedelta(minutes=1))
    assert JsonClient(HttpClient(), secret).get(PROTECTED_URL).status_code == 200
    ApiToken.objects.filter(pk=row.pk).update(expires_at=row.expires_at - timedelta(minutes=2))
    assert_unauthenticated(JsonClient(HttpClient(), secret).get(PROTECTED_URL))


def test_revoked_token_is_401(mobile_user, api_as):
    api, other = api_as(mobile_user), api_as(mobile_user)
    response = api.delete(TOKEN_URL)
    assert response.status_code == 204, response.content
    assert_unauthenticated(api.get(PROTECTED_URL))
    assert_unauthenticated(api.delete(TOKEN_URL))
    assert other.get(PROTECTED_URL).status_code == 200  # only the token used was revoked
    assert ApiToken.objects.filter(revoked_at__isnull=False).count() == 1


def test_inactive_users_token_is_401(mobile_user, api_as):
    api = api_as(mobile_user)
    mobile_user.is_active = False
    mobile_user.save(update_fields=["is_active"])
    assert_unauthenticated(api.get(PROTECTED_URL))


@pytest.mark.parametrize(
    "header",
    [
        "{token}",  # no scheme
        "Token {token}",
        "Basic cm9vdDpwYXNzd29yZA==",
        "Bearer",
        "Bearer ",
        "Bearer garbage",
        "Bearer " + PREFIX + "garbage",
        "Bearer {token}x",
        "Bearer {short}",
        "Bearer {digest}",  # what the table stores is not a token
        "Bearer {token} {token}",
    ],
)
def test_malformed_authorization_is_401(header, mobile_user):
    row, token = ApiToken.issue(mobile_user)
    value = header.format(token=token, short=token[:-1], digest=row.key_digest)
    assert_unauthenticated(call("GET", PROTECTED_URL, {"Authorization": value}))


# --- anonymous -----------------------------------------------------------------------------


def test_served_openapi_document_lists_the_operations_tested_here(db):
    response = HttpClient().get("/api/v1/openapi.json")
    assert response.status_code == 200
    served = orjson.loads(response.content)
    ops = {
        (m.upper(), p, op["operationId"])
        for p, item in served["paths"].items()
        for m, op in item.items()
    }
    assert ops == set(OPERATIONS)
    assert PUBLIC_OPERATIONS <= {op for _, _, op in ops}


def test_openapi_document_marks_exactly_the_public_operations_as_open(db):
    for path, item in OPENAPI["paths"].items():
        for method, op in item.items():
            secured = bool(op.get("security"))
            assert secured == (op["operationId"] not in PUBLIC_OPERATIONS), (method, path)


@pytest.mark.parametrize(("method", "path"), PROTECTED)
def test_anonymous_call_is_401(method, path, db):
    assert_unauthenticated(call(method, fill(path)))


@pytest.mark.parametrize(("method", "path"), PROTECTED)
def test_unknown_token_is_401(method, path, db):
    assert_unauthenticated(
        call(method, fill(path), {"Authorization": f"Bearer {PREFIX}{'A' * 43}"})
    )


@pytest.mark.parametrize("url", ["/api/v1/openapi.json", "/api/v1/docs", "/api/v1/health"])
def test_public_pages_need_no_token(url, db):
    response = HttpClient().get(url)
    assert response.status_code == 200, (url, response.status_code)
    if url.endswith("health"):
        assert orjson.loads(response.content) == {"status": "ok"}


def test_token_response_is_not_cached(client, mobile_user):
    response = client.post(
        "/api/v1/auth/token", {"username": mobile_user.username, "password": PASSWORD}, content_type="application/json"
    )
    assert response.status_code == 201 and response["Cache-Control"] == "no-store"


def test_a_lapsed_tenant_can_still_revoke_its_token(client, mobile_user):
    row, secret = ApiToken.issue(mobile_user)
    mobile_user.client.status = "cancelled"
    mobile_user.client.save()
    response = client.delete("/api/v1/auth/token", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 204
    row.refresh_from_db()
    assert row.revoked_at is not None
