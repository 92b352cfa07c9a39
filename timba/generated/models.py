# generated from resources.yaml by codegen 0.1.0 — do not edit

"""Abstract model bases, one per resource in resources.yaml."""

from decimal import Decimal

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.validators import MinValueValidator
from django.db import models

from timba.runtime.models import EntityModel
from timba.runtime.validators import phone_validator


class ClientBase(EntityModel):
    """Generated fields of Client; the concrete model is timba/hooks/client.py."""

    name = models.CharField("name", max_length=200, unique=True)
    address = models.TextField("address", blank=True, default="")
    contact = models.CharField(
        "contact",
        max_length=20,
        blank=True,
        default="",
        validators=[phone_validator],
    )
    email = models.EmailField("email", max_length=254, blank=True, default="")
    plan = models.CharField(
        "plan",
        max_length=10,
        choices=[("basic", "Basic"), ("standard", "Standard"), ("enterprise", "Enterprise")],
        default="basic",
    )
    seats = models.IntegerField(
        "seats",
        null=True,
        blank=True,
        default=5,
        validators=[MinValueValidator(0)],
        help_text="Maximum active users",
    )
    status = models.CharField(
        "status",
        max_length=9,
        choices=[("trial", "Trial"), ("active", "Active"), ("past_due", "Past due"), ("cancelled", "Cancelled")],
        default="trial",
    )
    paid_until = models.DateField(
        "paid until",
        null=True,
        blank=True,
        help_text="Access ends after this day; empty for no end",
    )
    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    def __str__(self):
        return str(self.name)

    label_fields = ("name",)  # what __str__ reads: a change list joining this row loads only these

    class Meta:
        abstract = True
        ordering = ["name"]
        verbose_name = "client"
        verbose_name_plural = "clients"


class RoleBase(EntityModel):
    """Generated fields of Role; the concrete model is timba/hooks/role.py."""

    name = models.CharField(
        "name",
        max_length=50,
        unique=True,
        help_text="Access channel or duty, e.g. web, mobile, client_admin",
    )
    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    def __str__(self):
        return str(self.name)

    label_fields = ("name",)  # what __str__ reads: a change list joining this row loads only these

    class Meta:
        abstract = True
        ordering = ["name"]
        verbose_name = "role"
        verbose_name_plural = "roles"


class UserBase(EntityModel, AbstractUser):
    """Generated fields of User; the concrete model is timba/hooks/user.py."""

    name = models.CharField("name", max_length=200, blank=True, default="")
    username = models.CharField(
        "username",
        max_length=150,
        unique=True,
        validators=[UnicodeUsernameValidator()],
    )
    email = models.EmailField("email", max_length=254, blank=True, default="")
    contact = models.CharField(
        "contact",
        max_length=20,
        blank=True,
        default="",
        validators=[phone_validator],
    )
    address = models.TextField("address", blank=True, default="")
    client = models.ForeignKey(
        "timba.Client",
        on_delete=models.CASCADE,
        related_name="users",
        verbose_name="client",
        null=True,
        blank=True,
        help_text="Empty for platform staff",
    )
    roles = models.ManyToManyField(
        "timba.Role",
        related_name="users",
        verbose_name="roles",
        blank=True,
    )
    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    def __str__(self):
        return str(self.username)

    label_fields = ("username",)  # what __str__ reads: a change list joining this row loads only these

    class Meta(AbstractUser.Meta):
        abstract = True
        ordering = ["username"]
        verbose_name = "user"
        verbose_name_plural = "users"


class ConsignmentBase(EntityModel):
    """Generated fields of Consignment; the concrete model is timba/hooks/consignment.py."""

    name = models.CharField("name", max_length=200)
    type = models.CharField(
        "type",
        max_length=8,
        choices=[("hardwood", "Hardwood"), ("pinewood", "Pinewood")],
    )
    vehicle_number = models.CharField("vehicle number", max_length=20, blank=True, default="")
    client = models.ForeignKey(
        "timba.Client",
        on_delete=models.CASCADE,
        related_name="consignments",
        verbose_name="client",
    )
    created_by = models.ForeignKey(
        "timba.User",
        on_delete=models.SET_NULL,
        related_name="consignments_created",
        verbose_name="created by",
        null=True,
        blank=True,
        editable=False,
    )
    updated_by = models.ForeignKey(
        "timba.User",
        on_delete=models.SET_NULL,
        related_name="consignments_updated",
        verbose_name="updated by",
        null=True,
        blank=True,
        editable=False,
    )
    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    def __str__(self):
        return str(self.name)

    label_fields = ("name",)  # what __str__ reads: a change list joining this row loads only these

    auto_fields = {"created_by": "creator", "updated_by": "editor"}
    aggregate_fields = {"log_count": ("count", "logs"), "total_volume": ("sum", "logs.volume")}

    class Meta:
        abstract = True
        ordering = ["-created_at"]
        verbose_name = "consignment"
        verbose_name_plural = "consignments"
        constraints = [
            models.UniqueConstraint(fields=["client", "name"], name="consignment_client_name_uniq"),
        ]


class LogBase(EntityModel):
    """Generated fields of Log; the concrete model is timba/hooks/log.py."""

    consignment = models.ForeignKey(
        "timba.Consignment",
        on_delete=models.CASCADE,
        related_name="logs",
        verbose_name="consignment",
    )
    client = models.ForeignKey(
        "timba.Client",
        on_delete=models.CASCADE,
        related_name="logs",
        verbose_name="client",
        editable=False,
    )
    barcode = models.CharField("barcode", max_length=50, db_index=True)
    length = models.DecimalField(
        "length",
        max_digits=8,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="metres",
    )
    breadth = models.DecimalField(
        "breadth",
        max_digits=8,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="metres",
    )
    height = models.DecimalField(
        "height",
        max_digits=8,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="metres",
    )
    volume = models.DecimalField(
        "volume",
        max_digits=14,
        decimal_places=6,
        db_index=True,
        null=True,
        blank=True,
        editable=False,
        help_text="cubic metres: length × breadth × height",
    )
    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    def __str__(self):
        return str(self.barcode)

    label_fields = ("barcode",)  # what __str__ reads: a change list joining this row loads only these

    derived_fields = {"client": ("consignment", "client")}
    computed_fields = ("volume",)
    computed_inputs = {"volume": ("length", "breadth", "height")}

    class Meta:
        abstract = True
        ordering = ["id"]
        verbose_name = "timber log"
        verbose_name_plural = "timber logs"
        constraints = [
            models.UniqueConstraint(fields=["client", "barcode"], name="log_client_barcode_uniq"),
        ]
        indexes = [
            models.Index(fields=["consignment", "barcode"], name="log_consignment_barcode_idx"),
            models.Index(
                fields=["client", "consignment", "volume"],
                name="log_client_consignment_volume_",
            ),
            models.Index(
                fields=["client", "created_at", "volume"],
                name="log_client_created_at_volume_i",
            ),
        ]
