"""The seed's routes (`legacy:` in resources.yaml) at /timba/ and /timbba/.

Parametrised over the spec's legacy declarations: every route × both prefixes × parameters in
the query string or in a JSON body (the seed's clients send JSON bodies even on GET). Then the
seed's documented requests, written out with its own names and messages, and the shared rules:
bearer token, tenant scope, problem+json errors carrying the seed's `error` key.
"""

from __future__ import annotations

from urllib.parse import urlencode

import orjson
import pytest
from django.test import Client as HttpClient
from spec_rows import RESOURCES, JsonClient, assert_problem, model_of, output_keys, to_json

from timba.generated import security as spec
from timba.tokens.models import ApiToken

pytestmark = pytest.mark.django_db
PREFIXES = ("/timba/", "/timbba/")
PLACES = ("query", "body")
MISSING_ID = 987_654_321
LEGACY = [r for r in RESOURCES if r.legacy is not None]


def declaring(op: str) -> list:
    return [
        pytest.param(r, prefix, where, id=f"{r.name}-{prefix.strip('/')}-{where}")
        for r in LEGACY
        if (op == "collection" and r.legacy.collection_path) or op in r.legacy.operations
        for prefix in PREFIXES
        for where in PLACES
    ]


def send(api: JsonClient, method: str, url: str, params: dict, where: str = "body"):
    """A request as the seed's clients make it: parameters in the query string or a JSON body."""
    if where == "query":
        query = urlencode({k: v for k, v in params.items()}, doseq=True)
        return api.client.generic(method, f"{url}?{query}", headers=api.headers)
    return api.client.generic(
        method, url, data=orjson.dumps(params), content_type="application/json", headers=api.headers
    )


def body_of(response):
    return orjson.loads(response.content)


def seed_names(res, payload: dict) -> dict:
    """A /api/v1/ payload under the seed's parameter names (an alias when one is declared; a
    many-reference alias takes one id, as the seed's `role` does)."""
    aliases = {}
    for seed, key in res.legacy.params:
        aliases.setdefault(key, seed)
    out = {}
    for key, value in payload.items():
        seed = aliases.get(key, key)
        if seed != key and isinstance(value, list) and len(value) == 1:
            value = value[0]
        out[seed] = value
    return out


def messages(res) -> dict:
    return dict(res.legacy.messages)


def first_id_keys(res) -> dict[str, str]:
    """`<seed>_id` → many-reference field, for every seed alias of a many-reference."""
    many = {f.attname: f.name for f in res.fields if f.is_many}
    return {f"{seed}_id": many[key] for seed, key in res.legacy.params if key in many}


def seed_keys(res) -> set[str]:
    """The keys of a row in the seed's answers: /api/v1/'s, and `<seed>_id` per many alias."""
    return output_keys(res) | set(first_id_keys(res))


# --- every declared route ----------------------------------------------------------------------


@pytest.mark.parametrize(("res", "prefix", "where"), declaring("create"))
def test_put_creates_with_the_seed_message(res, prefix, where, api, builder):
    payload = builder.payload(res)
    response = send(api, "PUT", prefix + res.legacy.path, seed_names(res, payload), where)
    assert response.status_code == 201, response.content
    body = body_of(response)
    assert set(body) == {"message", "data"}
    assert body["message"] == messages(res)["create"]
    assert set(body["data"]) == seed_keys(res)
    assert model_of(res)._default_manager.filter(pk=body["data"]["id"]).exists()


@pytest.mark.parametrize(("res", "prefix", "where"), declaring("get"))
def test_get_answers_the_row_by_every_id_name(res, prefix, where, api, builder):
    row = builder.create(res)
    for name in res.legacy.id_params:
        response = send(api, "GET", prefix + res.legacy.path, {name: row.pk}, where)
        assert response.status_code == 200, (name, response.content)
        body = body_of(response)
        assert body["id"] == row.pk and set(body) == seed_keys(res)


@pytest.mark.parametrize(("res", "prefix", "where"), declaring("get"))
def test_get_of_a_missing_row_is_404_with_error(res, prefix, where, api):
    name = res.legacy.id_params[0]
    problem = assert_problem(send(api, "GET", prefix + res.legacy.path, {name: MISSING_ID}, where), 404)
    assert problem["error"] == problem["detail"]


