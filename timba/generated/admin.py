# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-unfold admin classes for every resource, registered on the default site."""

from django.contrib import admin

from timba.generated.exports import CLIENT_EXPORT, CONSIGNMENT_EXPORT, LOG_EXPORT, USER_EXPORT
from timba.generated.resources import ClientResource, ConsignmentResource, LogResource, UserResource
from timba.hooks import (
    client as client_hooks,
    consignment as consignment_hooks,
    log as log_hooks,
    role as role_hooks,
    user as user_hooks,
)
from timba.models import Client, Consignment, Log, Role, User
from timba.runtime.admin import EntityAdmin, EntityUserAdmin, ImportExportMixin
from timba.runtime.admin_columns import aggregate_column, many_column, seats_column
from timba.runtime.admin_reference_filter import ReferenceFilter
from timba.runtime.admin_roles import role_column


@admin.register(Client)
class ClientAdmin(client_hooks.AdminMixin, ImportExportMixin, EntityAdmin):
    """Admin screens for clients; tweak them in timba/hooks/client.py (AdminMixin)."""

    list_display = (
        "name",
        "plan",
        "status",
        seats_column("seats", "seats used"),
        "paid_until",
        "email",
        "contact",
    )
    search_fields = ("name", "email", "contact")
    list_filter = ("plan", "status", "created_at")
    ordering = ("name",)
    readonly_fields = ("created_at", "updated_at")
    resource_classes = [ClientResource]
    export_table = CLIENT_EXPORT  # the streamed CSV/XLSX export


@admin.register(Role)
class RoleAdmin(role_hooks.AdminMixin, EntityAdmin):
    """Admin screens for roles; tweak them in timba/hooks/role.py (AdminMixin)."""

    list_display = ("name", role_column("label"), role_column("description"))
    search_fields = ("name",)
    list_filter = ()
    ordering = ("name",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(User)
class UserAdmin(user_hooks.AdminMixin, ImportExportMixin, EntityUserAdmin):
    """Admin screens for users; tweak them in timba/hooks/user.py (AdminMixin)."""

    list_display = (
        "username",
        "name",
        "client",
        many_column("roles", "roles"),
        "contact",
        "is_active",
    )
    search_fields = ("username", "name", "contact")
    list_filter = (("client", ReferenceFilter), ("roles", ReferenceFilter), "is_active")
    ordering = ("username",)
    readonly_fields = ("created_at", "updated_at")
    autocomplete_fields = ("client",)
    resource_classes = [UserResource]
    export_table = USER_EXPORT  # the streamed CSV/XLSX export
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Profile", {"fields": ("name", "email", "contact", "address", "client", "roles")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Dates", {"fields": ("last_login", "date_joined", "created_at", "updated_at")}),
    )
    add_fieldsets = (
        (
            None,
            {"classes": ("wide",), "fields": ("username", "client", "roles", "password1", "password2")},
        ),
    )


@admin.register(Consignment)
class ConsignmentAdmin(consignment_hooks.AdminMixin, ImportExportMixin, EntityAdmin):
    """Admin screens for consignments; tweak them in timba/hooks/consignment.py (AdminMixin)."""

    list_display = (
        "name",
        "type",
        "client",
        "vehicle_number",
        aggregate_column("log_count", "log count"),
        aggregate_column("total_volume", "total volume"),
        "created_by",
        "created_at",
    )
    search_fields = ("name", "vehicle_number")
    list_filter = ("type", ("client", ReferenceFilter), "created_at")
    ordering = ("-created_at",)
    readonly_fields = ("created_by", "updated_by", "created_at", "updated_at")
    autocomplete_fields = ("client",)
    resource_classes = [ConsignmentResource]
    export_table = CONSIGNMENT_EXPORT  # the streamed CSV/XLSX export


@admin.register(Log)
class LogAdmin(log_hooks.AdminMixin, ImportExportMixin, EntityAdmin):
    """Admin screens for timber logs; tweak them in timba/hooks/log.py (AdminMixin)."""

    list_display = ("barcode", "consignment", "length", "breadth", "height", "volume")
    search_fields = ("^barcode",)
    list_filter = (("consignment", ReferenceFilter), ("client", ReferenceFilter))
    ordering = ("barcode",)
    readonly_fields = ("client", "volume", "created_at", "updated_at")
    autocomplete_fields = ("consignment",)
    resource_classes = [LogResource]
    export_table = LOG_EXPORT  # the streamed CSV/XLSX export
