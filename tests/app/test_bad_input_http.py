"""Errors outside django-ninja's handlers are problem+json on every route, as under /api/: the
seed's /timba/ and /timbba/ (with the seed's `error` key too) and any other path; only the
admin keeps Django's HTML."""

import orjson
import pytest
from spec_rows import RESOURCES, assert_problem

SEED_PREFIXES = ("/timba/", "/timbba/")
LEGACY = [r for r in RESOURCES if r.legacy is not None]
CREATES = [r for r in LEGACY if "create" in r.legacy.operations]


@pytest.mark.parametrize("path", ["/timba/no-such-route", "/timbba/no-such-route", "/timba/", "/no-such-page", "/api/nope"])
def test_unknown_paths_are_404_problems(path, api):
    body = assert_problem(api.get(path), 404)
    assert "docs" in body["detail"]
    if path.startswith(SEED_PREFIXES):
        assert body["error"] == body["detail"]


@pytest.mark.parametrize("prefix", SEED_PREFIXES)
@pytest.mark.parametrize("res", CREATES, ids=[r.name for r in CREATES])
def test_a_method_a_seed_route_lacks_is_405_with_allow(res, prefix, api):
    response = api.client.post(f"{prefix}{res.legacy.path}", data="{}", content_type="application/json", headers=api.headers)
    body = assert_problem(response, 405)
    assert "PUT" in response["Allow"] and body["error"] == body["detail"]


@pytest.mark.parametrize("prefix", SEED_PREFIXES)
@pytest.mark.parametrize("res", CREATES, ids=[r.name for r in CREATES])
def test_a_body_over_the_limit_on_a_seed_route_is_413(res, prefix, api, settings):
    """A 3 MB body (Django's limit is 2.5 MB) was a 500."""
    body = orjson.dumps({"name": "x" * 3_000_000})
    response = api.client.put(f"{prefix}{res.legacy.path}", data=body, content_type="application/json", headers=api.headers)
    problem = assert_problem(response, 413)
    assert str(settings.DATA_UPLOAD_MAX_MEMORY_SIZE) in problem["detail"] and problem["error"] == problem["detail"]


@pytest.mark.parametrize("prefix", SEED_PREFIXES)
def test_a_big_body_on_a_seed_get_is_413_too(prefix, api):
    """The seed's clients send JSON bodies on GET, which the seed routes read."""
    res = next(r for r in LEGACY if "get" in r.legacy.operations)
    body = orjson.dumps({res.legacy.id_params[0]: 1, "pad": "x" * 3_000_000})
    response = api.client.generic("GET", f"{prefix}{res.legacy.path}", data=body, content_type="application/json", headers=api.headers)
    assert_problem(response, 413)


@pytest.mark.parametrize("prefix", SEED_PREFIXES)
@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_a_body_that_is_not_json_on_a_seed_route_is_415(prefix, content_type, api):
    res = CREATES[0]
    response = api.client.put(f"{prefix}{res.legacy.path}", data="name=x", content_type=content_type, headers=api.headers)
    problem = assert_problem(response, 415)
    assert content_type in problem["detail"] and problem["error"] == problem["detail"]


def test_the_seed_documents_declare_413_and_415_on_writes(api):
    from timba.api import api as main_api

    document = main_api.get_openapi_schema(path_prefix="/api/v1/")
    for res in CREATES:
        responses = {str(k) for k in document["paths"][f"/timba/{res.legacy.path}"]["put"]["responses"]}
        assert {"400", "413", "415", "422"} <= responses


def test_the_admin_keeps_its_html(staff_client):
    response = staff_client.get("/admin/no-such-model/")
    assert response.status_code == 404 and "problem" not in response["Content-Type"]
