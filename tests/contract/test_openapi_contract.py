"""Contract test: schemathesis generates requests for every operation of /api/v1/openapi.json and
sends them to the Django app in-process (WSGI), as platform staff (a superuser's bearer token).

Every response must be free of server errors, carry a status code the document declares for the
operation, and match the declared schema for that status. Examples are few and derandomized, so
the run is bounded and repeatable; the database is the test database (the WSGI app runs in this
thread, on the test's connection, inside its transaction).
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from timba.wsgi import application

MAX_EXAMPLES = 12
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def _load_schema():
    """The document as the app serves it (no database needed to render it)."""
    with override_settings(ALLOWED_HOSTS=["localhost"]):
        return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


schema = _load_schema()


@pytest.fixture
def in_test_transaction():
    """Keep the WSGI requests on the test's connection: Django closes a connection whose
    autocommit differs from its setting at each request's end (it does, inside the test's
    transaction), which on MySQL ends the test transaction. Django's own test client
    disconnects the same receivers."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(db, settings, superuser, in_test_transaction) -> str:
    from timba.tokens.models import ApiToken

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]  # schemathesis' WSGI Host
    return ApiToken.issue(superuser)[1]


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_honours_the_contract(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)


def test_problem_responses_are_documented():
    """Every error status an operation can answer with is in the document, as problem+json."""
    from timba.api import api

    doc = api.get_openapi_schema(path_prefix="/api/v1/")
    assert doc["components"]["schemas"]["Problem"]["required"] == ["type", "title", "status", "detail"]

    def statuses(path, method):
        return {str(k) for k in doc["paths"][path][method]["responses"]}

    assert {"200", "304", "401", "402", "403", "404", "422"} <= statuses("/api/v1/consignments/{id}", "get")
    assert {"400", "401", "403", "404", "409", "412", "413", "415", "422"} <= statuses("/api/v1/consignments/{id}", "patch")
    assert {"201", "400", "401", "409", "422"} <= statuses("/api/v1/logs", "post")
    assert "404" not in statuses("/api/v1/logs", "post")
    assert {"401", "429", "422"} <= statuses("/api/v1/auth/token", "post")
    assert statuses("/api/v1/health", "get") == {"200", "429"}  # every route is rate limited
    assert {"404", "422", "401"} <= statuses("/timba/logs", "get")
    problem = doc["paths"]["/api/v1/logs/{id}"]["get"]["responses"][404]["content"]
    assert problem == {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
