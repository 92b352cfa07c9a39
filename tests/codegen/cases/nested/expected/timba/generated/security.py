# generated from resources.yaml by codegen 0.1.0 — do not edit

"""The security model declared in resources.yaml, as data for timba.runtime.access."""

TENANT = None

ROLES = ()

CHANNELS = {}

SUBSCRIPTION = {}

# resource → path to its tenant: 'self' for the tenant itself, a reference field, or
# absent for data shared by every tenant (readable per PERMISSIONS, writable by staff)
TENANT_PATHS = {}

# resource → operation → roles allowed; platform staff (superusers) may do everything
PERMISSIONS = {"Shop": {}, "Shelf": {}, "Book": {}}
