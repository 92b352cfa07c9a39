# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-unfold admin classes for every resource, registered on the default site."""

from django.contrib import admin

from timba.hooks import book as book_hooks, copy as copy_hooks, shelf as shelf_hooks
from timba.models import Book, Copy, Shelf
from timba.runtime.admin import EntityAdmin


@admin.register(Shelf)
class ShelfAdmin(shelf_hooks.AdminMixin, EntityAdmin):
    """Admin screens for shelfs; tweak them in timba/hooks/shelf.py (AdminMixin)."""

    list_display = ("id",)
    search_fields = ()
    list_filter = ()
    ordering = ("id",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(Book)
class BookAdmin(book_hooks.AdminMixin, EntityAdmin):
    """Admin screens for books; tweak them in timba/hooks/book.py (AdminMixin)."""

    list_display = ("id",)
    search_fields = ()
    list_filter = ()
    ordering = ("id",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(Copy)
class CopyAdmin(copy_hooks.AdminMixin, EntityAdmin):
    """Admin screens for copies; tweak them in timba/hooks/copy.py (AdminMixin)."""

    list_display = ("id",)
    search_fields = ()
    list_filter = ()
    ordering = ("id",)
    readonly_fields = ("shelf", "created_at", "updated_at")
