"""Hand-written behaviour for Member.

codegen created this file once and never overwrites it: it is yours. Generated fields live in
timba/generated/models.py (MemberBase); add methods, validation and overrides here.
"""

from timba.generated.models import MemberBase


class Member(MemberBase):
    """A member. Computed fields need a `compute_<field>(self)` method here; `clean(self)`
    adds validation that the API, the admin and imports all run."""


class AdminMixin:
    """Options and methods mixed into the generated MemberAdmin (django-unfold)."""


def extend_router(router):
    """Add hand-written endpoints to the /api/v1/members router here."""
