"""Hand-written behaviour for Order.

codegen created this file once and never overwrites it: it is yours. Generated fields live in
timba/generated/models.py (OrderBase); add methods, validation and overrides here.
"""

from timba.generated.models import OrderBase


class Order(OrderBase):
    """An order. Computed fields need a `compute_<field>(self)` method here; `clean(self)`
    adds validation that the API, the admin and imports all run."""


class AdminMixin:
    """Options and methods mixed into the generated OrderAdmin (django-unfold)."""


def extend_router(router):
    """Add hand-written endpoints to the /api/v1/orders router here."""
