"""Hand-written behaviour for Book.

codegen created this file once and never overwrites it: it is yours. Generated fields live in
timba/generated/models.py (BookBase); add methods, validation and overrides here.
"""

from timba.generated.models import BookBase


class Book(BookBase):
    """A library book. Computed fields need a `compute_<field>(self)` method here; `clean(self)`
    adds validation that the API, the admin and imports all run."""


class AdminMixin:
    """Options and methods mixed into the generated BookAdmin (django-unfold)."""


def extend_router(router):
    """Add hand-written endpoints to the /api/v1/books router here."""
