"""Bad input is a 422 (or the problem+json status that fits), never a 500 or a 409, and the
OpenAPI document declares the rule.

Integers: every integer the API accepts has the bounds of its column, from the spec (ids and
references 1 .. 2**63 - 1, `integer` fields their IntegerField's range narrowed by min/max,
`limit`/`offset` their page's): parametrised over the document itself, every integer parameter
of every operation gets a value beyond each bound; over the spec, every integer body value and
every `__in` list. Seed routes: ids are ASCII digits (`²`, `①`, `٣` are no ids), checked on every
seed route and id name; parameters named twice are refused.
"""

from __future__ import annotations

import json

import orjson
import pytest
from django.test import Client as HttpClient
from spec_rows import RESOURCES, assert_problem, collection_url, error_locs, item_url

from codegen.field_types import ID_RANGE

pytestmark = pytest.mark.django_db
HUGE = 99999999999999999999  # the issue's example: beyond every column
NOT_ASCII_DIGITS = ["²", "①", "٣", "５", "߁"]  # superscript, circled, Arabic-Indic, fullwidth, NKo


def send(api, method: str, url: str, body) -> object:
    """A JSON body as any client may write it: the standard library's encoder, which (unlike
    orjson) writes integers beyond 64 bits."""
    return api.client.generic(method, url, data=json.dumps(body), content_type="application/json", headers=api.headers)


def _document() -> dict:
    from timba.api import api

    return api.get_openapi_schema(path_prefix="/api/v1/")


DOCUMENT = _document()


def _integer_schema(schema: dict) -> dict | None:
    """The integer branch of a parameter's schema (`int | None` is an anyOf)."""
    for one in schema.get("anyOf", [schema]):
        if one.get("type") == "integer":
            return one
    return None


def integer_parameters() -> list:
    """(path, method, parameter, minimum, maximum) for every integer path and query parameter
    of every operation of the document (the seed routes' included)."""
    out = []
    for path, operations in DOCUMENT["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                schema = _integer_schema(parameter.get("schema", {}))
                if parameter["in"] in {"path", "query"} and schema is not None:
                    out.append(pytest.param(path, method, parameter, id=f"{method.upper()} {path} {parameter['name']}"))
    return out


INTEGER_PARAMETERS = integer_parameters()


def _url(path: str, method: str, parameter: dict, value) -> tuple[str, dict]:
    """The request: `value` for `parameter`, valid values (id 1) for the other required ones."""
    operation = DOCUMENT["paths"][path][method]
    query = {}
    for other in operation.get("parameters", []):
        given = value if other["name"] == parameter["name"] else 1
        if other["in"] == "path":
            path = path.replace("{" + other["name"] + "}", str(given))
        elif other["in"] == "query" and (other is parameter or other.get("required")):
            query[other["name"]] = given
    return path, query


def test_the_document_has_integer_parameters_to_check():
    names = {p.values[2]["name"] for p in INTEGER_PARAMETERS}
    assert {"id", "limit", "offset", "consignment", "con_id", "client_id"} <= names


@pytest.mark.parametrize(("path", "method", "parameter"), INTEGER_PARAMETERS)
def test_every_integer_parameter_declares_its_columns_bounds(path, method, parameter):
    schema = _integer_schema(parameter["schema"])
    assert "minimum" in schema and "maximum" in schema, parameter
    assert schema["maximum"] <= ID_RANGE[1], parameter  # nothing beyond a BigAutoField


@pytest.mark.parametrize(("path", "method", "parameter"), INTEGER_PARAMETERS)
def test_every_integer_parameter_beyond_its_bounds_is_422(path, method, parameter, api):
    schema = _integer_schema(parameter["schema"])
    for value in (schema["maximum"] + 1, schema["minimum"] - 1, HUGE):
        url, query = _url(path, method, parameter, value)
        response = api.client.generic(method.upper(), url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""),
                                      headers=api.headers)
        body = assert_problem(response, 422)
        assert [parameter["in"], parameter["name"]] in error_locs(body), (value, body)


