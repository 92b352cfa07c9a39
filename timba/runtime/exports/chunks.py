"""The rows of a queryset in chunks, in a given order, in constant memory on every database.

Each chunk is one query: `ORDER BY <keys> LIMIT <size>` after the last row of the chunk before
(keyset pagination, timba.runtime.pagination's sort keys, ties broken by the primary key), so
memory holds one chunk whatever the table's size. (`QuerySet.iterator()` would too on
PostgreSQL, but MySQL's driver reads the whole result into memory first.) Rows inserted while
an export runs may or may not appear; none is written twice or skipped.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist

from timba.runtime.pagination import after, sort_keys

CHUNK_SIZE = 2000


def order_of(queryset) -> list[str]:
    """The queryset's own order when it is plain columns of its model (an admin changelist's
    sort), else the model's default ordering."""
    model = queryset.model
    names = [o for o in queryset.query.order_by if isinstance(o, str)]
    if names and len(names) == len(queryset.query.order_by) and all(_is_column(model, n.lstrip("-")) for n in names):
        return names
    return list(model._meta.ordering or ["pk"])


def _is_column(model, name: str) -> bool:
    if name == "pk":
        return True
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return getattr(field, "concrete", False) and not field.many_to_many


def chunks(queryset, order: list[str], names: list[str], size: int | None = None):
    """Lists of up to `size` tuples of `names` (then the primary key) of `queryset`'s rows, in
    `order` (field names, '-' for descending)."""
    size = size or CHUNK_SIZE
    keys = sort_keys(queryset.model, order)
    queryset = queryset.prefetch_related(None).order_by(*(key.expression() for key in keys))
    extra = [key.attname for key in keys]
    pk = queryset.model._meta.pk.attname
    wanted = list(dict.fromkeys([*names, pk, *extra]))
    picks = [wanted.index(name) for name in [*names, pk]]
    at = [wanted.index(name) for name in extra]
    last = None
    while True:
        page = queryset if last is None else queryset.filter(after(keys, last))
        rows = list(page.values_list(*wanted)[:size])
        if rows:
            yield [tuple(row[i] for i in picks) for row in rows]
        if len(rows) < size:
            return
        last = [rows[-1][i] for i in at]
