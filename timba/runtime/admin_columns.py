"""Change-list columns for what the spec knows beyond a row's own columns: its aggregates
(`aggregates:` named in `admin: list_display`), its many-references (a user's roles) and, on the
tenant resource, the seats its seat holders use against its `seats`.

Each column is a callable in the generated `list_display` that says what it needs from the
change list's query (`column.needs(queryset, user)`): an annotation, computed in the same query
as the rows (a correlated subquery, as the API's lists do), or a prefetch (one query for the
whole page), so a page costs the same number of queries however many rows it shows.
`ListColumnsMixin.get_queryset` applies them. An annotated column sorts on its annotation.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import BigIntegerField, Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from timba.runtime import access, aggregates
from timba.runtime.admin_roles import shown
from timba.runtime.registry import security as rules
from timba.runtime.write import seats

SEATS_USED = "timba_seats_used"  # the annotation counting a tenant's active seat holders


def _column(name: str, label: str, read, needs, *, ordering: str | None = None):
    def column(obj):
        return read(obj)

    column.__name__ = name  # the column's CSS class and its name in tests
    column.short_description = label
    column.needs = needs
    if ordering:
        column.admin_order_field = ordering
    return column


def aggregate_column(name: str, label: str):
    """The aggregate `name` of each row (`{count: logs}`, `{sum: logs.volume}`), sortable."""

    def needs(queryset, user):
        op, path = queryset.model.aggregate_fields[name]
        return queryset.annotate(**{name: aggregates.expression(queryset.model, op, path, user)})

    return _column(name, label, lambda obj: aggregates.aggregate_value(obj, name), needs, ordering=name)


def many_column(name: str, label: str):
    """The rows a many-references field holds, by label (a role's) or name, comma-separated."""

    def read(obj):
        return ", ".join(shown(row) for row in getattr(obj, name).all()) or "-"

    return _column(name, label, read, lambda queryset, user: queryset.prefetch_related(name))


def seats_expression(tenant_model):
    """The number of active seat holders (`subscription.seat_holders`) of each tenant row."""
    holder = apps.get_model(tenant_model._meta.app_label, rules().subscription["seat_holders"])
    path = access.tenant_path(holder)
    rows = holder._default_manager.filter(**{path: OuterRef("pk")})
    if any(f.name == seats.ACTIVE for f in holder._meta.concrete_fields):
        rows = rows.filter(**{seats.ACTIVE: True})
    counted = rows.order_by().values(path).annotate(_n=Count("pk")).values("_n")
    output = BigIntegerField()
    return Coalesce(Subquery(counted, output_field=output), Value(0, output_field=output), output_field=output)


def seats_column(name: str, label: str):
    """`used / seats` of each tenant row: its active seat holders against its field `name`
    (`subscription.seats`); sorted by the seats used."""

    def read(obj):
        limit = getattr(obj, name)
        used = getattr(obj, SEATS_USED, None)
        if used is None:  # a row that did not come through the change list
            used = type(obj)._default_manager.filter(pk=obj.pk).annotate(_u=seats_expression(type(obj))).values_list("_u", flat=True).first()
        return f"{used or 0} / {'-' if limit is None else limit}"

    def needs(queryset, user):
        return queryset.annotate(**{SEATS_USED: seats_expression(queryset.model)})

    return _column(name, label, read, needs, ordering=SEATS_USED)


class ListColumnsMixin:
    """The change list's query brings what its columns show (annotations, prefetches)."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        for column in self.list_display:
            needs = getattr(column, "needs", None)
            if needs is not None:
                queryset = needs(queryset, request.user)
        return queryset
