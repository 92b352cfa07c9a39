# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-unfold admin classes for every resource, registered on the default site."""

from django.contrib import admin
from django.contrib.admin import RelatedOnlyFieldListFilter

from timba.generated.exports import ITEM_EXPORT, WAREHOUSE_EXPORT
from timba.generated.resources import ItemResource, WarehouseResource
from timba.hooks import (
    account as account_hooks,
    item as item_hooks,
    tag as tag_hooks,
    warehouse as warehouse_hooks,
)
from timba.models import Account, Item, Tag, Warehouse
from timba.runtime.admin import EntityAdmin, EntityUserAdmin, ImportExportMixin
from timba.runtime.admin_reference_filter import ReferenceFilter


@admin.register(Account)
class AccountAdmin(account_hooks.AdminMixin, EntityUserAdmin):
    """Admin screens for accounts; tweak them in timba/hooks/account.py (AdminMixin)."""

    list_display = ("username", "display_name", "is_active")
    search_fields = ("username", "email")
    list_filter = ("is_active",)
    ordering = ("username",)
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Profile", {"fields": ("email", "display_name")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Dates", {"fields": ("last_login", "date_joined", "created_at", "updated_at")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("username", "password1", "password2")}),)


@admin.register(Tag)
class TagAdmin(tag_hooks.AdminMixin, EntityAdmin):
    """Admin screens for tags; tweak them in timba/hooks/tag.py (AdminMixin)."""

    list_display = ("id",)
    search_fields = ("name",)
    list_filter = ()
    ordering = ("name",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(Warehouse)
class WarehouseAdmin(warehouse_hooks.AdminMixin, ImportExportMixin, EntityAdmin):
    """Admin screens for depots; tweak them in timba/hooks/warehouse.py (AdminMixin)."""

    list_display = ("id",)
    search_fields = ()
    list_filter = ()
    ordering = ("id",)
    readonly_fields = ()
    resource_classes = [WarehouseResource]
    export_table = WAREHOUSE_EXPORT  # the streamed CSV/XLSX export


@admin.register(Item)
class ItemAdmin(item_hooks.AdminMixin, ImportExportMixin, EntityAdmin):
    """Admin screens for items; tweak them in timba/hooks/item.py (AdminMixin)."""

    list_display = ("title", "status", "warehouse", "quantity", "price", "created_at")
    search_fields = ("title", "notes")
    list_filter = ("status", ("warehouse", RelatedOnlyFieldListFilter), ("tags", ReferenceFilter), "active")
    ordering = ("-created_at",)
    readonly_fields = ("city", "score", "created_by", "updated_by", "created_at", "updated_at")
    autocomplete_fields = ("tags",)
    resource_classes = [ItemResource]
    export_table = ITEM_EXPORT  # the streamed CSV/XLSX export
