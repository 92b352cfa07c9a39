"""Every answer carries an X-Request-ID: the caller's when it is well formed, else a new one;
the log lines written while a request runs carry the same id."""

import io
import json
import logging
import re

import pytest

from timba.runtime import request_id
from timba.runtime.logs import JsonFormatter

GENERATED = re.compile(r"^[0-9a-f]{32}$")


def test_an_answer_carries_a_new_request_id(client):
    first, second = client.get("/healthz"), client.get("/healthz")
    assert GENERATED.match(first["X-Request-ID"]) and GENERATED.match(second["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_a_well_formed_incoming_id_is_kept(client, db):
    for path in ("/healthz", "/api/v1/no-such-route", "/admin/login/"):
        response = client.get(path, HTTP_X_REQUEST_ID="lb-7f3a:req_42.x")
        assert response["X-Request-ID"] == "lb-7f3a:req_42.x", path


@pytest.mark.parametrize("incoming", ["", "has space", "x" * 129, "semi;colon", "new\nline", "ünïcode"])
def test_a_malformed_incoming_id_is_replaced(client, incoming):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=incoming)
    assert GENERATED.match(response["X-Request-ID"])


def _json_logger(stream) -> logging.Logger:
    logger = logging.getLogger("tests.deploy.request_ids")
    logger.handlers[:] = []
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return logger


def test_log_lines_in_a_request_carry_its_id():
    stream = io.StringIO()
    logger = _json_logger(stream)

    def view(request):
        logger.info("handling %s", request.path, extra={"tenant": 3})
        from django.http import HttpResponse

        return HttpResponse("ok")

    from django.test import RequestFactory

    middleware = request_id.RequestIdMiddleware(view)
    response = middleware(RequestFactory().get("/x", HTTP_X_REQUEST_ID="abc-123"))
    logger.info("after the request")
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert response["X-Request-ID"] == "abc-123"
    assert first["message"] == "handling /x" and first["request_id"] == "abc-123" and first["tenant"] == 3
    assert first["level"] == "INFO" and first["logger"] == "tests.deploy.request_ids" and "time" in first
    assert "request_id" not in second  # outside a request


def test_an_exception_is_one_json_line():
    stream = io.StringIO()
    logger = _json_logger(stream)
    try:
        raise ValueError("bad value")
    except ValueError:
        logger.exception("failed")
    (line,) = stream.getvalue().splitlines()
    entry = json.loads(line)
    assert entry["level"] == "ERROR" and "ValueError: bad value" in entry["exc_info"]


def test_gunicorn_access_records_become_json_fields():
    from gunicorn.glogging import SafeAtoms

    atoms = SafeAtoms({
        "m": "GET", "U": "/api/v1/logs", "q": "search=\"oak\"", "s": "200", "B": 512, "M": 12,
        "h": "10.0.0.1", "a": 'curl/8 "quoted"', "f": "-", "H": "HTTP/1.1", "{x-request-id}o": "rid-1",
    })
    record = logging.LogRecord("gunicorn.access", logging.INFO, __file__, 1, "%(h)s %(r)s", None, None)
    record.args = atoms  # what gunicorn's Logger.access passes: one dict of atoms
    entry = json.loads(JsonFormatter().format(record))
    assert entry["method"] == "GET" and entry["path"] == "/api/v1/logs" and entry["status"] == 200
    assert entry["query"] == 'search="oak"' and entry["user_agent"] == 'curl/8 "quoted"'
    assert entry["bytes"] == 512 and entry["duration_ms"] == 12 and entry["request_id"] == "rid-1"
    assert "referer" not in entry  # gunicorn's "-" for absent values is left out
