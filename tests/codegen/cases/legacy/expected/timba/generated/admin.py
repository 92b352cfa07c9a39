# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-unfold admin classes for every resource, registered on the default site."""

from django.contrib import admin

from timba.hooks import order as order_hooks, shop as shop_hooks
from timba.models import Order, Shop
from timba.runtime.admin import EntityAdmin


@admin.register(Shop)
class ShopAdmin(shop_hooks.AdminMixin, EntityAdmin):
    """Admin screens for shops; tweak them in timba/hooks/shop.py (AdminMixin)."""

    list_display = ("id",)
    search_fields = ()
    list_filter = ()
    ordering = ("id",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(Order)
class OrderAdmin(order_hooks.AdminMixin, EntityAdmin):
    """Admin screens for orders; tweak them in timba/hooks/order.py (AdminMixin)."""

    list_display = ("id",)
    search_fields = ()
    list_filter = ()
    ordering = ("id",)
    readonly_fields = ("created_at", "updated_at")
    filter_horizontal = ("tags",)
