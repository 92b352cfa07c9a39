# generated from resources.yaml by codegen 0.1.0 — do not edit

"""Abstract model bases, one per resource in resources.yaml."""

from django.core.validators import MinValueValidator
from django.db import models

from timba.runtime.models import EntityModel


class FarmBase(EntityModel):
    """Generated fields of Farm; the concrete model is timba/hooks/farm.py."""

    name = models.CharField("name", max_length=255)
    status = models.CharField(
        "status",
        max_length=6,
        choices=[("paying", "Paying"), ("lapsed", "Lapsed")],
        default="paying",
    )
    paid_until = models.DateField("paid until", null=True, blank=True)
    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    def __str__(self):
        return str(self.name)

    label_fields = ("name",)  # what __str__ reads: a change list joining this row loads only these

    class Meta:
        abstract = True
        ordering = ["id"]
        verbose_name = "farm"
        verbose_name_plural = "farms"


class FieldBase(EntityModel):
    """Generated fields of Field; the concrete model is timba/hooks/field.py."""

    farm = models.ForeignKey(
        "timba.Farm",
        on_delete=models.CASCADE,
        related_name="plots",
        verbose_name="farm",
    )
    name = models.CharField("name", max_length=255)
    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    def __str__(self):
        return str(self.name)

    label_fields = ("name",)  # what __str__ reads: a change list joining this row loads only these

    class Meta:
        abstract = True
        ordering = ["id"]
        verbose_name = "field"
        verbose_name_plural = "fields"
        indexes = [
            models.Index(fields=["farm", "created_at"], name="field_farm_created_at_idx"),
        ]


class HarvestBase(EntityModel):
    """Generated fields of Harvest; the concrete model is timba/hooks/harvest.py."""

    farm = models.ForeignKey(
        "timba.Farm",
        on_delete=models.CASCADE,
        related_name="harvests",
        verbose_name="farm",
    )
    field = models.ForeignKey(
        "timba.Field",
        on_delete=models.CASCADE,
        related_name="harvests",
        verbose_name="field",
    )
    tonnes = models.DecimalField("tonnes", max_digits=10, decimal_places=3)
    crates = models.IntegerField("crates", null=True, blank=True, validators=[MinValueValidator(0)])
    picked_on = models.DateField("picked on", null=True, blank=True)
    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    class Meta:
        abstract = True
        ordering = ["id"]
        verbose_name = "crop harvest"
        verbose_name_plural = "crop harvests"
        indexes = [
            models.Index(fields=["farm", "field", "tonnes"], name="harvest_farm_field_tonnes_idx"),
            models.Index(
                fields=["farm", "picked_on", "crates"],
                name="harvest_farm_picked_on_crates_",
            ),
        ]
