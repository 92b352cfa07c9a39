# generated from resources.yaml by codegen 0.1.0 — do not edit

"""Abstract model bases, one per resource in resources.yaml."""

from django.db import models

from timba.runtime.models import EntityModel


class ShopBase(EntityModel):
    """Generated fields of Shop; the concrete model is timba/hooks/shop.py."""

    name = models.CharField("name", max_length=255)
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


class ShelfBase(EntityModel):
    """Generated fields of Shelf; the concrete model is timba/hooks/shelf.py."""

    shop = models.ForeignKey(
        "timba.Shop",
        on_delete=models.CASCADE,
        related_name="shelves",
        verbose_name="shop",
    )
    code = models.CharField("code", max_length=255)
    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    def __str__(self):
        return str(self.code)

    label_fields = ("code",)  # what __str__ reads: a change list joining this row loads only these

    class Meta:
        abstract = True
        ordering = ["id"]
        verbose_name = "shelf"
        verbose_name_plural = "shelves"


class BookBase(EntityModel):
    """Generated fields of Book; the concrete model is timba/hooks/book.py."""

    shelf = models.ForeignKey(
        "timba.Shelf",
        on_delete=models.CASCADE,
        related_name="books",
        verbose_name="shelf",
    )
    shop = models.ForeignKey(
        "timba.Shop",
        on_delete=models.SET_NULL,
        related_name="books",
        verbose_name="shop",
        null=True,
        blank=True,
        editable=False,
    )
    title = models.CharField("title", max_length=255)
    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    def __str__(self):
        return str(self.title)

    label_fields = ("title",)  # what __str__ reads: a change list joining this row loads only these

    derived_fields = {"shop": ("shelf", "shop")}

    class Meta:
        abstract = True
        ordering = ["id"]
        verbose_name = "library book"
        verbose_name_plural = "library books"
