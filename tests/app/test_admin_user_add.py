"""Adding a user in the admin is one step (timba.runtime.admin_forms.UserAddForm): username, the
tenant (staff only; a tenant admin's own is implied), at least one role and an initial password
that meets Django's password validators, written together through the write pipeline. Roles
show their spec label and description; the platform flags are hidden from tenant admins and
their help text says what decides admin access here (the spec's channels).

Everything is read from the spec (security section, the auth user resource), so renaming the
tenant, the roles field or the roles keeps these tests meaningful.
"""

from __future__ import annotations

import re

import pytest
from django.db.models.signals import m2m_changed
from django.urls import reverse
from spec_rows import PROJECT, model_of, next_number

from tests.security.tenancy import (
    AUTH_USER,
    CHANNELS,
    ROLE_FIELD,
    ROLES,
    RoleSet,
    World,
    tenant_field,
)

pytestmark = pytest.mark.django_db

SECURITY = PROJECT.security
USERS = model_of(AUTH_USER)
TENANT_FIELD = tenant_field(AUTH_USER)
STRONG = "Quartz-lantern-93"
PLATFORM_FLAGS = ("is_staff", "is_superuser")
ADMIN_TENANT_ADMIN = RoleSet("admin", frozenset(ROLES))  # holds every role: may add users


def url(view: str, *args) -> str:
    return reverse(f"admin:timba_{AUTH_USER.name.lower()}_{view}", args=args)


@pytest.fixture
def world(builder) -> World:
    return World(builder)


@pytest.fixture
def tenant_admin(client, world):
    client.force_login(world.actor(ADMIN_TENANT_ADMIN))
    return client


def form_of(response):
    assert response.status_code == 200, response.content[:500]
    return response.context["adminform"].form


def data(world, *roles, tenant=None, password=STRONG, username=None) -> dict:
    out = {
        "username": username or f"new-user-{next_number()}",
        ROLE_FIELD.name: [str(world.roles[name].pk) for name in roles],
        "password1": password,
        "password2": password,
    }
    if tenant is not None:
        out[TENANT_FIELD.name] = str(tenant.pk)
    return out


def two_roles():
    return sorted(ROLES)[:2]


def test_staff_add_form_is_one_step(staff_client, world):
    form = form_of(staff_client.get(url("add")))
    expected = {"username", ROLE_FIELD.name, "password1", "password2"} | ({TENANT_FIELD.name} if TENANT_FIELD else set())
    assert set(form.fields) == expected, "no usable-password switch, no platform flags, no second step"
    assert form.fields[ROLE_FIELD.name].required


def test_staff_adds_a_user_with_tenant_roles_and_password(staff_client, world):
    body = data(world, *two_roles(), tenant=world.a)
    response = staff_client.post(url("add"), body)
    assert response.status_code == 302, form_of(response).errors
    user = USERS.objects.get(username=body["username"])
    assert set(getattr(user, ROLE_FIELD.name).values_list(SECURITY.role_name, flat=True)) == set(two_roles())
    if TENANT_FIELD:
        assert getattr(user, f"{TENANT_FIELD.name}_id") == world.a.pk
    assert user.check_password(STRONG)


def test_the_user_never_exists_without_its_roles(staff_client, world):
    """The row and its roles are one write: when writing the roles fails, no user is left."""
    through = getattr(USERS, ROLE_FIELD.name).through

    def refuse(sender, action, **kwargs):
        if action == "pre_add":
            raise RuntimeError("the roles could not be written")

    m2m_changed.connect(refuse, sender=through)
    body = data(world, *two_roles(), tenant=world.a)
    try:
        with pytest.raises(RuntimeError):
            staff_client.post(url("add"), body)
    finally:
        m2m_changed.disconnect(refuse, sender=through)
    assert not USERS.objects.filter(username=body["username"]).exists()


