"""The dashboard's figures and charts for one viewer, each from aggregate queries over the rows
the viewer may see (timba.runtime.access: a tenant's own, every tenant's for platform staff):
one query per resource for all of its figures, one per chart grouped per week, two per chart
grouped by a reference (the groups, then the names of the largest). The number of queries
never depends on the number of rows; nothing is computed row by row in Python."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import models
from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from timba.runtime import access
from timba.runtime.dashboard import Measure

UNNAMED = "(none)"  # the group of rows whose reference is empty


@dataclass(frozen=True)
class Figure:
    measure: Measure
    value: int | Decimal

    @property
    def text(self) -> str:
        return number_text(self.value, places(self.measure))


@dataclass(frozen=True)
class Chart:
    measure: Measure
    labels: tuple[str, ...]
    values: tuple[int | Decimal, ...]

    @property
    def total(self) -> int | Decimal:
        return sum(self.values, Decimal(0) if _is_decimal(self.measure) else 0)


def places(measure: Measure) -> int:
    """Digits after the point shown: a sum of a decimal field's, at most 2; none for counts."""
    if measure.op == "count":
        return 0
    field = measure.model._meta.get_field(measure.field)
    return min(field.decimal_places, 2) if isinstance(field, models.DecimalField) else 0


def number_text(value, digits: int) -> str:
    return f"{value:,.{digits}f}" if digits else f"{int(value):,}"


def visible(user, measure: Measure) -> bool:
    return access.allowed(user, measure.model, "list")


def _rows(user, measure: Measure):
    model = measure.model
    return access.scope(model._default_manager.all(), user).order_by()


def _aggregate(measure: Measure):
    return Count("pk") if measure.op == "count" else Sum(measure.field)


def _is_decimal(measure: Measure) -> bool:
    return measure.op == "sum" and isinstance(measure.model._meta.get_field(measure.field), models.DecimalField)


def _value(measure: Measure, raw) -> int | Decimal:
    return Decimal(raw or 0) if _is_decimal(measure) else int(raw or 0)


def figures(user, measures) -> list[Figure]:
    """The viewer's figures, in order: those of resources they may list. One query per
    resource, whatever the number of its figures."""
    shown = [m for m in measures if visible(user, m)]
    values: dict[int, object] = {}
    for resource in dict.fromkeys(m.resource for m in shown):
        mine = [(i, m) for i, m in enumerate(shown) if m.resource == resource]
        result = _rows(user, mine[0][1]).aggregate(**{f"m{i}": _aggregate(m) for i, m in mine})
        values |= {i: result[f"m{i}"] for i, _ in mine}
    return [Figure(m, _value(m, values[i])) for i, m in enumerate(shown)]


def chart(user, measure: Measure) -> Chart:
    return _by_reference(user, measure) if measure.by else _per_week(user, measure)


def _by_reference(user, measure: Measure) -> Chart:
    """The `top` largest groups, largest first; their names in one more query. Grouped by the
    tenant column too (the same groups when the referenced row belongs to the row's tenant):
    the index the dashboard gives the model (tenant, reference, summed field) then serves the
    grouping in its own order, for staff across tenants as for one tenant."""
    reference = measure.model._meta.get_field(measure.by)
    column = reference.attname
    path = access.tenant_path(measure.model)
    tenant = measure.model._meta.get_field(path).attname if path not in (None, "self") else None
    groups = list(
        _rows(user, measure)
        .values(*dict.fromkeys(c for c in (tenant, column) if c))
        .annotate(_value=_aggregate(measure))
        .order_by("-_value", column)
        .values_list(column, "_value")[: measure.top]
    )
    ids = [pk for pk, _ in groups if pk is not None]
    named = reference.related_model._default_manager.in_bulk(ids) if ids else {}
    labels = tuple(str(named[pk]) if pk in named else UNNAMED for pk, _ in groups)
    return Chart(measure, labels, tuple(_value(measure, v) for _, v in groups))


def week_starts(weeks: int, today: date | None = None) -> list[date]:
    """The Mondays of the last `weeks` weeks, this one last."""
    today = today or timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    return [monday - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]


def _per_week(user, measure: Measure) -> Chart:
    """One point per week of the last `weeks`, empty weeks 0. Grouped per day in the database
    (DATE() is much cheaper per row than a week's truncation) and the at most 7 × weeks day
    totals added up per week here."""
    starts = week_starts(measure.weeks)
    field = measure.model._meta.get_field(measure.per_week)
    since = starts[0]
    day = measure.per_week
    rows = _rows(user, measure)
    if isinstance(field, models.DateTimeField):
        since = timezone.make_aware(datetime.combine(since, time.min))
        rows, day = rows.annotate(_day=TruncDate(measure.per_week)), "_day"
    grouped = (
        rows.filter(**{f"{measure.per_week}__gte": since})
        .values(day)
        .annotate(_value=_aggregate(measure))
        .values_list(day, "_value")
    )
    totals: dict[date, object] = {}
    for when, value in grouped:  # one row per day, at most 7 × weeks
        week = when - timedelta(days=when.weekday())
        totals[week] = totals.get(week, 0) + (value or 0)
    values = tuple(_value(measure, totals.get(week, 0)) for week in starts)
    return Chart(measure, tuple(f"{week:%d %b}" for week in starts), values)
