"""Headings → fields: each heading is compared (timba.runtime.imports.headers) with the
spec's field names, labels and `import_export.aliases`, the full heading first, then without a
unit in brackets. A unit converts when the field declares it (`import_export.units`); a field
that declares units refuses a heading in another one; a field without units ignores the unit.

The result names every column's fate: the field it fills (and the factor its unit applies),
or ignored; and the problems that stop the import: a required field with no column (`supplied`
names fields the caller fills itself, e.g. the tenant), two columns for one field, an unknown
unit. `Mapping.check()` raises them as one ImportFileError for a clerk.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from timba.runtime.imports.descriptors import Column, Descriptor
from timba.runtime.imports.errors import ImportFileError
from timba.runtime.imports.headers import split_unit, squash


@dataclass(frozen=True)
class MappedColumn:
    index: int  # position in the row, 0 for the first column
    heading: str
    field: str
    unit: str | None = None  # the unit as the heading gives it, when it converts
    factor: Decimal | None = None  # multiplies each value; None: no conversion


@dataclass(frozen=True)
class Mapping:
    descriptor: Descriptor
    headings: tuple[str, ...]
    columns: tuple[MappedColumn, ...]
    ignored: tuple[tuple[int, str], ...]  # (index, heading) of the columns no field takes
    missing: tuple[str, ...]  # required fields without a column
    problems: tuple[str, ...]  # every reason the file cannot be imported, for a clerk

    @property
    def fields(self) -> dict[str, MappedColumn]:
        return {c.field: c for c in self.columns}

    @cached_property
    def pairs(self) -> tuple[tuple[MappedColumn, Column], ...]:
        """Each mapped column with the descriptor's column of its field (what conversion reads)."""
        return tuple((c, self.descriptor.column(c.field)) for c in self.columns)

    def check(self) -> Mapping:
        if self.problems:
            raise ImportFileError(" ".join(self.problems), code="columns")
        return self


def lookup_table(descriptor: Descriptor) -> dict[str, Column]:
    """Squashed heading → column: field names first, then labels, then aliases, so that an
    alias never takes another field's own name."""
    table: dict[str, Column] = {}
    for source in ("name", "label", "aliases"):
        for column in descriptor.columns:
            words = column.aliases if source == "aliases" else (getattr(column, source),)
            for word in words:
                for key in {squash(word), split_unit(word)[0]}:
                    if key:
                        table.setdefault(key, column)
    return table


def match(heading, table: dict[str, Column]) -> tuple[Column | None, str | None]:
    """The column a heading names and the unit it gives (squashed), if any."""
    text = "" if heading is None else str(heading)
    whole = squash(text)
    if not whole:
        return None, None
    base, unit = split_unit(text)
    if unit is not None and base in table:
        return table[base], unit
    if whole in table:
        return table[whole], None
    return None, None


def map_columns(headings, descriptor: Descriptor, *, supplied=()) -> Mapping:
    table = lookup_table(descriptor)
    headings = tuple("" if h is None else str(h).strip() for h in headings)
    columns: list[MappedColumn] = []
    ignored: list[tuple[int, str]] = []
    problems: list[str] = []
    taken: dict[str, MappedColumn] = {}
    for index, heading in enumerate(headings):
        column, unit = match(heading, table)
        if column is None:
            if heading:
                ignored.append((index, heading))
            continue
        factor, unit_problem = _factor(column, heading, unit)
        if unit_problem:
            problems.append(unit_problem)
        mapped = MappedColumn(index=index, heading=heading, field=column.name, unit=unit if column.units else None, factor=factor)
        if column.name in taken:
            problems.append(f"Columns '{taken[column.name].heading}' and '{heading}' are both {column.label}: keep one of them.")
            continue
        taken[column.name] = mapped
        columns.append(mapped)
    missing = tuple(c.name for c in descriptor.columns if c.required and c.name not in taken and c.name not in supplied)
    if missing:
        problems.insert(0, _missing_message(descriptor, missing, headings, supplied))
    return Mapping(descriptor, headings, tuple(columns), tuple(ignored), missing, tuple(problems))


def _factor(column: Column, heading: str, unit: str | None) -> tuple[Decimal | None, str | None]:
    if not column.units or unit is None:
        return None, None
    factors = {squash(u): f for u, f in column.units}
    if unit in factors:
        return (None if factors[unit] == 1 else factors[unit]), None
    known = ", ".join(u for u, _ in column.units)
    return None, f"Column '{heading}': the unit is not one of {known}."


def _missing_message(descriptor: Descriptor, missing, headings, supplied) -> str:
    def shown(column: Column) -> str:
        names = [column.label, *column.aliases]
        return f"{column.label} (or {', '.join(names[1:])})" if len(names) > 1 else column.label

    needed = "; ".join(shown(descriptor.column(name)) for name in missing)
    expected = ", ".join(c.label for c in descriptor.columns if c.name not in supplied)
    found = ", ".join(f"'{h}'" for h in headings if h) or "none"
    plural = "s" if len(missing) > 1 else ""
    return f"Required column{plural} missing: {needed}. Expected columns: {expected}. Found: {found}."
