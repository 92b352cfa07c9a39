"""Hand-written behaviour for Farm.

codegen created this file once and never overwrites it: it is yours. Generated fields live in
timba/generated/models.py (FarmBase); add methods, validation and overrides here.
"""

from timba.generated.models import FarmBase


class Farm(FarmBase):
    """A farm. Computed fields need a `compute_<field>(self)` method here; `clean(self)`
    adds validation that the API, the admin and imports all run."""


class AdminMixin:
    """Options and methods mixed into the generated FarmAdmin (django-unfold)."""


def extend_router(router):
    """Add hand-written endpoints to the /api/v1/farms router here."""
