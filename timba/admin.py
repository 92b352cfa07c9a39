"""Admin registrations live in the generated module; importing it registers them. The import
runs' admin is the runtime's."""

from timba.generated import admin  # noqa: F401
from timba.runtime.admin_imports import runs  # noqa: F401
