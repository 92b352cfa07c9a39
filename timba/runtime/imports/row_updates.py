"""The import's own staging rows written in bulk with plain statements: `insert_rows` (one
multi-row INSERT through the driver's executemany) and `set_columns` (one UPDATE joined to the
new values per batch). Django's bulk_create and bulk_update build SQL per value
and one ORM expression per row, which costs more than the writes themselves at thousands of
rows. Never used for the resources' rows: those go through the write pipeline."""

from __future__ import annotations

import json

import orjson
from django.db import connections, models

BATCH = 1000


def _prep(field, connection):
    """A column's value as the driver takes it: JSON columns serialised with orjson (the values
    are JSON-safe already, timba.runtime.imports.codec), the rest as the field prepares it."""
    if isinstance(field, models.JSONField) and field.encoder is None:
        def dump(value):
            if value is None:
                return None
            try:
                return orjson.dumps(value).decode()
            except TypeError:  # an integer beyond 64 bits
                return json.dumps(value)
        return dump
    return lambda value: field.get_db_prep_save(value, connection)


def set_columns(model, rows, names: list[str], *, using: str | None = None) -> None:
    """Write the attributes `names` of the saved instances `rows` of `model`: one UPDATE per
    BATCH rows, joined to the new values (MySQL/MariaDB: a derived table; SQLite: VALUES), or
    `SET col = CASE pk WHEN … END` elsewhere (its cost grows with the square of the rows)."""
    rows = list(rows)
    if not rows:
        return
    alias = using or model._default_manager.db
    connection = connections[alias]
    q = connection.ops.quote_name
    meta = model._meta
    fields = [meta.get_field(n) for n in names]
    preps = [_prep(f, connection) for f in fields]
    table, pk = q(meta.db_table), q(meta.pk.column)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            part = rows[start : start + BATCH]
            values = [[row.pk, *(prep(getattr(row, f.attname)) for f, prep in zip(fields, preps, strict=True))] for row in part]
            params = [v for row in values for v in row]
            if connection.vendor == "mysql":
                first = "SELECT %s AS k, " + ", ".join(f"%s AS v{i}" for i in range(len(fields)))
                more = " UNION ALL SELECT " + ", ".join(["%s"] * (len(fields) + 1))
                sets = ", ".join(f"t.{q(f.column)} = v.v{i}" for i, f in enumerate(fields))
                sql = f"UPDATE {table} t JOIN ({first}{more * (len(part) - 1)}) v ON t.{pk} = v.k SET {sets}"
            elif connection.vendor == "sqlite":
                marks = ", ".join(["(" + ", ".join(["%s"] * (len(fields) + 1)) + ")"] * len(part))
                sets = ", ".join(f"{q(f.column)} = v.column{i + 2}" for i, f in enumerate(fields))
                sql = f"UPDATE {table} SET {sets} FROM (VALUES {marks}) AS v WHERE {table}.{pk} = v.column1"
            else:
                sets, params = [], []
                for i, field in enumerate(fields):
                    whens = []
                    for row in values:
                        whens.append("WHEN %s THEN %s")
                        params += [row[0], row[i + 1]]
                    sets.append(f"{q(field.column)} = CASE {pk} {' '.join(whens)} ELSE {q(field.column)} END")
                params += [row[0] for row in values]
                sql = f"UPDATE {table} SET {', '.join(sets)} WHERE {pk} IN ({', '.join(['%s'] * len(part))})"
            cursor.execute(sql, params)


def insert_rows(model, rows, names: list[str], *, using: str | None = None) -> None:
    """INSERT the unsaved instances `rows` of `model`, or any objects with its fields'
    attributes (their attributes `names`; ids not read back)."""
    rows = list(rows)
    if not rows:
        return
    alias = using or model._default_manager.db
    connection = connections[alias]
    q = connection.ops.quote_name
    fields = [model._meta.get_field(n) for n in names]
    columns = [(f.attname, _prep(f, connection)) for f in fields]
    sql = f"INSERT INTO {q(model._meta.db_table)} ({', '.join(q(f.column) for f in fields)}) VALUES ({', '.join(['%s'] * len(fields))})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, [[prep(getattr(row, name)) for name, prep in columns] for row in rows[start : start + BATCH]])
