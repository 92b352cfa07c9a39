"""Column values the database hands over already as their JSON text.

Reading a page of 500 rows, most of the Python time goes to turning each DATETIME into an aware
`datetime` (the driver parses it, Django makes it aware) and each DECIMAL into a `Decimal`, only
for orjson to turn them back into text. On MySQL/MariaDB the database writes that text itself
(`DATE_FORMAT`, `CAST(... AS CHAR)`), exactly as orjson would write the Python values: a
datetime in UTC as `2026-11-24T03:45:15.689099+00:00` (no fraction when the microseconds are 0),
a date as `2026-11-24`, a decimal at its column's scale (`11.476`). On other databases, or when
datetimes are not stored in UTC, `expressions` is empty and the values come as Python objects.
`tests/app/test_rows.py` compares both ways on the suite's database, MariaDB included.
"""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.db import connections, models
from django.db.models import CharField, Func
from django.db.models.functions import Cast

# Func templates are %-formatted by Django, then the SQL again by MySQLdb: %%%% is one % in SQL.
_SECOND = "%%%%Y-%%%%m-%%%%dT%%%%H:%%%%i:%%%%s"


class _MySQLDateTime(Func):
    output_field = CharField()
    template = (
        f"IF(MICROSECOND(%(expressions)s) = 0, DATE_FORMAT(%(expressions)s, '{_SECOND}+00:00'), "
        f"DATE_FORMAT(%(expressions)s, '{_SECOND}.%%%%f+00:00'))"
    )


class _MySQLDate(Func):
    output_field = CharField()
    template = "DATE_FORMAT(%(expressions)s, '%%%%Y-%%%%m-%%%%d')"


def _mysql(field):
    if isinstance(field, models.DateTimeField):
        return _MySQLDateTime(field.attname)
    if isinstance(field, models.DateField):
        return _MySQLDate(field.attname)
    if isinstance(field, models.DecimalField):
        return Cast(field.attname, CharField())
    return None


@cache
def _renderer(alias: str):
    connection = connections[alias]
    if connection.vendor == "mysql" and settings.USE_TZ and connection.timezone_name == "UTC":
        return _mysql
    return None


def expressions(model, alias: str) -> dict:
    """{attname: an expression giving the column's JSON text} for the columns of `model` the
    database `alias` can render; empty when it renders none."""
    render = _renderer(alias)
    if render is None:
        return {}
    out = {}
    for field in model._meta.concrete_fields:
        expression = render(field)
        if expression is not None:
            out[field.attname] = expression
    return out
