# generated from resources.yaml by codegen 0.1.0 — do not edit

"""Abstract model bases, one per resource in resources.yaml."""

from django.db import models

from timba.runtime.models import EntityModel


class ShelfBase(EntityModel):
    """Generated fields of Shelf; the concrete model is timba/hooks/shelf.py."""

    name = models.CharField("name", max_length=255)
    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    def __str__(self):
        return str(self.name)

    label_fields = ("name",)  # what __str__ reads: a change list joining this row loads only these

    class Meta:
        abstract = True
        ordering = ["id"]
        verbose_name = "shelf"
        verbose_name_plural = "shelfs"


class ItemBase(EntityModel):
    """Generated fields of Item; the concrete model is timba/hooks/item.py."""

    code = models.CharField("code", max_length=20, db_index=True)
    serial = models.CharField("serial", max_length=40, db_index=True, blank=True, default="")
    tag = models.CharField("tag", max_length=10, blank=True, default="")
    note = models.TextField("note", blank=True, default="")
    shelf = models.ForeignKey("timba.Shelf", on_delete=models.CASCADE, verbose_name="shelf")
    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    def __str__(self):
        return str(self.code)

    label_fields = ("code",)  # what __str__ reads: a change list joining this row loads only these

    class Meta:
        abstract = True
        ordering = ["id"]
        verbose_name = "item"
        verbose_name_plural = "items"
        constraints = [
            models.UniqueConstraint(fields=["tag", "code"], name="item_tag_code_uniq"),
        ]
