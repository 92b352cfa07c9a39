# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-unfold admin classes for every resource, registered on the default site."""

from django.contrib import admin

from timba.hooks import (
    duty as duty_hooks,
    line as line_hooks,
    member as member_hooks,
    order as order_hooks,
    shop as shop_hooks,
)
from timba.models import Duty, Line, Member, Order, Shop
from timba.runtime.admin import EntityAdmin, EntityUserAdmin
from timba.runtime.admin_columns import aggregate_column, many_column, seats_column
from timba.runtime.admin_roles import role_column


@admin.register(Shop)
class ShopAdmin(shop_hooks.AdminMixin, EntityAdmin):
    """Admin screens for shops; tweak them in timba/hooks/shop.py (AdminMixin)."""

    list_display = ("name", seats_column("places", "places used"), "state")
    search_fields = ()
    list_filter = ()
    ordering = ("id",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(Duty)
class DutyAdmin(duty_hooks.AdminMixin, EntityAdmin):
    """Admin screens for duties; tweak them in timba/hooks/duty.py (AdminMixin)."""

    list_display = ("title", role_column("label"), role_column("description"))
    search_fields = ("title",)
    list_filter = ()
    ordering = ("id",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(Member)
class MemberAdmin(member_hooks.AdminMixin, EntityUserAdmin):
    """Admin screens for members; tweak them in timba/hooks/member.py (AdminMixin)."""

    list_display = ("username", "shop", many_column("duties", "duties"))
    search_fields = ()
    list_filter = ()
    ordering = ("id",)
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Profile", {"fields": ("shop", "duties")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Dates", {"fields": ("last_login", "date_joined", "created_at", "updated_at")}),
    )
    add_fieldsets = (
        (
            None,
            {"classes": ("wide",), "fields": ("username", "shop", "duties", "password1", "password2")},
        ),
    )


@admin.register(Order)
class OrderAdmin(order_hooks.AdminMixin, EntityAdmin):
    """Admin screens for orders; tweak them in timba/hooks/order.py (AdminMixin)."""

    list_display = (
        "number",
        aggregate_column("line_count", "line count"),
        aggregate_column("total", "total"),
    )
    search_fields = ()
    list_filter = ()
    ordering = ("id",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(Line)
class LineAdmin(line_hooks.AdminMixin, EntityAdmin):
    """Admin screens for lines; tweak them in timba/hooks/line.py (AdminMixin)."""

    list_display = ("id",)
    search_fields = ()
    list_filter = ()
    ordering = ("id",)
    readonly_fields = ("shop", "created_at", "updated_at")
