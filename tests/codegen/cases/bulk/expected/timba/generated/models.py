# generated from resources.yaml by codegen 0.1.0 — do not edit

"""Abstract model bases, one per resource in resources.yaml."""

from django.db import models

from timba.runtime.models import EntityModel


class ShelfBase(EntityModel):
    """Generated fields of Shelf; the concrete model is timba/hooks/shelf.py."""

    code = models.CharField("code", max_length=255, unique=True)
    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    def __str__(self):
        return str(self.code)

    label_fields = ("code",)  # what __str__ reads: a change list joining this row loads only these

    class Meta:
        abstract = True
        ordering = ["id"]
        verbose_name = "shelf"
        verbose_name_plural = "shelfs"


class BookBase(EntityModel):
    """Generated fields of Book; the concrete model is timba/hooks/book.py."""

    shelf = models.ForeignKey(
        "timba.Shelf",
        on_delete=models.CASCADE,
        related_name="books",
        verbose_name="shelf",
    )
    title = models.CharField("title", max_length=255)
    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    def __str__(self):
        return str(self.title)

    label_fields = ("title",)  # what __str__ reads: a change list joining this row loads only these

    class Meta:
        abstract = True
        ordering = ["id"]
        verbose_name = "book"
        verbose_name_plural = "books"


class CopyBase(EntityModel):
    """Generated fields of Copy; the concrete model is timba/hooks/copy.py."""

    book = models.ForeignKey("timba.Book", on_delete=models.CASCADE, verbose_name="book")
    shelf = models.ForeignKey(
        "timba.Shelf",
        on_delete=models.CASCADE,
        verbose_name="shelf",
        editable=False,
    )
    barcode = models.CharField("barcode", max_length=30)
    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    def __str__(self):
        return str(self.barcode)

    label_fields = ("barcode",)  # what __str__ reads: a change list joining this row loads only these

    derived_fields = {"shelf": ("book", "shelf")}

    class Meta:
        abstract = True
        ordering = ["id"]
        verbose_name = "copy"
        verbose_name_plural = "copies"
        constraints = [
            models.UniqueConstraint(fields=["shelf", "barcode"], name="copy_shelf_barcode_uniq"),
        ]
