"""Admin registrations live in the generated module; importing it registers them. The import
runs' admin is the runtime's; the dashboard (the index page) registers itself too."""

from timba.generated import admin, dashboard  # noqa: F401  (dashboard: registers the index page's figures)
from timba.runtime.admin_imports import runs  # noqa: F401
