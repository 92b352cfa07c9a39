"""Row versions on the seed routes (/timba/, /timbba/) and the conditional headers in both
OpenAPI documents.

The seed's GET of one row answers the same strong ETag as /api/v1/ (and an empty 304 to a
matching If-None-Match); its PATCH and DELETE honour If-Match like /api/v1/ (412 with the
current ETag, nothing written). Parametrised over the `legacy:` sections of resources.yaml; the
OpenAPI tests over every operation of /api/v1/openapi.json and /timba/openapi.json.
"""

from __future__ import annotations

from urllib.parse import urlencode

import orjson
import pytest
from spec_rows import RESOURCES, assert_problem, item_url, json_equal, model_of

from timba.api import api as main_api
from timba.api import legacy_api

pytestmark = pytest.mark.django_db
PREFIXES = ("/timba/", "/timbba/")
PLACES = ("query", "body")
LEGACY = [r for r in RESOURCES if r.legacy is not None]


def declaring(op: str) -> list:
    return [
        pytest.param(r, prefix, where, id=f"{r.name}-{prefix.strip('/')}-{where}")
        for r in LEGACY
        if op in r.legacy.operations
        for prefix in PREFIXES
        for where in PLACES
    ]


def send(api, method: str, url: str, params: dict, where: str = "body", **headers):
    headers = {**api.headers, **headers}
    if where == "query":
        return api.client.generic(method, f"{url}?{urlencode(params)}", headers=headers)
    return api.client.generic(method, url, data=orjson.dumps(params), content_type="application/json", headers=headers)


def body_of(response):
    return orjson.loads(response.content)


def seed_get(api, res, pk, **headers):
    return send(api, "GET", "/timba/" + res.legacy.path, {res.legacy.id_params[0]: pk}, "query", **headers)


def current_etag(api, res, pk) -> str:
    response = seed_get(api, res, pk)
    assert response.status_code == 200, response.content
    return response["ETag"]


def state(res, pk) -> dict:
    return model_of(res)._default_manager.filter(pk=pk).values().get()


def a_change(builder, res, row) -> dict:
    key, value = builder.patch_change(res, row)
    return {key: value}


# --- GET -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("res", "prefix", "where"), declaring("get"))
def test_get_gives_the_rows_etag(res, prefix, where, api, builder):
    row = builder.create(res)
    response = send(api, "GET", prefix + res.legacy.path, {res.legacy.id_params[-1]: row.pk}, where)
    assert response.status_code == 200, response.content
    etag = response["ETag"]
    assert etag.startswith('"') and etag.endswith('"') and len(etag) > 2
    if "get" in res.operations:
        assert api.get(item_url(res, row.pk))["ETag"] == etag, "the same version as /api/v1/'s"
    other = builder.create(res)
    assert current_etag(api, res, other.pk) != etag


@pytest.mark.parametrize(("res", "prefix", "where"), declaring("get"))
def test_get_if_none_match_is_304(res, prefix, where, api, builder):
    row = builder.create(res)
    etag = current_etag(api, res, row.pk)
    params = {res.legacy.id_params[0]: row.pk}
    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        response = send(api, "GET", prefix + res.legacy.path, params, where, **{"If-None-Match": header})
        assert response.status_code == 304, (header, response.content)
        assert response.content == b""
        assert response["ETag"] == etag
    response = send(api, "GET", prefix + res.legacy.path, params, where, **{"If-None-Match": '"other"'})
    assert response.status_code == 200 and body_of(response)["id"] == row.pk
    assert response["ETag"] == etag


@pytest.mark.parametrize(("res", "prefix", "where"), declaring("get"))
def test_get_of_a_missing_row_with_if_none_match_is_404(res, prefix, where, api):
    params = {res.legacy.id_params[0]: 987_654_321}
    response = send(api, "GET", prefix + res.legacy.path, params, where, **{"If-None-Match": "*"})
    assert assert_problem(response, 404)["error"]


# --- PATCH ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("res", "prefix", "where"), declaring("update"))
def test_patch_with_a_stale_if_match_is_412_and_changes_nothing(res, prefix, where, api, builder):
    row = builder.create(res)
    etag = current_etag(api, res, row.pk)
    model_of(res)._default_manager.filter(pk=row.pk).update(**dict([builder.patch_change(res, row)]))
    changed = current_etag(api, res, row.pk)
    assert changed != etag
    stored = state(res, row.pk)
    params = {res.legacy.id_params[-1]: row.pk, **a_change(builder, res, row)}
    response = send(api, "PATCH", prefix + res.legacy.path, params, where, **{"If-Match": etag})
    problem = assert_problem(response, 412)
    assert problem["error"] == problem["detail"] and "changed since it was read" in problem["detail"]
    assert response["ETag"] == changed
    assert state(res, row.pk) == stored


