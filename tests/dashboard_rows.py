"""Test data for the dashboard (not a test module), read from the spec's `dashboard:` section
through the IR: rows of every measured resource in a tenant of the security matrix's World,
spread over the parents a chart groups by and over the weeks a chart spans, import runs, and a
tenant admin."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from security.tenancy import World, resource
from spec_rows import PROJECT, model_of

BOARD = PROJECT.dashboard


def tenant_admin(world: World, label: str = "a"):
    """A user of tenant `label` with the admin channel's role and the spec's admin role."""
    security = PROJECT.security
    channels = dict(security.channels)
    roles = [world.roles[channels["admin"]], world.roles[security.admin_role]]
    user = PROJECT.auth_user
    return world.builder.create(user.name, **{user.tenant: world.tenants[label], security.user_roles: roles})


def _row_with(world: World, res, label: str, values: dict):
    refs = {}
    for f in res.input_fields:
        if (f.is_reference or f.is_many) and f.name not in values and f.target != res.name and resource(f.target).tenant:
            parent = world.row(f.target, label)
            refs[f.name] = [parent] if f.is_many else parent
    return world.builder.create(res, **refs, **values)


def fill(world: World, label: str, n: int, *, groups: int = 1, weeks: int = 1) -> None:
    """`n` rows of every resource the dashboard measures, owned by tenant `label`, spread over
    `groups` parents of every chart's `by` reference and over the last `weeks` weeks of every
    chart's `per_week` field."""
    for name in dict.fromkeys(m.resource for m in (*BOARD.figures, *BOARD.charts)):
        res = resource(name)
        by = {c.by for c in BOARD.charts if c.resource == name and c.by}
        parents = {b: [world.new_row(res.field(b).target, label) for _ in range(groups)] for b in by}
        pks = []
        for i in range(n):
            # uneven groups, so the bars differ: the first parents get the most rows
            values = {b: rows[int(len(rows) * (i / n) ** 2)] for b, rows in parents.items()}
            pks.append((world.new_row(res, label) if not values else _row_with(world, res, label, values)).pk)
        if weeks > 1:
            for field in {c.per_week for c in BOARD.charts if c.resource == name and c.per_week}:
                for i, pk in enumerate(pks):
                    when = timezone.now() - timedelta(weeks=i % weeks, hours=i % 7)
                    model_of(res)._default_manager.filter(pk=pk).update(**{field: when})


def import_run(tenant, user, state: str = "applied", **counts):
    """An import run of the first tenant-owned importable resource, in tenant `tenant`."""
    from timba.import_runs.models import ImportRun

    res = next(r for r in PROJECT.resources if r.import_export and r.tenant not in (None, "self"))
    values = {"new": 3, "errors": 1} | counts
    return ImportRun.objects.create(resource=res.name, tenant_id=tenant.pk, user=user, state=state,
                                    file_name=f"sheet-{tenant.pk}-{state}.csv", **values)
