"""The ImportRun admin: the latest imports with their state, resource, user and counts, read-only.
Platform staff see every run; a tenant's users the runs of their tenant, of the resources they
may import. Each run links to its page on its resource's import (timba.runtime.admin_imports.views).
The ExportRun admin lists the export jobs the same way (of the resources the user may export),
each linking to its progress and download page (timba.runtime.exports.admin)."""

from __future__ import annotations

from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from unfold.admin import ModelAdmin

from timba.import_runs.models import ExportRun, ImportRun
from timba.runtime import access
from timba.runtime.imports.context import model_named
from timba.runtime.imports.descriptors import registered


def importable(user) -> list[str]:
    """The resources whose imports the user may see: those they may import."""
    out = []
    for name in registered():
        try:
            model = model_named(name)
        except LookupError:
            continue
        if access.allowed(user, model, "import"):
            out.append(name)
    return out


@admin.register(ImportRun)
class ImportRunAdmin(ModelAdmin):
    list_display = ("id", "resource", "file_name", "state", "user", "tenant_id", "new", "updated", "unchanged", "errors", "created_at", "page")
    list_filter = ("state", "resource")
    search_fields = ("file_name",)
    ordering = ("-created_at",)
    list_per_page = 50
    show_full_result_count = False
    list_select_related = ("user",)
    exclude = ("source", "job_id")

    def get_queryset(self, request):
        rows = super().get_queryset(request)
        user = request.user
        if access.is_staff(user):
            return rows
        tenant = access.tenant_id(user)
        if tenant is None:
            return rows.none()
        return rows.filter(tenant_id=tenant, resource__in=importable(user))

    def has_module_permission(self, request):
        return access.is_staff(request.user) or (access.tenant_id(request.user) is not None and bool(importable(request.user)))

    def has_view_permission(self, request, obj=None):
        if not self.has_module_permission(request):
            return False
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="page")
    def page(self, run):
        try:
            model = model_named(run.resource)
            url = reverse(f"{self.admin_site.name}:{model._meta.app_label}_{model._meta.model_name}_import_run", args=[run.pk])
        except (LookupError, NoReverseMatch):
            return ""
        return format_html('<a href="{}">open</a>', url)


def exportable(user) -> list[str]:
    """The resources of the export runs stored that the user may export."""
    out = []
    for name in ExportRun.objects.order_by().values_list("resource", flat=True).distinct():
        try:
            model = model_named(name)
        except LookupError:
            continue
        if access.allowed(user, model, "export"):
            out.append(name)
    return out


@admin.register(ExportRun)
class ExportRunAdmin(ModelAdmin):
    list_display = ("id", "resource", "file_name", "state", "user", "tenant_id", "progress_done", "progress_total", "created_at", "expires_at", "page")
    list_filter = ("state", "resource", "format")
    search_fields = ("file_name",)
    ordering = ("-created_at",)
    list_per_page = 50
    show_full_result_count = False
    list_select_related = ("user",)
    exclude = ("query", "table", "file", "job_id")

    def get_queryset(self, request):
        rows = super().get_queryset(request)
        user = request.user
        if access.is_staff(user):
            return rows
        tenant = access.tenant_id(user)
        if tenant is None:
            return rows.none()
        return rows.filter(tenant_id=tenant, resource__in=exportable(user))

    def has_module_permission(self, request):
        user = request.user
        return access.is_staff(user) or (access.tenant_id(user) is not None and (bool(importable(user)) or bool(exportable(user))))

    def has_view_permission(self, request, obj=None):
        if not self.has_module_permission(request):
            return False
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="page")
    def page(self, run):
        try:
            model = model_named(run.resource)
            url = reverse(f"{self.admin_site.name}:{model._meta.app_label}_{model._meta.model_name}_export_run", args=[run.pk])
        except (LookupError, NoReverseMatch):
            return ""
        return format_html('<a href="{}">open</a>', url)
