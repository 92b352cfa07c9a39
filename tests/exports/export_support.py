"""Shared by tests/exports: the resources the spec exports, their tables, reading files back."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from spec_rows import RESOURCES, JsonClient, model_of

from timba.generated import exports as generated
from timba.generated import security as spec

WITH_IE = [pytest.param(r, id=r.name) for r in RESOURCES if r.import_export]
FORMATS = ("csv", "xlsx")
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def table_of(res):
    return getattr(generated, f"{res.snake.upper()}_EXPORT")


def export_url(res) -> str:
    return f"/api/v1/{res.plural}/export"


def text_field(res):
    """The first writable text field that is no key of a reference (the one a test puts
    dangerous text in), or None."""
    return next((f for f in res.input_fields if f.field_type.cell == "text" and f.kind != "choice"
                 and f.kind in {"string", "text"}), None)


def read_csv(body: bytes) -> list[dict]:
    assert body.startswith(b"\xef\xbb\xbf"), body[:10]
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def read_xlsx(body: bytes) -> list[dict]:
    """{header: cell} per data row (the openpyxl cells, for their data_type and number_format)."""
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    rows = list(sheet.iter_rows())
    headers = [c.value for c in rows[0]]
    return [dict(zip(headers, row, strict=False)) for row in rows[1:]]


def rows_by_id(res, fmt: str, body: bytes) -> dict[int, dict]:
    if fmt == "csv":
        return {int(r["id"]): r for r in read_csv(body)}
    return {int(r["id"].value): r for r in read_xlsx(body)}


def value(fmt: str, cell):
    return cell if fmt == "csv" else cell.value


def roles_for(op: str, res) -> tuple[str, ...]:
    return dict(res.permissions).get(op, ())


def tenant_client(client, user) -> JsonClient:
    from timba.tokens.models import ApiToken

    return JsonClient(client, ApiToken.issue(user)[1])


API_ROLE = spec.CHANNELS["api"]
__all__ = ["API_ROLE", "model_of"]
