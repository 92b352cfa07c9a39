"""A database that cannot be reached is a 503 with Retry-After (problem+json; a short HTML page
under the admin), never a 500; other database errors stay 500s. The servers themselves are
stopped for real in tests/resilience/test_database_restart.py."""

import orjson
import pytest
from django.db import InterfaceError, OperationalError, ProgrammingError
from django.test import RequestFactory

from timba.runtime import unavailable


@pytest.mark.parametrize("exc, expected", [
    (OperationalError(2003, "Can't connect to server"), True),
    (OperationalError(2006, "Server has gone away"), True),
    (OperationalError(2013, "Lost connection"), True),
    (InterfaceError(0, ""), True),
    (OperationalError(1054, "Unknown column"), False),
    (OperationalError("database is locked"), False),
    (ProgrammingError(1146, "Table doesn't exist"), False),
])
def test_which_errors_mean_the_database_is_unreachable(exc, expected):
    assert unavailable.is_unavailable(exc) is expected


def test_the_cause_of_an_error_counts():
    try:
        try:
            raise OperationalError(2002, "Can't connect")
        except OperationalError as inner:
            raise RuntimeError("wrapped") from inner
    except RuntimeError as outer:
        assert unavailable.is_unavailable(outer)


def _unreachable(secret):
    raise OperationalError(2003, "Can't connect to server on '127.0.0.1'")


@pytest.mark.parametrize("path, seed", [("/api/v1/consignments", False), ("/timba/consignment?con_id=1", True)])
def test_the_apis_answer_503_problem_json_with_retry_after(client, monkeypatch, db, path, seed):
    monkeypatch.setattr("timba.runtime.auth.active_token", _unreachable)
    response = client.get(path, HTTP_AUTHORIZATION="Bearer tmb_anything")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/problem+json")
    assert response["Retry-After"] == str(unavailable.RETRY_AFTER_SECONDS)
    body = orjson.loads(response.content)
    assert body["status"] == 503 and ("error" in body) is seed


def test_another_database_error_stays_a_500(client, monkeypatch, db):
    def broken(secret):
        raise OperationalError(1054, "Unknown column")

    monkeypatch.setattr("timba.runtime.auth.active_token", broken)
    response = client.get("/api/v1/consignments", HTTP_AUTHORIZATION="Bearer tmb_anything")
    assert response.status_code == 500
    assert "Retry-After" not in response


@pytest.mark.parametrize("path, kind", [("/admin/", "text/html"), ("/elsewhere", "application/problem+json")])
def test_the_error_handler_answers_503_outside_the_apis(path, kind):
    request = RequestFactory().get(path)
    try:
        raise OperationalError(2006, "Server has gone away")
    except OperationalError:
        response = unavailable.server_error(request)
    assert response.status_code == 503
    assert response["Content-Type"].startswith(kind)
    assert response["Retry-After"] == str(unavailable.RETRY_AFTER_SECONDS)


def test_the_error_handler_is_django_s_500_otherwise():
    request = RequestFactory().get("/elsewhere")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = unavailable.server_error(request)
    assert response.status_code == 500
