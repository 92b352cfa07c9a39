"""Seats and subscriptions on the dashboard (`security.subscription` in resources.yaml): a tenant
user sees their tenant's status, paid-until date and seats used of seats; platform staff see
every tenant's, as totals and counts per status, and the tenants whose subscription is lapsing
(a status that is not active, or a paid-until date within the dashboard's days or past). A
fixed number of aggregate queries, however many tenants or users there are."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from timba.runtime import access
from timba.runtime.imports.context import model_named
from timba.runtime.registry import security as rules

LAPSING_SHOWN = 10  # the lapsing tenants listed; the rest are counted
ACTIVE = "is_active"  # Django's flag on the auth user: an inactive account holds no seat


@dataclass(frozen=True)
class Standing:
    """One tenant's subscription: its status (value and label), paid-until date, seats."""

    tenant: object
    status: str
    status_label: str
    active: bool  # the status lets its users in
    paid_until: date | None
    seats: int | None
    used: int | None

    @property
    def days_left(self) -> int | None:
        return None if self.paid_until is None else (self.paid_until - timezone.localdate()).days

    @property
    def lapsed(self) -> bool:
        return not self.active or (self.days_left is not None and self.days_left < 0)

    @property
    def seats_percent(self) -> int:
        if not self.seats:
            return 100 if self.used else 0
        return min(100, round(100 * (self.used or 0) / self.seats))


@dataclass(frozen=True)
class Platform:
    tenants: int
    by_status: tuple[tuple[str, str, int, bool], ...]  # (value, label, tenants, active)
    seats: int | None
    used: int | None
    lapsing: tuple[Standing, ...]
    lapsing_count: int

    @property
    def seats_percent(self) -> int:
        return min(100, round(100 * (self.used or 0) / self.seats)) if self.seats else 0


def _holders():
    """(seat-holder model, its tenant reference's column) or None when seats are not declared."""
    sub = rules().subscription
    if not sub.get("seats") or not sub.get("seat_holders"):
        return None
    model = model_named(sub["seat_holders"])
    return model, model._meta.get_field(access.tenant_path(model)).attname


def _active_holders(model):
    rows = model._default_manager.order_by()
    return rows.filter(**{ACTIVE: True}) if hasattr(model, ACTIVE) else rows


def _standing(tenant, used) -> Standing:
    sub = rules().subscription
    status = getattr(tenant, sub["status"])
    label = dict(tenant._meta.get_field(sub["status"]).flatchoices).get(status, status)
    return Standing(
        tenant=tenant,
        status=status,
        status_label=str(label),
        active=status in sub["active"],
        paid_until=getattr(tenant, sub["paid_until"]) if sub.get("paid_until") else None,
        seats=getattr(tenant, sub["seats"]) if sub.get("seats") else None,
        used=used,
    )


def tenant_standing(user) -> Standing | None:
    """The user's tenant's subscription (None for staff, strangers or no subscription rules)."""
    if not rules().subscription or access.is_staff(user):
        return None
    tenant = access.tenant_of(user)
    if tenant is None:
        return None
    holders = _holders()
    used = None
    if holders is not None:
        model, column = holders
        used = _active_holders(model).filter(**{column: tenant.pk}).count()
    return _standing(tenant, used)


def platform_standing(lapsing_within_days: int) -> Platform | None:
    """Every tenant's subscriptions, for platform staff."""
    sub = rules().subscription
    if not sub or not rules().tenant:
        return None
    tenants = model_named(rules().tenant)._default_manager.order_by()
    status_field = tenants.model._meta.get_field(sub["status"])
    labels = dict(status_field.flatchoices)
    counts = dict(tenants.values(sub["status"]).annotate(_n=Count("pk")).values_list(sub["status"], "_n"))
    by_status = tuple(
        (value, str(labels.get(value, value)), counts.get(value, 0), value in sub["active"])
        for value in [*labels, *sorted(set(counts) - set(labels))]
    )
    seats = used = None
    holders = _holders()
    if holders is not None:
        model, column = holders
        seats = tenants.aggregate(_s=Sum(sub["seats"]))["_s"] or 0
        used = _active_holders(model).filter(**{f"{column}__isnull": False}).count()
    lapsing = ~Q(**{f"{sub['status']}__in": sub["active"]})
    if sub.get("paid_until"):
        lapsing |= Q(**{f"{sub['paid_until']}__lte": timezone.localdate() + timedelta(days=lapsing_within_days)})
    rows = tenants.filter(lapsing)
    shown = rows
    if holders is not None:
        model, column = holders
        per_tenant = _active_holders(model).filter(**{column: OuterRef("pk")}).values(column)
        per_tenant = per_tenant.annotate(_n=Count("pk")).values("_n")
        shown = shown.annotate(_used=Coalesce(Subquery(per_tenant, output_field=IntegerField()), Value(0)))
    order = [F(sub["paid_until"]).asc(nulls_last=True)] if sub.get("paid_until") else []
    shown = list(shown.order_by(*order, "pk")[:LAPSING_SHOWN])
    lapsing_count = rows.count()  # always asked: the page's queries stay the same in number
    return Platform(
        tenants=sum(counts.values()),
        by_status=by_status,
        seats=seats,
        used=used,
        lapsing=tuple(_standing(t, getattr(t, "_used", None)) for t in shown),
        lapsing_count=lapsing_count,
    )
