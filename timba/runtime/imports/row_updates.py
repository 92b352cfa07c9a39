"""The import's own staging rows written in bulk with plain statements: `insert_rows` (one
multi-row INSERT through the driver's executemany) and `set_columns` (`UPDATE … SET col = CASE
pk WHEN … END … WHERE pk IN (…)`). Django's bulk_create and bulk_update build SQL per value
and one ORM expression per row, which costs more than the writes themselves at thousands of
rows. Never used for the resources' rows: those go through the write pipeline."""

from __future__ import annotations

from django.db import connections

BATCH = 1000


def set_columns(model, rows, names: list[str], *, using: str | None = None) -> None:
    """Write the attributes `names` of the saved instances `rows` of `model`."""
    rows = list(rows)
    if not rows:
        return
    alias = using or model._default_manager.db
    connection = connections[alias]
    q = connection.ops.quote_name
    meta = model._meta
    fields = [meta.get_field(n) for n in names]
    pk = q(meta.pk.column)
    for start in range(0, len(rows), BATCH):
        part = rows[start : start + BATCH]
        sets, params = [], []
        for field in fields:
            whens = []
            for row in part:
                whens.append("WHEN %s THEN %s")
                params += [row.pk, field.get_db_prep_save(getattr(row, field.attname), connection)]
            sets.append(f"{q(field.column)} = CASE {pk} {' '.join(whens)} ELSE {q(field.column)} END")
        params += [row.pk for row in part]
        marks = ", ".join(["%s"] * len(part))
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {q(meta.db_table)} SET {', '.join(sets)} WHERE {pk} IN ({marks})", params)


def insert_rows(model, rows, names: list[str], *, using: str | None = None) -> None:
    """INSERT the unsaved instances `rows` of `model` (their attributes `names`; ids not read back)."""
    rows = list(rows)
    if not rows:
        return
    alias = using or model._default_manager.db
    connection = connections[alias]
    q = connection.ops.quote_name
    fields = [model._meta.get_field(n) for n in names]
    sql = f"INSERT INTO {q(model._meta.db_table)} ({', '.join(q(f.column) for f in fields)}) VALUES ({', '.join(['%s'] * len(fields))})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, [[f.get_db_prep_save(getattr(row, f.attname), connection) for f in fields] for row in rows[start : start + BATCH]])
