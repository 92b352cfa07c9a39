"""Hand-written behaviour for Consignment.

codegen created this file once and never overwrites it: it is yours. Generated fields live in
timba/generated/models.py (ConsignmentBase); add methods, validation and overrides here.
"""

from timba.generated.models import ConsignmentBase


class Consignment(ConsignmentBase):
    """A consignment. Computed fields need a `compute_<field>(self)` method here; `clean(self)`
    adds validation that the API, the admin and imports all run."""


class AdminMixin:
    """Options and methods mixed into the generated ConsignmentAdmin (django-unfold)."""


def extend_router(router):
    """Add hand-written endpoints to the /api/v1/consignments router here."""
