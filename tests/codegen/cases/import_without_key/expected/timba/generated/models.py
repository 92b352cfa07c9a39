# generated from resources.yaml by codegen 0.1.0 — do not edit

"""Abstract model bases, one per resource in resources.yaml."""

from django.db import models

from timba.runtime.models import EntityModel


class ClientBase(EntityModel):
    """Generated fields of Client; the concrete model is timba/hooks/client.py."""

    name = models.CharField("name", max_length=255, unique=True, null=True, blank=True)
    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    def __str__(self):
        return str(self.name)

    label_fields = ("name",)  # what __str__ reads: a change list joining this row loads only these

    class Meta:
        abstract = True
        ordering = ["id"]
        verbose_name = "client"
        verbose_name_plural = "clients"


class ReadingBase(EntityModel):
    """Generated fields of Reading; the concrete model is timba/hooks/reading.py."""

    client = models.ForeignKey("timba.Client", on_delete=models.CASCADE, verbose_name="client")
    value = models.DecimalField("value", max_digits=12, decimal_places=3, null=True, blank=True)
    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    class Meta:
        abstract = True
        ordering = ["id"]
        verbose_name = "reading"
        verbose_name_plural = "readings"
