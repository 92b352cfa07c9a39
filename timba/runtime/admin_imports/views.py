"""The admin's import pages for one model admin, on timba.runtime.imports' engine:

    import/                      upload: the file (kept when refused), the tenant (staff), the sheet
    import/template/             an XLSX with the header row the import maps, aliases and units noted
    import/<run>/                the run: its preview, its progress while a job runs, or its result
    import/<run>/progress/       JSON progress, polled by the run page while a job runs
    import/<run>/errors/         the error file (the rows as read plus an Errors column)
    import/<run>/confirm/        POST: import, all-or-nothing or skipping the error rows
    import/<run>/undo/           POST: undo a completed import
    import/<run>/cancel/         POST: stop a job that waits or runs (nothing is written)

The engine enforces the `import` permission and tenant scope; the pages refuse (403) whoever
the model admin may not let import (a lapsed subscription too), and a run of another tenant or
another resource is a 404, like a missing one.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from timba.import_runs.models import ImportRow, ImportRun
from timba.runtime import access
from timba.runtime.admin_imports import kept, runner
from timba.runtime.admin_imports.forms import UploadForm
from timba.runtime.admin_imports.preview import preview_context
from timba.runtime.admin_imports.template import CONTENT_TYPE, template_workbook
from timba.runtime.imports import ImportFileError
from timba.runtime.imports.context import require_run, supplied
from timba.runtime.imports.descriptors import descriptor_for
from timba.runtime.imports.engine import ImportRefused, StaleImport, error_file, undoable
from timba.runtime.problems import Problem

IMPORT_VIEWS = ("import", "process_import")  # django-import-export's, replaced by these


class ImportViewsMixin:
    import_template = "admin/timba_imports/import.html"
    import_run_template = "admin/timba_imports/run.html"

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        replaced = {f"{prefix}_{name}" for name in IMPORT_VIEWS}
        urls = [u for u in super().get_urls() if getattr(u, "name", None) not in replaced]
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(self.import_view), name=f"{prefix}_import"),
            path("import/template/", wrap(self.import_template_view), name=f"{prefix}_import_template"),
            path("import/<int:run_id>/", wrap(self.import_run_view), name=f"{prefix}_import_run"),
            path("import/<int:run_id>/progress/", wrap(self.import_progress_view), name=f"{prefix}_import_progress"),
            path("import/<int:run_id>/errors/", wrap(self.import_errors_view), name=f"{prefix}_import_errors"),
            path("import/<int:run_id>/confirm/", wrap(self.import_confirm_view), name=f"{prefix}_import_confirm"),
            path("import/<int:run_id>/undo/", wrap(self.import_undo_view), name=f"{prefix}_import_undo"),
            path("import/<int:run_id>/cancel/", wrap(self.import_cancel_view), name=f"{prefix}_import_cancel"),
            *urls,
        ]

    # -- helpers ---------------------------------------------------------------------------

    def _import_url(self, view: str, *args) -> str:
        return reverse(f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_{view}", args=args)

    def _require_import(self, request) -> None:
        if not self.has_import_permission(request):
            raise PermissionDenied

    def _run(self, request, run_id) -> ImportRun:
        run = ImportRun.objects.filter(pk=run_id, resource=self.model.__name__).first()
        if run is None:
            raise Http404("No such import.")
        try:
            require_run(run, request.user)
        except Problem:
            raise Http404("No such import.") from None
        return run

    def _context(self, request, title: str, **extra) -> dict:
        return {
            **self.admin_site.each_context(request), "opts": self.opts, "title": title, "app_label": self.opts.app_label,
            "has_view_permission": self.has_view_permission(request),
            "import_url": self._import_url("import"), "template_url": self._import_url("import_template"),
            "changelist_url": reverse(f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_changelist"),
            **extra,
        }

    # -- the upload ------------------------------------------------------------------------

    def import_view(self, request):
        self._require_import(request)
        resource = self.model.__name__
        if request.method == "GET" and request.GET.get("another"):
            kept.forget(request, resource)  # "choose another file"
        entry = kept.kept(request, resource)
        form = UploadForm(request.POST or None, request.FILES or None, user=request.user, model=self.model,
                          kept_name=entry["name"] if entry else "", initial={"kept": entry["token"] if entry else ""})
        if request.method == "POST" and form.is_valid():
            response = self._stage(request, form, entry)
            if response is not None:
                return response
        recent = ImportRun.objects.filter(resource=resource).order_by("-created_at")
        if not access.is_staff(request.user):
            recent = recent.filter(tenant_id=access.tenant_id(request.user))
        context = self._context(
            request, f"Import {self.opts.verbose_name_plural}", form=form, kept_name=form.kept_name,
            another_url=self._import_url("import") + "?another=1",
            descriptor=descriptor_for(self.model), own_tenant=_own_tenant(request.user, self.model), recent=[(r, self._import_url("import_run", r.pk)) for r in recent[:5]],
        )
        return TemplateResponse(request, self.import_template, context)

    def _stage(self, request, form, entry):
        """Stage the chosen (or kept) file; a refused file is kept and its message put on the form."""
        resource = self.model.__name__
        upload = form.cleaned_data.get("import_file")
        fresh = upload is not None
        if not fresh:
            if entry is None or form.cleaned_data.get("kept") != entry["token"]:
                form.add_error("import_file", "Choose a file to import.")
                return None
            upload = kept.open_kept(entry)
        try:
            run = runner.start_import(request.user, self.model, upload, upload.name, tenant=form.cleaned_data.get("tenant"),
                                      sheet=form.cleaned_data.get("sheet") or None)
        except ImportFileError as refused:
            if fresh:
                entry = kept.keep(request, resource, upload)
            form.data = form.data.copy()
            form.data["kept"] = entry["token"]
            form.kept_name = entry["name"]
            form.add_error("import_file", refused.message)
            return None
        except Problem as problem:
            self.message_user(request, problem.detail, messages.ERROR)
            return None
        finally:
            if not fresh:
                upload.close()
        kept.forget(request, resource)
        return HttpResponseRedirect(self._import_url("import_run", run.pk))

    def import_template_view(self, request):
        self._require_import(request)
        descriptor = descriptor_for(self.model)
        leave_out = supplied(self.model, access.tenant_id(request.user)) if not access.is_staff(request.user) else ()
        response = HttpResponse(template_workbook(descriptor, leave_out=leave_out), content_type=CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{self.opts.model_name}-import-template.xlsx"'
        return response

    # -- a run -----------------------------------------------------------------------------

    def import_run_view(self, request, run_id):
        self._require_import(request)
        run = self._run(request, run_id)
        state = runner.progress(run)
        run.refresh_from_db()
        urls = {view: self._import_url(f"import_{view}", run.pk) for view in ("progress", "errors", "confirm", "undo", "cancel")}
        context = self._context(
            request, f"Import {self.opts.verbose_name_plural}: {run.file_name or run.pk}", run=run, progress=state,
            running=runner.running(state.get("state", run.state)), urls=urls, undoable=undoable(run),
            has_error_rows=ImportRow.objects.filter(run=run, action=ImportRow.Action.ERROR).exists(),
        )
        if run.state == ImportRun.State.STAGED and not context["running"]:
            context.update(preview_context(run, descriptor_for(self.model)))
        return TemplateResponse(request, self.import_run_template, context)

    def import_progress_view(self, request, run_id):
        self._require_import(request)
        run = self._run(request, run_id)
        state = runner.progress(run)
        return JsonResponse({**state, "running": runner.running(state.get("state", ""))})

    def import_errors_view(self, request, run_id):
        self._require_import(request)
        run = self._run(request, run_id)
        content, content_type, name = error_file(run)
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def import_confirm_view(self, request, run_id):
        return require_POST(self._confirm)(request, run_id)

    def _confirm(self, request, run_id):
        self._require_import(request)
        run = self._run(request, run_id)
        skip = request.POST.get("skip_errors") == "1"
        try:
            done = runner.start_confirm(run, request.user, skip_errors=skip)
        except StaleImport as stale:
            self.message_user(request, f"{stale.message} This is the new preview: check it and import again.", messages.WARNING)
        except ImportRefused as refused:
            self.message_user(request, refused.message, messages.ERROR)
        except Problem as problem:
            self.message_user(request, problem.detail, messages.ERROR)
        else:
            if getattr(done, "state", None) == ImportRun.State.APPLIED:
                self.message_user(request, _imported(done), messages.SUCCESS)
        return HttpResponseRedirect(self._import_url("import_run", run.pk))

    def import_undo_view(self, request, run_id):
        return require_POST(self._undo)(request, run_id)

    def _undo(self, request, run_id):
        self._require_import(request)
        run = self._run(request, run_id)
        try:
            done = runner.start_undo(run, request.user)
        except ImportRefused as refused:
            self.message_user(request, refused.message, messages.ERROR)
        except Problem as problem:
            self.message_user(request, problem.detail, messages.ERROR)
        else:
            if getattr(done, "state", None) == ImportRun.State.REVERTED:
                self.message_user(request, "The import was undone.", messages.SUCCESS)
        return HttpResponseRedirect(self._import_url("import_run", run.pk))

    def import_cancel_view(self, request, run_id):
        return require_POST(self._cancel)(request, run_id)

    def _cancel(self, request, run_id):
        self._require_import(request)
        run = self._run(request, run_id)
        try:
            runner.cancel(run, request.user)
        except ImportRefused as refused:
            self.message_user(request, refused.message, messages.ERROR)
        except Problem as problem:
            self.message_user(request, problem.detail, messages.ERROR)
        else:
            self.message_user(request, "The import was asked to stop; nothing it did is kept.", messages.INFO)
        return HttpResponseRedirect(self._import_url("import_run", run.pk))


def _own_tenant(user, model):
    """The tenant a tenant user's rows go to, shown on the form (staff choose one instead)."""
    if access.is_staff(user) or access.tenant_path(model) in (None, "self"):
        return None
    return access.tenant_of(user)


def _imported(run) -> str:
    text = f"Imported: {run.new} new, {run.updated} updated, {run.unchanged} unchanged."
    if run.skip_errors and run.errors:
        text += f" {run.errors} rows with errors were skipped."
    return text
