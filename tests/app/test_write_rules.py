"""The rules of the write pipeline hold on every way into the data: the REST API (POST, PATCH,
PUT), the seed routes, bulk upsert, the admin's forms and imports. Parametrised over the spec:

- a computed value that its column cannot hold is a 422 naming the input fields it comes from
  (`computed_from`), and nothing is stored, whatever the path;
- a password set through any path meets Django's AUTH_PASSWORD_VALIDATORS;
- an import never takes a primary key from the sheet;
- the batch form moves derived children with their parent and counts seats over the batch.
"""

from __future__ import annotations

from decimal import Decimal

import orjson
import pytest
import tablib
from django.http import Http404
from django.urls import reverse
from spec_rows import (
    PROJECT,
    RESOURCES,
    admin_form_data,
    assert_problem,
    collection_url,
    error_locs,
    item_url,
    model_of,
    resource,
    scalar_value,
    to_json,
)

from timba.generated import resources as generated_resources
from timba.runtime import write
from timba.runtime.problems import Problem

pytestmark = pytest.mark.django_db
WEAK_PASSWORD = "1"  # too short, too common and all digits: every validator of the settings refuses it


# --- computed values larger than their column ------------------------------------------------


def _largest(field):
    """The largest value the field's column (and its max) allows."""
    if field.kind == "decimal":
        step = Decimal(1).scaleb(-field.decimal_places)
        top = Decimal(10) ** (field.max_digits - field.decimal_places) - step
        return min(top, field.max) if field.max is not None else top
    return int(field.max) if field.max is not None else 2**31 - 1


def _overflowing():
    """(resource, computed field) where the largest inputs make a value its column cannot hold."""
    out = []
    for res in RESOURCES:
        for field in res.fields:
            if field.computed and field.kind in {"decimal", "integer"}:
                out.append(pytest.param(res, field, id=f"{res.name}-{field.name}"))
    return out


def _inputs(res, field):
    names = field.computed_from or tuple(f.name for f in res.input_fields if f.kind in {"decimal", "integer"})
    return [res.field(n) for n in names]


def _big_values(res, field) -> dict:
    """Payload values that make the computed field overflow; skips when no such inputs exist."""
    values = {f.attname: to_json(_largest(f)) for f in _inputs(res, field)}
    model = model_of(res)
    probe = model(**{f.name: _largest(f) for f in _inputs(res, field)})
    computed = getattr(probe, f"compute_{field.name}")()
    column = model._meta.get_field(field.name)
    if computed is None or (field.kind == "decimal" and Decimal(computed).adjusted() + 1 <= column.max_digits - column.decimal_places):
        pytest.skip(f"the largest inputs give a {field.name} its column holds")
    return values


def _expected_locs(res, field, prefix) -> list:
    return [[*prefix, f.attname] for f in _inputs(res, field)] if field.computed_from else [[*prefix, field.name]]


def _assert_overflow_refused(body, res, field, prefix):
    locs = error_locs(body)
    for loc in _expected_locs(res, field, prefix):
        assert loc in locs, (loc, body)
    assert all(e["type"] == "computed_out_of_range" for e in body["errors"]), body
    assert field.label in body["errors"][0]["msg"], body


@pytest.mark.parametrize("res,field", _overflowing())
def test_api_create_refuses_a_computed_value_too_large_for_its_column(res, field, api, builder):
    model = model_of(res)
    before = model._default_manager.count()
    body = assert_problem(api.post(collection_url(res), builder.payload(res, **_big_values(res, field))), 422)
    _assert_overflow_refused(body, res, field, ["body"])
    assert model._default_manager.count() == before, "a refused row must not be stored"


