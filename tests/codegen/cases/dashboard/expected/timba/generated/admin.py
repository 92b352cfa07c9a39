# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-unfold admin classes for every resource, registered on the default site."""

from django.contrib import admin

from timba.hooks import farm as farm_hooks, field as field_hooks, harvest as harvest_hooks
from timba.models import Farm, Field, Harvest
from timba.runtime.admin import EntityAdmin


@admin.register(Farm)
class FarmAdmin(farm_hooks.AdminMixin, EntityAdmin):
    """Admin screens for farms; tweak them in timba/hooks/farm.py (AdminMixin)."""

    list_display = ("id",)
    search_fields = ()
    list_filter = ()
    ordering = ("id",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(Field)
class FieldAdmin(field_hooks.AdminMixin, EntityAdmin):
    """Admin screens for fields; tweak them in timba/hooks/field.py (AdminMixin)."""

    list_display = ("id",)
    search_fields = ()
    list_filter = ()
    ordering = ("id",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(Harvest)
class HarvestAdmin(harvest_hooks.AdminMixin, EntityAdmin):
    """Admin screens for crop harvests; tweak them in timba/hooks/harvest.py (AdminMixin)."""

    list_display = ("id",)
    search_fields = ()
    list_filter = ()
    ordering = ("id",)
    readonly_fields = ("created_at", "updated_at")
