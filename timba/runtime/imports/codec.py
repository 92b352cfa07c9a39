"""Values as the import stages them: JSON-safe (decimals, dates and datetimes as text), read
back by the model field they belong to; and a stored row's fingerprint, the version confirm and
undo compare so that a row changed by someone else in between is noticed."""

from __future__ import annotations

import functools
import hashlib
from datetime import date, datetime, time, timedelta
from decimal import Decimal


def encode(value):
    """A value (a cell, a field's value, a list of them) as JSON can hold it."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if value == value and value not in (float("inf"), float("-inf")) else str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return [v if type(v) in _PLAIN else encode(v) for v in value]  # a row's cells: mostly text
    return str(value)


_PLAIN = frozenset({str, int, type(None)})


def decode(field, value):
    """A staged value back as `field` (a model field) takes it."""
    if value is None:
        return None
    if field.many_to_many:
        return list(value)
    if field.many_to_one:
        return field.target_field.to_python(value)
    return field.to_python(value)


def decode_data(meta, data: dict) -> dict:
    """Staged payload values (by payload key) back as the model of `meta` takes them."""
    fields = _by_key(meta)
    return {key: decode(fields[key], value) if key in fields else value for key, value in data.items()}


@functools.cache
def _by_key(meta) -> dict:
    """{payload key (a field's name, a reference's attname): field} of a model."""
    out = {}
    for field in meta.get_fields():
        out[field.name] = field
        if getattr(field, "attname", None):
            out[field.attname] = field
    return out


def fingerprint(snapshot: dict) -> str:
    """A short digest of a row's column values (write.snapshot of a row read from the database)."""
    text = repr(sorted((name, encode(value)) for name, value in snapshot.items()))
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def snapshots(model, pks, *, lock: bool = False) -> dict:
    """{pk: the row's column values} of the stored rows `pks`, read as write.snapshot reads an
    instance (the same converters), without building instances: one query."""
    names = [f.attname for f in model._meta.concrete_fields]
    rows = model._default_manager.select_for_update() if lock else model._default_manager.all()
    pk = model._meta.pk.attname
    return {values[pk]: values for values in (dict(zip(names, row, strict=True)) for row in rows.filter(pk__in=list(pks)).order_by().values_list(*names))}
