# generated from resources.yaml by codegen 0.1.0 — do not edit

"""The security model declared in resources.yaml, registered into timba.runtime.registry when the app loads."""

from timba.runtime.registry import register_security

TENANT = "Client"

ROLES = ("web", "mobile", "client_admin")

# role → (label, description): how the admin presents a role
ROLE_LABELS = {
    "web": ("Web admin", "Opens the admin: lists, forms, imports and exports"),
    "mobile": ("Mobile app", "Uses the API with a token, e.g. the mobile app"),
    "client_admin": (
        "Client administrator",
        "Manages the client's users and roles, and deletes its records",
    ),
}

# the auth user's field holding its roles, and the role's field holding its name
USER_ROLES = "roles"
ROLE_NAME = "name"

# every tenant keeps at least one active user holding this role
ADMIN_ROLE = "client_admin"

CHANNELS = {"admin": "web", "api": "mobile"}

SUBSCRIPTION = {
    "status": "status",
    "active": ("trial", "active"),
    "paid_until": "paid_until",
    "seats": "seats",
    "seat_holders": "User",
}

# resource → path to its tenant: 'self' for the tenant itself, a reference field, or
# absent for data shared by every tenant (readable per PERMISSIONS, writable by staff)
TENANT_PATHS = {"Client": "self", "User": "client", "Consignment": "client", "Log": "client"}

# resource → operation → roles allowed; platform staff (superusers) may do everything
PERMISSIONS = {
    "Client": {"get": ("client_admin", "web", "mobile"), "list": ("client_admin", "web", "mobile")},
    "Role": {"get": ("client_admin", "web", "mobile"), "list": ("client_admin", "web", "mobile")},
    "User": {
        "create": ("client_admin",),
        "delete": ("client_admin",),
        "export": ("client_admin",),
        "get": ("client_admin",),
        "import": ("client_admin",),
        "list": ("client_admin",),
        "update": ("client_admin",),
    },
    "Consignment": {
        "create": ("web", "mobile", "client_admin"),
        "delete": ("client_admin",),
        "export": ("web", "client_admin"),
        "get": ("web", "mobile", "client_admin"),
        "import": ("web", "client_admin"),
        "list": ("web", "mobile", "client_admin"),
        "update": ("web", "client_admin"),
    },
    "Log": {
        "create": ("web", "mobile", "client_admin"),
        "delete": ("client_admin",),
        "export": ("web", "client_admin"),
        "get": ("web", "mobile", "client_admin"),
        "import": ("web", "client_admin"),
        "list": ("web", "mobile", "client_admin"),
        "update": ("web", "client_admin"),
    },
}

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
