"""Step 5 for the new rows of a batch: multi-row INSERT statements built directly, the ids read
back with RETURNING where the backend has it (MariaDB 10.5+, SQLite 3.35+, PostgreSQL), else
found by a unique key (`find_pks`).

Django's bulk_create compiles one SQL expression per value and spends more time doing so than
the database spends inserting (measured with bench/import_rows.py: about two thirds of its time
at 2,000 rows per statement). This builds the same statement: every value through its field's
`pre_save` (auto_now stamps) and `get_db_prep_save`, the same placeholders, batches no larger
than the backend takes (`bulk_batch_size`). Models with a multi-table parent or a database
default expression take Django's own bulk_create.
"""

from __future__ import annotations

from django.db import connections
from django.db.models import NOT_PROVIDED


def insert(model, rows: list, find_pks) -> None:
    """INSERT the unsaved instances `rows` of `model`; each gets its pk. `find_pks(rows)` sets the
    pks of rows a backend without RETURNING inserted."""
    if not rows:
        return
    meta = model._meta
    manager = model._default_manager
    pk = meta.pk
    given = sum(1 for row in rows if getattr(row, pk.attname) is not None)
    if meta.parents or 0 < given < len(rows) or any(f.db_default is not NOT_PROVIDED for f in meta.concrete_fields):
        manager.bulk_create(rows)
        if any(row.pk is None for row in rows):
            find_pks(rows)
        return
    for row in rows:  # as bulk_create: a reference to an unsaved row is refused
        row._prepare_related_fields_for_save(operation_name="bulk_create")
    alias = manager.db
    connection = connections[alias]
    ops, q = connection.ops, connection.ops.quote_name
    fields = [f for f in meta.concrete_fields if f is not pk or given]
    returning = connection.features.can_return_rows_from_bulk_insert and not given
    size = max(1, ops.bulk_batch_size(fields, rows) or len(rows))
    head = f"INSERT INTO {q(meta.db_table)} ({', '.join(q(f.column) for f in fields)}) VALUES "
    row_marks = "(" + ", ".join(["%s"] * len(fields)) + ")"
    tail = f" RETURNING {q(pk.column)}" if returning else ""
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            part = rows[start : start + size]
            params = []
            for row in part:
                for field in fields:
                    params.append(field.get_db_prep_save(field.pre_save(row, True), connection))
            cursor.execute(head + ", ".join([row_marks] * len(part)) + tail, params)
            if returning:
                for row, (value,) in zip(part, cursor.fetchall(), strict=True):
                    setattr(row, pk.attname, pk.to_python(value))
    if not returning and not given:
        find_pks(rows)
    for row in rows:
        row._state.adding, row._state.db = False, alias