# --- bodies and `__in` lists, over the spec -----------------------------------------------


def _integer_fields(op: str):
    return [
        pytest.param(res, field, id=f"{res.name}.{field.name}")
        for res in RESOURCES
        if op in res.operations
        for field in res.input_fields
        if field.field_type.column_range is not None
    ]


@pytest.mark.parametrize(("res", "field"), _integer_fields("create"))
def test_integer_body_values_beyond_the_column_are_422(res, field, api, builder):
    """References, many-references (each id) and integer fields: the bounds of their column."""
    low, high = field.bounds
    for value in (high + 1, low - 1, HUGE):
        body = builder.payload(res, **{field.attname: [value] if field.is_many else value})
        problem = assert_problem(send(api, "POST", collection_url(res), body), 422)
        loc = ["body", field.attname, 0] if field.is_many else ["body", field.attname]
        assert loc in error_locs(problem), (value, problem)


@pytest.mark.parametrize(("res", "field"), _integer_fields("update"))
def test_integer_values_beyond_the_column_in_a_patch_are_422(res, field, api, builder):
    row = builder.create(res)
    value = [HUGE] if field.is_many else HUGE
    problem = assert_problem(send(api, "PATCH", item_url(res, row.pk), {field.attname: value}), 422)
    assert any(loc[:2] == ["body", field.attname] for loc in error_locs(problem)), problem


@pytest.mark.parametrize(("res", "field"), _integer_fields("create"))
def test_integer_body_values_must_be_json_integers(res, field, api, builder):
    """`true` and "5" are no integer in JSON (pydantic's lax mode would take them); 5.0 is."""
    valid = builder.payload(res)[field.attname]
    one = valid[0] if field.is_many and valid else valid
    for value in (True, str(one)):
        body = builder.payload(res, **{field.attname: [value] if field.is_many else value})
        assert_problem(api.post(collection_url(res), body), 422)
    if one is not None:
        body = builder.payload(res, **{field.attname: [float(one)] if field.is_many else float(one)})
        assert api.post(collection_url(res), body).status_code == 201


def _in_filters():
    return [
        pytest.param(res, flt, id=f"{res.name}.{flt.name}__in")
        for res in RESOURCES
        if "list" in res.operations
        for flt in res.list_filters
        if "in" in flt.operators and flt.column_range is not None
    ]


@pytest.mark.parametrize(("res", "flt"), _in_filters())
def test_in_lists_hold_values_within_the_column(res, flt, api):
    param = f"{flt.name}__in"
    low, high = flt.column_range
    assert api.get(collection_url(res), **{param: f"{low},{high}"}).status_code == 200
    for bad in (f"1,{high + 1}", f"{low - 1}", f"1,{HUGE}", "", "1,,2", "²"):
        problem = assert_problem(api.get(collection_url(res), **{param: bad}), 422)
        assert ["query", param] in error_locs(problem), (bad, problem)
    schema = next(p for p in DOCUMENT["paths"][f"/api/v1/{res.plural}"]["get"]["parameters"] if p["name"] == param)
    assert "pattern" in _string_schema(schema["schema"]), schema  # the document says so


def _string_schema(schema: dict) -> dict:
    return next(one for one in schema.get("anyOf", [schema]) if one.get("type") == "string")


# --- the issue's examples, verbatim ---------------------------------------------------------


@pytest.fixture
def log_row(builder):
    return builder.create("Log")


def test_the_examples_of_the_issue(api, log_row):
    con = log_row.consignment_id
    assert_problem(api.get("/api/v1/logs", consignment=HUGE), 422)
    assert_problem(api.get("/api/v1/logs", consignment__in=f"{con},{HUGE}"), 422)
    assert_problem(api.get("/api/v1/logs", offset=20433038806139837349888), 422)  # was a 409
    assert_problem(api.client.put(f"/timba/log?con_id={HUGE}", headers=api.headers), 422)
    assert api.get("/api/v1/logs", consignment=con).status_code == 200


