"""Fixtures of the security matrix: the two-tenant world and clients acting as a user of A."""

from __future__ import annotations

import pytest
from spec_rows import JsonClient

from timba.tokens.models import ApiToken

from .tenancy import CHANNELS, RoleSet, World


@pytest.fixture
def world(builder) -> World:
    return World(builder)


@pytest.fixture
def api_as(client, world):
    """api_as(role_set) -> (JsonClient with the bearer token of an A user holding the role set
    plus the API channel's role, the role set held)."""

    def make(rs: RoleSet):
        held = rs.plus(CHANNELS.get("api"))
        return JsonClient(client, ApiToken.issue(world.actor(held))[1]), held

    return make


@pytest.fixture
def admin_as(client, world):
    """admin_as(role_set) -> (the test client logged in as an A user holding the role set plus
    the admin channel's role, the role set held)."""

    def make(rs: RoleSet):
        held = rs.plus(CHANNELS.get("admin"))
        client.force_login(world.actor(held))
        return client, held

    return make