@pytest.mark.parametrize(("res", "prefix", "where"), declaring("update"))
def test_patch_with_the_current_if_match_changes_and_answers_the_new_etag(res, prefix, where, api, builder):
    row = builder.create(res)
    etag = current_etag(api, res, row.pk)
    change = a_change(builder, res, row)
    params = {res.legacy.id_params[-1]: row.pk, **change}
    response = send(api, "PATCH", prefix + res.legacy.path, params, where, **{"If-Match": etag})
    assert response.status_code == 200, response.content
    assert body_of(response) == {"message": dict(res.legacy.messages)["update"]}
    after = body_of(seed_get(api, res, row.pk))
    ((key, value),) = change.items()
    assert json_equal(value, after[key])
    assert response["ETag"] == current_etag(api, res, row.pk) != etag
    again = send(api, "PATCH", prefix + res.legacy.path, params, where, **{"If-Match": etag})
    assert_problem(again, 412)


@pytest.mark.parametrize(("res", "prefix", "where"), declaring("update"))
def test_patch_with_a_weak_or_wildcard_if_match(res, prefix, where, api, builder):
    row = builder.create(res)
    etag = current_etag(api, res, row.pk)
    params = {res.legacy.id_params[-1]: row.pk, **a_change(builder, res, row)}
    assert_problem(send(api, "PATCH", prefix + res.legacy.path, params, where, **{"If-Match": f"W/{etag}"}), 412)
    response = send(api, "PATCH", prefix + res.legacy.path, params, where, **{"If-Match": "*"})
    assert response.status_code == 200, response.content


# --- DELETE --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("res", "prefix", "where"), declaring("delete"))
def test_delete_with_a_stale_if_match_is_412_then_the_current_one_deletes(res, prefix, where, api, builder):
    row = builder.create(res)
    params = {res.legacy.id_params[-1]: row.pk}
    response = send(api, "DELETE", prefix + res.legacy.path, params, where, **{"If-Match": '"not-the-version"'})
    problem = assert_problem(response, 412)
    assert problem["error"] == problem["detail"]
    etag = current_etag(api, res, row.pk)
    assert response["ETag"] == etag
    assert model_of(res)._default_manager.filter(pk=row.pk).exists()
    response = send(api, "DELETE", prefix + res.legacy.path, params, where, **{"If-Match": etag})
    assert response.status_code == 200, response.content
    assert body_of(response) == {"message": dict(res.legacy.messages)["delete"]}
    assert not model_of(res)._default_manager.filter(pk=row.pk).exists()


@pytest.mark.parametrize(
    ("res", "prefix", "where"),
    [p for p in declaring("delete") if "update" in p.values[0].legacy.operations],
)
def test_delete_after_someone_else_edited_is_412(res, prefix, where, api, builder):
    row = builder.create(res)
    etag = current_etag(api, res, row.pk)
    edit = send(api, "PATCH", prefix + res.legacy.path, {res.legacy.id_params[-1]: row.pk, **a_change(builder, res, row)})
    assert edit.status_code == 200, edit.content
    response = send(api, "DELETE", prefix + res.legacy.path, {res.legacy.id_params[-1]: row.pk}, where,
                    **{"If-Match": etag})
    assert_problem(response, 412)
    assert response["ETag"] == edit["ETag"]
    assert model_of(res)._default_manager.filter(pk=row.pk).exists()


ODD_TAGS = ["", " ", "W/", '"', '"unterminated', "*, *", ",,,", "W/*", "\u00e9t\u00e9", "x" * 2000]


@pytest.mark.parametrize("header", ODD_TAGS)
def test_odd_conditional_headers_never_break(header, api, builder):
    """Whatever a client sends as a tag list, the answer is a version answer, never a 5xx."""
    for res in LEGACY:
        ops = res.legacy.operations
        row = builder.create(res)
        params = {res.legacy.id_params[0]: row.pk}
        if "get" in ops:
            got = seed_get(api, res, row.pk, **{"If-None-Match": header})
            assert got.status_code in (200, 304), got.content
        if "update" in ops:
            patched = send(api, "PATCH", "/timba/" + res.legacy.path, {**params, **a_change(builder, res, row)},
                           **{"If-Match": header})
            assert patched.status_code in (200, 412), patched.content
        if "delete" in ops:
            deleted = send(api, "DELETE", "/timba/" + res.legacy.path, params, **{"If-Match": header})
            assert deleted.status_code in (200, 412), deleted.content


# --- OpenAPI: both documents, every operation ---------------------------------------------------


