# generated from resources.yaml by codegen 0.1.0 — do not edit

"""The security model declared in resources.yaml, registered into timba.runtime.registry when the app loads."""

from timba.runtime.registry import register_security

TENANT = None

ROLES = ()

# role → (label, description): how the admin presents a role
ROLE_LABELS = {}

# the auth user's field holding its roles, and the role's field holding its name
USER_ROLES = None
ROLE_NAME = None

# every tenant keeps at least one active user holding this role
ADMIN_ROLE = None

CHANNELS = {}

SUBSCRIPTION = {}

# resource → path to its tenant: 'self' for the tenant itself, a reference field, or
# absent for data shared by every tenant (readable per PERMISSIONS, writable by staff)
TENANT_PATHS = {}

# resource → operation → roles allowed; platform staff (superusers) may do everything
PERMISSIONS = {"Shop": {}, "Shelf": {}, "Book": {}}

register_security(
    tenant=TENANT,
    roles=ROLES,
    channels=CHANNELS,
    subscription=SUBSCRIPTION,
    user_roles=USER_ROLES,
    role_name=ROLE_NAME,
    admin_role=ADMIN_ROLE,
    role_labels=ROLE_LABELS,
    tenant_paths=TENANT_PATHS,
    permissions=PERMISSIONS,
)
