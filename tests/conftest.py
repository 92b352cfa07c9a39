"""Shared fixtures: the spec-driven row builder, a JSON API client holding a platform staff
token, and a logged-in superuser for the admin."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from spec_rows import PASSWORD, JsonClient, RowBuilder  # noqa: E402


@pytest.fixture
def builder(db) -> RowBuilder:
    return RowBuilder()


@pytest.fixture
def api(client, superuser) -> JsonClient:
    """The API as platform staff (a superuser's bearer token)."""
    from timba.tokens.models import ApiToken

    return JsonClient(client, ApiToken.issue(superuser)[1])


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser(
        username="root-admin", email="root@example.com", password=PASSWORD
    )


@pytest.fixture
def staff_client(client, superuser):
    """The Django test client, logged in as a superuser (admin screens)."""
    client.force_login(superuser)
    return client