def test_a_role_list_holding_a_huge_id_is_422(api, builder):
    role = builder.create("Role")
    body = {"username": "huge-role", "role": [role.pk, HUGE]}
    response = send(api, "PUT", "/timba/user", body)
    problem = assert_problem(response, 422)
    assert any(loc[:2] == ["body", "role"] for loc in error_locs(problem)), problem


# --- seed routes: ASCII digits only ---------------------------------------------------------

LEGACY = [r for r in RESOURCES if r.legacy is not None]


def _seed_id_routes():
    out = []
    for res in LEGACY:
        leg = res.legacy
        verbs = {"get": "GET", "update": "PATCH", "delete": "DELETE"}
        for op in leg.operations:
            if op in verbs:
                out += [pytest.param(verbs[op], f"/timba/{leg.path}", name, id=f"{verbs[op]} {leg.path} {name}") for name in leg.id_params]
        if leg.collection_path:
            out += [pytest.param("GET", f"/timba/{leg.collection_path}", name, id=f"GET {leg.collection_path} {name}")
                    for name in leg.collection_params]
    return out


@pytest.mark.parametrize(("method", "path", "name"), _seed_id_routes())
@pytest.mark.parametrize("prefix", ["/timba/", "/timbba/"])
def test_seed_ids_are_ascii_digits_only(method, path, name, prefix, api):
    """`str.isdigit()` says yes to these and `int()` then fails: 422, in the query and in a JSON
    body alike, never a 500."""
    url = prefix + path.removeprefix("/timba/")
    for digit in NOT_ASCII_DIGITS:
        for where in ("query", "body"):
            if where == "query":
                response = api.client.generic(method, f"{url}?{name}={digit}", headers=api.headers)
            else:
                response = api.client.generic(method, url, data=orjson.dumps({name: digit}),
                                              content_type="application/json", headers=api.headers)
            problem = assert_problem(response, 422)
            assert [where, name] in error_locs(problem), (digit, where, problem)
            assert problem["error"] == problem["detail"]


@pytest.mark.parametrize(("method", "path", "name"), _seed_id_routes())
def test_seed_ids_beyond_the_id_range_are_422(method, path, name, api):
    for value in (0, ID_RANGE[1] + 1, HUGE, -1):
        problem = assert_problem(api.client.generic(method, f"{path}?{name}={value}", headers=api.headers), 422)
        assert ["query", name] in error_locs(problem), (value, problem)


def _seed_references():
    """(resource, seed name) for every reference a seed create takes (its API name and aliases)."""
    out = []
    for res in LEGACY:
        if "create" not in res.legacy.operations:
            continue
        aliases = dict(res.legacy.params)
        for field in res.input_fields:
            if field.is_reference or field.is_many:
                names = [field.attname, *(seed for seed, key in aliases.items() if key == field.attname)]
                out += [pytest.param(res, field, seed, id=f"{res.name}.{seed}") for seed in names]
    return out


@pytest.mark.parametrize(("res", "field", "seed"), _seed_references())
def test_seed_references_take_ids_within_the_range(res, field, seed, api, builder):
    payload = {k: v for k, v in builder.payload(res).items() if k != field.attname}
    for value in [HUGE, *NOT_ASCII_DIGITS[:2]]:
        for where in ("query", "body"):
            params = {**payload, seed: value}
            if where == "query":
                from urllib.parse import urlencode

                query = urlencode({k: v for k, v in params.items() if not isinstance(v, list)})
                response = api.client.put(f"/timba/{res.legacy.path}?{query}", headers=api.headers)
            else:
                response = send(api, "PUT", f"/timba/{res.legacy.path}", params)
            problem = assert_problem(response, 422)
            assert any(loc[:2] == [where, seed] for loc in error_locs(problem)), (value, where, problem)


# --- the document and the server agree -----------------------------------------------------