@pytest.mark.parametrize("res,field", _overflowing())
@pytest.mark.parametrize("method", ["patch", "put"])
def test_api_update_refuses_a_computed_value_too_large_for_its_column(res, field, method, api, builder):
    row = builder.create(res)
    url = item_url(res, row.pk)
    before = orjson.loads(api.get(url).content)
    if method == "patch":
        response = api.patch(url, _big_values(res, field))
    else:
        body = builder.payload(res, **_big_values(res, field))
        response = api.client.put(url, data=orjson.dumps(body), content_type="application/json", headers=api.headers)
    _assert_overflow_refused(assert_problem(response, 422), res, field, ["body"])
    assert orjson.loads(api.get(url).content) == before, "the row must stay as it was, and readable"


@pytest.mark.parametrize("res,field", [p for p in _overflowing() if p.values[0].legacy and "create" in p.values[0].legacy.operations])
def test_seed_put_refuses_a_computed_value_too_large_for_its_column(res, field, api, builder):
    payload = builder.payload(res, **_big_values(res, field))
    aliases = {key: seed for seed, key in res.legacy.params}
    params = {aliases.get(k, k): v for k, v in payload.items()}
    response = api.client.put(f"/timba/{res.legacy.path}", data=orjson.dumps(params), content_type="application/json", headers=api.headers)
    body = assert_problem(response, 422)
    seed = [[loc[0], aliases.get(loc[1], loc[1])] for loc in _expected_locs(res, field, ["body"])]
    assert all(loc in error_locs(body) for loc in seed), body


@pytest.mark.parametrize("res,field", [p for p in _overflowing() if p.values[0].bulk_key])
def test_bulk_refuses_a_computed_value_too_large_for_its_column(res, field, api, builder):
    items = [builder.payload(res), builder.payload(res, **_big_values(res, field))]
    model = model_of(res)
    before = model._default_manager.count()
    body = assert_problem(api.post(f"{collection_url(res)}/bulk", {"items": items}), 422)
    _assert_overflow_refused(body, res, field, ["body", "items", 1])
    assert model._default_manager.count() == before


@pytest.mark.parametrize("res,field", _overflowing())
def test_admin_form_refuses_a_computed_value_too_large_for_its_column(res, field, staff_client, builder):
    model = model_of(res)
    before = model._default_manager.count()
    data = {**admin_form_data(res, builder), **{k: str(v) for k, v in _big_values(res, field).items()}}
    response = staff_client.post(reverse(f"admin:timba_{res.name.lower()}_add"), data)
    assert response.status_code == 200, "the form must be shown again with the error"
    errors = response.context["adminform"].form.errors
    shown = [f.name for f in _inputs(res, field)] if field.computed_from else ["__all__"]
    assert all(name in errors for name in shown), errors
    assert model._default_manager.count() == before


@pytest.mark.parametrize("res,field", [p for p in _overflowing() if p.values[0].import_export])
def test_import_refuses_a_computed_value_too_large_for_its_column(res, field, builder):
    resource_class = getattr(generated_resources, f"{res.name}Resource")
    known = resource_class().fields
    values = {f.name: _largest(f) for f in _inputs(res, field)}
    _big_values(res, field)  # skips when the largest inputs fit
    headers, row = [], []
    for f in res.input_fields:
        if f.name not in known:
            continue
        headers.append(f.name)
        if f.is_reference:
            row.append(str(known[f.name].widget.render(builder.create(f.target))))
        elif f.is_many:
            row.append("")
        else:
            row.append(str(values.get(f.name, scalar_value(f))))
    model = model_of(res)
    before = model._default_manager.count()
    result = resource_class().import_data(tablib.Dataset(row, headers=headers), dry_run=False)
    assert result.has_validation_errors()
    errors = result.invalid_rows[0].error_dict
    shown = [f.name for f in _inputs(res, field)] if field.computed_from else [field.name]
    assert all(name in errors for name in shown), errors
    assert model._default_manager.count() == before


# --- passwords -------------------------------------------------------------------------------

AUTH = PROJECT.auth_user


def _password_refused(response, where=("body", "password")):
    body = assert_problem(response, 422)
    mine = [e for e in body["errors"] if tuple(e["loc"]) == where]
    assert mine and all(e["type"] == "password" for e in mine), body
    assert any("short" in e["msg"] for e in mine), body  # the validators' own words
    return body


