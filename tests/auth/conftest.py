"""Fixtures for the authentication, subscription and seat tests: tenants in a chosen
subscription state, users holding chosen roles, and JSON API clients acting as them."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient
from spec_rows import JsonClient

from timba.generated import security as spec
from timba.tokens.models import ApiToken

from .support import API_ROLE


@pytest.fixture
def roles(db) -> dict:
    """Every role the spec names, as Role rows, by name."""
    from timba.models import Role

    return {name: Role.objects.get_or_create(name=name)[0] for name in spec.ROLES}


@pytest.fixture
def make_client(builder):
    """A tenant whose subscription lets it in unless the overrides say otherwise."""

    def make(**overrides):
        values = {"status": "active", "paid_until": None, "seats": 100} | overrides
        return builder.create("Client", **values)

    return make


@pytest.fixture
def make_user(builder, roles):
    """A user of `client` (None: no tenant) holding `role_names`; password is spec_rows.PASSWORD.
    Saved through the ORM without validation, so setting up never runs the seat check."""

    def make(client=None, role_names=(API_ROLE,), *, is_active=True, is_staff=False, **overrides):
        user = builder.create(
            "User", client=client, roles=[roles[n] for n in role_names], **overrides
        )
        if not is_active or is_staff:
            user.is_active, user.is_staff = is_active, is_staff
            user.save(update_fields=["is_active", "is_staff"])
        return user

    return make


@pytest.fixture
def tenant(make_client):
    return make_client()


@pytest.fixture
def mobile_user(make_user, tenant):
    """A tenant user allowed on the API (the `mobile` role)."""
    return make_user(tenant)


@pytest.fixture
def api_as(db):
    """`api_as(user)`: a JSON client holding a fresh bearer token of `user`."""

    def make(user) -> JsonClient:
        return JsonClient(HttpClient(), ApiToken.issue(user)[1])

    return make


@pytest.fixture
def anon(db) -> JsonClient:
    """The API without any Authorization header."""
    return JsonClient(HttpClient())
