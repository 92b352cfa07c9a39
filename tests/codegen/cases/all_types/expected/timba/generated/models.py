# generated from resources.yaml by codegen 0.1.0 — do not edit

"""Abstract model bases, one per resource in resources.yaml."""

from decimal import Decimal

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from timba.runtime.models import EntityModel
from timba.runtime.validators import phone_validator


class AccountBase(EntityModel, AbstractUser):
    """Generated fields of Account; the concrete model is timba/hooks/account.py."""

    username = models.CharField(
        "username",
        max_length=150,
        unique=True,
        validators=[UnicodeUsernameValidator()],
    )
    email = models.EmailField("email", max_length=254, blank=True, default="")
    display_name = models.CharField("shown as", max_length=80, blank=True, default="")
    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    def __str__(self):
        return str(self.username)

    label_fields = ("username",)  # what __str__ reads: a change list joining this row loads only these

    class Meta(AbstractUser.Meta):
        abstract = True
        ordering = ["username"]
        verbose_name = "account"
        verbose_name_plural = "accounts"


class TagBase(EntityModel):
    """Generated fields of Tag; the concrete model is timba/hooks/tag.py."""

    name = models.CharField("name", max_length=40, unique=True)
    color = models.CharField(
        "color",
        max_length=9,
        choices=[("red", "Red"), ("green", "Green"), ("dark_blue", "Dark blue")],
        default="red",
    )
    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    def __str__(self):
        return str(self.name)

    label_fields = ("name",)  # what __str__ reads: a change list joining this row loads only these

    class Meta:
        abstract = True
        ordering = ["name"]
        verbose_name = "tag"
        verbose_name_plural = "tags"


class WarehouseBase(EntityModel):
    """Generated fields of Warehouse; the concrete model is timba/hooks/warehouse.py."""

    code = models.CharField("code", max_length=12, unique=True)
    city = models.CharField("city", max_length=255, blank=True, default="")

    def __str__(self):
        return str(self.code)

    label_fields = ("code",)  # what __str__ reads: a change list joining this row loads only these

    aggregate_fields = {"item_count": ("count", "items"), "total_quantity": ("sum", "items.quantity"), "total_weight": ("sum", "items.weight")}

    class Meta:
        abstract = True
        ordering = ["id"]
        verbose_name = "storage depot"
        verbose_name_plural = "depots"


class ItemBase(EntityModel):
    """Generated fields of Item; the concrete model is timba/hooks/item.py."""

    title = models.CharField("item title", max_length=120, help_text="Shown in \"lists\"")
    notes = models.TextField("notes", blank=True, default="")
    contact_email = models.EmailField("contact email", max_length=254, unique=True, null=True, blank=True)
    phone = models.CharField(
        "phone",
        max_length=20,
        blank=True,
        default="",
        validators=[phone_validator],
    )
    website = models.URLField("website", max_length=200, blank=True, default="")
    quantity = models.IntegerField(
        "quantity",
        null=True,
        blank=True,
        default=1,
        validators=[MinValueValidator(0), MaxValueValidator(1000)],
    )
    price = models.DecimalField(
        "price",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("99999.99"))],
    )
    weight = models.DecimalField("weight", max_digits=12, decimal_places=3, null=True, blank=True)
    active = models.BooleanField("active", blank=True, default=True)
    archived = models.BooleanField("archived", blank=True, default=False)
    received_on = models.DateField("received on", db_index=True, null=True, blank=True)
    checked_at = models.DateTimeField("checked at", null=True, blank=True)
    status = models.CharField(
        "status",
        max_length=5,
        choices=[("draft", "Draft"), ("live", "Live")],
        default="draft",
    )
    grade = models.CharField(
        "grade",
        max_length=7,
        choices=[("a_grade", "A grade"), ("b_grade", "B grade")],
        blank=True,
        default="",
    )
    warehouse = models.ForeignKey(
        "timba.Warehouse",
        on_delete=models.PROTECT,
        related_name="items",
        verbose_name="warehouse",
    )
    city = models.CharField("city", max_length=255, blank=True, default="", editable=False)
    tags = models.ManyToManyField(
        "timba.Tag",
        related_name="items",
        verbose_name="tags",
        blank=True,
    )
    score = models.IntegerField(
        "score",
        null=True,
        blank=True,
        editable=False,
        help_text="set by compute_score()",
    )
    created_by = models.ForeignKey(
        "timba.Account",
        on_delete=models.SET_NULL,
        related_name="items_created",
        verbose_name="created by",
        null=True,
        blank=True,
        editable=False,
    )
    updated_by = models.ForeignKey(
        "timba.Account",
        on_delete=models.SET_NULL,
        related_name="items_updated",
        verbose_name="updated by",
        null=True,
        blank=True,
        editable=False,
    )
    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    def __str__(self):
        return str(self.title)

    label_fields = ("title",)  # what __str__ reads: a change list joining this row loads only these

    derived_fields = {"city": ("warehouse", "city")}
    computed_fields = ("score",)
    auto_fields = {"created_by": "creator", "updated_by": "editor"}

    class Meta:
        abstract = True
        ordering = ["-received_on", "title"]
        verbose_name = "item"
        verbose_name_plural = "items"
        constraints = [
            models.UniqueConstraint(fields=["warehouse", "title"], name="item_warehouse_title_uniq"),
        ]
        indexes = [
            models.Index(fields=["status", "received_on"], name="item_status_received_on_idx"),
        ]
