"""The django-unfold admin, parametrised over every resource of the spec, as a logged-in superuser.

Changelists (with `?q=` search and every declared filter), add, change and delete screens all
render; posting the add form creates a row (parents picked by id, auto and derived fields filled
in), a unique clash re-shows the form with an error, and the auth user's add form sets a password.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse
from spec_rows import PROJECT, RESOURCES, admin_form_data, model_of, next_number, unique_groups

pytestmark = pytest.mark.django_db


def url(res, view: str, *args) -> str:
    return reverse(f"admin:timba_{res.name.lower()}_{view}", args=args)


def each(predicate=lambda res: True):
    return [pytest.param(r, id=r.name) for r in RESOURCES if predicate(r)]


def each_filter():
    return [pytest.param(r, name, id=f"{r.name}-{name}") for r in RESOURCES for name in r.admin_filters]


def changelist(response):
    assert response.status_code == 200, response.content[:500]
    return response.context["cl"]


@pytest.mark.parametrize("res", each())
def test_every_resource_is_registered(res):
    assert model_of(res) in admin.site._registry


@pytest.mark.parametrize("res", each())
def test_changelist_lists_rows(res, staff_client, builder):
    rows = [builder.create(res) for _ in range(2)]
    cl = changelist(staff_client.get(url(res, "changelist")))
    shown = {obj.pk for obj in cl.result_list}
    assert {r.pk for r in rows} <= shown


@pytest.mark.parametrize("res", each(lambda r: r.admin_search))
def test_changelist_search(res, staff_client, builder):
    other, target = builder.create(res), builder.create(res)  # target's counter is higher
    needle = str(getattr(target, res.admin_search[0]))
    cl = changelist(staff_client.get(url(res, "changelist"), {"q": needle}))
    found = {obj.pk for obj in cl.result_list}
    assert target.pk in found and other.pk not in found
    cl = changelist(staff_client.get(url(res, "changelist"), {"q": f"zz-no-such-{next_number()}"}))
    assert list(cl.result_list) == []


@pytest.mark.parametrize("res,name", each_filter())
def test_each_declared_filter_renders(res, name, staff_client, builder):
    builder.create(res), builder.create(res)  # two parents: a one-choice filter is hidden
    response = staff_client.get(url(res, "changelist"))
    cl = changelist(response)
    specs = {getattr(spec, "field_path", None) or getattr(spec, "parameter_name", None): spec for spec in cl.filter_specs}
    assert name in specs, specs
    spec = specs[name]
    assert str(spec.title).lower() in response.content.decode().lower()
    choices = [c for c in spec.choices(cl) if not c.get("selected")]
    assert choices, f"filter {name} offers no choice"
    for choice in choices[:3]:
        if "form" in choice:  # an autocomplete (timba.runtime.admin_reference_filter.ReferenceFilter): choose a row
            query = f"?{spec.lookup_kwarg}={spec.field.related_model._default_manager.first().pk}"
        else:
            query = choice["query_string"]
        filtered = staff_client.get(url(res, "changelist") + query)
        assert filtered.status_code == 200, (query, filtered.status_code)  # a bad lookup is 302 ?e=1
        assert filtered.context["cl"].get_filters_params(), query


@pytest.mark.parametrize("res", each())
def test_add_form_renders(res, staff_client):
    response = staff_client.get(url(res, "add"))
    assert response.status_code == 200
    assert b"<form" in response.content


@pytest.mark.parametrize("res", each())
def test_change_form_renders(res, staff_client, builder):
    row = builder.create(res)
    response = staff_client.get(url(res, "change", row.pk))
    assert response.status_code == 200
    assert str(row).encode() in response.content


@pytest.mark.parametrize("res", each())
def test_delete_confirmation_renders(res, staff_client, builder):
    row = builder.create(res)
    response = staff_client.get(url(res, "delete", row.pk))
    assert response.status_code == 200


form_data = admin_form_data


def form_errors(response):
    return response.context["adminform"].form.errors if response.context else response


@pytest.mark.parametrize("res", each(lambda r: not r.auth_user))
def test_posting_the_add_form_creates_a_row(res, staff_client, superuser, builder):
    data = form_data(res, builder)
    model = model_of(res)
    before = model._default_manager.count()
    response = staff_client.post(url(res, "add"), data)
    assert response.status_code == 302, form_errors(response)
    assert model._default_manager.count() == before + 1
    row = model._default_manager.latest("pk")
    for field in res.input_fields:
        if field.is_many:
            assert [str(r.pk) for r in getattr(row, field.name).all()] == data[field.name]
        else:
            assert str(getattr(row, field.attname)) == data[field.name]
    for field in res.fields:
        if field.auto:
            assert getattr(row, field.name) == superuser, field.name
        if field.derived_from:
            parent, source = field.derived_from
            assert getattr(row, field.name) == getattr(getattr(row, parent), source)


def _unique_params():
    return [
        pytest.param(r, group, id=f"{r.name}-{'+'.join(group)}")
        for r in RESOURCES
        if not r.auth_user
        for group in unique_groups(r)
    ]


@pytest.mark.parametrize("res,group", _unique_params())
def test_add_form_reports_a_unique_clash(res, group, staff_client, builder):
    existing = builder.create(res)
    data = form_data(res, builder)
    for name in group:
        field = res.field(name)
        if field.derived_from:
            field = res.field(field.derived_from[0])
        if field.auto or field.is_many:
            pytest.skip(f"{res.name}.{name} is not on the form")
        data[field.name] = str(getattr(existing, field.attname))
    count = model_of(res)._default_manager.count()
    response = staff_client.post(url(res, "add"), data)
    assert response.status_code == 200, "a clash must re-show the form, not save or crash"
    assert form_errors(response)
    assert model_of(res)._default_manager.count() == count


@pytest.mark.parametrize("res", each(lambda r: r.auth_user))
def test_auth_user_add_form_sets_a_password(res, staff_client, builder):
    username = f"added-{next_number()}"
    data = {"username": username, "password1": "Str0ng-enough-pw", "password2": "Str0ng-enough-pw"}
    roles = PROJECT.security.user_roles
    if roles:  # a user is added with its roles (tests/app/test_admin_user_add.py)
        data[roles] = [str(builder.create(res.field(roles).target).pk)]
    response = staff_client.post(url(res, "add"), data)
    assert response.status_code == 302, form_errors(response)
    assert model_of(res)._default_manager.get(username=username).check_password("Str0ng-enough-pw")