@pytest.mark.parametrize(("res", "prefix", "where"), declaring("get"))
def test_get_without_an_id_is_422_naming_the_parameter(res, prefix, where, api):
    problem = assert_problem(send(api, "GET", prefix + res.legacy.path, {}, where), 422)
    assert res.legacy.id_params[0] in problem["error"]
    bad = assert_problem(send(api, "GET", prefix + res.legacy.path, {res.legacy.id_params[0]: "x"}, where), 422)
    assert bad["errors"][0]["loc"][-1] == res.legacy.id_params[0]


@pytest.mark.parametrize(("res", "prefix", "where"), declaring("update"))
def test_patch_changes_the_row(res, prefix, where, api, builder):
    row = builder.create(res)
    key, value = builder.patch_change(res, row)
    params = {res.legacy.id_params[-1]: row.pk, **seed_names(res, {key: value})}
    response = send(api, "PATCH", prefix + res.legacy.path, params, where)
    assert response.status_code == 200, response.content
    assert body_of(response) == {"message": messages(res)["update"]}
    row.refresh_from_db()
    assert to_json(getattr(row, key)) == value


@pytest.mark.parametrize(("res", "prefix", "where"), declaring("update"))
def test_patch_with_an_invalid_value_is_422(res, prefix, where, api, builder):
    row = builder.create(res)
    text = next(f for f in res.input_fields if f.kind == "string" and f.max_length)
    params = {res.legacy.id_params[-1]: row.pk, text.name: "x" * (text.max_length + 1)}
    problem = assert_problem(send(api, "PATCH", prefix + res.legacy.path, params, where), 422)
    assert problem["error"] == problem["detail"]
    assert [where, text.name] in [e["loc"] for e in problem["errors"]]


@pytest.mark.parametrize(("res", "prefix", "where"), declaring("delete"))
def test_delete_removes_the_row(res, prefix, where, api, builder):
    row = builder.create(res)
    response = send(api, "DELETE", prefix + res.legacy.path, {res.legacy.id_params[-1]: row.pk}, where)
    assert response.status_code == 200, response.content
    assert body_of(response) == {"message": messages(res)["delete"]}
    assert not model_of(res)._default_manager.filter(pk=row.pk).exists()


@pytest.mark.parametrize(("res", "prefix", "where"), declaring("collection"))
def test_collection_lists_the_rows_of_one_parent(res, prefix, where, api, builder):
    by = res.legacy.collection_by.removesuffix("_id")
    field = res.field(by)
    parent, other = builder.create(field.target), builder.create(field.target)
    mine = {builder.create(res, **{by: parent}).pk for _ in range(2)}
    builder.create(res, **{by: other})
    for name in res.legacy.collection_params:
        response = send(api, "GET", prefix + res.legacy.collection_path, {name: parent.pk}, where)
        assert response.status_code == 200, (name, response.content)
        body = body_of(response)
        assert list(body) == [res.legacy.collection_key]
        rows = body[res.legacy.collection_key]
        assert {r["id"] for r in rows} == mine
        assert all(set(r) == seed_keys(res) for r in rows)
    missing = send(api, "GET", prefix + res.legacy.collection_path, {res.legacy.collection_params[0]: MISSING_ID}, where)
    assert assert_problem(missing, 404)["error"]


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("res", [pytest.param(r, id=r.name) for r in LEGACY])
def test_every_route_needs_a_bearer_token(res, prefix, db):
    anonymous = JsonClient(HttpClient())
    paths = [res.legacy.path] + ([res.legacy.collection_path] if res.legacy.collection_path else [])
    verbs = {"create": "PUT", "get": "GET", "update": "PATCH", "delete": "DELETE"}
    for path in paths:
        for method in [verbs[op] for op in res.legacy.operations] if path == res.legacy.path else ["GET"]:
            problem = assert_problem(send(anonymous, method, prefix + path, {}), 401)
            assert problem["error"] == problem["detail"]


# --- the seed's documented requests, in its own words ------------------------------------------


@pytest.fixture
def roles(db) -> dict:
    from timba.models import Role

    return {name: Role.objects.get_or_create(name=name)[0] for name in spec.ROLES}


@pytest.fixture
def tenant(builder):
    return builder.create("Client", status="active", paid_until=None, seats=100)


