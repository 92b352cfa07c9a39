"""Hand-written behaviour for Field.

codegen created this file once and never overwrites it: it is yours. Generated fields live in
timba/generated/models.py (FieldBase); add methods, validation and overrides here.
"""

from timba.generated.models import FieldBase


class Field(FieldBase):
    """A field. Computed fields need a `compute_<field>(self)` method here; `clean(self)`
    adds validation that the API, the admin and imports all run."""


class AdminMixin:
    """Options and methods mixed into the generated FieldAdmin (django-unfold)."""


def extend_router(router):
    """Add hand-written endpoints to the /api/v1/fields router here."""
