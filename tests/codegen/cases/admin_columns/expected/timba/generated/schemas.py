# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-ninja schemas for every resource: <Name>Out, <Name>Create, <Name>Patch, <Name>Page, <Name>ListQuery, <Name>ExportQuery."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import StrictBool

from timba.runtime.aggregates import aggregate_value
from timba.runtime.pagination import PageParams
from timba.runtime.schemas import JSON_INTEGER, DecimalText, InputSchema, Password, partial_schema
from timba.runtime.value_patterns import choice_list_pattern


class ShopOut(Schema):
    """A shop as the API returns it."""

    id: int
    name: str
    state: Literal["open", "closed"]
    places: int | None
    created_at: datetime
    updated_at: datetime


class ShopCreate(InputSchema):
    """Fields accepted when creating a shop."""

    name: str = Field(max_length=255, min_length=1)
    state: Literal["open", "closed"] = "open"
    places: Annotated[int, Field(ge=0, le=2147483647), JSON_INTEGER] | None = 3


class ShopPatch(InputSchema):
    """Fields accepted by a partial update of a shop; all optional."""

    name: str = Field(default=None, max_length=255, min_length=1)
    state: Literal["open", "closed"] = None
    places: Annotated[int, Field(ge=0, le=2147483647), JSON_INTEGER] | None = None


ShopFields = partial_schema(ShopOut, "ShopFields")


class ShopPage(Schema):
    """One page of shops."""

    items: list[ShopOut | ShopFields]
    count: int | None = Field(description="Rows matching the query; null on cursor pages")
    limit: int
    offset: int | None = Field(description="Rows skipped; null on cursor pages")
    next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")


class ShopListQuery(PageParams):
    """Query parameters of the shop list: paging, ?fields= and the filters the spec declares."""

    fields: str | None = Field(
        None,
        json_schema_extra={"pattern": choice_list_pattern(["id", "name", "state", "places", "created_at", "updated_at"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )


class DutyOut(Schema):
    """A duty as the API returns it."""

    id: int
    title: str
    created_at: datetime
    updated_at: datetime


class DutyCreate(InputSchema):
    """Fields accepted when creating a duty."""

    title: str = Field(max_length=255, min_length=1)


class DutyPatch(InputSchema):
    """Fields accepted by a partial update of a duty; all optional."""

    title: str = Field(default=None, max_length=255, min_length=1)


DutyFields = partial_schema(DutyOut, "DutyFields")


class DutyPage(Schema):
    """One page of duties."""

    items: list[DutyOut | DutyFields]
    count: int | None = Field(description="Rows matching the query; null on cursor pages")
    limit: int
    offset: int | None = Field(description="Rows skipped; null on cursor pages")
    next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")


class DutyListQuery(PageParams):
    """Query parameters of the duty list: paging, ?fields= and the filters the spec declares."""

    fields: str | None = Field(
        None,
        json_schema_extra={"pattern": choice_list_pattern(["id", "title", "created_at", "updated_at"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )


class MemberOut(Schema):
    """A member as the API returns it."""

    id: int
    shop_id: int | None
    duties: list[int]
    is_active: bool
    is_staff: bool
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_duties(obj):
        return [row.pk for row in obj.duties.all()]


class MemberCreate(InputSchema):
    """Fields accepted when creating a member."""

    shop_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER] | None = None
    duties: list[Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER]] = Field(default_factory=list)
    password: Annotated[str, Password()] = Field(default="", max_length=128)
    is_active: StrictBool = Field(
        default=True,
        description="An inactive account cannot log in and holds no seat; its tokens stop working",
    )


class MemberPatch(InputSchema):
    """Fields accepted by a partial update of a member; all optional."""

    shop_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER] | None = None
    duties: list[Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER]] = None
    password: Annotated[str, Password()] = Field(default=None, max_length=128)
    is_active: StrictBool = Field(
        default=None,
        description="An inactive account cannot log in and holds no seat; its tokens stop working",
    )


MemberFields = partial_schema(MemberOut, "MemberFields")


class MemberPage(Schema):
    """One page of members."""

    items: list[MemberOut | MemberFields]
    count: int | None = Field(description="Rows matching the query; null on cursor pages")
    limit: int
    offset: int | None = Field(description="Rows skipped; null on cursor pages")
    next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")


class MemberListQuery(PageParams):
    """Query parameters of the member list: paging, ?fields= and the filters the spec declares."""

    fields: str | None = Field(
        None,
        json_schema_extra={"pattern": choice_list_pattern(["id", "shop_id", "duties", "is_active", "is_staff", "created_at", "updated_at"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )


class OrderOut(Schema):
    """An order as the API returns it."""

    id: int
    shop_id: int
    number: str
    created_at: datetime
    updated_at: datetime
    line_count: int = Field(description="Number of lines (read-only)")
    total: Decimal = Field(description="Sum of lines amount; 0 when there are none (read-only)")

    @staticmethod
    def resolve_line_count(obj):
        return aggregate_value(obj, "line_count")

    @staticmethod
    def resolve_total(obj):
        return aggregate_value(obj, "total")


class OrderCreate(InputSchema):
    """Fields accepted when creating an order."""

    shop_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER] | None = None
    number: str = Field(max_length=255, min_length=1)


class OrderPatch(InputSchema):
    """Fields accepted by a partial update of an order; all optional."""

    shop_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER] = None
    number: str = Field(default=None, max_length=255, min_length=1)


OrderFields = partial_schema(OrderOut, "OrderFields")


class OrderPage(Schema):
    """One page of orders."""

    items: list[OrderOut | OrderFields]
    count: int | None = Field(description="Rows matching the query; null on cursor pages")
    limit: int
    offset: int | None = Field(description="Rows skipped; null on cursor pages")
    next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")


class OrderListQuery(PageParams):
    """Query parameters of the order list: paging, ?fields= and the filters the spec declares."""

    fields: str | None = Field(
        None,
        json_schema_extra={"pattern": choice_list_pattern(["id", "shop_id", "number", "created_at", "updated_at", "line_count", "total"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )


class LineOut(Schema):
    """A line as the API returns it."""

    id: int
    order_id: int
    shop_id: int
    amount: Decimal
    created_at: datetime
    updated_at: datetime


class LineCreate(InputSchema):
    """Fields accepted when creating a line."""

    order_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER]
    amount: Annotated[Decimal, DecimalText(10, 2)]


class LinePatch(InputSchema):
    """Fields accepted by a partial update of a line; all optional."""

    order_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER] = None
    amount: Annotated[Decimal, DecimalText(10, 2)] = None


LineFields = partial_schema(LineOut, "LineFields")


class LinePage(Schema):
    """One page of lines."""

    items: list[LineOut | LineFields]
    count: int | None = Field(description="Rows matching the query; null on cursor pages")
    limit: int
    offset: int | None = Field(description="Rows skipped; null on cursor pages")
    next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")


class LineListQuery(PageParams):
    """Query parameters of the line list: paging, ?fields= and the filters the spec declares."""

    fields: str | None = Field(
        None,
        json_schema_extra={"pattern": choice_list_pattern(["id", "order_id", "shop_id", "amount", "created_at", "updated_at"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )
