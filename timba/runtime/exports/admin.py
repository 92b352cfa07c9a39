"""The admin's Export (django-import-export's export view, with unfold's form): CSV or XLSX of
the changelist's rows as they are filtered and searched (the tenant's only, as the changelist
shows), streamed by timba.runtime.exports instead of built in memory. The generated admin class
names its export table (`export_table`).

More than EXPORT_JOB_THRESHOLD_ROWS rows run as a job (timba.runtime.exports.jobs) instead,
with pages of their own:

    export/<run>/              the run: a progress bar that updates itself, then the download
    export/<run>/progress/     JSON progress, polled by the run page while the job runs
    export/<run>/download/     the finished file
    export/<run>/cancel/       POST: stop the job (no file is kept)

A run of another tenant or another resource is a 404, like a missing one.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from import_export.formats.base_formats import CSV, XLSX
from import_export.signals import post_export

from timba.import_runs.models import ExportRun
from timba.runtime.exports import jobs
from timba.runtime.exports.chunks import order_of
from timba.runtime.exports.responses import filename, streamed
from timba.runtime.exports.runs_http import download


class StreamedExportMixin:
    export_table = None  # timba.runtime.exports.columns.Table, from the generated admin
    export_run_template = "admin/timba_exports/run.html"

    def get_export_formats(self):
        return [CSV, XLSX] if self.export_table is not None else super().get_export_formats()

    def _do_file_export(self, file_format, request, queryset, export_form=None):
        if self.export_table is None:
            return super()._do_file_export(file_format, request, queryset, export_form=export_form)
        if not self.has_export_permission(request):
            raise PermissionDenied
        fmt = file_format.get_extension()
        if jobs.is_large(queryset):
            run = jobs.start_export(request.user, self.export_table, queryset, fmt, order_of(queryset), filename(self.export_table, fmt))
            return HttpResponseRedirect(self._export_url("export_run", run.pk))
        response = streamed(self.export_table, queryset, fmt)
        post_export.send(sender=None, model=self.model)
        return response

    # -- a run's pages ---------------------------------------------------------------------

    def get_urls(self):
        urls = super().get_urls()
        if self.export_table is None:
            return urls
        prefix, wrap = f"{self.opts.app_label}_{self.opts.model_name}", self.admin_site.admin_view
        return [
            path("export/<int:run_id>/", wrap(self.export_run_view), name=f"{prefix}_export_run"),
            path("export/<int:run_id>/progress/", wrap(self.export_progress_view), name=f"{prefix}_export_progress"),
            path("export/<int:run_id>/download/", wrap(self.export_download_view), name=f"{prefix}_export_download"),
            path("export/<int:run_id>/cancel/", wrap(self.export_cancel_view), name=f"{prefix}_export_cancel"),
            *urls,
        ]

    def _export_url(self, view: str, *args) -> str:
        return reverse(f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_{view}", args=args)

    def _export_run(self, request, run_id) -> ExportRun:
        if not self.has_export_permission(request):
            raise PermissionDenied
        run = ExportRun.objects.filter(pk=run_id, resource=self.model.__name__).first()
        if run is None or not jobs.visible_to(run, request.user):
            raise Http404("No such export.")
        return run

    def export_run_view(self, request, run_id):
        run = self._export_run(request, run_id)
        state = jobs.progress(run)
        urls = {view: self._export_url(f"export_{view}", run.pk) for view in ("progress", "download", "cancel")}
        context = {
            **self.admin_site.each_context(request), "opts": self.opts, "app_label": self.opts.app_label,
            "title": f"Export {self.opts.verbose_name_plural}: {run.file_name}", "run": run, "progress": state,
            "running": state["state"] in jobs.RUNNING, "urls": urls,
            "changelist_url": self._export_url("changelist"), "has_view_permission": self.has_view_permission(request),
        }
        return TemplateResponse(request, self.export_run_template, context)

    def export_progress_view(self, request, run_id):
        state = jobs.progress(self._export_run(request, run_id))
        return JsonResponse({**state, "running": state["state"] in jobs.RUNNING})

    def export_download_view(self, request, run_id):
        run = self._export_run(request, run_id)
        try:
            response = download(run)
        except jobs.ExportRefused as refused:
            self.message_user(request, refused.message, messages.ERROR)
            return HttpResponseRedirect(self._export_url("export_run", run.pk))
        post_export.send(sender=None, model=self.model)
        return response

    def export_cancel_view(self, request, run_id):
        return require_POST(self._cancel_export)(request, run_id)

    def _cancel_export(self, request, run_id):
        run = self._export_run(request, run_id)
        try:
            jobs.cancel(run)
        except jobs.ExportRefused as refused:
            self.message_user(request, refused.message, messages.ERROR)
        else:
            self.message_user(request, "The export was asked to stop; no file is kept.", messages.INFO)
        return HttpResponseRedirect(self._export_url("export_run", run.pk))
