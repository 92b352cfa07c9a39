"""The columns of an export, as the generated code declares them (timba/generated/exports.py),
and how one chunk of rows is read.

A `Column` is one field of the resource: its header is the field's name (what the import
accepts, so an export re-imports), its `cell` the kind of value (timba.runtime.exports.cells).
A reference is written by the target's natural key (`key`: the target's import key without
its tenant, e.g. a name; its id when it has none), a many-reference as the natural keys of its
rows, comma-separated. The columns are the django-import-export resource's: the id, every
field and the timestamps (the id is exported, never imported).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str  # the field, and the header
    cell: str  # one of cells.KINDS
    key: str | None = None  # a reference's (or many-reference's): the target field naming a row
    places: int | None = None  # a decimal's decimal places (its number format in XLSX)

    @property
    def lookup(self) -> str:
        """What `.values_list()` reads for it: the column, or the referenced row's key."""
        named = self.cell == "reference" and self.key not in (None, "id", "pk")
        return f"{self.name}__{self.key}" if named else self.name


@dataclass(frozen=True)
class Table:
    """The export of one resource: its model, its columns, the stem of its file names."""

    model: type
    columns: tuple[Column, ...]
    name: str  # `logs`: logs-20260131-080000.csv

    @property
    def headers(self) -> list[str]:
        return [column.name for column in self.columns]

    @property
    def selected(self) -> list[str]:
        """The `.values_list()` names of the columns read with the row (many-references are
        read per chunk, `many_keys`)."""
        return [column.lookup for column in self.columns if column.cell != "many"]

    def values(self, rows: list[tuple]) -> list[list]:
        """The chunk `rows` (tuples of `selected`, then the primary key) as lists of every
        column's value, many-references filled in with one query each for the whole chunk."""
        many = [c for c in self.columns if c.cell == "many"]
        keys = {c.name: many_keys(self.model, c.name, c.key, [row[-1] for row in rows]) for c in many}
        out = []
        for row in rows:
            values, read = [], iter(row)
            for column in self.columns:
                values.append(keys[column.name].get(row[-1], []) if column.cell == "many" else next(read))
            out.append(values)
        return out


def many_keys(model, name: str, key: str | None, pks: list) -> dict:
    """{row pk: [the natural keys of its related rows, sorted]} for the rows `pks`, one query."""
    if not pks:
        return {}
    field = model._meta.get_field(name)
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    named = f"{target}__{key or 'pk'}"
    pairs = through._default_manager.filter(**{f"{source}__in": pks}).order_by(named).values_list(f"{source}_id", named)
    out: dict = {}
    for pk, value in pairs:
        out.setdefault(pk, []).append(value)
    return out
