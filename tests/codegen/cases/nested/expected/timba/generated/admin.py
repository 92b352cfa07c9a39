# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-unfold admin classes for every resource, registered on the default site."""

from django.contrib import admin

from timba.hooks import book as book_hooks, shelf as shelf_hooks, shop as shop_hooks
from timba.models import Book, Shelf, Shop
from timba.runtime.admin import EntityAdmin


@admin.register(Shop)
class ShopAdmin(shop_hooks.AdminMixin, EntityAdmin):
    """Admin screens for shops; tweak them in timba/hooks/shop.py (AdminMixin)."""

    list_display = ("id",)
    search_fields = ()
    list_filter = ()
    ordering = ("id",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(Shelf)
class ShelfAdmin(shelf_hooks.AdminMixin, EntityAdmin):
    """Admin screens for shelves; tweak them in timba/hooks/shelf.py (AdminMixin)."""

    list_display = ("id",)
    search_fields = ()
    list_filter = ()
    ordering = ("id",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(Book)
class BookAdmin(book_hooks.AdminMixin, EntityAdmin):
    """Admin screens for library books; tweak them in timba/hooks/book.py (AdminMixin)."""

    list_display = ("id",)
    search_fields = ()
    list_filter = ()
    ordering = ("id",)
    readonly_fields = ("shop", "created_at", "updated_at")
