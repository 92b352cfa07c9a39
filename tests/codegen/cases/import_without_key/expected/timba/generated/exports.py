# generated from resources.yaml by codegen 0.1.0 — do not edit

"""Spreadsheet exports (CSV, XLSX) of the resources that enable import/export: their columns."""

from timba.models import Client, Reading
from timba.runtime.exports.columns import Column, Table

CLIENT_EXPORT = Table(
    Client,
    (
        Column("id", "integer"),
        Column("name", "text"),
        Column("created_at", "datetime"),
        Column("updated_at", "datetime"),
    ),
    "clients",
)

READING_EXPORT = Table(
    Reading,
    (
        Column("id", "integer"),
        Column("client", "reference", key="name"),
        Column("value", "decimal", places=3),
        Column("created_at", "datetime"),
        Column("updated_at", "datetime"),
    ),
    "readings",
)
