"""A unique rule's error in the admin stands beside the field it is about, parametrised over every
unique rule of the spec: the rule's fields a person types (not its tenant, nor a field derived
from a parent, which the form fills in or shows read-only), never at the top of the form. As
platform staff (who see the tenant field) and as a tenant admin (who does not).
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from spec_rows import RESOURCES, model_of, scalar_value, unique_groups

from tests.security.tenancy import ROLES, RoleSet, World, may, tenant_owned

pytestmark = pytest.mark.django_db

EVERY_ROLE = RoleSet("all", frozenset(ROLES))


def url(res, view: str) -> str:
    return reverse(f"admin:timba_{res.name.lower()}_{view}")


def typed(res, group) -> list[str]:
    """The fields of the rule the error belongs beside, as the spec says."""
    out = []
    for name in group:
        field = res.field(name)
        if field.derived_from or field.auto or field.is_many or name == res.tenant:
            continue
        out.append(name)
    return out


def params():
    out = []
    for res in RESOURCES:
        if res.auth_user:
            continue  # its add form is the one-step user form (tests/app/test_admin_user_add.py)
        for group in unique_groups(res):
            for who in ("staff", "tenant_admin"):
                if who == "tenant_admin" and not (tenant_owned(res) and may(EVERY_ROLE, res, "create")):
                    continue
                if typed(res, group):
                    out.append(pytest.param(res, group, who, id=f"{res.name}-{'+'.join(group)}-{who}"))
    return out


@pytest.fixture
def world(builder) -> World:
    return World(builder)


def form_data(world, res, existing, group, *, staff: bool) -> dict:
    """An add form for a new row of tenant A repeating `existing`'s values of the rule `group`."""
    data = {}
    for field in res.input_fields:
        if field.name == res.tenant and not staff:
            continue
        if field.is_many:
            data[field.name] = [str(world.parent(field.target).pk)]
        elif field.is_reference:
            data[field.name] = str(world.parent(field.target).pk)
        else:
            data[field.name] = str(scalar_value(field))
    for name in group:
        field = res.field(name)
        if field.derived_from:
            field = res.field(field.derived_from[0])  # the same parent gives the same value
        if field.name in data and not field.is_many:
            data[field.name] = str(getattr(existing, field.attname))
    return data


@pytest.mark.parametrize("res,group,who", params())
def test_unique_error_stands_beside_the_typed_field(res, group, who, world, client):
    staff = who == "staff"
    user = world.actor(RoleSet("staff", staff=True) if staff else EVERY_ROLE)
    client.force_login(user)
    existing = world.new_row(res, "a")
    before = model_of(res)._default_manager.count()
    response = client.post(url(res, "add"), form_data(world, res, existing, group, staff=staff))
    assert response.status_code == 200, "a clash re-shows the form"
    form = response.context["adminform"].form
    assert model_of(res)._default_manager.count() == before
    expected = typed(res, group)
    for name in expected:
        assert form.errors.get(name), (name, form.errors)
    assert not form.non_field_errors(), f"the error belongs beside {expected}, not above the form: {form.errors}"
    others = set(form.errors) - set(expected)
    assert not others, f"only the rule's typed fields carry it: {form.errors}"
