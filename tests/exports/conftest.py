"""Fixtures of the export tests: tenants whose subscription lets them in, their users holding
chosen roles, and rows of any resource inside a chosen tenant."""

from __future__ import annotations

import pytest
from spec_rows import resource

from timba.generated import security as spec


@pytest.fixture
def roles(db) -> dict:
    from spec_rows import RESOURCES, model_of

    auth = next(r for r in RESOURCES if r.auth_user)
    role_model = model_of(resource(auth.field(spec.USER_ROLES).target))
    return {name: role_model._default_manager.get_or_create(**{spec.ROLE_NAME: name})[0] for name in spec.ROLES}


@pytest.fixture
def make_tenant(builder):
    sub = spec.SUBSCRIPTION

    def make():
        values = {sub["status"]: sub["active"][0], sub["paid_until"]: None, sub["seats"]: 100}
        return builder.create(spec.TENANT, **values)

    return make


@pytest.fixture
def make_user(builder, roles):
    auth = next(r for r in spec.TENANT_PATHS if resource(r).auth_user)
    path = spec.TENANT_PATHS[auth]

    def make(tenant, role_names):
        return builder.create(auth, **{path: tenant, spec.USER_ROLES: [roles[n] for n in role_names]})

    return make


@pytest.fixture
def create_in(builder):
    """A row of `res` belonging to `tenant` (a derived tenant through its parent)."""

    def create(res, tenant, **overrides):
        path = res.tenant
        if path == "self":
            for name, value in overrides.items():
                setattr(tenant, name, value)
            tenant.save()
            return tenant
        if path is None:
            return builder.create(res, **overrides)
        field = res.field(path)
        if field.derived_from:
            parent_name = field.derived_from[0]
            parent = create(resource(res.field(parent_name).target), tenant)
            return builder.create(res, **{parent_name: parent, **overrides})
        return builder.create(res, **{path: tenant, **overrides})

    return create
