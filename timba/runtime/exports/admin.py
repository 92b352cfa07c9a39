"""The admin's Export (django-import-export's export view, with unfold's form): CSV or XLSX of
the changelist's rows as they are filtered and searched (the tenant's only, as the changelist
shows), streamed by timba.runtime.exports instead of built in memory. The generated admin class
names its export table (`export_table`)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from import_export.formats.base_formats import CSV, XLSX
from import_export.signals import post_export

from timba.runtime.exports.responses import streamed


class StreamedExportMixin:
    export_table = None  # timba.runtime.exports.columns.Table, from the generated admin

    def get_export_formats(self):
        return [CSV, XLSX] if self.export_table is not None else super().get_export_formats()

    def _do_file_export(self, file_format, request, queryset, export_form=None):
        if self.export_table is None:
            return super()._do_file_export(file_format, request, queryset, export_form=export_form)
        if not self.has_export_permission(request):
            raise PermissionDenied
        response = streamed(self.export_table, queryset, file_format.get_extension())
        post_export.send(sender=None, model=self.model)
        return response
