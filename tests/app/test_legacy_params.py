"""The seed's single `role` on the seed routes (/timba/, /timbba/), generically for every alias
of a reference in resources.yaml's `legacy: params`:

- an alias of a many-reference (`role: roles`) also answers `<alias>_id`, the lowest id of those
  rows (null when none), in create, get and collection answers, without a query per row;
- an alias of a reference whose target has a natural key (a role's `name`) accepts that key for
  an id, alone or in a list mixed with ids, resolved among the rows the caller may see in one
  query; an unknown key is a 422 at `[where, <alias>]` naming the accepted values.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

import orjson
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from spec_rows import PROJECT, RESOURCES, JsonClient, assert_problem, model_of

from codegen.emit.legacy import lookups
from timba.runtime import legacy as runtime_legacy

pytestmark = pytest.mark.django_db
PREFIXES = ("/timba/", "/timbba/")
PLACES = ("query", "body")
LEGACY = [r for r in RESOURCES if r.legacy is not None]


def send(api: JsonClient, method: str, url: str, params: dict, where: str = "body", **headers):
    """A request as the seed's clients make it: parameters in the query string or a JSON body."""
    headers = {**api.headers, **headers}
    if where == "query":
        return api.client.generic(method, f"{url}?{urlencode(params, doseq=True)}", headers=headers)
    return api.client.generic(method, url, data=orjson.dumps(params), content_type="application/json", headers=headers)


def body_of(response):
    return orjson.loads(response.content)


def field_of(res, payload_key: str):
    return next(f for f in res.fields if f.attname == payload_key)


# --- `<alias>_id` in every answer ------------------------------------------------------------


def first_ids(res) -> dict[str, object]:
    """`<alias>_id` → the many-reference field it echoes."""
    out = {}
    for seed, key in res.legacy.params:
        field = field_of(res, key)
        if field.is_many:
            out[f"{seed}_id"] = field
    return out


FIRST_IDS = [
    pytest.param(res, key, field, id=f"{res.name}-{key}")
    for res in LEGACY
    for key, field in first_ids(res).items()
]


def test_the_spec_declares_an_alias_of_a_many_reference():
    """The seed's `role` is one; the tests below are parametrised over all of them."""
    assert FIRST_IDS
    assert "role_id" in first_ids(PROJECT.resource("User"))


def two_targets(builder, field):
    """Two rows of the field's target, the lower id sorting last in the target's default order
    where that order is a text field (so that 'first' by id differs from 'first' as listed)."""
    low, high = builder.create(field.target), builder.create(field.target)
    model = model_of(PROJECT.resource(field.target))
    name = (model._meta.ordering or ["pk"])[0]
    attribute = name.lstrip("-")
    if attribute != "pk" and isinstance(getattr(low, attribute), str):
        late, early = ("aa-", "zz-") if name.startswith("-") else ("zz-", "aa-")
        width = model._meta.get_field(attribute).max_length or 255
        for row, prefix in ((low, late), (high, early)):
            setattr(row, attribute, (prefix + getattr(row, attribute))[:width])
            row.save()
    assert low.pk < high.pk
    return low, high


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize(("res", "key", "field"), FIRST_IDS)
def test_get_answers_the_lowest_id(res, key, field, prefix, api, builder):
    if "get" not in res.legacy.operations:
        pytest.skip("no seed get")
    low, high = two_targets(builder, field)
    row = builder.create(res, **{field.name: [high, low]})
    body = body_of(send(api, "GET", prefix + res.legacy.path, {res.legacy.id_params[0]: row.pk}))
    assert body[key] == low.pk
    assert sorted(body[field.name]) == sorted([low.pk, high.pk]), "the API's list stays"
    if body[field.name][0] != low.pk:
        assert body[key] != body[field.name][0], "by lowest id, not by the listed order"
    empty = builder.create(res, **{field.name: []})
    body = body_of(send(api, "GET", prefix + res.legacy.path, {res.legacy.id_params[0]: empty.pk}))
    assert body[key] is None and body[field.name] == []