def test_a_user_without_roles_is_refused(staff_client, world):
    body = data(world, tenant=world.a)
    form = form_of(staff_client.post(url("add"), body))
    assert ROLE_FIELD.name in form.errors
    assert not USERS.objects.filter(username=body["username"]).exists()


@pytest.mark.parametrize("password", ["12345678", "short1", "password"])
def test_the_initial_password_meets_the_validators(staff_client, world, password):
    body = data(world, *two_roles(), tenant=world.a, password=password)
    form = form_of(staff_client.post(url("add"), body))
    assert {"password1", "password2"} & set(form.errors), form.errors
    assert not USERS.objects.filter(username=body["username"]).exists()


def test_a_password_like_the_username_is_refused(staff_client, world):
    name = f"lanternquartz{next_number()}"
    body = data(world, *two_roles(), tenant=world.a, password=name + "1", username=name)
    form = form_of(staff_client.post(url("add"), body))
    assert {"password1", "password2"} & set(form.errors), form.errors


def test_role_choices_show_label_and_description(staff_client, world):
    for view, args in (("add", ()), ("change", (world.actor(ADMIN_TENANT_ADMIN).pk,))):
        response = staff_client.get(url(view, *args))
        field = form_of(response).fields[ROLE_FIELD.name]
        labels = {str(choice_label) for _, choice_label in field.choices}
        text = response.content.decode()
        for name, label, description in SECURITY.role_labels:
            assert any(label in shown and name in shown for shown in labels), (view, name, labels)
            if description:
                assert any(description.replace("'", "&#x27;") in shown for shown in labels), (view, name)
                assert description.replace("'", "&#x27;") in text
        boxes = re.findall(rf'<input type="checkbox" name="{ROLE_FIELD.name}"[^>]*>', text)
        assert len(boxes) == len(SECURITY.role_labels), view
        assert not any(re.search(r"\srequired[\s>]", box) for box in boxes), "one box required each: the browser would want them all"


@pytest.mark.skipif(TENANT_FIELD is None, reason="the auth user belongs to no tenant")
def test_tenant_admin_adds_a_user_of_their_own_tenant(tenant_admin, world):
    form = form_of(tenant_admin.get(url("add")))
    assert TENANT_FIELD.name not in form.fields
    assert not set(PLATFORM_FLAGS) & set(form.fields)
    body = data(world, *two_roles())
    body[TENANT_FIELD.name] = str(world.b.pk)  # not on the form: ignored
    response = tenant_admin.post(url("add"), body)
    assert response.status_code == 302, form_of(response).errors
    user = USERS.objects.get(username=body["username"])
    assert getattr(user, f"{TENANT_FIELD.name}_id") == world.a.pk
    assert set(getattr(user, ROLE_FIELD.name).values_list(SECURITY.role_name, flat=True)) == set(two_roles())


def test_tenant_admin_never_sees_the_platform_flags(tenant_admin, world):
    other = world.actor(RoleSet("one", frozenset(ROLES[:1])))
    for view, args in (("add", ()), ("change", (other.pk,))):
        response = tenant_admin.get(url(view, *args))
        form = form_of(response)
        assert not set(PLATFORM_FLAGS) & set(form.fields), view
        text = response.content.decode()
        assert 'name="is_staff"' not in text and 'name="is_superuser"' not in text, view


def test_platform_flags_say_what_decides_here(staff_client, world):
    user = world.actor(ADMIN_TENANT_ADMIN)
    fields = form_of(staff_client.get(url("change", user.pk))).fields
    staff_help, super_help = (str(fields[name].help_text) for name in PLATFORM_FLAGS)
    assert "log into this admin site" not in staff_help
    admin_role = CHANNELS.get("admin")
    if admin_role:
        label = dict((n, lab) for n, lab, _ in SECURITY.role_labels)[admin_role]
        assert admin_role in staff_help and label in staff_help, staff_help
    assert "platform staff" in super_help.lower()
