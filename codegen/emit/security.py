"""IR → timba/generated/security.py: the security model as data (tenant, roles, where a user's
roles live, channels, subscription rules, each resource's tenant path and permissions), which the
module registers into timba.runtime.registry when the app loads."""

from __future__ import annotations

from dataclasses import fields

from codegen.emit.source import Module, assign, literal
from codegen.ir import Project, Security

# what the module registers: the security section's values, then the per-resource tables
PER_RESOURCE = ("tenant_paths", "permissions")


def emit_security(project: Project) -> dict[str, str]:
    sec = project.security
    mod = Module(
        "The security model declared in resources.yaml, registered into timba.runtime.registry when the app loads."
    )
    mod.need("from timba.runtime.registry import register_security")
    mod.add(f"TENANT = {literal(sec.tenant)}")
    mod.add(assign("ROLES", sec.roles))
    labels = {name: (label, description) for name, label, description in sec.role_labels}
    mod.add("# role → (label, description): how the admin presents a role\n" + assign("ROLE_LABELS", labels))
    mod.add(
        "# the auth user's field holding its roles, and the role's field holding its name\n"
        f"USER_ROLES = {literal(sec.user_roles)}\nROLE_NAME = {literal(sec.role_name)}"
    )
    mod.add(f"# every tenant keeps at least one active user holding this role\nADMIN_ROLE = {literal(sec.admin_role)}")
    mod.add(assign("CHANNELS", dict(sec.channels)))
    mod.add(assign("SUBSCRIPTION", dict(sec.subscription)))
    mod.add(
        "# resource → path to its tenant: 'self' for the tenant itself, a reference field, or\n"
        "# absent for data shared by every tenant (readable per PERMISSIONS, writable by staff)\n"
        + assign("TENANT_PATHS", {r.name: r.tenant for r in project.resources if r.tenant})
    )
    permissions = {r.name: dict(r.permissions) for r in project.resources}
    mod.add("# resource → operation → roles allowed; platform staff (superusers) may do everything\n" + assign("PERMISSIONS", permissions))
    registered = [f.name for f in fields(Security)] + list(PER_RESOURCE)
    args = "".join(f"    {name}={name.upper()},\n" for name in registered)
    mod.add(f"register_security(\n{args})")
    return {"timba/generated/security.py": mod.render()}
