# generated from resources.yaml by codegen 0.1.0 — do not edit

"""Spreadsheet exports (CSV, XLSX) of the resources that enable import/export: their columns."""

from timba.models import Item, Warehouse
from timba.runtime.exports.columns import Column, Table

WAREHOUSE_EXPORT = Table(
    Warehouse,
    (
        Column("id", "integer"),
        Column("code", "text"),
        Column("city", "text"),
    ),
    "depots",
)

ITEM_EXPORT = Table(
    Item,
    (
        Column("id", "integer"),
        Column("title", "text"),
        Column("notes", "text"),
        Column("contact_email", "text"),
        Column("phone", "text"),
        Column("website", "text"),
        Column("quantity", "integer"),
        Column("price", "decimal", places=2),
        Column("weight", "decimal", places=3),
        Column("active", "boolean"),
        Column("archived", "boolean"),
        Column("received_on", "date"),
        Column("checked_at", "datetime"),
        Column("status", "text"),
        Column("grade", "text"),
        Column("warehouse", "reference", key="code"),
        Column("city", "text"),
        Column("tags", "many", key="name"),
        Column("score", "integer"),
        Column("created_by", "reference", key="username"),
        Column("updated_by", "reference", key="username"),
        Column("created_at", "datetime"),
        Column("updated_at", "datetime"),
    ),
    "items",
)
