# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-ninja schemas for every resource: <Name>Out, <Name>Create, <Name>Patch, <Name>Page, <Name>ListQuery, <Name>ExportQuery."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, ClassVar, Literal

from ninja import Field, Schema
from pydantic import StrictBool

from timba.runtime.aggregates import aggregate_value
from timba.runtime.exports.params import ExportParams
from timba.runtime.pagination import PageParams
from timba.runtime.schemas import (
    JSON_INTEGER,
    DecimalText,
    InputSchema,
    IsoDate,
    IsoDateTime,
    Password,
    partial_schema,
)
from timba.runtime.value_patterns import choice_list_pattern, int_list_pattern, text_list_pattern


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
    email: str = Field(
        default="",
        max_length=254,
        pattern="^[-!#$%&'*+/=?^_`{|}~0-9A-Za-z]+(?:\\.[-!#$%&'*+/=?^_`{|}~0-9A-Za-z]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.[A-Za-z](?:[A-Za-z-]{0,61}[A-Za-z])$",
    )
    plan: Literal["basic", "standard", "enterprise"] = "basic"
    seats: Annotated[int, Field(ge=0, le=2147483647), JSON_INTEGER] | None = Field(default=5, description="Maximum active users")
    status: Literal["trial", "active", "past_due", "cancelled"] = "trial"
    paid_until: IsoDate | None = Field(default=None, description="Access ends after this day; empty for no end")


class ClientPatch(InputSchema):
    """Fields accepted by a partial update of a client; all optional."""

    name: str = Field(default=None, max_length=200, min_length=1)
    address: str = None
    contact: str = Field(default=None, max_length=20, pattern="^\\+?[0-9 ()\\-]{3,20}$")
    email: str = Field(
        default=None,
        max_length=254,
        pattern="^[-!#$%&'*+/=?^_`{|}~0-9A-Za-z]+(?:\\.[-!#$%&'*+/=?^_`{|}~0-9A-Za-z]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.[A-Za-z](?:[A-Za-z-]{0,61}[A-Za-z])$",
    )
    plan: Literal["basic", "standard", "enterprise"] = None
    seats: Annotated[int, Field(ge=0, le=2147483647), JSON_INTEGER] | None = Field(default=None, description="Maximum active users")
    status: Literal["trial", "active", "past_due", "cancelled"] = None
    paid_until: IsoDate | None = Field(default=None, description="Access ends after this day; empty for no end")


ClientFields = partial_schema(ClientOut, "ClientFields")


class ClientPage(Schema):
    """One page of clients."""

    items: list[ClientOut | ClientFields]
    count: int | None = Field(description="Rows matching the query; null on cursor pages")
    limit: int
    offset: int | None = Field(description="Rows skipped; null on cursor pages")
    next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")


