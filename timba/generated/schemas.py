# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-ninja schemas for every resource: <Name>Out, <Name>Create, <Name>Patch, <Name>Page."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from timba.runtime.schemas import InputSchema


class ClientOut(Schema):
    """A client as the API returns it."""

    id: int
    name: str
    address: str
    contact: str
    email: str
    plan: Literal["basic", "standard", "enterprise"]
    seats: int | None
    status: Literal["trial", "active", "past_due", "cancelled"]
    paid_until: date | None
    created_at: datetime
    updated_at: datetime


class ClientCreate(InputSchema):
    """Fields accepted when creating a client."""

    name: str = Field(max_length=200, min_length=1)
    address: str = ""
    contact: str = Field(default="", max_length=20, pattern="^\\+?[0-9 ()\\-]{3,20}$")
    email: str = Field(default="", max_length=254, pattern="^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")
    plan: Literal["basic", "standard", "enterprise"] = "basic"
    seats: int | None = Field(default=5, ge=0, description="Maximum active users")
    status: Literal["trial", "active", "past_due", "cancelled"] = "trial"
    paid_until: date | None = Field(default=None, description="Access ends after this day; empty for no end")


class ClientPatch(InputSchema):
    """Fields accepted by a partial update of a client; all optional."""

    name: str = Field(default=None, max_length=200, min_length=1)
    address: str = None
    contact: str = Field(default=None, max_length=20, pattern="^\\+?[0-9 ()\\-]{3,20}$")
    email: str = Field(default=None, max_length=254, pattern="^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")
    plan: Literal["basic", "standard", "enterprise"] = None
    seats: int | None = Field(default=None, ge=0, description="Maximum active users")
    status: Literal["trial", "active", "past_due", "cancelled"] = None
    paid_until: date | None = Field(default=None, description="Access ends after this day; empty for no end")


class ClientPage(Schema):
    """One page of clients."""

    items: list[ClientOut]
    count: int
    limit: int
    offset: int


class RoleOut(Schema):
    """A role as the API returns it."""

    id: int
    name: str
    created_at: datetime
    updated_at: datetime


class RoleCreate(InputSchema):
    """Fields accepted when creating a role."""

    name: str = Field(
        max_length=50,
        min_length=1,
        description="Access channel or duty, e.g. web, mobile, client_admin",
    )


class RolePatch(InputSchema):
    """Fields accepted by a partial update of a role; all optional."""

    name: str = Field(
        default=None,
        max_length=50,
        min_length=1,
        description="Access channel or duty, e.g. web, mobile, client_admin",
    )


class RolePage(Schema):
    """One page of roles."""

    items: list[RoleOut]
    count: int
    limit: int
    offset: int


class UserOut(Schema):
    """An user as the API returns it."""

    id: int
    name: str
    username: str
    email: str
    contact: str
    address: str
    client_id: int | None
    roles: list[int]
    is_active: bool
    is_staff: bool
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_roles(obj):
        return [row.pk for row in obj.roles.all()]


class UserCreate(InputSchema):
    """Fields accepted when creating an user."""

    name: str = Field(default="", max_length=200)
    username: str = Field(max_length=150, min_length=1)
    email: str = Field(default="", max_length=254, pattern="^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")
    contact: str = Field(default="", max_length=20, pattern="^\\+?[0-9 ()\\-]{3,20}$")
    address: str = ""
    client_id: int | None | None = Field(default=None, description="Empty for platform staff")
    roles: list[int] = Field(default_factory=list)
    password: str = Field(default="", max_length=128, description="Leave empty for no login")


class UserPatch(InputSchema):
    """Fields accepted by a partial update of an user; all optional."""

    name: str = Field(default=None, max_length=200)
    username: str = Field(default=None, max_length=150, min_length=1)
    email: str = Field(default=None, max_length=254, pattern="^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")
    contact: str = Field(default=None, max_length=20, pattern="^\\+?[0-9 ()\\-]{3,20}$")
    address: str = None
    client_id: int | None = Field(default=None, description="Empty for platform staff")
    roles: list[int] = None
    password: str = Field(default=None, max_length=128)


class UserPage(Schema):
    """One page of users."""

    items: list[UserOut]
    count: int
    limit: int
    offset: int


class ConsignmentOut(Schema):
    """A consignment as the API returns it."""

    id: int
    name: str
    type: Literal["hardwood", "pinewood"]
    vehicle_number: str
    client_id: int
    created_by_id: int | None
    updated_by_id: int | None
    created_at: datetime
    updated_at: datetime


class ConsignmentCreate(InputSchema):
    """Fields accepted when creating a consignment."""

    name: str = Field(max_length=200, min_length=1)
    type: Literal["hardwood", "pinewood"]
    vehicle_number: str = Field(default="", max_length=20)
    client_id: int | None = None


class ConsignmentPatch(InputSchema):
    """Fields accepted by a partial update of a consignment; all optional."""

    name: str = Field(default=None, max_length=200, min_length=1)
    type: Literal["hardwood", "pinewood"] = None
    vehicle_number: str = Field(default=None, max_length=20)
    client_id: int = None


class ConsignmentPage(Schema):
    """One page of consignments."""

    items: list[ConsignmentOut]
    count: int
    limit: int
    offset: int


class LogOut(Schema):
    """A timber log as the API returns it."""

    id: int
    consignment_id: int
    client_id: int
    barcode: str
    length: Decimal
    breadth: Decimal
    height: Decimal
    volume: Decimal | None
    created_at: datetime
    updated_at: datetime


class LogCreate(InputSchema):
    """Fields accepted when creating a timber log."""

    consignment_id: int
    barcode: str = Field(max_length=50, min_length=1)
    length: Decimal = Field(ge=0, max_digits=8, decimal_places=3, description="metres")
    breadth: Decimal = Field(ge=0, max_digits=8, decimal_places=3, description="metres")
    height: Decimal = Field(ge=0, max_digits=8, decimal_places=3, description="metres")


class LogPatch(InputSchema):
    """Fields accepted by a partial update of a timber log; all optional."""

    consignment_id: int = None
    barcode: str = Field(default=None, max_length=50, min_length=1)
    length: Decimal = Field(default=None, ge=0, max_digits=8, decimal_places=3, description="metres")
    breadth: Decimal = Field(default=None, ge=0, max_digits=8, decimal_places=3, description="metres")
    height: Decimal = Field(default=None, ge=0, max_digits=8, decimal_places=3, description="metres")


class LogPage(Schema):
    """One page of timber logs."""

    items: list[LogOut]
    count: int
    limit: int
    offset: int