@pytest.mark.parametrize("where", PLACES)
@pytest.mark.parametrize(("res", "key", "field"), FIRST_IDS)
def test_create_answers_the_lowest_id(res, key, field, where, api, builder):
    if "create" not in res.legacy.operations:
        pytest.skip("no seed create")
    low, high = two_targets(builder, field)
    params = builder.payload(res)
    params.pop(field.attname)
    seed = key.removesuffix("_id")
    response = send(api, "PUT", "/timba/" + res.legacy.path, {**params, seed: [high.pk, low.pk]}, where)
    assert response.status_code == 201, response.content
    data = body_of(response)["data"]
    assert data[key] == low.pk
    assert sorted(data[field.name]) == sorted([low.pk, high.pk])


@pytest.mark.parametrize(("res", "key", "field"), FIRST_IDS)
def test_collection_answers_the_lowest_id_without_a_query_per_row(res, key, field, api, builder):
    if not res.legacy.collection_path:
        pytest.skip("no seed collection")
    by = res.legacy.collection_by.removesuffix("_id")
    parent = builder.create(res.field(by).target)
    low, high = two_targets(builder, field)
    expected = {}
    url, params = "/timba/" + res.legacy.collection_path, {res.legacy.collection_params[0]: parent.pk}

    def listed() -> tuple[list, int]:
        with CaptureQueriesContext(connection) as queries:
            response = send(api, "GET", url, params)
        assert response.status_code == 200, response.content
        return body_of(response)[res.legacy.collection_key], len(queries)

    for targets in ([high, low], []):
        expected[builder.create(res, **{by: parent, field.name: targets}).pk] = low.pk if targets else None
    listed()  # a first request may do one-off work (the token's last use)
    rows, few = listed()
    assert {row["id"]: row[key] for row in rows} == expected
    for _ in range(4):
        builder.create(res, **{by: parent, field.name: [high]})
    rows, many = listed()
    assert len(rows) == 6 and sum(row[key] == high.pk for row in rows) == 4
    assert many == few, "the first id is read from the prefetched rows"


@pytest.mark.parametrize("document", ["/api/v1/openapi.json", "/timba/openapi.json"])
@pytest.mark.parametrize(("res", "key", "field"), FIRST_IDS)
def test_the_answers_schemas_declare_the_first_id(res, key, field, document, client):
    doc = body_of(client.get(document))

    def resolved(schema: dict) -> dict:
        while "$ref" in schema:
            schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
        return schema

    def row_schema(path: str, method: str, status: str) -> dict:
        response = doc["paths"][f"/timba/{path}"][method]["responses"][status]
        return resolved(response["content"]["application/json"]["schema"])

    rows = []
    if "get" in res.legacy.operations:
        rows.append(row_schema(res.legacy.path, "get", "200"))
    if "create" in res.legacy.operations:
        rows.append(resolved(row_schema(res.legacy.path, "put", "201")["properties"]["data"]))
    if res.legacy.collection_path:
        listed = row_schema(res.legacy.collection_path, "get", "200")["properties"][res.legacy.collection_key]
        rows.append(resolved(listed["items"]))
    assert rows
    for schema in rows:
        assert key in schema["required"]
        assert schema["properties"][key]["anyOf"] == [{"type": "integer"}, {"type": "null"}]
        assert field.name in schema["properties"], "everything the API answers is kept"


# --- natural keys for ids ---------------------------------------------------------------------


def lookup_cases(ops=("create", "update")) -> list:
    cases = []
    for res in LEGACY:
        aliases = dict(res.legacy.params)
        for seed, key in lookups(PROJECT, res).items():
            for op in ops:
                if op in res.legacy.operations:
                    for where in PLACES:
                        field = field_of(res, aliases[seed])
                        cases.append(pytest.param(res, seed, field, key, op, where, id=f"{res.name}-{seed}-{op}-{where}"))
    return cases


LOOKUPS = lookup_cases()
ARGS = ("res", "seed", "field", "key", "op", "where")


def test_the_spec_declares_a_lookup():
    """The seed's `role` names a role by its natural key `name`."""
    assert LOOKUPS
    assert lookups(PROJECT, PROJECT.resource("User")) == {"role": "name"}


