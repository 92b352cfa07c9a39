# generated from resources.yaml by codegen 0.1.0 — do not edit

"""Abstract model bases, one per resource in resources.yaml."""

from django.contrib.auth.models import AbstractUser
from django.core.validators import MinValueValidator
from django.db import models

from timba.runtime.models import EntityModel


class ShopBase(EntityModel):
    """Generated fields of Shop; the concrete model is timba/hooks/shop.py."""

    name = models.CharField("name", max_length=255, unique=True)
    state = models.CharField(
        "state",
        max_length=6,
        choices=[("open", "Open"), ("closed", "Closed")],
        default="open",
    )
    places = models.IntegerField(
        "places",
        null=True,
        blank=True,
        default=3,
        validators=[MinValueValidator(0)],
    )
    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    def __str__(self):
        return str(self.name)

    label_fields = ("name",)  # what __str__ reads: a change list joining this row loads only these

    class Meta:
        abstract = True
        ordering = ["id"]
        verbose_name = "shop"
        verbose_name_plural = "shops"


class DutyBase(EntityModel):
    """Generated fields of Duty; the concrete model is timba/hooks/duty.py."""

    title = models.CharField("title", max_length=255, unique=True)
    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    def __str__(self):
        return str(self.title)

    label_fields = ("title",)  # what __str__ reads: a change list joining this row loads only these

    class Meta:
        abstract = True
        ordering = ["id"]
        verbose_name = "duty"
        verbose_name_plural = "duties"


class MemberBase(EntityModel, AbstractUser):
    """Generated fields of Member; the concrete model is timba/hooks/member.py."""

    shop = models.ForeignKey(
        "timba.Shop",
        on_delete=models.SET_NULL,
        related_name="members",
        verbose_name="shop",
        null=True,
        blank=True,
    )
    duties = models.ManyToManyField(
        "timba.Duty",
        related_name="members",
        verbose_name="duties",
        blank=True,
    )
    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    class Meta(AbstractUser.Meta):
        abstract = True
        ordering = ["id"]
        verbose_name = "member"
        verbose_name_plural = "members"


class OrderBase(EntityModel):
    """Generated fields of Order; the concrete model is timba/hooks/order.py."""

    shop = models.ForeignKey(
        "timba.Shop",
        on_delete=models.CASCADE,
        related_name="orders",
        verbose_name="shop",
    )
    number = models.CharField("number", max_length=255)
    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    def __str__(self):
        return str(self.number)

    label_fields = ("number",)  # what __str__ reads: a change list joining this row loads only these

    aggregate_fields = {"line_count": ("count", "lines"), "total": ("sum", "lines.amount")}

    class Meta:
        abstract = True
        ordering = ["id"]
        verbose_name = "order"
        verbose_name_plural = "orders"
        constraints = [
            models.UniqueConstraint(fields=["shop", "number"], name="order_shop_number_uniq"),
        ]


class LineBase(EntityModel):
    """Generated fields of Line; the concrete model is timba/hooks/line.py."""

    order = models.ForeignKey(
        "timba.Order",
        on_delete=models.CASCADE,
        related_name="lines",
        verbose_name="order",
    )
    shop = models.ForeignKey(
        "timba.Shop",
        on_delete=models.CASCADE,
        verbose_name="shop",
        editable=False,
    )
    amount = models.DecimalField("amount", max_digits=10, decimal_places=2)
    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    derived_fields = {"shop": ("order", "shop")}

    class Meta:
        abstract = True
        ordering = ["id"]
        verbose_name = "line"
        verbose_name_plural = "lines"
