"""Checks of the security model: the tenant, roles, channels, subscription fields, each
resource's tenant path and permissions. Problems are `(loc, on_key, message)` like `check`."""

from __future__ import annotations

from codegen.field_types import MANY, ONE, field_type
from codegen.spec.errors import did_you_mean
from codegen.spec.model import SpecFile


def _roles(loc, names, roles):
    for i, role in enumerate(names):
        if role not in roles:
            yield (*loc, i), False, f"unknown role '{role}'{did_you_mean(role, roles)}; declare it in security.roles"


def role_label(name: str, role) -> str:
    """The label the admin shows for a role: the declared one, else its name with spaces."""
    if role.label:
        return role.label
    return name.replace("_", " ").capitalize()


def _role_labels(roles):
    """The mapping form of security.roles: no two roles the admin would show alike."""
    if not isinstance(roles, dict):
        return
    seen: dict[str, str] = {}
    for name, role in roles.items():
        label = role_label(name, role)
        declared = bool(role.label)
        loc = ("security", "roles", name, "label") if declared else ("security", "roles", name)
        other = seen.setdefault(" ".join(label.casefold().split()), name)
        if other != name:
            how = "" if declared else " (made from its name; declare a label)"
            yield loc, not declared, f"role '{name}' has the label '{label}'{how}, as role '{other}' does (case aside): give each role its own label"
        if role.description is not None and not role.description.strip():
            yield ("security", "roles", name, "description"), False, "an empty description: describe what the role lets a user do, or leave it out"


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


def _role_fields(spec: SpecFile):
    """`user_roles` is a many-references field of the auth user; `role_name` a unique string
    field of its target. Both are required once there is an auth user to hold roles."""
    sec = spec.security
    users = [(n, r) for n, r in spec.resources.items() if r.auth_user]
    if not users:
        if sec.user_roles or sec.role_name:
            key = "user_roles" if sec.user_roles else "role_name"
            yield ("security", key), True, f"{key} needs a resource marked auth_user: true to hold the roles"
        return
    user_name, user = users[0]
    if not sec.user_roles:
        many = [n for n, f in user.fields.items() if field_type(f.type).relation == MANY]
        hint = f" (e.g. user_roles: {many[0]})" if many else f" (declare one on {user_name}: {{type: many-references, to: Role}})"
        yield ("security",), True, f"security needs user_roles: the many-references field of {user_name} that holds a user's roles{hint}"
        return
    field = user.fields.get(sec.user_roles)
    if field is None or field_type(field.type).relation != MANY:
        known = [n for n, f in user.fields.items() if field_type(f.type).relation == MANY]
        what = f"is not a field{did_you_mean(sec.user_roles, known)}" if field is None else f"is {field.type}"
        yield ("security", "user_roles"), False, f"user_roles must be a many-references field of {user_name}; '{sec.user_roles}' {what}"
        return
    target = spec.resources.get(field.to)
    if target is None:
        return  # the undeclared reference is reported on the field itself
    if not sec.role_name:
        strings = [n for n, f in target.fields.items() if f.type == "string" and f.unique]
        hint = f" (e.g. role_name: {strings[0]})" if strings else ""
        yield ("security",), True, f"security needs role_name: the unique string field of {field.to} that holds a role's name{hint}"
        return
    name_field = target.fields.get(sec.role_name)
    if name_field is None or name_field.type != "string" or not name_field.unique:
        strings = [n for n, f in target.fields.items() if f.type == "string"]
        if name_field is None:
            what = f"is not a field{did_you_mean(sec.role_name, strings)}"
        else:
            what = "is not unique (add unique: true)" if name_field.type == "string" else f"is {name_field.type}"
        yield ("security", "role_name"), False, f"role_name must be a unique string field of {field.to}; '{sec.role_name}' {what}"


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
        if field is None or field_type(field.type).relation != ONE or field.to != tenant_name:
            yield (*base, "tenant"), True, f"tenant must be 'self' or a reference to {tenant_name}; '{res.tenant}' is not{did_you_mean(res.tenant, res.fields)}"
    elif spec.security and (name == tenant_name or any(f.to == tenant_name and field_type(f.type).relation == ONE for f in res.fields.values())):
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
        yield from _role_labels(sec.roles)
        for channel, role in sec.channels.items():
            if role not in roles:
                yield ("security", "channels", channel), False, f"unknown role '{role}'{did_you_mean(role, roles)}"
        if sec.admin_role and sec.admin_role not in roles:
            yield ("security", "admin_role"), False, f"unknown role '{sec.admin_role}'{did_you_mean(sec.admin_role, roles)}"
        elif sec.admin_role and not sec.user_roles:
            yield ("security", "admin_role"), True, "admin_role needs user_roles: the auth user's field holding its roles"
        if sec.subscription:
            yield from _subscription(spec, spec.resources.get(sec.tenant))
        yield from _role_fields(spec)
    for name, res in spec.resources.items():
        yield from _resource(spec, name, res, roles)
