"""IR → timba/generated/security.py: the security model as data (tenant, roles, channels,
subscription rules, each resource's tenant path and permissions), read by timba.runtime."""

from __future__ import annotations

from codegen.emit.source import Module, assign, literal
from codegen.ir import Project


def emit_security(project: Project) -> dict[str, str]:
    sec = project.security
    mod = Module("The security model declared in resources.yaml, as data for timba.runtime.access.")
    mod.add(f"TENANT = {literal(sec.tenant)}")
    mod.add(assign("ROLES", sec.roles))
    mod.add(assign("CHANNELS", dict(sec.channels)))
    mod.add(assign("SUBSCRIPTION", dict(sec.subscription)))
    mod.add(
        "# resource → path to its tenant: 'self' for the tenant itself, a reference field, or\n"
        "# absent for data shared by every tenant (readable per PERMISSIONS, writable by staff)\n"
        + assign("TENANT_PATHS", {r.name: r.tenant for r in project.resources if r.tenant})
    )
    permissions = {r.name: dict(r.permissions) for r in project.resources}
    mod.add("# resource → operation → roles allowed; platform staff (superusers) may do everything\n" + assign("PERMISSIONS", permissions))
    return {"timba/generated/security.py": mod.render()}
