"""A tenant user's change list orders by what the unique index of its tenant holds: where the
spec declares `unique_together: [<tenant>, a]` and the list is sorted by `a`, no id follows it
(the rows of one tenant are unique in `a`, and an id after it would sort all of them);
platform staff, who see every tenant, keep the id (timba.runtime.admin_listing)."""

from __future__ import annotations

import pytest
from spec_rows import RESOURCES

from .tenancy import ROLE_SETS, admin_url, may, tenant_field

pytestmark = pytest.mark.django_db


def _cases():
    out = []
    for res in RESOURCES:
        tenant = tenant_field(res)
        if tenant is None:
            continue
        for group in res.unique_together:
            rest = [name for name in group if name != tenant.name]
            if tenant.name in group and len(rest) == 1 and rest[0] in res.admin_list:
                for rs in ROLE_SETS:
                    if may(rs, res, "list"):
                        out.append(pytest.param(res, rest[0], rs, id=f"{res.name}-{rest[0]}-{rs.id}"))
    return out


@pytest.mark.parametrize("res,name,rs", _cases())
def test_sorted_by_a_column_unique_in_the_tenant(res, name, rs, admin_as, world):
    world.row(res, "a"), world.row(res, "b")
    client, _held = admin_as(rs)
    listed = client.get(admin_url(res, "changelist")).context["cl"].list_display
    column = listed.index(name)  # ?o= counts the selection checkbox, when there are actions
    for sign in ("", "-"):
        response = client.get(admin_url(res, "changelist"), {"o": f"{sign}{column}"})
        assert response.status_code == 200
        order = list(response.context["cl"].queryset.query.order_by)
        assert order == ([f"{sign}{name}"] if not rs.staff else [f"{sign}{name}", f"{sign}pk"]), order
