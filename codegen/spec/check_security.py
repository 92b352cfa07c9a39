"""Checks of the security model: the tenant, roles, channels, subscription fields, each
resource's tenant path and permissions. Problems are `(loc, on_key, message)` like `check`."""

from __future__ import annotations

from codegen.spec.errors import did_you_mean
from codegen.spec.model import SpecFile


def _roles(loc, names, roles):
    for i, role in enumerate(names):
        if role not in roles:
            yield (*loc, i), False, f"unknown role '{role}'{did_you_mean(role, roles)}; declare it in security.roles"


def _subscription(spec: SpecFile, tenant):
    sub = spec.security.subscription
    loc = ("security", "subscription")
    for key in ("status", "paid_until", "seats"):
        name = getattr(sub, key)
        if name and tenant and name not in tenant.fields:
            yield (*loc, key), True, f"{spec.security.tenant} has no field '{name}'{did_you_mean(name, tenant.fields)}"
    status = tenant.fields.get(sub.status) if tenant else None
    if status is not None and status.choices:
        for i, value in enumerate(sub.active):
            if value not in status.choices:
                yield (*loc, "active", i), False, f"'{value}' is not a choice of {sub.status}{did_you_mean(value, status.choices)}"
    if sub.seats and not sub.seat_holders:
        yield (*loc, "seats"), True, "seats needs seat_holders: the resource whose rows use a seat (e.g. User)"
    if sub.seat_holders:
        holder = spec.resources.get(sub.seat_holders)
        if holder is None:
            yield (*loc, "seat_holders"), True, f"undeclared resource '{sub.seat_holders}'{did_you_mean(sub.seat_holders, spec.resources)}"
        elif not holder.tenant:
            yield (*loc, "seat_holders"), True, f"{sub.seat_holders} needs a tenant path to count seats per tenant"


def _resource(spec: SpecFile, name, res, roles):
    base = ("resources", name)
    tenant_name = spec.security.tenant if spec.security else None
    if res.tenant and not spec.security:
        yield (*base, "tenant"), True, "tenant needs a top-level security section naming the tenant resource"
    elif res.tenant == "self":
        if name != tenant_name:
            yield (*base, "tenant"), True, f"only the tenant resource ({tenant_name}) can be 'self'"
    elif res.tenant:
        field = res.fields.get(res.tenant)
        if field is None or field.type != "reference" or field.to != tenant_name:
            yield (*base, "tenant"), True, f"tenant must be 'self' or a reference to {tenant_name}; '{res.tenant}' is not{did_you_mean(res.tenant, res.fields)}"
    elif spec.security and (name == tenant_name or any(f.to == tenant_name and f.type == "reference" for f in res.fields.values())):
        yield base, True, f"{name} belongs to a {tenant_name}: declare its tenant path (tenant: self, or the reference field)"
    if res.permissions and not spec.security:
        yield (*base, "permissions"), True, "permissions need a top-level security section declaring the roles"
    for op, names in res.permissions.items():
        yield from _roles((*base, "permissions", op), names, roles)
        if op in {"import", "export"} and not res.import_export.enabled:
            yield (*base, "permissions", op), True, f"{op} permission on a resource without import_export"
        elif op not in {"import", "export"} and op not in res.api.operations:
            yield (*base, "permissions", op), True, f"{op} permission on an operation the api does not offer"


def check_security(spec: SpecFile, declared: set[str]):
    sec = spec.security
    roles = list(sec.roles) if sec else []
    if sec:
        if sec.tenant not in declared:
            yield ("security", "tenant"), True, f"undeclared resource '{sec.tenant}'{did_you_mean(sec.tenant, declared)}"
        if len(set(roles)) != len(roles) or not roles:
            yield ("security", "roles"), True, "security.roles must list distinct role names"
        for channel, role in sec.channels.items():
            if role not in roles:
                yield ("security", "channels", channel), False, f"unknown role '{role}'{did_you_mean(role, roles)}"
        if sec.subscription:
            yield from _subscription(spec, spec.resources.get(sec.tenant))
    for name, res in spec.resources.items():
        yield from _resource(spec, name, res, roles)
