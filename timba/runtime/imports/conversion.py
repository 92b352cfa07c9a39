"""A data row → the values of the fields its columns map to, and the errors of the cells
that do not suit their field (row, column, value, reason), by the field's kind
(timba.runtime.imports.values). An empty cell is None (a required field's is an error); a
reference or many-references value stays the text that names the row(s), for the caller to
resolve by natural key; a datetime without a zone is in the site's time zone."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from timba.runtime.imports import values
from timba.runtime.imports.descriptors import Column
from timba.runtime.imports.headers import squash
from timba.runtime.imports.mapping import MappedColumn, Mapping

TEXT_KINDS = {"string", "text", "email", "phone", "url"}


@dataclass(frozen=True)
class CellIssue:
    row: int  # the spreadsheet's row number
    column: str  # the heading
    field: str
    value: object
    message: str

    def __str__(self) -> str:
        shown = "" if self.value is None else f" '{values.text(self.value)}'"
        return f"Row {self.row}, column '{self.column}':{shown} {self.message}."


def convert(mapping: Mapping, row, *, convention: str = "point", date_order: str = "DMY") -> tuple[dict, list[CellIssue]]:
    """`row` is (row number, cells) as the table yields it."""
    number, cells = row
    out: dict = {}
    issues: list[CellIssue] = []
    for mapped, column in mapping.pairs:
        cell = cells[mapped.index] if mapped.index < len(cells) else None
        if values.is_empty(cell):
            out[column.name] = None
            if column.required:
                issues.append(CellIssue(number, mapped.heading, column.name, None, f"is empty; {column.label} is required"))
            continue
        try:
            out[column.name] = parse(column, mapped, cell, convention=convention, date_order=date_order)
        except values.CellError as exc:
            issues.append(CellIssue(number, mapped.heading, column.name, cell, str(exc)))
    return out, issues


def parse(column: Column, mapped: MappedColumn | None, cell, *, convention: str = "point", date_order: str = "DMY"):
    kind = column.kind
    factor: Decimal | None = mapped.factor if mapped else None
    if kind == "decimal":
        return values.scaled(values.number(cell, convention), factor)
    if kind == "integer":
        return values.whole(values.scaled(values.number(cell, convention), factor))
    if kind == "boolean":
        return values.boolean(cell)
    if kind == "date":
        return values.date(cell, date_order)
    if kind == "datetime":
        moment = values.datetime(cell, date_order)
        return timezone.make_aware(moment) if timezone.is_naive(moment) else moment
    if kind == "choice":
        return _choice(column, cell)
    if kind == "many-references":
        return [part.strip() for part in values.text(cell).replace(";", ",").split(",") if part.strip()]
    return values.text(cell)  # text kinds, a reference's natural key or id


def _choice(column: Column, cell) -> str:
    wanted = squash(values.text(cell))
    for value, label in column.choices:
        if wanted in {squash(value), squash(label)}:
            return value
    shown = ", ".join(label for _, label in column.choices)
    raise values.CellError(f"is not one of {shown}")
