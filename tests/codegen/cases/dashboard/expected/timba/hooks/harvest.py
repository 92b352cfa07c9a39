"""Hand-written behaviour for Harvest.

codegen created this file once and never overwrites it: it is yours. Generated fields live in
timba/generated/models.py (HarvestBase); add methods, validation and overrides here.
"""

from timba.generated.models import HarvestBase


class Harvest(HarvestBase):
    """A crop harvest. Computed fields need a `compute_<field>(self)` method here; `clean(self)`
    adds validation that the API, the admin and imports all run."""


class AdminMixin:
    """Options and methods mixed into the generated HarvestAdmin (django-unfold)."""


def extend_router(router):
    """Add hand-written endpoints to the /api/v1/harvests router here."""
