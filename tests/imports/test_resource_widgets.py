"""The django-import-export resources read dates and times as the import engine reads a cell:
ISO 8601 with a zone (the API's own form) or without (the site's zone), day-first, serial."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import models
from spec_rows import RESOURCES, model_of

from timba.generated import resources as generated_resources
from timba.runtime.resource_widgets import CellDateTimeWidget, CellDateWidget

UTC = dt.UTC
MOMENTS = [
    ("2024-01-02T03:15:00Z", dt.datetime(2024, 1, 2, 3, 15, tzinfo=UTC)),
    ("2024-01-02 03:15:00+00:00", dt.datetime(2024, 1, 2, 3, 15, tzinfo=UTC)),
    ("2024-01-02T05:15:00+02:00", dt.datetime(2024, 1, 2, 3, 15, tzinfo=UTC)),
    ("2024-01-02 03:15:00", dt.datetime(2024, 1, 2, 3, 15, tzinfo=UTC)),  # the site's zone: UTC
    ("02/01/2024 03:15", dt.datetime(2024, 1, 2, 3, 15, tzinfo=UTC)),
    (45293.5, dt.datetime(2024, 1, 2, 12, 0, tzinfo=UTC)),
]


@pytest.mark.parametrize(("cell", "moment"), MOMENTS)
def test_a_moment_in_any_common_form_is_read(cell, moment):
    assert CellDateTimeWidget().clean(cell) == moment


@pytest.mark.parametrize(("cell", "day"), [("2024-01-02", dt.date(2024, 1, 2)), ("02/01/2024", dt.date(2024, 1, 2)),
                                           ("2024-01-02T03:15:00Z", dt.date(2024, 1, 2)), (45293, dt.date(2024, 1, 2))])
def test_a_date_in_any_common_form_is_read(cell, day):
    assert CellDateWidget().clean(cell) == day


@pytest.mark.parametrize("widget", [CellDateWidget, CellDateTimeWidget])
def test_empty_is_none_and_nonsense_says_why(widget):
    assert widget().clean("") is None and widget().clean(None) is None
    with pytest.raises(ValueError, match="is not a date"):
        widget().clean("soon")
    with pytest.raises(ValueError, match="is not a date"):
        widget().clean("2024-02-30")


def _dated_fields():
    for res in RESOURCES:
        if not res.import_export:
            continue
        resource = getattr(generated_resources, f"{res.name}Resource")()
        for field in model_of(res)._meta.concrete_fields:
            imported = field.name in resource.fields and not resource.fields[field.name].readonly
            if isinstance(field, models.DateField) and imported:
                yield pytest.param(resource, field, id=f"{res.name}.{field.name}")


@pytest.mark.parametrize(("resource", "field"), list(_dated_fields()))
def test_every_dated_column_of_a_resource_reads_cells_so(resource, field):
    expected = CellDateTimeWidget if isinstance(field, models.DateTimeField) else CellDateWidget
    assert isinstance(resource.fields[field.name].widget, expected)
