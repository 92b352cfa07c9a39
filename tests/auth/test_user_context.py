"""The token lookup reads the user, their tenant and their roles in one query
(`access.with_user_context`): the roles it reports are the ones `role_names` reads from the
database, for every combination of the spec's roles (plus a role the spec does not name), and a
request's authentication costs that one query."""

from __future__ import annotations

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from timba.generated import security as spec
from timba.models import Client, Role, User
from timba.runtime import access
from timba.tokens.models import ApiToken

pytestmark = pytest.mark.django_db
SUBSETS = [s for n in range(len(spec.ROLES) + 1) for s in itertools.combinations(spec.ROLES, n)]


def _user(roles: tuple[str, ...], *, extra: bool = True) -> User:
    client = Client.objects.create(name=f"Tenant {'-'.join(roles) or 'none'}", status="active")
    user = User.objects.create_user(username=f"u-{'-'.join(roles) or 'none'}", password="x", client=client)
    names = [*roles, *(["not-in-the-spec"] if extra else [])]
    user.roles.set([Role.objects.get_or_create(name=name)[0] for name in names])
    return user


@pytest.mark.parametrize("roles", SUBSETS, ids=["+".join(s) or "none" for s in SUBSETS])
def test_the_lookup_reports_the_roles_the_database_holds(roles):
    user = _user(roles)
    _row, secret = ApiToken.issue(user)
    with CaptureQueriesContext(connection) as queries:
        row = access.with_user_context(ApiToken.matching(secret), "user").first()
        found = access.adopt_user_context(row, "user")
        names = access.role_names(found)
        tenant = access.tenant_of(found)
    assert len(queries) == 1, [q["sql"] for q in queries]
    assert names == frozenset(roles)
    assert tenant == user.client
    fresh = User.objects.get(pk=user.pk)  # the same answer the per-user query gives
    assert access.role_names(fresh) & set(spec.ROLES) == names


def test_an_api_request_authenticates_with_one_query(client):
    user = _user(tuple(spec.ROLES), extra=False)
    _row, secret = ApiToken.issue(user)
    headers = {"Authorization": f"Bearer {secret}"}
    client.get("/api/v1/roles", headers=headers)  # the first use records last_used_at
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/roles?limit=1&cursor=", headers=headers)
    assert response.status_code == 200, response.content
    sql = [q["sql"] for q in queries]
    assert len(sql) == 2, sql  # the token with its user, tenant and roles; then the page


@pytest.mark.parametrize("lookalike", [str.upper, lambda name: f"{name} "], ids=["upper-case", "trailing-space"])
def test_a_role_named_like_a_spec_role_is_not_that_role(lookalike):
    """Role names compare exactly, as role_names() does, whatever the database's collation:
    'MOBILE' or 'mobile ' is not 'mobile'."""
    client = Client.objects.create(name="Lookalike tenant", status="active")
    user = User.objects.create_user(username="lookalike", password="x", client=client)
    user.roles.set([Role.objects.create(name=lookalike(name)) for name in spec.ROLES])
    _row, secret = ApiToken.issue(user)
    row = access.with_user_context(ApiToken.matching(secret), "user").first()
    assert access.role_names(access.adopt_user_context(row, "user")) == frozenset()
