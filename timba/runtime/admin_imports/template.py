"""The import template: an XLSX whose first sheet's header row holds the columns the import maps
(each heading a cell comment naming its aliases, units, whether it is required and what it
takes), and a second sheet "Columns" with the same notes as a table. The import reads the
first sheet only, so the notes never become rows."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font

from timba.runtime.imports.descriptors import Descriptor

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def notes(column) -> dict[str, str]:
    takes = {"reference": f"a {column.target} by its {column.lookup or 'id'}" if column.target else "a reference"}.get(column.kind, column.kind)
    if column.choices:
        takes = "one of " + ", ".join(value for value, _label in column.choices)
    return {
        "required": "yes" if column.required else "no",
        "also named": ", ".join(column.aliases),
        "units": ", ".join(f"{unit} (× {factor})" for unit, factor in column.units),
        "takes": takes,
    }


def comment_text(column) -> str:
    lines = [f"{column.label} ({column.name})"]
    for key, value in notes(column).items():
        if value:
            lines.append(f"{key.capitalize()}: {value}")
    if column.units:
        lines.append(f"Put the unit in brackets in the heading, e.g. '{column.label} ({column.units[-1][0]})'.")
    return "\n".join(lines)


def template_workbook(descriptor: Descriptor, *, leave_out=()) -> bytes:
    columns = [c for c in descriptor.columns if c.name not in set(leave_out)]
    book = Workbook()
    sheet = book.active
    sheet.title = re.sub(r"[\[\]:*?/\\]", " ", str(descriptor.label or descriptor.resource))[:31] or "Sheet1"
    bold = Font(bold=True)
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.label)
        cell.font = bold
        text = comment_text(column)
        cell.comment = Comment(text, "timba", width=320)
        sheet.column_dimensions[cell.column_letter].width = max(12, len(column.label) + 4)
    sheet.freeze_panes = "A2"
    info = book.create_sheet("Columns")
    heads = ["heading", "field", "required", "also named", "units", "takes"]
    info.append(heads)
    for cell in info[1]:
        cell.font = bold
    for column in columns:
        n = notes(column)
        info.append([column.label, column.name, n["required"], n["also named"], n["units"], n["takes"]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
