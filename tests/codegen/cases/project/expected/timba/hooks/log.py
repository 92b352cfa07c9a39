"""Hand-written behaviour for Log.

codegen created this file once and never overwrites it: it is yours. Generated fields live in
timba/generated/models.py (LogBase); add methods, validation and overrides here.
"""

from timba.generated.models import LogBase


class Log(LogBase):
    """A timber log. Computed fields need a `compute_<field>(self)` method here; `clean(self)`
    adds validation that the API, the admin and imports all run."""

    def compute_volume(self):
        raise NotImplementedError("compute volume of Log in timba/hooks/log.py")


class AdminMixin:
    """Options and methods mixed into the generated LogAdmin (django-unfold)."""


def extend_router(router):
    """Add hand-written endpoints to the /api/v1/logs router here."""
