"""Errors raised outside django-ninja's handlers are problem+json under /api/ too: an unknown
route, a method the route lacks, a body that is not JSON or is too large."""

import pytest
from spec_rows import assert_problem


def test_unknown_api_route_is_a_problem(api):
    body = assert_problem(api.get("/api/v1/no-such-thing"), 404)
    assert "docs" in body["detail"]


def test_wrong_method_is_405_with_allow(api):
    response = api.client.put("/api/v1/health")
    assert_problem(response, 405)
    assert response["Allow"] == "GET"


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml"])
def test_non_json_body_is_415(api, content_type):
    response = api.client.post("/api/v1/roles", data="name=x", content_type=content_type, headers=api.headers)
    body = assert_problem(response, 415)
    assert content_type in body["detail"]


def test_body_over_the_limit_is_413(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = api.post("/api/v1/roles", {"name": "x" * 2000})
    assert "1000" in assert_problem(response, 413)["detail"]


def test_admin_pages_keep_their_html(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and "problem" not in response.get("Content-Type", "")
