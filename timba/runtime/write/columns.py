"""Step 4 for computed values: what a hook computes must fit its column, or the row would be
stored and then be unreadable (a decimal with more digits than the column holds breaks every
read of it). Decimals are first put at their column's scale, as the database would store them;
a value that still does not fit (too many digits before the point, outside the field's min and
max, beyond the column's integer range) is a 422 naming the input fields it comes from
(`computed_inputs` of the model, from the spec's `computed_from`), so the caller knows what to
change."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import connections, models


def quantize(instance) -> None:
    """Computed decimals at their column's scale."""
    for name in instance.computed_fields:
        field = instance._meta.get_field(name)
        value = getattr(instance, field.attname)
        if isinstance(field, models.DecimalField) and value is not None:
            try:
                value = Decimal(value).quantize(Decimal(1).scaleb(-field.decimal_places), rounding=ROUND_HALF_UP)
            except InvalidOperation:  # too large for the context: reported by `problems`
                continue
            setattr(instance, field.attname, value)


def _limit(field, value, alias: str) -> str | None:
    """Why `value` does not fit `field`'s column, or None."""
    if isinstance(field, models.DecimalField):
        try:
            value = Decimal(value)
            whole = field.max_digits - field.decimal_places
            digits = value.adjusted() + 1 if value else 0
        except (InvalidOperation, TypeError, ValueError):
            return "is not a number"
        if not value.is_finite() or digits > whole:
            return f"needs {digits} digits before the decimal point; its column holds {whole}"
    if isinstance(field, models.IntegerField):
        low, high = connections[alias].ops.integer_field_range(field.get_internal_type())
        if (low is not None and value < low) or (high is not None and value > high):
            return f"is outside the column's range {low} to {high}"
    for validator in field.validators:
        try:
            validator(value)
        except ValidationError as exc:
            return f"breaks its rule ({' '.join(exc.messages).rstrip('.')})"
        except (TypeError, ValueError, InvalidOperation):
            return "is not a number"
    return None


def problems(item, alias: str) -> None:
    """Record on `item` every computed value of its row that its column cannot hold."""
    instance = item.instance
    inputs = getattr(type(instance), "computed_inputs", {})
    for name in instance.computed_fields:
        field = instance._meta.get_field(name)
        value = getattr(instance, field.attname)
        if value is None:
            continue
        why = _limit(field, value, alias)
        if why is None:
            continue
        sources = inputs.get(name) or (name,)
        shown = f"{value:.3g}" if isinstance(value, (Decimal, float)) else str(value)
        label = field.verbose_name
        if sources == (name,):
            msg = f"The computed {label} would be {shown}, which {why}."
        else:
            names = " or ".join(filter(None, [", ".join(sources[:-1]), sources[-1]]))
            msg = f"These values make the {label} {shown}, which {why}: make {names} smaller."
        for source in sources:
            item.fail(_key(instance, source), msg, "computed_out_of_range")


def _key(instance, name: str) -> str:
    field = instance._meta.get_field(name)
    return field.attname if field.many_to_one else name