def test_an_email_django_refuses_is_refused_by_the_schema_too(api):
    body = {"name": "mail-check", "email": "0@0.0"}
    problem = assert_problem(api.post("/api/v1/clients", body), 422)
    assert ["body", "email"] in error_locs(problem)
    pattern = DOCUMENT["components"]["schemas"]["ClientCreate"]["properties"]["email"]["pattern"]
    import re

    assert not re.search(pattern, "0@0.0") and re.search(pattern, "ops@example.com")


@pytest.mark.parametrize("value", ["", " 1", "1e3", "1.2345", "+-1", True])
def test_decimal_text_beyond_the_pattern_is_422(value, api, builder):
    body = builder.payload("Log", length=value)
    problem = assert_problem(api.post("/api/v1/logs", body), 422)
    assert ["body", "length"] in error_locs(problem)


@pytest.mark.parametrize("value", ["5", "1700000000", "0"])
def test_a_datetime_filter_refuses_numbers(value, api):
    problem = assert_problem(api.get("/api/v1/logs", created_at__gte=value), 422)
    assert ["query", "created_at__gte"] in error_locs(problem)
    assert api.get("/api/v1/logs", created_at__gte="2026-01-31T08:00:00Z").status_code == 200
    assert api.get("/api/v1/logs", created_at__gte="2026-01-31").status_code == 200  # naive: the site's zone


def test_a_datetime_beyond_the_calendar_in_utc_is_422(api):
    problem = assert_problem(api.get("/api/v1/logs", created_at__lte="9999-12-31T23:59:59-23:59"), 422)
    assert ["query", "created_at__lte"] in error_locs(problem)


def test_a_list_parameter_given_twice_is_422(api):
    problem = assert_problem(api.client.get("/api/v1/users?is_active=true&is_active=false", headers=api.headers), 422)
    assert ["query", "is_active"] in error_locs(problem)


@pytest.mark.parametrize("res", LEGACY, ids=[r.name for r in LEGACY])
def test_seed_id_parameters_are_documented_required(res):
    leg = res.legacy
    for op, method in (("get", "get"), ("delete", "delete")):
        if op not in leg.operations:
            continue
        operation = DOCUMENT["paths"][f"/timba/{leg.path}"][method]
        [ids] = [p for p in operation["parameters"] if p["in"] == "query"]
        assert ids["name"] == leg.id_params[0] and ids["required"] is True
        assert ids.get("x-aliases", []) == list(leg.id_params[1:])
    if "update" in leg.operations:
        body = DOCUMENT["paths"][f"/timba/{leg.path}"]["patch"]["requestBody"]["content"]["application/json"]["schema"]
        assert body["anyOf"] == [{"required": [n]} for n in leg.id_params]  # one of them, in the body


def test_an_unknown_cursor_is_422_and_documented_as_the_server_s(api):
    problem = assert_problem(api.get("/api/v1/logs", cursor="not-one-of-ours"), 422)
    assert ["query", "cursor"] in error_locs(problem)


def test_every_route_reading_if_match_declares_412_and_only_those():
    """The routes that check versions (every update, replace and delete of a row, REST and seed)
    declare If-Match and its 412; no other route promises either."""
    checked = set()
    for path, operations in DOCUMENT["paths"].items():
        for method, operation in operations.items():
            headers = {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}
            has_412 = "412" in {str(k) for k in operation["responses"]}
            assert ("If-Match" in headers) == has_412, (method, path)
            if has_412:
                checked.add(operation["operationId"])
    expected = {f"{r.snake}_{op}" for r in RESOURCES for op in ("update", "replace", "delete")
                if (op if op != "replace" else "update") in r.operations}
    expected |= {f"seed_{r.snake}_{op}" for r in LEGACY for op in ("update", "delete") if op in r.legacy.operations}
    assert checked == expected


def test_the_seed_document_is_served_at_both_prefixes():
    for prefix in ("/timba/", "/timbba/"):
        assert HttpClient().get(f"{prefix}openapi.json").status_code == 200