def expected_kinds() -> dict[str, str]:
    """operationId → "read" (GET one answering an ETag) or "write" (checks If-Match), from the spec."""
    kinds = {}
    for res in RESOURCES:
        if "get" in res.operations:
            kinds[f"{res.snake}_get"] = "read"
        if "update" in res.operations:
            kinds[f"{res.snake}_update"] = kinds[f"{res.snake}_replace"] = "write"
        if "delete" in res.operations:
            kinds[f"{res.snake}_delete"] = "write"
        if res.legacy is not None:
            ops = res.legacy.operations
            if "get" in ops:
                kinds[f"seed_{res.snake}_get"] = "read"
            for op in {"update", "delete"} & set(ops):
                kinds[f"seed_{res.snake}_{op}"] = "write"
    return kinds


KINDS = expected_kinds()
# rendered as served (status codes as text), without a database
DOCUMENTS = {
    "api": orjson.loads(orjson.dumps(main_api.get_openapi_schema(path_prefix="/api/v1/"), option=orjson.OPT_NON_STR_KEYS)),
    "seed": orjson.loads(orjson.dumps(legacy_api.get_openapi_schema(path_prefix="/timba/"), option=orjson.OPT_NON_STR_KEYS)),
}
OPERATIONS = [
    pytest.param(name, path, method, id=f"{name}-{operation['operationId']}")
    for name, doc in DOCUMENTS.items()
    for path, item in doc["paths"].items()
    for method, operation in item.items()
]


def operation_of(name: str, path: str, method: str) -> dict:
    return DOCUMENTS[name]["paths"][path][method]


def headers_in(operation: dict) -> dict[str, dict]:
    return {p["name"]: p for p in operation.get("parameters", []) if p["in"] == "header"}


def test_every_expected_operation_is_in_the_documents():
    found = {
        name: {op["operationId"] for item in doc["paths"].values() for op in item.values()}
        for name, doc in DOCUMENTS.items()
    }
    assert {k for k in KINDS if not k.startswith("seed_")} <= found["api"]
    assert {k for k in KINDS if k.startswith("seed_")} <= found["api"] & found["seed"]
    assert {"read", "write"} <= set(KINDS.values())
    assert any(k.startswith("seed_") for k in KINDS), "the spec declares seed routes with versions"


@pytest.mark.parametrize(("name", "path", "method"), OPERATIONS)
def test_conditional_headers_are_declared_where_they_apply(name, path, method):
    operation = operation_of(name, path, method)
    kind = KINDS.get(operation["operationId"])
    headers, responses = headers_in(operation), operation["responses"]
    assert not any(key.startswith("x-timba") for key in operation), "markers are not served"
    if kind == "read":
        assert set(headers) == {"If-None-Match"}
        assert headers["If-None-Match"]["required"] is False
        assert headers["If-None-Match"]["schema"] == {"type": "string"}
        assert "ETag" in responses["200"]["headers"]
        assert "ETag" in responses["304"]["headers"] and "content" not in responses["304"]
        assert "412" not in responses
    elif kind == "write":
        assert set(headers) == {"If-Match"}
        assert headers["If-Match"]["required"] is False
        assert headers["If-Match"]["schema"] == {"type": "string"}
        problem = responses["412"]
        assert problem["content"] == {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
        assert "ETag" in problem["headers"]
        successes = [code for code in responses if code.startswith("2")]
        assert successes
        for code in successes:
            assert ("ETag" in responses[code].get("headers", {})) is (method != "delete"), code
        assert "304" not in responses
    else:
        assert not {"If-Match", "If-None-Match"} & set(headers)
        assert not {"304", "412"} & set(responses)
        assert not any("ETag" in r.get("headers", {}) for r in responses.values())


@pytest.mark.parametrize("prefix", PREFIXES)
def test_served_seed_document_declares_them_too(prefix, client):
    """The seed API's own document as served (also at /timbba/), with its problem responses."""
    doc = body_of(client.get(f"{prefix}openapi.json"))
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            kind = KINDS.get(operation["operationId"])
            headers = headers_in(operation)
            assert ("If-None-Match" in headers) is (kind == "read"), (path, method)
            assert ("If-Match" in headers) is (kind == "write"), (path, method)
            assert "401" in operation["responses"], "problem responses are documented"
    assert "Problem" in doc["components"]["schemas"]


def test_an_unmarked_route_is_not_promised_version_checks():
    """A hand-written route shaped like a generated one (`PUT /things/{id}/close`) gets no
    If-Match, ETag or 412 unless it marks itself with `versions.marked`."""
    from timba.runtime import versions

    doc = {"paths": {
        "/things/{id}/close": {"put": {"responses": {"200": {"description": "OK"}}}},
        "/things/{id}": {"patch": {"responses": {"200": {"description": "OK"}}, **versions.marked(versions.WRITE)}},
    }}
    versions.document_versions(doc)
    plain, marked = doc["paths"]["/things/{id}/close"]["put"], doc["paths"]["/things/{id}"]["patch"]
    assert "parameters" not in plain and set(plain["responses"]) == {"200"}
    assert [p["name"] for p in marked["parameters"]] == ["If-Match"] and 412 in marked["responses"]
    assert versions.MARK not in marked