class ClientListQuery(PageParams):
    """Query parameters of the client list: paging, ?fields= and the filters the spec declares."""

    FILTERS: ClassVar[dict[str, tuple[str, ...]]] = {
        "plan": ("exact", "in"),
        "status": ("exact", "in"),
        "paid_until": ("range",),
        "name": ("exact", "contains"),
    }
    SEARCH: ClassVar[tuple[str, ...]] = ("name", "email", "contact")

    plan: Literal["basic", "standard", "enterprise"] | None = Field(None, description="plan equals")
    plan__in: str | None = Field(
        None,
        pattern=choice_list_pattern(["basic", "standard", "enterprise"]),
        description="plan is one of these comma-separated values",
    )
    status: Literal["trial", "active", "past_due", "cancelled"] | None = Field(None, description="status equals")
    status__in: str | None = Field(
        None,
        pattern=choice_list_pattern(["trial", "active", "past_due", "cancelled"]),
        description="status is one of these comma-separated values",
    )
    paid_until__gte: IsoDate | None = Field(None, description="paid_until at least (inclusive)")
    paid_until__lte: IsoDate | None = Field(None, description="paid_until at most (inclusive)")
    name: str | None = Field(None, description="name equals")
    name__contains: str | None = Field(None, description="name contains this text (case-insensitive)")
    order: Literal["name", "-name", "created_at", "-created_at", "paid_until", "-paid_until"] | None = Field(
        None,
        description="One field to sort by, '-' first for descending; ties go by id, empty values last",
    )
    search: str | None = Field(
        None,
        description="Rows whose name, email, contact contain this text (case-insensitive)",
    )
    fields: str | None = Field(
        None,
        json_schema_extra={"pattern": choice_list_pattern(["id", "name", "address", "contact", "email", "plan", "seats", "status", "paid_until", "created_at", "updated_at"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )


class ClientExportQuery(ExportParams):
    """Query parameters of the client export: the format and the list's filters, order and search."""

    FILTERS: ClassVar[dict[str, tuple[str, ...]]] = {
        "plan": ("exact", "in"),
        "status": ("exact", "in"),
        "paid_until": ("range",),
        "name": ("exact", "contains"),
    }
    SEARCH: ClassVar[tuple[str, ...]] = ("name", "email", "contact")

    plan: Literal["basic", "standard", "enterprise"] | None = Field(None, description="plan equals")
    plan__in: str | None = Field(
        None,
        pattern=choice_list_pattern(["basic", "standard", "enterprise"]),
        description="plan is one of these comma-separated values",
    )
    status: Literal["trial", "active", "past_due", "cancelled"] | None = Field(None, description="status equals")
    status__in: str | None = Field(
        None,
        pattern=choice_list_pattern(["trial", "active", "past_due", "cancelled"]),
        description="status is one of these comma-separated values",
    )
    paid_until__gte: IsoDate | None = Field(None, description="paid_until at least (inclusive)")
    paid_until__lte: IsoDate | None = Field(None, description="paid_until at most (inclusive)")
    name: str | None = Field(None, description="name equals")
    name__contains: str | None = Field(None, description="name contains this text (case-insensitive)")
    order: Literal["name", "-name", "created_at", "-created_at", "paid_until", "-paid_until"] | None = Field(
        None,
        description="One field to sort by, '-' first for descending; ties go by id, empty values last",
    )
    search: str | None = Field(
        None,
        description="Rows whose name, email, contact contain this text (case-insensitive)",
    )


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


RoleFields = partial_schema(RoleOut, "RoleFields")


class RolePage(Schema):
    """One page of roles."""

    items: list[RoleOut | RoleFields]
    count: int | None = Field(description="Rows matching the query; null on cursor pages")
    limit: int
    offset: int | None = Field(description="Rows skipped; null on cursor pages")
    next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")


class RoleListQuery(PageParams):
    """Query parameters of the role list: paging, ?fields= and the filters the spec declares."""

    FILTERS: ClassVar[dict[str, tuple[str, ...]]] = {"name": ("exact", "in")}
    SEARCH: ClassVar[tuple[str, ...]] = ("name",)

    name: str | None = Field(None, description="name equals")
    name__in: str | None = Field(
        None,
        pattern=text_list_pattern(),
        description="name is one of these comma-separated values",
    )
    order: Literal["name", "-name"] | None = Field(
        None,
        description="One field to sort by, '-' first for descending; ties go by id, empty values last",
    )
    search: str | None = Field(None, description="Rows whose name contain this text (case-insensitive)")
    fields: str | None = Field(
        None,
        json_schema_extra={"pattern": choice_list_pattern(["id", "name", "created_at", "updated_at"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )


class UserOut(Schema):
    """A user as the API returns it."""

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
    """Fields accepted when creating a user."""

    name: str = Field(default="", max_length=200)
    username: str = Field(max_length=150, pattern="^[A-Za-z0-9_.@+-]+$", min_length=1)
    email: str = Field(
        default="",
        max_length=254,
        pattern="^[-!#$%&'*+/=?^_`{|}~0-9A-Za-z]+(?:\\.[-!#$%&'*+/=?^_`{|}~0-9A-Za-z]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.[A-Za-z](?:[A-Za-z-]{0,61}[A-Za-z])$",
    )
    contact: str = Field(default="", max_length=20, pattern="^\\+?[0-9 ()\\-]{3,20}$")
    address: str = ""
    client_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER] | None = Field(default=None, description="Empty for platform staff")
    roles: list[Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER]] = Field(default_factory=list)
    password: Annotated[str, Password()] = Field(default="", max_length=128)
    is_active: StrictBool = Field(
        default=True,
        description="An inactive account cannot log in and holds no seat; its tokens stop working",
    )


class UserPatch(InputSchema):
    """Fields accepted by a partial update of a user; all optional."""

    name: str = Field(default=None, max_length=200)
    username: str = Field(default=None, max_length=150, pattern="^[A-Za-z0-9_.@+-]+$", min_length=1)
    email: str = Field(
        default=None,
        max_length=254,
        pattern="^[-!#$%&'*+/=?^_`{|}~0-9A-Za-z]+(?:\\.[-!#$%&'*+/=?^_`{|}~0-9A-Za-z]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.[A-Za-z](?:[A-Za-z-]{0,61}[A-Za-z])$",
    )
    contact: str = Field(default=None, max_length=20, pattern="^\\+?[0-9 ()\\-]{3,20}$")
    address: str = None
    client_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER] | None = Field(default=None, description="Empty for platform staff")
    roles: list[Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER]] = None
    password: Annotated[str, Password()] = Field(default=None, max_length=128)
    is_active: StrictBool = Field(
        default=None,
        description="An inactive account cannot log in and holds no seat; its tokens stop working",
    )


UserFields = partial_schema(UserOut, "UserFields")


class UserPage(Schema):
    """One page of users."""

    items: list[UserOut | UserFields]
    count: int | None = Field(description="Rows matching the query; null on cursor pages")
    limit: int
    offset: int | None = Field(description="Rows skipped; null on cursor pages")
    next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")


class UserListQuery(PageParams):
    """Query parameters of the user list: paging, ?fields= and the filters the spec declares."""

    FILTERS: ClassVar[dict[str, tuple[str, ...]]] = {
        "client": ("exact", "in"),
        "roles": ("exact", "in"),
        "is_active": ("exact",),
        "created_at": ("range",),
    }
    SEARCH: ClassVar[tuple[str, ...]] = ("username", "name", "email", "contact")

    client: int | None = Field(None, ge=1, le=9223372036854775807, description="client equals")
    client__in: str | None = Field(
        None,
        pattern=int_list_pattern(1, 9223372036854775807),
        description="client is one of these comma-separated values",
    )
    roles: int | None = Field(None, ge=1, le=9223372036854775807, description="roles equals")
    roles__in: str | None = Field(
        None,
        pattern=int_list_pattern(1, 9223372036854775807),
        description="roles is one of these comma-separated values",
    )
    is_active: bool | None = Field(None, description="is_active equals")
    created_at__gte: IsoDateTime | None = Field(None, description="created_at at least (inclusive)")
    created_at__lte: IsoDateTime | None = Field(None, description="created_at at most (inclusive)")
    order: Literal["username", "-username", "name", "-name", "created_at", "-created_at"] | None = Field(
        None,
        description="One field to sort by, '-' first for descending; ties go by id, empty values last",
    )
    search: str | None = Field(
        None,
        description="Rows whose username, name, email, contact contain this text (case-insensitive)",
    )
    fields: str | None = Field(
        None,
        json_schema_extra={"pattern": choice_list_pattern(["id", "name", "username", "email", "contact", "address", "client_id", "roles", "is_active", "is_staff", "created_at", "updated_at"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )


class UserExportQuery(ExportParams):
    """Query parameters of the user export: the format and the list's filters, order and search."""

    FILTERS: ClassVar[dict[str, tuple[str, ...]]] = {
        "client": ("exact", "in"),
        "roles": ("exact", "in"),
        "is_active": ("exact",),
        "created_at": ("range",),
    }
    SEARCH: ClassVar[tuple[str, ...]] = ("username", "name", "email", "contact")

    client: int | None = Field(None, ge=1, le=9223372036854775807, description="client equals")
    client__in: str | None = Field(
        None,
        pattern=int_list_pattern(1, 9223372036854775807),
        description="client is one of these comma-separated values",
    )
    roles: int | None = Field(None, ge=1, le=9223372036854775807, description="roles equals")
    roles__in: str | None = Field(
        None,
        pattern=int_list_pattern(1, 9223372036854775807),
        description="roles is one of these comma-separated values",
    )
    is_active: bool | None = Field(None, description="is_active equals")
    created_at__gte: IsoDateTime | None = Field(None, description="created_at at least (inclusive)")
    created_at__lte: IsoDateTime | None = Field(None, description="created_at at most (inclusive)")
    order: Literal["username", "-username", "name", "-name", "created_at", "-created_at"] | None = Field(
        None,
        description="One field to sort by, '-' first for descending; ties go by id, empty values last",
    )
    search: str | None = Field(
        None,
        description="Rows whose username, name, email, contact contain this text (case-insensitive)",
    )


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
    log_count: int = Field(description="Number of logs (read-only)")
    total_volume: Decimal = Field(description="Sum of logs volume; 0 when there are none (read-only)")

    @staticmethod
    def resolve_log_count(obj):
        return aggregate_value(obj, "log_count")

    @staticmethod
    def resolve_total_volume(obj):
        return aggregate_value(obj, "total_volume")


class ConsignmentCreate(InputSchema):
    """Fields accepted when creating a consignment."""

    name: str = Field(max_length=200, min_length=1)
    type: Literal["hardwood", "pinewood"]
    vehicle_number: str = Field(default="", max_length=20)
    client_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER] | None = None


class ConsignmentPatch(InputSchema):
    """Fields accepted by a partial update of a consignment; all optional."""

    name: str = Field(default=None, max_length=200, min_length=1)
    type: Literal["hardwood", "pinewood"] = None
    vehicle_number: str = Field(default=None, max_length=20)
    client_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER] = None


ConsignmentFields = partial_schema(ConsignmentOut, "ConsignmentFields")


class ConsignmentPage(Schema):
    """One page of consignments."""

    items: list[ConsignmentOut | ConsignmentFields]
    count: int | None = Field(description="Rows matching the query; null on cursor pages")
    limit: int
    offset: int | None = Field(description="Rows skipped; null on cursor pages")
    next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")


class ConsignmentListQuery(PageParams):
    """Query parameters of the consignment list: paging, ?fields= and the filters the spec declares."""

    FILTERS: ClassVar[dict[str, tuple[str, ...]]] = {
        "client": ("exact", "in"),
        "type": ("exact", "in"),
        "created_at": ("range",),
        "name": ("contains",),
        "vehicle_number": ("exact",),
    }
    SEARCH: ClassVar[tuple[str, ...]] = ("name", "vehicle_number")

    client: int | None = Field(None, ge=1, le=9223372036854775807, description="client equals")
    client__in: str | None = Field(
        None,
        pattern=int_list_pattern(1, 9223372036854775807),
        description="client is one of these comma-separated values",
    )
    type: Literal["hardwood", "pinewood"] | None = Field(None, description="type equals")
    type__in: str | None = Field(
        None,
        pattern=choice_list_pattern(["hardwood", "pinewood"]),
        description="type is one of these comma-separated values",
    )
    created_at__gte: IsoDateTime | None = Field(None, description="created_at at least (inclusive)")
    created_at__lte: IsoDateTime | None = Field(None, description="created_at at most (inclusive)")
    name__contains: str | None = Field(None, description="name contains this text (case-insensitive)")
    vehicle_number: str | None = Field(None, description="vehicle_number equals")
    order: Literal["name", "-name", "created_at", "-created_at", "type", "-type"] | None = Field(
        None,
        description="One field to sort by, '-' first for descending; ties go by id, empty values last",
    )
    search: str | None = Field(
        None,
        description="Rows whose name, vehicle_number contain this text (case-insensitive)",
    )
    fields: str | None = Field(
        None,
        json_schema_extra={"pattern": choice_list_pattern(["id", "name", "type", "vehicle_number", "client_id", "created_by_id", "updated_by_id", "created_at", "updated_at", "log_count", "total_volume"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )


class ConsignmentExportQuery(ExportParams):
    """Query parameters of the consignment export: the format and the list's filters, order and search."""

    FILTERS: ClassVar[dict[str, tuple[str, ...]]] = {
        "client": ("exact", "in"),
        "type": ("exact", "in"),
        "created_at": ("range",),
        "name": ("contains",),
        "vehicle_number": ("exact",),
    }
    SEARCH: ClassVar[tuple[str, ...]] = ("name", "vehicle_number")

    client: int | None = Field(None, ge=1, le=9223372036854775807, description="client equals")
    client__in: str | None = Field(
        None,
        pattern=int_list_pattern(1, 9223372036854775807),
        description="client is one of these comma-separated values",
    )
    type: Literal["hardwood", "pinewood"] | None = Field(None, description="type equals")
    type__in: str | None = Field(
        None,
        pattern=choice_list_pattern(["hardwood", "pinewood"]),
        description="type is one of these comma-separated values",
    )
    created_at__gte: IsoDateTime | None = Field(None, description="created_at at least (inclusive)")
    created_at__lte: IsoDateTime | None = Field(None, description="created_at at most (inclusive)")
    name__contains: str | None = Field(None, description="name contains this text (case-insensitive)")
    vehicle_number: str | None = Field(None, description="vehicle_number equals")
    order: Literal["name", "-name", "created_at", "-created_at", "type", "-type"] | None = Field(
        None,
        description="One field to sort by, '-' first for descending; ties go by id, empty values last",
    )
    search: str | None = Field(
        None,
        description="Rows whose name, vehicle_number contain this text (case-insensitive)",
    )


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

    consignment_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER]
    barcode: str = Field(max_length=50, min_length=1)
    length: Annotated[Decimal, DecimalText(8, 3, ge=0)] = Field(description="metres")
    breadth: Annotated[Decimal, DecimalText(8, 3, ge=0)] = Field(description="metres")
    height: Annotated[Decimal, DecimalText(8, 3, ge=0)] = Field(description="metres")


class LogPatch(InputSchema):
    """Fields accepted by a partial update of a timber log; all optional."""

    consignment_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER] = None
    barcode: str = Field(default=None, max_length=50, min_length=1)
    length: Annotated[Decimal, DecimalText(8, 3, ge=0)] = Field(default=None, description="metres")
    breadth: Annotated[Decimal, DecimalText(8, 3, ge=0)] = Field(default=None, description="metres")
    height: Annotated[Decimal, DecimalText(8, 3, ge=0)] = Field(default=None, description="metres")


LogFields = partial_schema(LogOut, "LogFields")


class LogPage(Schema):
    """One page of timber logs."""

    items: list[LogOut | LogFields]
    count: int | None = Field(description="Rows matching the query; null on cursor pages")
    limit: int
    offset: int | None = Field(description="Rows skipped; null on cursor pages")
    next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")


class LogBulk(InputSchema):
    """The body of a bulk upsert of timber logs, matched on client, barcode."""

    items: list[LogCreate] = Field(max_length=1000, json_schema_extra={"uniqueItems": True})


class LogBulkResult(Schema):
    """The answer of a bulk upsert of timber logs."""

    created: int = Field(description="Rows created")
    updated: int = Field(description="Existing rows updated")
    items: list[LogOut] = Field(description="Every row sent, in request order")


class LogListQuery(PageParams):
    """Query parameters of the timber log list: paging, ?fields= and the filters the spec declares."""

    FILTERS: ClassVar[dict[str, tuple[str, ...]]] = {
        "consignment": ("exact", "in"),
        "barcode": ("exact", "in", "contains"),
        "created_at": ("range",),
        "length": ("range",),
        "volume": ("range",),
    }
    SEARCH: ClassVar[tuple[str, ...]] = ("barcode",)

    consignment: int | None = Field(None, ge=1, le=9223372036854775807, description="consignment equals")
    consignment__in: str | None = Field(
        None,
        pattern=int_list_pattern(1, 9223372036854775807),
        description="consignment is one of these comma-separated values",
    )
    barcode: str | None = Field(None, description="barcode equals")
    barcode__in: str | None = Field(
        None,
        pattern=text_list_pattern(),
        description="barcode is one of these comma-separated values",
    )
    barcode__contains: str | None = Field(None, description="barcode contains this text (case-insensitive)")
    created_at__gte: IsoDateTime | None = Field(None, description="created_at at least (inclusive)")
    created_at__lte: IsoDateTime | None = Field(None, description="created_at at most (inclusive)")
    length__gte: Annotated[Decimal, DecimalText(8, 3, text_only=True)] | None = Field(None, description="length at least (inclusive)")
    length__lte: Annotated[Decimal, DecimalText(8, 3, text_only=True)] | None = Field(None, description="length at most (inclusive)")
    volume__gte: Annotated[Decimal, DecimalText(14, 6, text_only=True)] | None = Field(None, description="volume at least (inclusive)")
    volume__lte: Annotated[Decimal, DecimalText(14, 6, text_only=True)] | None = Field(None, description="volume at most (inclusive)")
    order: Literal["barcode", "-barcode", "created_at", "-created_at", "volume", "-volume"] | None = Field(
        None,
        description="One field to sort by, '-' first for descending; ties go by id, empty values last",
    )
    search: str | None = Field(None, description="Rows whose barcode contain this text (case-insensitive)")
    fields: str | None = Field(
        None,
        json_schema_extra={"pattern": choice_list_pattern(["id", "consignment_id", "client_id", "barcode", "length", "breadth", "height", "volume", "created_at", "updated_at"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )


class LogExportQuery(ExportParams):
    """Query parameters of the timber log export: the format and the list's filters, order and search."""

    FILTERS: ClassVar[dict[str, tuple[str, ...]]] = {
        "consignment": ("exact", "in"),
        "barcode": ("exact", "in", "contains"),
        "created_at": ("range",),
        "length": ("range",),
        "volume": ("range",),
    }
    SEARCH: ClassVar[tuple[str, ...]] = ("barcode",)

    consignment: int | None = Field(None, ge=1, le=9223372036854775807, description="consignment equals")
    consignment__in: str | None = Field(
        None,
        pattern=int_list_pattern(1, 9223372036854775807),
        description="consignment is one of these comma-separated values",
    )
    barcode: str | None = Field(None, description="barcode equals")
    barcode__in: str | None = Field(
        None,
        pattern=text_list_pattern(),
        description="barcode is one of these comma-separated values",
    )
    barcode__contains: str | None = Field(None, description="barcode contains this text (case-insensitive)")
    created_at__gte: IsoDateTime | None = Field(None, description="created_at at least (inclusive)")
    created_at__lte: IsoDateTime | None = Field(None, description="created_at at most (inclusive)")
    length__gte: Annotated[Decimal, DecimalText(8, 3, text_only=True)] | None = Field(None, description="length at least (inclusive)")
    length__lte: Annotated[Decimal, DecimalText(8, 3, text_only=True)] | None = Field(None, description="length at most (inclusive)")
    volume__gte: Annotated[Decimal, DecimalText(14, 6, text_only=True)] | None = Field(None, description="volume at least (inclusive)")
    volume__lte: Annotated[Decimal, DecimalText(14, 6, text_only=True)] | None = Field(None, description="volume at most (inclusive)")
    order: Literal["barcode", "-barcode", "created_at", "-created_at", "volume", "-volume"] | None = Field(
        None,
        description="One field to sort by, '-' first for descending; ties go by id, empty values last",
    )
    search: str | None = Field(None, description="Rows whose barcode contain this text (case-insensitive)")
