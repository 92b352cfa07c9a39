"""Aggregates over reverse relations (`aggregates:` in resources.yaml), read from the generated
models' `aggregate_fields = {name: ("count", "logs") | ("sum", "logs.volume")}`.

`annotate` adds every aggregate of a model to a queryset as a correlated subquery, so the values
come in the same query as the rows however many aggregates, filters or rows there are (a join
with GROUP BY would multiply rows when several relations are aggregated, and would need every
selected column grouped). The related rows are narrowed to the caller's tenant like any read.
A count of no rows is 0 and so is a sum (never null), so clients need no special case.
"""

from decimal import Decimal

from django.db import models
from django.db.models import Count, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from timba.runtime import access


def _parts(model, path: str):
    """(related model, the reference field on it that points back at `model`, summed field)."""
    relation, _, field = path.partition(".")
    rel = model._meta.get_field(relation)
    return rel.related_model, rel.field.name, field or None


def _output_field(related, field: str | None):
    if field is None:
        return models.BigIntegerField()
    source = related._meta.get_field(field)
    if isinstance(source, models.DecimalField):
        # room for the sum of many rows; the scale stays the field's, so "0.000000" like the rows
        return models.DecimalField(max_digits=min(65, source.max_digits + 12), decimal_places=source.decimal_places)
    return models.BigIntegerField()


def expression(model, op: str, path: str, user=None, *, outer: str = "pk"):
    """The value of one aggregate for the row referenced by `outer`, as a subquery expression."""
    related, back, field = _parts(model, path)
    rows = related._default_manager.filter(**{back: OuterRef(outer)})
    if user is not None:
        rows = access.scope(rows, user)
    func = Count("pk") if op == "count" else Sum(field)
    output = _output_field(related, field if op == "sum" else None)
    sub = rows.order_by().values(back).annotate(_value=func).values("_value")
    zero = Decimal(0) if isinstance(output, models.DecimalField) else 0
    return Coalesce(Subquery(sub, output_field=output), Value(zero, output_field=output), output_field=output)


def annotate(queryset, user=None):
    """The queryset with the model's aggregates as annotations (unchanged when it has none)."""
    spec = getattr(queryset.model, "aggregate_fields", None)
    if not spec:
        return queryset
    return queryset.annotate(**{name: expression(queryset.model, op, path, user) for name, (op, path) in spec.items()})


def decimal_places(model, name: str) -> int | None:
    """The scale a decimal aggregate is given at ("1.500000" like the summed rows), else None."""
    op, path = model.aggregate_fields[name]
    output = _output_field(*_parts(model, path)[::2]) if op == "sum" else None
    return output.decimal_places if isinstance(output, models.DecimalField) else None


def aggregate_value(obj, name: str):
    """An aggregate of one row: the annotation when the row came through the selectors, else
    one query (a bare instance, e.g. in a hook). Decimal sums come at the summed field's scale
    ("1.500000" like the rows' own values), whatever the database returned."""
    model = type(obj)
    op, path = model.aggregate_fields[name]
    if name in vars(obj):
        value = vars(obj)[name]
    elif obj.pk is None:
        value = None
    else:
        rows = model._default_manager.filter(pk=obj.pk).annotate(_v=expression(model, op, path))
        value = rows.values_list("_v", flat=True).first()
    places = decimal_places(model, name)
    return int(value or 0) if places is None else Decimal(value or 0).quantize(Decimal(1).scaleb(-places))