@pytest.mark.parametrize("where", PLACES)
@pytest.mark.parametrize("prefix", PREFIXES)
def test_seed_documented_requests(prefix, where, api, builder, tenant, roles):
    def call(method, path, params):
        return send(api, method, prefix + path, params, where)

    n = builder.payload("Client")["name"]  # a fresh unique suffix
    client = call("PUT", "client", {"name": f"Acme {n}", "address": "1 Mill Road", "contact": "+1 555 0100",
                                     "email": "office@acme.example"})
    assert client.status_code == 201 and body_of(client)["message"] == "Client created Successfully"

    role = call("PUT", "role", {"rolename": f"yard-{n}"})
    assert role.status_code == 201 and body_of(role)["message"] == "Role created successfully"

    user = call("PUT", "user", {"client_id": tenant.pk, "name": "Asha", "address": "Depot 4",
                                "role": roles["mobile"].pk, "username": f"asha-{n}", "contact": "+91 98765 43210"})
    assert user.status_code == 201, user.content
    created = body_of(user)
    assert created["message"] == "User created successfully"
    assert {"id", "name", "username", "contact", "client_id", "created_at", "updated_at"} <= set(created["data"])
    assert created["data"]["roles"] == [roles["mobile"].pk]
    assert created["data"]["role_id"] == roles["mobile"].pk  # the seed's answer names one role
    user_id = created["data"]["id"]

    assert body_of(call("GET", "user", {"user_id": user_id}))["username"] == f"asha-{n}"
    by_name = call("PATCH", "user", {"id": user_id, "role": "web"})  # a role by its name
    assert body_of(by_name) == {"message": "User updated successfully"}
    assert body_of(call("GET", "user", {"user_id": user_id}))["role_id"] == roles["web"].pk
    users = body_of(call("GET", "users", {"client_id": tenant.pk}))["users"]
    assert user_id in {u["id"] for u in users}
    patched = call("PATCH", "user", {"id": user_id, "name": "Asha K", "contact": "+91 98765 00000"})
    assert body_of(patched) == {"message": "User updated successfully"}

    consignment = call("PUT", "consignment", {"user_id": user_id, "client_id": tenant.pk, "name": f"Teak {n}",
                                              "type": "hardwood"})
    assert consignment.status_code == 201, consignment.content
    assert body_of(consignment)["message"] == "Consignment created successfully"
    con_id = body_of(consignment)["data"]["id"]
    duplicate = call("PUT", "consignment", {"user_id": user_id, "client_id": tenant.pk, "name": f"Teak {n}",
                                            "type": "hardwood"})
    assert assert_problem(duplicate, 409)["error"]
    for name in ("con_id", "consignment_id"):
        got = body_of(call("GET", "consignment", {name: con_id}))
        assert {"id", "name", "type", "client_id", "created_by_id", "updated_by_id", "created_at", "updated_at"} <= set(got)
    listed = body_of(call("GET", "consignments", {"client_id": tenant.pk}))
    assert con_id in {c["id"] for c in listed["consignments"]}

    log = call("PUT", "log", {"con_id": con_id, "client_id": tenant.pk, "barcode": f"B-{n}", "length": "2.5",
                              "breadth": "0.4", "height": "0.5"})
    assert log.status_code == 201, log.content
    inserted = body_of(log)
    assert inserted["message"] == "log inserted successfully"
    assert inserted["data"]["client_id"] == tenant.pk and inserted["data"]["volume"] == "0.500000"
    readme_log = call("PUT", "log", {"consignment_id": con_id, "barcode": f"C-{n}", "length": 1, "breadth": 1,
                                     "height": 1})
    assert readme_log.status_code == 201, readme_log.content
    assert body_of(call("GET", "log", {"id": inserted["data"]["id"]}))["barcode"] == f"B-{n}"
    logs = body_of(call("GET", "logs", {"con_id": con_id}))["logs"]
    assert {row["barcode"] for row in logs} == {f"B-{n}", f"C-{n}"}

    deleted = call("DELETE", "user", {"id": user_id})
    assert body_of(deleted) == {"message": "User deleted successfully"}
    assert_problem(call("GET", "user", {"user_id": user_id}), 404)