def write(api, builder, res, field, seed, op, where, value, row=None):
    """Create (PUT) or change (PATCH; `row` or a new one) a row sending `value` under the alias;
    (response, row pk)."""
    if op == "create":
        params = builder.payload(res)
        params.pop(field.attname)
        response = send(api, "PUT", "/timba/" + res.legacy.path, {**params, seed: value}, where)
        pk = body_of(response)["data"]["id"] if response.status_code == 201 else None
        return response, pk
    row = row or builder.create(res)
    params = {res.legacy.id_params[0]: row.pk, seed: value}
    return send(api, "PATCH", "/timba/" + res.legacy.path, params, where), row.pk


def stored(res, field, pk) -> set:
    row = model_of(res)._default_manager.get(pk=pk)
    if field.is_many:
        return set(getattr(row, field.name).values_list("pk", flat=True))
    return {getattr(row, field.attname)}


def assert_written(response, op):
    assert response.status_code == (201 if op == "create" else 200), response.content


@pytest.mark.parametrize(ARGS, LOOKUPS)
def test_a_name_stands_for_its_id(res, seed, field, key, op, where, api, builder):
    target = builder.create(field.target)
    builder.create(field.target)  # another row that must not be picked
    response, pk = write(api, builder, res, field, seed, op, where, getattr(target, key))
    assert_written(response, op)
    assert stored(res, field, pk) == {target.pk}


@pytest.mark.parametrize(ARGS, LOOKUPS)
def test_an_id_still_works(res, seed, field, key, op, where, api, builder):
    target = builder.create(field.target)
    response, pk = write(api, builder, res, field, seed, op, where, target.pk)
    assert_written(response, op)
    assert stored(res, field, pk) == {target.pk}
    response, pk = write(api, builder, res, field, seed, op, "body", str(target.pk))
    assert_written(response, op)
    assert stored(res, field, pk) == {target.pk}


@pytest.mark.parametrize(ARGS, [p for p in LOOKUPS if p.values[2].is_many])
def test_a_list_mixes_ids_and_names(res, seed, field, key, op, where, api, builder):
    by_id, by_name, by_both = (builder.create(field.target) for _ in range(3))
    value = [by_id.pk, getattr(by_name, key), getattr(by_both, key), by_both.pk]
    response, pk = write(api, builder, res, field, seed, op, where, value)
    assert_written(response, op)
    assert stored(res, field, pk) == {by_id.pk, by_name.pk, by_both.pk}


@pytest.mark.parametrize(ARGS, LOOKUPS)
def test_an_unknown_name_is_422_naming_the_accepted_values(res, seed, field, key, op, where, api, builder):
    known = builder.create(field.target)
    model = known.__class__
    row = builder.create(res) if op == "update" else None
    before = (model_of(res)._default_manager.count(), row and stored(res, field, row.pk))
    value = [getattr(known, key), "no-such-name"] if field.is_many else "no-such-name"
    response, pk = write(api, builder, res, field, seed, op, where, value, row=row)
    problem = assert_problem(response, 422)
    assert problem["error"] == problem["detail"]
    assert [e["loc"] for e in problem["errors"]] == [[where, seed]], "one error, for the unknown name"
    assert "'no-such-name'" in problem["detail"] and "'no-such-name'" in problem["errors"][0]["msg"]
    first = model._default_manager.order_by(key).values_list(key, flat=True).first()
    assert first in problem["detail"] and first in problem["errors"][0]["msg"], "the accepted values are named"
    assert (model_of(res)._default_manager.count(), row and stored(res, field, row.pk)) == before, "nothing changed"


@pytest.mark.parametrize(ARGS, LOOKUPS)
def test_a_row_the_caller_cannot_see_is_unknown(res, seed, field, key, op, where, api, builder, monkeypatch):
    """Names are resolved among the rows the caller may list (`selectors.entity_queryset`: the
    list permission and the caller's tenant): a row outside them is reported like a missing one."""
    hidden = builder.create(field.target)
    real = runtime_legacy.entity_queryset

    def scoped(request, *, model, op):
        rows = real(request, model=model, op=op)
        return rows.exclude(pk=hidden.pk) if model is hidden.__class__ else rows

    monkeypatch.setattr(runtime_legacy, "entity_queryset", scoped)
    response, _ = write(api, builder, res, field, seed, op, where, getattr(hidden, key))
    problem = assert_problem(response, 422)
    assert [e["loc"] for e in problem["errors"]] == [[where, seed]]


