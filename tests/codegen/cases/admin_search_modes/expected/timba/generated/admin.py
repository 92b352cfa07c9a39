# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-unfold admin classes for every resource, registered on the default site."""

from django.contrib import admin

from timba.hooks import item as item_hooks, shelf as shelf_hooks
from timba.models import Item, Shelf
from timba.runtime.admin import EntityAdmin
from timba.runtime.admin_reference_filter import ReferenceFilter


@admin.register(Shelf)
class ShelfAdmin(shelf_hooks.AdminMixin, EntityAdmin):
    """Admin screens for shelfs; tweak them in timba/hooks/shelf.py (AdminMixin)."""

    list_display = ("id",)
    search_fields = ("name",)
    list_filter = ()
    ordering = ("id",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(Item)
class ItemAdmin(item_hooks.AdminMixin, EntityAdmin):
    """Admin screens for items; tweak them in timba/hooks/item.py (AdminMixin)."""

    list_display = ("code", "serial", "shelf")
    search_fields = ("^code", "=serial", "^tag", "note")
    list_filter = (("shelf", ReferenceFilter),)
    ordering = ("code",)
    readonly_fields = ("created_at", "updated_at")
    autocomplete_fields = ("shelf",)
