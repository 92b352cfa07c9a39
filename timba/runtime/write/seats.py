"""Step 4 for the seat limit (`security.subscription.seats`): the rows of the seat-holder model
(users) that are active take a seat of their tenant, and a write may not take more seats than
the tenant has. Counted over the whole batch, per tenant, after locking the tenant rows (in
the write's transaction), so two writes at once cannot both take the last seat: the second
waits for the first to commit and then counts its rows too."""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.db.models import Count

from timba.runtime import access
from timba.runtime.registry import security as rules

ACTIVE = "is_active"  # Django's flag on the auth user: an inactive account holds no seat


def _active(instance) -> bool:
    return bool(getattr(instance, ACTIVE, True))


def _takes_a_seat(item, path_attname: str) -> bool:
    """A new active row, or a stored one that becomes active or moves to another tenant."""
    if not _active(item.instance) or getattr(item.instance, path_attname) is None:
        return False
    if not item.stored:
        return True
    was_active = item.before.get(ACTIVE, True)
    return not was_active or item.before.get(path_attname) != getattr(item.instance, path_attname)


def check(model, items) -> None:
    if not access.holds_seats(model):
        return
    subscription = rules().subscription
    path = access.tenant_path(model)
    attname = model._meta.get_field(path).attname
    takers = [i for i in items if i.ok and _takes_a_seat(i, attname)]
    if not takers:
        return
    by_tenant: dict = defaultdict(list)
    for item in takers:
        by_tenant[getattr(item.instance, attname)].append(item)
    reference = model._meta.get_field(path)
    connection = transaction.get_connection(model._default_manager.db)
    if connection.in_atomic_block and connection.features.has_select_for_update:
        locked = reference.related_model._default_manager.select_for_update().filter(pk__in=by_tenant)
        tenants = {t.pk: t for t in locked}
    else:  # nothing to lock: the tenant rows the reference check attached will do
        tenants = {tid: getattr(wanting[0].instance, path) for tid, wanting in by_tenant.items()}
    holders = model._default_manager.filter(**{f"{attname}__in": list(by_tenant)})
    if hasattr(model, ACTIVE):
        holders = holders.filter(**{ACTIVE: True})
    pks = [i.instance.pk for i in takers if i.instance.pk is not None]
    if pks:
        holders = holders.exclude(pk__in=pks)
    counts = dict(holders.order_by().values(attname).annotate(n=Count("pk")).values_list(attname, "n"))
    for tid, wanting in by_tenant.items():
        tenant = tenants.get(tid)
        seats = getattr(tenant, subscription["seats"], None) if tenant is not None else None
        if seats is None:
            continue
        used = counts.get(tid, 0)
        for item in wanting:
            if used >= seats:
                item.fail(
                    None,
                    f"{tenant} uses all {seats} seats of its plan; deactivate a user or ask platform staff for more seats.",
                    "seats",
                )
            used += 1
