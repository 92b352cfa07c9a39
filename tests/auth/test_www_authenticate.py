"""Every 401 of a route that needs a token carries `WWW-Authenticate: Bearer` (RFC 9110 §11.6.1,
RFC 6750 §3): the REST API, the seed routes under both of their prefixes, whatever is wrong with
the token. Operations are read from the served OpenAPI documents (/api/v1/'s, which lists the seed
routes under /timba/, and the seed API's own), so a new resource or route is covered too."""

from __future__ import annotations

import re
from datetime import timedelta

import orjson
import pytest
from django.test import Client as HttpClient
from django.utils import timezone
from spec_rows import assert_problem

from timba.tokens.models import PREFIX, ApiToken

pytestmark = pytest.mark.django_db


def served(url: str) -> dict:
    response = HttpClient().get(url)
    assert response.status_code == 200, url
    return orjson.loads(response.content)


def protected_operations() -> list:
    """(method, path) of every secured operation: /api/v1/ and /timba/ from /api/v1/'s document,
    the seed API's own document's operations under /timba/ and /timbba/."""
    found = {
        (method.upper(), path)
        for path, item in served("/api/v1/openapi.json")["paths"].items()
        for method, op in item.items()
        if op.get("security")
    }
    seed = [
        (method.upper(), path)
        for path, item in served("/timba/openapi.json")["paths"].items()
        for method, op in item.items()
        if op.get("security")
    ]
    assert seed, "the seed API documents no secured operation"
    for method, path in seed:
        tail = re.sub(r"^/(timba|timbba)/", "", path)
        found |= {(method, "/timba/" + tail.lstrip("/")), (method, "/timbba/" + tail.lstrip("/"))}
    return sorted(found)


@pytest.fixture
def operations(db):
    return protected_operations()


def fill(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def call(method: str, url: str, authorization: str | None):
    headers = {"Authorization": authorization} if authorization else {}
    send = getattr(HttpClient(), method.lower())
    if method in {"POST", "PATCH", "PUT"}:
        return send(url, data=b"{}", content_type="application/json", headers=headers)
    return send(url, headers=headers)


@pytest.fixture
def dead_tokens(superuser) -> dict:
    """Authorization values that authenticate no one, by what is wrong with them."""
    revoked_row, revoked = ApiToken.issue(superuser)
    revoked_row.revoke()
    expired_row, expired = ApiToken.issue(superuser)
    ApiToken.objects.filter(pk=expired_row.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    return {
        "none": None,
        "unknown": f"Bearer {PREFIX}{'A' * 43}",
        "revoked": f"Bearer {revoked}",
        "expired": f"Bearer {expired}",
        "other scheme": "Basic cm9vdDpwYXNzd29yZA==",
    }


def test_the_documents_name_routes_on_every_api(operations):
    prefixes = {path.split("/")[1] for _, path in operations}
    assert prefixes == {"api", "timba", "timbba"}


def test_every_protected_operation_challenges_for_a_bearer_token(operations, dead_tokens):
    failures = []
    for method, path in operations:
        for what, authorization in dead_tokens.items():
            response = call(method, fill(path), authorization)
            if response.status_code != 401 or response.get("WWW-Authenticate") != "Bearer":
                failures.append((method, path, what, response.status_code, response.get("WWW-Authenticate")))
            else:
                assert_problem(response, 401)
    assert not failures, failures


def test_seed_401s_keep_the_seeds_error_key(operations):
    method, path = next((m, p) for m, p in operations if p.startswith("/timbba/"))
    response = call(method, fill(path), None)
    body = assert_problem(response, 401)
    assert response["WWW-Authenticate"] == "Bearer" and body["error"] == body["detail"]