@pytest.mark.skipif(AUTH is None or "create" not in AUTH.operations, reason="the spec's auth user has no create route")
def test_api_create_runs_the_password_validators(api, builder):
    model = model_of(AUTH)
    before = model._default_manager.count()
    _password_refused(api.post(collection_url(AUTH), builder.payload(AUTH, password=WEAK_PASSWORD)))
    assert model._default_manager.count() == before


@pytest.mark.skipif(AUTH is None or "update" not in AUTH.operations, reason="the spec's auth user has no update route")
@pytest.mark.parametrize("method", ["patch", "put"])
def test_api_update_runs_the_password_validators(method, api, builder):
    user = builder.create(AUTH)
    digest = user.password
    url = item_url(AUTH, user.pk)
    if method == "patch":
        response = api.patch(url, {"password": WEAK_PASSWORD})
    else:
        body = builder.payload(AUTH, password=WEAK_PASSWORD)
        response = api.client.put(url, data=orjson.dumps(body), content_type="application/json", headers=api.headers)
    _password_refused(response)
    user.refresh_from_db()
    assert user.password == digest


@pytest.mark.skipif(AUTH is None or AUTH.legacy is None or "create" not in AUTH.legacy.operations, reason="no seed route creates users")
def test_seed_put_runs_the_password_validators(api, builder):
    payload = builder.payload(AUTH, password=WEAK_PASSWORD)
    aliases = {key: seed for seed, key in AUTH.legacy.params}
    params = {aliases.get(k, k): v for k, v in payload.items()}
    response = api.client.put(f"/timba/{AUTH.legacy.path}", data=orjson.dumps(params), content_type="application/json", headers=api.headers)
    _password_refused(response)


@pytest.mark.skipif(AUTH is None, reason="no auth user")
def test_admin_change_password_form_saves_through_the_pipeline(staff_client, builder):
    user = builder.create(AUTH)
    url = reverse("admin:auth_user_password_change", args=[user.pk])  # Django names it so for any user model
    weak = staff_client.post(url, {"password1": WEAK_PASSWORD, "password2": WEAK_PASSWORD, "usable_password": "true"})
    assert weak.status_code == 200 and weak.context["form"].errors
    strong = "Gr4nite-ledge-71"
    response = staff_client.post(url, {"password1": strong, "password2": strong, "usable_password": "true"})
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    user.refresh_from_db()
    assert user.check_password(strong)


# --- imports never take primary keys ---------------------------------------------------------

IMPORTED = [pytest.param(r, id=r.name) for r in RESOURCES if r.import_export]


@pytest.mark.parametrize("res", IMPORTED)
@pytest.mark.parametrize("given", ["huge", "taken"])
def test_import_ignores_the_id_column(res, given, builder):
    """A sheet's `id` (the largest bigint, or the id of a row that exists) is never stored: the
    row gets the database's next id, the existing row is untouched, and later creations work."""
    resource_class = getattr(generated_resources, f"{res.name}Resource")
    known = resource_class().fields
    existing = builder.create(res)
    model = model_of(res)
    before = list(model._default_manager.filter(pk=existing.pk).values_list())
    sheet_id = 9223372036854775807 if given == "huge" else existing.pk
    headers, row = ["id"], [str(sheet_id)]
    for f in res.input_fields:
        if f.name not in known or f.is_many:
            continue
        headers.append(f.name)
        row.append(str(known[f.name].widget.render(builder.create(f.target))) if f.is_reference else str(scalar_value(f)))
    result = resource_class().import_data(tablib.Dataset(row, headers=headers), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows]
    assert result.totals["new"] == 1, result.totals
    assert list(model._default_manager.filter(pk=existing.pk).values_list()) == before
    assert not model._default_manager.filter(pk=9223372036854775807).exists()
    assert builder.create(res).pk < 2**40, "the id sequence must not be used up"


# --- the batch form --------------------------------------------------------------------------


