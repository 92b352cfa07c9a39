"""django-import-export widgets for dates and times that read a cell as the import engine does
(timba.runtime.imports.values): ISO 8601 with or without a zone (`2024-01-02T03:15:00Z`, the
API's own form), day-first dates with an optional time, and spreadsheet serial numbers. The
stock widgets try the site's input formats only, so a sheet holding the API's or a database's
timestamps (`2024-01-02 03:15:00+00:00`) could not be imported. A time without a zone is in
the site's time zone; rendering is the stock widgets'."""

from django.utils import timezone
from import_export import widgets

from timba.runtime.imports import values


class CellDateWidget(widgets.DateWidget):
    def clean(self, value, row=None, **kwargs):
        if values.is_empty(value):
            return None
        try:
            return values.date(value)
        except values.CellError as exc:
            raise ValueError(f"The value {exc}.") from None


class CellDateTimeWidget(widgets.DateTimeWidget):
    def clean(self, value, row=None, **kwargs):
        if values.is_empty(value):
            return None
        try:
            moment = values.datetime(value)
        except values.CellError as exc:
            raise ValueError(f"The value {exc}.") from None
        return timezone.make_aware(moment) if timezone.is_naive(moment) else moment
