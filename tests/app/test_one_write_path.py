"""No write path is left outside the write pipeline (timba.runtime.write).

`outside_the_pipeline` records every save, delete and many-to-many change of a spec model that
happens while the pipeline is not writing (Django's pre_save, pre_delete and m2m_changed
signals; bulk statements send none, and only the pipeline uses them). Every way into the data
is then driven, for every resource the spec declares it on: the REST API (create, PATCH, PUT,
delete), the seed routes, bulk upsert, the admin (add, change, delete, the delete action,
change password) and imports. Each must write (the test checks the data changed) and record
nothing. `test_the_recorder_sees_a_write_outside_the_pipeline` shows it would catch one.
"""

from __future__ import annotations

from contextlib import contextmanager

import orjson
import pytest
import tablib
from django.db.models.signals import m2m_changed, pre_delete, pre_save
from django.urls import reverse
from spec_rows import (
    PROJECT,
    RESOURCES,
    admin_form_data,
    collection_url,
    item_url,
    model_of,
    scalar_value,
)

from timba.generated import resources as generated_resources
from timba.runtime import write
from timba.runtime.models import EntityModel

pytestmark = pytest.mark.django_db
AUTH_INTERNALS = {"last_login", "password"}  # Django's own updates when a user logs in


def each(predicate=lambda res: True):
    return [pytest.param(r, id=r.name) for r in RESOURCES if predicate(r)]


@contextmanager
def outside_the_pipeline():
    """Yield the list of (model, what) written while the pipeline was not writing."""
    seen: list[tuple[str, str]] = []

    def record(sender, what, **kwargs):
        if not isinstance(sender, type) or not issubclass(sender, EntityModel) or write.active():
            return
        fields = kwargs.get("update_fields")
        if fields is not None and set(fields) <= AUTH_INTERNALS:
            return
        seen.append((sender.__name__, what))

    def on_save(sender, **kwargs):
        record(sender, "save", **kwargs)

    def on_delete(sender, **kwargs):
        record(sender, "delete")

    def on_many(sender, instance, action, **kwargs):
        if action.startswith("pre_"):
            record(type(instance), f"m2m {action}")

    pre_save.connect(on_save, weak=False)
    pre_delete.connect(on_delete, weak=False)
    m2m_changed.connect(on_many, weak=False)
    try:
        yield seen
    finally:
        pre_save.disconnect(on_save)
        pre_delete.disconnect(on_delete)
        m2m_changed.disconnect(on_many)


def test_the_recorder_sees_a_write_outside_the_pipeline(builder):
    res = RESOURCES[0]
    row = builder.create(res)
    with outside_the_pipeline() as seen:
        row.save()
    assert seen == [(res.name, "save")]


def _put(api, url, body):
    return api.client.put(url, data=orjson.dumps(body), content_type="application/json", headers=api.headers)


@pytest.mark.parametrize("res", each(lambda r: "create" in r.operations))
def test_api_create(res, api, builder):
    payload = builder.payload(res)
    with outside_the_pipeline() as seen:
        response = api.post(collection_url(res), payload)
    assert response.status_code == 201, response.content
    assert seen == []


@pytest.mark.parametrize("res", each(lambda r: "update" in r.operations))
@pytest.mark.parametrize("method", ["patch", "put"])
def test_api_update(res, method, api, builder):
    row = builder.create(res)
    key, value = builder.patch_change(res, row)
    body = {key: value} if method == "patch" else builder.payload(res, **{key: value})
    if res.auth_user:
        body["password"] = "Gr4nite-ledge-71"
    with outside_the_pipeline() as seen:
        response = api.patch(item_url(res, row.pk), body) if method == "patch" else _put(api, item_url(res, row.pk), body)
    assert response.status_code == 200, response.content
    assert seen == []


@pytest.mark.parametrize("res", each(lambda r: "delete" in r.operations))
def test_api_delete(res, api, builder):
    row = builder.create(res)
    with outside_the_pipeline() as seen:
        response = api.delete(item_url(res, row.pk))
    assert response.status_code == 204, response.content
    assert not model_of(res)._default_manager.filter(pk=row.pk).exists()
    assert seen == []


def _seed_params(res, payload: dict) -> dict:
    aliases = {key: seed for seed, key in res.legacy.params}
    return {aliases.get(k, k): v for k, v in payload.items()}


