# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-unfold admin classes for every resource, registered on the default site."""

from django.contrib import admin

from timba.generated.exports import CLIENT_EXPORT, READING_EXPORT
from timba.generated.resources import ClientResource, ReadingResource
from timba.hooks import client as client_hooks, reading as reading_hooks
from timba.models import Client, Reading
from timba.runtime.admin import EntityAdmin, ImportExportMixin


@admin.register(Client)
class ClientAdmin(client_hooks.AdminMixin, ImportExportMixin, EntityAdmin):
    """Admin screens for clients; tweak them in timba/hooks/client.py (AdminMixin)."""

    list_display = ("id",)
    search_fields = ()
    list_filter = ()
    ordering = ("id",)
    readonly_fields = ("created_at", "updated_at")
    resource_classes = [ClientResource]
    export_table = CLIENT_EXPORT  # the streamed CSV/XLSX export


@admin.register(Reading)
class ReadingAdmin(reading_hooks.AdminMixin, ImportExportMixin, EntityAdmin):
    """Admin screens for readings; tweak them in timba/hooks/reading.py (AdminMixin)."""

    list_display = ("id",)
    search_fields = ()
    list_filter = ()
    ordering = ("id",)
    readonly_fields = ("created_at", "updated_at")
    resource_classes = [ReadingResource]
    export_table = READING_EXPORT  # the streamed CSV/XLSX export
