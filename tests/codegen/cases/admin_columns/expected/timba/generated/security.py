# generated from resources.yaml by codegen 0.1.0 — do not edit

"""The security model declared in resources.yaml, registered into timba.runtime.registry when the app loads."""

from timba.runtime.registry import register_security

TENANT = "Shop"

ROLES = ("clerk", "owner", "auditor")

# role → (label, description): how the admin presents a role
ROLE_LABELS = {
    "clerk": ("Shop clerk", "Serves at the counter and records orders"),
    "owner": ("Owner", "Runs the shop and manages its members"),
    "auditor": ("Auditor", ""),
}

# the auth user's field holding its roles, and the role's field holding its name
USER_ROLES = "duties"
ROLE_NAME = "title"

# every tenant keeps at least one active user holding this role
ADMIN_ROLE = "owner"

CHANNELS = {"admin": "clerk"}

SUBSCRIPTION = {"status": "state", "active": ("open",), "seats": "places", "seat_holders": "Member"}

# resource → path to its tenant: 'self' for the tenant itself, a reference field, or
# absent for data shared by every tenant (readable per PERMISSIONS, writable by staff)
TENANT_PATHS = {"Shop": "self", "Member": "shop", "Order": "shop", "Line": "shop"}

# resource → operation → roles allowed; platform staff (superusers) may do everything
PERMISSIONS = {"Shop": {}, "Duty": {}, "Member": {}, "Order": {}, "Line": {}}

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
