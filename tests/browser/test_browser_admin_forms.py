"""The admin's forms and change lists show what the spec knows, in a real browser: a tenant admin
adds a user in one step (username, roles shown with their labels and descriptions, an initial
password the validators check; the client is their own), and the consignment change list shows
each row's declared aggregates (log count, total volume), sortable. Screenshots in
var/artifacts/browser/<test>/.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Sum
from spec_rows import PASSWORD, PROJECT, model_of, resource

from timba.generated import security as spec

from .conftest import log_in

SECURITY = PROJECT.security
USER = PROJECT.auth_user
STRONG = "Quartz-lantern-93"


def changelist_url(name: str) -> str:
    return f"/admin/timba/{name.lower()}/"


def role_box(page, name: str):
    """The checkbox of the role `name` in the user form (its label shows the role's label)."""
    label = dict((n, lab) for n, lab, _ in SECURITY.role_labels)[name]
    return page.locator("label", has_text=label).locator(f'input[type=checkbox][name="{SECURITY.user_roles}"]')


def test_a_tenant_admin_adds_a_user_with_roles_in_one_step(tenant_admin, tenant, roles, page, shots):
    add = f"{changelist_url(USER.name)}add/"
    log_in(page, tenant_admin.get_username(), PASSWORD, next_url=add)
    page.wait_for_url(f"**{add}")
    for name, label, description in SECURITY.role_labels:
        text = page.locator("form", has=page.locator('[name="username"]')).inner_text()
        assert label in text, f"role {name} shows its label"
        assert not description or description in text, f"role {name} shows its description"
    assert page.locator(f'[name="{USER.tenant}"]').count() == 0, "a tenant admin's own client is implied"
    assert page.locator('[name="is_staff"], [name="is_superuser"], [name="usable_password"]').count() == 0
    shots("one-step add form")

    chosen = [spec.CHANNELS["admin"], spec.CHANNELS["api"]]
    page.locator('input[name="username"]').fill("new-clerk")
    for name in chosen:
        role_box(page, name).check()
    page.locator('input[name="password1"]').fill("12345678")
    page.locator('input[name="password2"]').fill("12345678")
    with page.expect_navigation():
        page.locator('[name="_save"]').first.click()
    assert page.locator(".errorlist, [class*=error]").count() >= 1, "a weak password is refused"
    assert not model_of(USER)._default_manager.filter(username="new-clerk").exists()
    shots("weak password refused")

    for name in chosen:
        if not role_box(page, name).is_checked():
            role_box(page, name).check()
    page.locator('input[name="password1"]').fill(STRONG)
    page.locator('input[name="password2"]').fill(STRONG)
    with page.expect_navigation():
        page.locator('[name="_save"]').first.click()
    shots("user added")
    user = model_of(USER)._default_manager.get(username="new-clerk")
    held = set(getattr(user, SECURITY.user_roles).values_list(SECURITY.role_name, flat=True))
    assert held == set(chosen)
    assert getattr(user, f"{USER.tenant}_id") == tenant.pk
    assert user.check_password(STRONG)

    page.goto(changelist_url(USER.name))
    row = page.locator("tr", has_text="new-clerk")
    labels = dict((n, lab) for n, lab, _ in SECURITY.role_labels)
    for name in chosen:
        assert labels[name] in row.inner_text(), "the users' list shows the roles"
    shots("users with their roles")


def _aggregated():
    """The resource whose admin list shows aggregates, and those aggregates."""
    for res in PROJECT.resources:
        shown = [a for a in res.aggregates if a.name in res.admin_list]
        if shown:
            return res, shown
    raise AssertionError("no resource shows an aggregate in its admin list")


def test_the_consignment_changelist_shows_totals(tenant_admin, tenant, builder, page, shots):
    res, shown = _aggregated()
    back = {
        a.name: next(f.name for f in resource(a.source).fields if f.is_reference and f.target == res.name and f.related_name == a.relation)
        for a in shown
    }
    parents = []
    for n in (3, 0, 1):
        parent = builder.create(res, **{res.tenant: tenant})
        for _ in range(n):
            builder.create(shown[0].source, **{back[shown[0].name]: parent})
        parents.append(parent)
    log_in(page, tenant_admin.get_username(), PASSWORD, next_url=changelist_url(res.name))
    page.wait_for_url(f"**{changelist_url(res.name)}")
    shots("changelist with totals")
    for parent in parents:
        row = page.locator("tr", has=page.locator(f'a[href*="/{parent.pk}/change/"]'))
        for agg in shown:
            rows = model_of(resource(agg.source))._default_manager.filter(**{back[agg.name]: parent})
            if agg.op == "count":
                expected = Decimal(rows.aggregate(n=Count("pk"))["n"])
            else:
                expected = rows.aggregate(s=Sum(agg.field))["s"] or Decimal(0)
            cell = row.locator(f"td.field-{agg.name}").inner_text().strip().replace(",", "")
            assert Decimal(cell) == expected, (agg.name, parent.pk, cell, expected)

    last = shown[-1]
    header = page.locator(f"th.column-{last.name} a").first
    header.click()
    page.wait_for_load_state()
    cells = [Decimal(t.strip().replace(",", "")) for t in page.locator(f"td.field-{last.name}").all_inner_texts()]
    assert cells == sorted(cells) or cells == sorted(cells, reverse=True), cells
    assert len(cells) == len(parents)
    shots(f"sorted by {last.name}")


def test_staff_see_seats_used_and_role_labels(superuser, tenant, tenant_admin, roles, page, shots):
    seats = spec.SUBSCRIPTION["seats"]
    tenant_res = resource(spec.TENANT)
    log_in(page, superuser.get_username(), PASSWORD, next_url=changelist_url(tenant_res.name))
    page.wait_for_url(f"**{changelist_url(tenant_res.name)}")
    row = page.locator("tr", has=page.locator(f'a[href*="/{tenant.pk}/change/"]'))
    used = model_of(USER)._default_manager.filter(**{USER.tenant: tenant, "is_active": True}).count()
    assert row.locator(f"td.field-{seats}").inner_text().strip() == f"{used} / {getattr(tenant, seats)}"
    shots("seats used of seats")

    role_res = resource(USER.field(SECURITY.user_roles).target)
    page.goto(changelist_url(role_res.name))
    text = page.locator("#result_list, table").first.inner_text()
    for name, label, description in SECURITY.role_labels:
        assert label in text and (not description or description in text), name
    shots("roles with labels and descriptions")