@pytest.mark.parametrize("res", each(lambda r: r.legacy is not None and set(r.legacy.operations) & {"create", "update", "delete"}))
def test_seed_routes(res, api, builder):
    ops = set(res.legacy.operations)
    url = f"/timba/{res.legacy.path}"
    send = lambda method, params: api.client.generic(  # noqa: E731
        method, url, data=orjson.dumps(params), content_type="application/json", headers=api.headers
    )
    payload = builder.payload(res)
    row = builder.create(res)
    key, value = builder.patch_change(res, row)
    with outside_the_pipeline() as seen:
        if "create" in ops:
            assert send("PUT", _seed_params(res, payload)).status_code == 201
        if "update" in ops:
            assert send("PATCH", {res.legacy.id_params[0]: row.pk, **_seed_params(res, {key: value})}).status_code == 200
        if "delete" in ops:
            assert send("DELETE", {res.legacy.id_params[0]: row.pk}).status_code == 200
    assert seen == []


@pytest.mark.parametrize("res", each(lambda r: bool(r.bulk_key)))
def test_bulk(res, api, builder):
    items = [builder.payload(res) for _ in range(3)]
    with outside_the_pipeline() as seen:
        response = api.post(f"{collection_url(res)}/bulk", {"items": items})
        again = api.post(f"{collection_url(res)}/bulk", {"items": items})
    assert response.status_code == 200 and again.status_code == 200, (response.content, again.content)
    assert orjson.loads(again.content)["updated"] == 3
    assert seen == []


# --- the admin ---------------------------------------------------------------------------------


def admin_url(res, view: str, *args) -> str:
    return reverse(f"admin:timba_{res.name.lower()}_{view}", args=args)


@pytest.mark.parametrize("res", each(lambda r: not r.auth_user))
def test_admin_add_and_change(res, staff_client, builder):
    """The auth user's forms differ (passwords, dates); its add form and password form follow."""
    model = model_of(res)
    added = admin_form_data(res, builder)
    row = builder.create(res)
    changed = admin_form_data(res, builder, row)
    scalar = next((f for f in res.input_fields if f.kind in {"string", "text"}), None)
    if scalar is not None:
        changed[scalar.name] = str(scalar_value(scalar))
    before = model._default_manager.count()
    with outside_the_pipeline() as seen:
        add = staff_client.post(admin_url(res, "add"), added)
        change = staff_client.post(admin_url(res, "change", row.pk), changed)
    assert add.status_code == 302, add.context["adminform"].form.errors if add.context else add
    assert change.status_code == 302, change.context["adminform"].form.errors if change.context else change
    assert model._default_manager.count() == before + 1
    assert seen == []


@pytest.mark.parametrize("res", each(lambda r: r.auth_user))
def test_admin_user_add_and_password_change(res, staff_client, builder):
    row = builder.create(res)
    password = "Gr4nite-ledge-71"
    roles = {name: [str(builder.create(res.field(name).target).pk)] for name in [PROJECT.security.user_roles] if name}
    with outside_the_pipeline() as seen:
        add = staff_client.post(admin_url(res, "add"), {"username": "added-user", **roles, "password1": password, "password2": password})
        change = staff_client.post(
            reverse("admin:auth_user_password_change", args=[row.pk]),
            {"password1": password, "password2": password, "usable_password": "true"},
        )
    assert add.status_code == 302 and change.status_code == 302
    row.refresh_from_db()
    assert row.check_password(password)
    assert seen == []


@pytest.mark.parametrize("res", each())
def test_admin_delete_and_delete_action(res, staff_client, builder):
    model = model_of(res)
    one, two, three = (builder.create(res) for _ in range(3))
    with outside_the_pipeline() as seen:
        single = staff_client.post(admin_url(res, "delete", one.pk), {"post": "yes"})
        action = staff_client.post(
            admin_url(res, "changelist"),
            {"action": "delete_selected", "_selected_action": [two.pk, three.pk], "post": "yes"},
        )
    assert single.status_code == 302 and action.status_code == 302
    assert not model._default_manager.filter(pk__in=[one.pk, two.pk, three.pk]).exists()
    assert seen == []


# --- imports -------------------------------------------------------------------------------------


@pytest.mark.parametrize("res", each(lambda r: r.import_export))
def test_import_creates_and_updates(res, builder):
    resource_class = getattr(generated_resources, f"{res.name}Resource")
    known = resource_class().fields
    headers, rows = [], [[], []]
    for field in res.input_fields:
        if field.name not in known:
            continue
        headers.append(field.name)
        for row in rows:
            if field.is_reference or field.is_many:
                target = model_of(PROJECT.resource(field.target))
                value = builder.create(field.target)
                row.append(known[field.name].widget.render(target._default_manager.filter(pk=value.pk) if field.is_many else value))
            else:
                row.append(str(scalar_value(field)))
    sheet = tablib.Dataset(*rows, headers=headers)
    with outside_the_pipeline() as seen:
        first = resource_class().import_data(sheet, dry_run=False)
        second = resource_class().import_data(sheet, dry_run=False)
    for result in (first, second):
        assert not result.has_errors() and not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows]
    assert first.totals["new"] == 2 and second.totals["new"] == 0
    assert seen == []