@pytest.mark.parametrize(ARGS, [p for p in LOOKUPS if p.values[2].is_many and p.values[4] == "update"])
def test_all_names_are_resolved_in_one_query(res, seed, field, key, op, where, api, builder):
    targets = [builder.create(field.target) for _ in range(4)]

    def queries(names: list) -> int:
        row = builder.create(res, **{field.name: [targets[0]]})
        params = {res.legacy.id_params[0]: row.pk, seed: names}
        with CaptureQueriesContext(connection) as captured:
            response = send(api, "PATCH", "/timba/" + res.legacy.path, params, where)
        assert response.status_code == 200, response.content
        assert stored(res, field, row.pk) == {t.pk for t in targets if getattr(t, key) in names}
        return len(captured)

    queries([getattr(targets[1], key)])  # a first request may do one-off work (the token's last use)
    one = queries([getattr(targets[1], key)])
    assert queries([getattr(t, key) for t in targets[1:]]) == one


@pytest.mark.parametrize(ARGS, [p for p in LOOKUPS if p.values[5] == "query"])
def test_an_unknown_id_is_reported_under_the_alias(res, seed, field, key, op, where, api, builder):
    """The services check references by payload key (`roles`); the seed's client sent `role`."""
    response, _ = write(api, builder, res, field, seed, op, where, 987_654_321)
    problem = assert_problem(response, 422)
    assert [where, seed] in [e["loc"] for e in problem["errors"]]


@pytest.mark.parametrize("document", ["/api/v1/openapi.json", "/timba/openapi.json"])
@pytest.mark.parametrize(ARGS, [p for p in LOOKUPS if p.values[5] == "body"])
def test_the_request_body_documents_names(res, seed, field, key, op, where, document, client):
    doc = body_of(client.get(document))
    method = {"create": "put", "update": "patch"}[op]
    body = doc["paths"][f"/timba/{res.legacy.path}"][method]["requestBody"]["content"]["application/json"]
    prop = body["schema"]["properties"][seed]
    types = [s.get("type") for s in prop["anyOf"]]
    assert "string" in types and "integer" in types
    assert key in prop["description"]
    ids = next(s for s in prop["anyOf"] if s.get("type") == "integer")
    assert (ids["minimum"], ids["maximum"]) == (1, 2**63 - 1)  # the target's ids
    if field.is_many:
        lists = [s for s in prop["anyOf"] if s.get("type") == "array"]
        assert lists and "string" in [s.get("type") for s in lists[0]["items"]["anyOf"]]


@pytest.mark.parametrize(ARGS, LOOKUPS)
def test_without_the_write_permission_names_are_not_looked_up(res, seed, field, key, op, where, client, builder, monkeypatch):
    """The write's permission comes first: a caller who may not create or change the row gets
    the 403, never a 422 listing the names the parameter accepts."""
    from timba.generated import security
    from timba.models import Client, Role, User
    from timba.tokens.models import ApiToken

    rules = security.PERMISSIONS[res.name]
    monkeypatch.setitem(security.PERMISSIONS, res.name, {**rules, op: ()})
    tenant = Client.objects.create(name="No-write tenant", status="active")
    user = User.objects.create_user(username="no-write", password="x", client=tenant)
    user.roles.set([Role.objects.get_or_create(name=name)[0] for name in security.ROLES])
    caller = JsonClient(client, ApiToken.issue(user)[1])
    row = builder.create(res, client=tenant) if op == "update" and res.tenant else None
    with CaptureQueriesContext(connection) as captured:
        response, _ = write(caller, builder, res, field, seed, op, where, "no-such-name", row=row)
    problem = assert_problem(response, 403)
    assert f"{model_of(res)._meta.model_name}.{op}" in problem["detail"]
    target = model_of(res)._meta.get_field(field.name).related_model._meta.db_table
    lookup = re.compile(rf"FROM [`\"]?{target}[`\"]? WHERE")  # not the token's role subquery
    assert not any(lookup.search(q["sql"]) for q in captured), "no name was looked up"
