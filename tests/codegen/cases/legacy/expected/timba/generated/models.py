# generated from resources.yaml by codegen 0.1.0 — do not edit

"""Abstract model bases, one per resource in resources.yaml."""

from django.db import models

from timba.runtime.models import EntityModel


class ShopBase(EntityModel):
    """Generated fields of Shop; the concrete model is timba/hooks/shop.py."""

    name = models.CharField("name", max_length=255, unique=True)
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


class OrderBase(EntityModel):
    """Generated fields of Order; the concrete model is timba/hooks/order.py."""

    shop = models.ForeignKey("timba.Shop", on_delete=models.CASCADE, verbose_name="shop")
    number = models.CharField("number", max_length=255)
    tags = models.ManyToManyField(
        "timba.Shop",
        related_name="tagged_orders",
        verbose_name="tags",
        blank=True,
    )
    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    def __str__(self):
        return str(self.number)

    label_fields = ("number",)  # what __str__ reads: a change list joining this row loads only these

    class Meta:
        abstract = True
        ordering = ["id"]
        verbose_name = "order"
        verbose_name_plural = "orders"