def test_body_wins_over_the_query_string(api, builder):
    mine, other = builder.create("Consignment"), builder.create("Consignment")
    response = api.client.generic(
        "GET", f"/timba/consignment?con_id={other.pk}", data=orjson.dumps({"con_id": mine.pk}),
        content_type="application/json", headers=api.headers,
    )
    assert body_of(response)["id"] == mine.pk


def test_a_body_that_is_not_a_json_object_is_a_problem(api):
    assert_problem(send(api, "GET", "/timba/consignment", [1, 2]), 422)
    bad = api.client.generic("GET", "/timba/consignment", data=b"{nope", content_type="application/json",
                             headers=api.headers)
    assert assert_problem(bad, 400)["error"]


# --- tenant scope ------------------------------------------------------------------------------


@pytest.fixture
def tenant_api(builder, tenant, roles):
    user = builder.create("User", client=tenant, roles=[roles["mobile"]])
    return JsonClient(HttpClient(), ApiToken.issue(user)[1])


@pytest.mark.parametrize("where", PLACES)
@pytest.mark.parametrize("prefix", PREFIXES)
def test_tenant_user_sees_only_its_own_client(prefix, where, tenant_api, builder, tenant):
    own = builder.create("Consignment", client=tenant)
    foreign = builder.create("Consignment")
    assert send(tenant_api, "GET", prefix + "consignment", {"con_id": own.pk}, where).status_code == 200
    problem = assert_problem(send(tenant_api, "GET", prefix + "consignment", {"con_id": foreign.pk}, where), 404)
    assert problem["error"] == problem["detail"]
    assert_problem(send(tenant_api, "GET", prefix + "consignments", {"client_id": foreign.client_id}, where), 404)
    listed = body_of(send(tenant_api, "GET", prefix + "consignments", {"client_id": tenant.pk}, where))
    assert [c["id"] for c in listed["consignments"]] == [own.pk]
    # a log for another tenant's consignment is refused like a missing one
    log = send(tenant_api, "PUT", prefix + "log", {"con_id": foreign.pk, "barcode": "X-1", "length": 1,
                                                    "breadth": 1, "height": 1}, where)
    assert_problem(log, 422)


def test_tenant_user_without_the_permission_is_403(tenant_api, tenant):
    """Users are managed by the client admin; a mobile user may not list them."""
    problem = assert_problem(send(tenant_api, "GET", "/timba/users", {"client_id": tenant.pk}), 403)
    assert problem["error"] == problem["detail"]


# --- OpenAPI -----------------------------------------------------------------------------------


def _operations(document: dict) -> set[tuple[str, str]]:
    return {(m.upper(), p) for p, item in document["paths"].items() for m in item}


def _declared_operations(prefix: str) -> set[tuple[str, str]]:
    verbs = {"create": "PUT", "get": "GET", "update": "PATCH", "delete": "DELETE"}
    ops = set()
    for res in LEGACY:
        ops |= {(verbs[op], f"{prefix}{res.legacy.path}") for op in res.legacy.operations}
        if res.legacy.collection_path:
            ops.add(("GET", f"{prefix}{res.legacy.collection_path}"))
    return ops


def test_main_openapi_document_lists_the_seed_routes(db):
    document = body_of(HttpClient().get("/api/v1/openapi.json"))
    assert _declared_operations("/timba/") <= _operations(document)
    put = document["paths"]["/timba/consignment"]["put"]
    assert "con_id" not in put["requestBody"]["content"]["application/json"]["schema"]["properties"]
    assert {"name", "type", "client_id"} <= set(put["requestBody"]["content"]["application/json"]["schema"]["properties"])
    get = document["paths"]["/timba/consignment"]["get"]
    # the id is required: the first name is the parameter, the others its aliases
    [ids] = [p for p in get["parameters"] if p["in"] == "query"]
    assert ids["name"] == "con_id" and ids["required"] and ids["x-aliases"] == ["consignment_id", "id"]
    assert (ids["schema"]["minimum"], ids["schema"]["maximum"]) == (1, 2**63 - 1)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_seed_openapi_document_is_served_too(prefix, db):
    """The seed API's own document, at both prefixes (it names the /timba/ paths)."""
    document = body_of(HttpClient().get(f"{prefix}openapi.json"))
    assert _operations(document) == _declared_operations("/timba/")
    assert HttpClient().get(f"{prefix}docs").status_code == 200