def _copied_sources():
    """(parent resource, child resource, derived field) for every derived field whose source the
    parent's writes can change."""
    out = []
    for child in RESOURCES:
        for field in child.fields:
            if field.derived_from:
                parent = resource(child.field(field.derived_from[0]).target)
                source = parent.field(field.derived_from[1])
                if source.writable:
                    out.append(pytest.param(parent, child, field, id=f"{parent.name}.{source.name}->{child.name}.{field.name}"))
    return out


@pytest.mark.parametrize("parent,child,field", _copied_sources())
def test_a_batch_move_carries_the_derived_children(parent, child, field, superuser, builder):
    """A batch that changes the source of a copied field (consignments moved to another client)
    re-derives it in every child, in one UPDATE however many children there are."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    parent_field, source_name = field.derived_from
    source = parent.field(source_name)
    children = [builder.create(child) for _ in range(3)]
    parents = [getattr(c, parent_field) for c in children]
    new = builder.create(source.target) if source.is_reference else scalar_value(source)
    value = new.pk if source.is_reference else new
    items = [write.Item(pk=p.pk, data={source.attname: value}) for p in parents]
    with CaptureQueriesContext(connection) as queries:
        write.save(superuser, model_of(parent), items, perms=("update",), batch=True)
    updates = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("UPDATE") and model_of(child)._meta.db_table in q["sql"].split("SET")[0]]
    assert len(updates) == 1, updates
    for row in children:
        row.refresh_from_db()
        assert getattr(row, field.attname) == value


def _seat_holders():
    holders = dict(PROJECT.security.subscription).get("seat_holders")
    return [pytest.param(resource(holders), id=holders)] if holders and dict(PROJECT.security.subscription).get("seats") else []


@pytest.mark.parametrize("holders", _seat_holders())
def test_a_batch_cannot_take_more_seats_than_the_tenant_has(holders, superuser, builder):
    """Five new users for a tenant with two seats: the batch is refused as a whole, the items
    beyond the seats named, and no user is created."""
    rules = dict(PROJECT.security.subscription)
    tenant_model = model_of(resource(PROJECT.security.tenant))
    tenant = builder.create(PROJECT.security.tenant, **{rules["seats"]: 2, rules["status"]: rules["active"][0]})
    model = model_of(holders)
    path = holders.tenant
    items = [write.Item.payload(model, builder.payload(holders, **{f"{path}_id": tenant.pk}), index=i) for i in range(5)]
    with pytest.raises(Problem) as caught:
        write.save(superuser, model, items, perms=("create",), batch=True)
    assert caught.value.status == 409
    assert {e["loc"][2] for e in caught.value.errors if e["type"] == "seats"} == {2, 3, 4}
    assert not model._default_manager.filter(**{f"{path}_id": tenant.pk}).exists()
    assert tenant_model._default_manager.filter(pk=tenant.pk).exists()


# --- the edges a review found ------------------------------------------------------------------


def test_a_handed_in_row_outside_the_callers_scope_is_not_written(builder):
    """Callers that load a row themselves (forms, imports) hand it in; the pipeline still checks
    it is one the caller may touch, so a caller that forgot to scope cannot write (or move) it."""
    from security.tenancy import ROLES, RoleSet, World

    holders = PROJECT.auth_user
    world = World(builder)
    actor = world.actor(RoleSet("all", frozenset(ROLES)))
    theirs = world.row(holders, "b")
    model = model_of(holders)
    before = list(model._default_manager.filter(pk=theirs.pk).values_list())
    theirs.name = "changed"
    item = write.Item(instance=theirs, stored=True, before=write.snapshot(theirs), sent={"name"})
    with pytest.raises(Http404):
        write.prepare(actor, model, [item], perms=("update",)).write()
    assert list(model._default_manager.filter(pk=theirs.pk).values_list()) == before


def _unique_text_groups():
    return [
        pytest.param(r, group, id=f"{r.name}-{'+'.join(group)}")
        for r in RESOURCES
        if not r.auth_user and "create" in r.operations
        for group in [(f.name,) for f in r.fields if f.unique and f.kind == "string"] + [g for g in r.unique_together]
        if all(r.field(n).writable and not r.field(n).is_many for n in group)
    ]


@pytest.mark.parametrize("res,group", _unique_text_groups())
def test_admin_save_refused_by_the_database_is_a_message_not_a_500(res, group, staff_client, builder, monkeypatch):
    """Another write takes the same unique value between the form's checks and its save: the
    admin says so on the page, and nothing is written."""
    from timba.runtime import admin as runtime_admin

    data = admin_form_data(res, builder)
    model = model_of(res)
    real = runtime_admin.EntityAdmin.save_model

    def racing(self, request, obj, form, change):
        builder.create(res, **{name: getattr(obj, name) for name in group})  # the other write
        return real(self, request, obj, form, change)

    monkeypatch.setattr(runtime_admin.EntityAdmin, "save_model", racing)
    before = model._default_manager.count()
    response = staff_client.post(reverse(f"admin:timba_{res.name.lower()}_add"), data, follow=True)
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    assert any("already exists" in m for m in shown), shown
    assert model._default_manager.count() == before, "the form's row must not be written, nor the racer's kept"


@pytest.mark.skipif(AUTH is None, reason="no auth user")
def test_change_password_of_a_row_that_breaks_a_rule_shows_the_form_again(staff_client, builder):
    """The pipeline checks the whole row when the form is cleaned: a stored value that breaks a
    rule of the model is shown on the form, not a 500 when it saves."""
    user = builder.create(AUTH)
    bad = next(f for f in AUTH.input_fields if f.kind == "email")
    model_of(AUTH)._default_manager.filter(pk=user.pk).update(**{bad.name: "not an email"})
    strong = "Gr4nite-ledge-71"
    url = reverse("admin:auth_user_password_change", args=[user.pk])
    response = staff_client.post(url, {"password1": strong, "password2": strong, "usable_password": "true"})
    assert response.status_code == 200 and response.context["form"].errors, response.status_code
    user.refresh_from_db()
    assert not user.check_password(strong)


@pytest.mark.skipif(AUTH is None or not AUTH.import_export, reason="the auth user does not import")
def test_an_imported_username_is_normalised_before_it_is_checked(builder):
    """`ﬁle` (a ligature) and `file` are one username once normalised, as Django logs in: the
    import never reaches the database's unique index with it (no database error), and one user
    of that name remains. SQLite compares the bytes, so the row is refused with a field error;
    MySQL's collation already finds the stored user, so the row is that user."""
    builder.create(AUTH, username="file-owner")
    resource_class = getattr(generated_resources, f"{AUTH.name}Resource")
    result = resource_class().import_data(tablib.Dataset(["\ufb01le-owner"], headers=["username"]), dry_run=False)
    assert not result.has_errors(), [e.error for _, es in result.row_errors() for e in es]
    if result.has_validation_errors():
        assert "username" in result.invalid_rows[0].error_dict
    assert model_of(AUTH)._default_manager.filter(username__in=["file-owner", "\ufb01le-owner"]).count() == 1


@pytest.mark.parametrize("res", [pytest.param(r, id=r.name) for r in RESOURCES if r.bulk_key])
def test_a_stored_row_named_twice_in_a_batch_blames_the_later_item(res, api, builder):
    row = builder.create(res)
    item = builder.payload(res)
    for name in res.bulk_key:
        field = res.field(name)
        if field.writable:
            item[field.attname] = to_json(row.serializable_value(field.name))
        elif field.derived_from:
            parent = res.field(field.derived_from[0])
            item[parent.attname] = getattr(row, parent.attname)
    body = assert_problem(api.post(f"{collection_url(res)}/bulk", {"items": [item, dict(item)]}), 422)
    assert {tuple(e["loc"][:3]) for e in body["errors"]} == {("body", "items", 1)}, body
    assert body["errors"][0]["type"] == "duplicate", body
