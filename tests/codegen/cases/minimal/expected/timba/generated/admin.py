# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-unfold admin classes for every resource, registered on the default site."""

from django.contrib import admin

from timba.hooks import note as note_hooks
from timba.models import Note
from timba.runtime.admin import EntityAdmin


@admin.register(Note)
class NoteAdmin(note_hooks.AdminMixin, EntityAdmin):
    """Admin screens for notes; tweak them in timba/hooks/note.py (AdminMixin)."""

    list_display = ("id",)
    search_fields = ()
    list_filter = ()
    ordering = ("id",)
    readonly_fields = ("created_at", "updated_at")
