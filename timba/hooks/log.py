"""Hand-written behaviour for Log.

codegen created this file once and never overwrites it: it is yours. Generated fields live in
timba/generated/models.py (LogBase); add methods, validation and overrides here.
"""

from decimal import ROUND_HALF_UP, Decimal

from timba.generated.models import LogBase

CUBIC_METRE = Decimal("0.000001")


class Log(LogBase):
    """A timber log. Its volume follows from its dimensions and is stored, so that lists and
    sums never compute it row by row."""

    def compute_volume(self):
        if None in (self.length, self.breadth, self.height):
            return None
        volume = Decimal(self.length) * Decimal(self.breadth) * Decimal(self.height)
        return volume.quantize(CUBIC_METRE, rounding=ROUND_HALF_UP)


class AdminMixin:
    """Options and methods mixed into the generated LogAdmin (django-unfold)."""


def extend_router(router):
    """Add hand-written endpoints to the /api/v1/logs router here."""
