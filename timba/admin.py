"""Admin registrations live in the generated module; importing it registers them."""

from timba.generated import admin  # noqa: F401
