# generated from resources.yaml by codegen 0.1.0 — do not edit

"""Spreadsheet exports (CSV, XLSX) of the resources that enable import/export: their columns."""

from timba.models import Client, Consignment, Log, User
from timba.runtime.exports.columns import Column, Table

CLIENT_EXPORT = Table(
    Client,
    (
        Column("id", "integer"),
        Column("name", "text"),
        Column("address", "text"),
        Column("contact", "text"),
        Column("email", "text"),
        Column("plan", "text"),
        Column("seats", "integer"),
        Column("status", "text"),
        Column("paid_until", "date"),
        Column("created_at", "datetime"),
        Column("updated_at", "datetime"),
    ),
    "clients",
)

USER_EXPORT = Table(
    User,
    (
        Column("id", "integer"),
        Column("name", "text"),
        Column("username", "text"),
        Column("email", "text"),
        Column("contact", "text"),
        Column("address", "text"),
        Column("client", "reference", key="name"),
        Column("roles", "many", key="name"),
        Column("created_at", "datetime"),
        Column("updated_at", "datetime"),
    ),
    "users",
)

CONSIGNMENT_EXPORT = Table(
    Consignment,
    (
        Column("id", "integer"),
        Column("name", "text"),
        Column("type", "text"),
        Column("vehicle_number", "text"),
        Column("client", "reference", key="name"),
        Column("created_by", "reference", key="username"),
        Column("updated_by", "reference", key="username"),
        Column("created_at", "datetime"),
        Column("updated_at", "datetime"),
    ),
    "consignments",
)

LOG_EXPORT = Table(
    Log,
    (
        Column("id", "integer"),
        Column("consignment", "reference", key="name"),
        Column("client", "reference", key="name"),
        Column("barcode", "text"),
        Column("length", "decimal", places=3),
        Column("breadth", "decimal", places=3),
        Column("height", "decimal", places=3),
        Column("volume", "decimal", places=6),
        Column("created_at", "datetime"),
        Column("updated_at", "datetime"),
    ),
    "logs",
)
