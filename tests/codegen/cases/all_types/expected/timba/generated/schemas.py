# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-ninja schemas for every resource: <Name>Out, <Name>Create, <Name>Patch, <Name>Page, <Name>ListQuery, <Name>ExportQuery."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

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
from timba.runtime.value_patterns import choice_list_pattern


class AccountOut(Schema):
    """An account as the API returns it."""

    id: int
    username: str
    email: str
    display_name: str
    is_active: bool
    is_staff: bool
    created_at: datetime
    updated_at: datetime


class AccountCreate(InputSchema):
    """Fields accepted when creating an account."""

    username: str = Field(max_length=150, pattern="^[A-Za-z0-9_.@+-]+$", min_length=1)
    email: str = Field(
        default="",
        max_length=254,
        pattern="^[-!#$%&'*+/=?^_`{|}~0-9A-Za-z]+(?:\\.[-!#$%&'*+/=?^_`{|}~0-9A-Za-z]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.[A-Za-z](?:[A-Za-z-]{0,61}[A-Za-z])$",
    )
    display_name: str = Field(default="", max_length=80)
    password: Annotated[str, Password()] = Field(default="", max_length=128)
    is_active: StrictBool = Field(
        default=True,
        description="An inactive account cannot log in and holds no seat; its tokens stop working",
    )


class AccountPatch(InputSchema):
    """Fields accepted by a partial update of an account; all optional."""

    username: str = Field(default=None, max_length=150, pattern="^[A-Za-z0-9_.@+-]+$", min_length=1)
    email: str = Field(
        default=None,
        max_length=254,
        pattern="^[-!#$%&'*+/=?^_`{|}~0-9A-Za-z]+(?:\\.[-!#$%&'*+/=?^_`{|}~0-9A-Za-z]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.[A-Za-z](?:[A-Za-z-]{0,61}[A-Za-z])$",
    )
    display_name: str = Field(default=None, max_length=80)
    password: Annotated[str, Password()] = Field(default=None, max_length=128)
    is_active: StrictBool = Field(
        default=None,
        description="An inactive account cannot log in and holds no seat; its tokens stop working",
    )


AccountFields = partial_schema(AccountOut, "AccountFields")


class AccountPage(Schema):
    """One page of accounts."""

    items: list[AccountOut | AccountFields]
    count: int | None = Field(description="Rows matching the query; null on cursor pages")
    limit: int
    offset: int | None = Field(description="Rows skipped; null on cursor pages")
    next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")


class AccountListQuery(PageParams):
    """Query parameters of the account list: paging, ?fields= and the filters the spec declares."""

    fields: str | None = Field(
        None,
        json_schema_extra={"pattern": choice_list_pattern(["id", "username", "email", "display_name", "is_active", "is_staff", "created_at", "updated_at"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )


class TagOut(Schema):
    """A tag as the API returns it."""

    id: int
    name: str
    color: Literal["red", "green", "dark_blue"]
    created_at: datetime
    updated_at: datetime


class TagCreate(InputSchema):
    """Fields accepted when creating a tag."""

    name: str = Field(max_length=40, min_length=1)
    color: Literal["red", "green", "dark_blue"] = "red"


class TagPatch(InputSchema):
    """Fields accepted by a partial update of a tag; all optional."""

    name: str = Field(default=None, max_length=40, min_length=1)
    color: Literal["red", "green", "dark_blue"] = None


TagFields = partial_schema(TagOut, "TagFields")


class TagPage(Schema):
    """One page of tags."""

    items: list[TagOut | TagFields]
    count: int | None = Field(description="Rows matching the query; null on cursor pages")
    limit: int
    offset: int | None = Field(description="Rows skipped; null on cursor pages")
    next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")


class TagListQuery(PageParams):
    """Query parameters of the tag list: paging, ?fields= and the filters the spec declares."""

    fields: str | None = Field(
        None,
        json_schema_extra={"pattern": choice_list_pattern(["id", "name", "color", "created_at", "updated_at"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )


class WarehouseOut(Schema):
    """A storage depot as the API returns it."""

    id: int
    code: str
    city: str
    item_count: int = Field(description="Number of items (read-only)")
    total_quantity: int = Field(description="Sum of items quantity; 0 when there are none (read-only)")
    total_weight: Decimal = Field(description="Sum of items weight; 0 when there are none (read-only)")

    @staticmethod
    def resolve_item_count(obj):
        return aggregate_value(obj, "item_count")

    @staticmethod
    def resolve_total_quantity(obj):
        return aggregate_value(obj, "total_quantity")

    @staticmethod
    def resolve_total_weight(obj):
        return aggregate_value(obj, "total_weight")


class WarehouseCreate(InputSchema):
    """Fields accepted when creating a storage depot."""

    code: str = Field(max_length=12, min_length=1)
    city: str = Field(default="", max_length=255)


class WarehousePatch(InputSchema):
    """Fields accepted by a partial update of a storage depot; all optional."""

    code: str = Field(default=None, max_length=12, min_length=1)
    city: str = Field(default=None, max_length=255)


WarehouseFields = partial_schema(WarehouseOut, "WarehouseFields")


class WarehousePage(Schema):
    """One page of depots."""

    items: list[WarehouseOut | WarehouseFields]
    count: int | None = Field(description="Rows matching the query; null on cursor pages")
    limit: int
    offset: int | None = Field(description="Rows skipped; null on cursor pages")
    next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")


class WarehouseListQuery(PageParams):
    """Query parameters of the storage depot list: paging, ?fields= and the filters the spec declares."""

    fields: str | None = Field(
        None,
        json_schema_extra={"pattern": choice_list_pattern(["id", "code", "city", "item_count", "total_quantity", "total_weight"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )


class WarehouseExportQuery(ExportParams):
    """Query parameters of the storage depot export: the format and the list's filters, order and search."""

    pass


class ItemOut(Schema):
    """An item as the API returns it."""

    id: int
    title: str
    notes: str
    contact_email: str | None
    phone: str
    website: str
    quantity: int | None
    price: Decimal | None
    weight: Decimal | None
    active: bool
    archived: bool
    received_on: date | None
    checked_at: datetime | None
    status: Literal["draft", "live"]
    grade: Literal["", "a_grade", "b_grade"]
    warehouse_id: int
    city: str
    tags: list[int]
    score: int | None
    created_by_id: int | None
    updated_by_id: int | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_tags(obj):
        return [row.pk for row in obj.tags.all()]


class ItemCreate(InputSchema):
    """Fields accepted when creating an item."""

    title: str = Field(max_length=120, min_length=1, description="Shown in \"lists\"")
    notes: str = ""
    contact_email: str | None = Field(
        default=None,
        max_length=254,
        pattern="^[-!#$%&'*+/=?^_`{|}~0-9A-Za-z]+(?:\\.[-!#$%&'*+/=?^_`{|}~0-9A-Za-z]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.[A-Za-z](?:[A-Za-z-]{0,61}[A-Za-z])$",
    )
    phone: str = Field(default="", max_length=20, pattern="^\\+?[0-9 ()\\-]{3,20}$")
    website: str = Field(
        default="",
        max_length=200,
        pattern="^https?://(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.[A-Za-z](?:[A-Za-z-]{0,61}[A-Za-z])|localhost)(?::[0-9]{1,5})?(?:[/?#][^\\s\\x1c-\\x1f\\x85\\ufeff]*)?$",
    )
    quantity: Annotated[int, Field(ge=0, le=1000), JSON_INTEGER] | None = 1
    price: Annotated[Decimal, DecimalText(10, 2, ge=Decimal("0.01"), le=Decimal("99999.99"))] | None = None
    weight: Annotated[Decimal, DecimalText(12, 3)] | None = None
    active: StrictBool = True
    archived: StrictBool = False
    received_on: IsoDate | None = None
    checked_at: IsoDateTime | None = None
    status: Literal["draft", "live"]
    grade: Literal["", "a_grade", "b_grade"] = ""
    warehouse_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER]
    tags: list[Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER]] = Field(default_factory=list)


class ItemPatch(InputSchema):
    """Fields accepted by a partial update of an item; all optional."""

    title: str = Field(default=None, max_length=120, min_length=1, description="Shown in \"lists\"")
    notes: str = None
    contact_email: str | None = Field(
        default=None,
        max_length=254,
        pattern="^[-!#$%&'*+/=?^_`{|}~0-9A-Za-z]+(?:\\.[-!#$%&'*+/=?^_`{|}~0-9A-Za-z]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.[A-Za-z](?:[A-Za-z-]{0,61}[A-Za-z])$",
    )
    phone: str = Field(default=None, max_length=20, pattern="^\\+?[0-9 ()\\-]{3,20}$")
    website: str = Field(
        default=None,
        max_length=200,
        pattern="^https?://(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.[A-Za-z](?:[A-Za-z-]{0,61}[A-Za-z])|localhost)(?::[0-9]{1,5})?(?:[/?#][^\\s\\x1c-\\x1f\\x85\\ufeff]*)?$",
    )
    quantity: Annotated[int, Field(ge=0, le=1000), JSON_INTEGER] | None = None
    price: Annotated[Decimal, DecimalText(10, 2, ge=Decimal("0.01"), le=Decimal("99999.99"))] | None = None
    weight: Annotated[Decimal, DecimalText(12, 3)] | None = None
    active: StrictBool = None
    archived: StrictBool = None
    received_on: IsoDate | None = None
    checked_at: IsoDateTime | None = None
    status: Literal["draft", "live"] = None
    grade: Literal["", "a_grade", "b_grade"] = None
    warehouse_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER] = None
    tags: list[Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER]] = None


ItemFields = partial_schema(ItemOut, "ItemFields")


class ItemPage(Schema):
    """One page of items."""

    items: list[ItemOut | ItemFields]
    count: int | None = Field(description="Rows matching the query; null on cursor pages")
    limit: int
    offset: int | None = Field(description="Rows skipped; null on cursor pages")
    next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")


class ItemListQuery(PageParams):
    """Query parameters of the item list: paging, ?fields= and the filters the spec declares."""

    fields: str | None = Field(
        None,
        json_schema_extra={"pattern": choice_list_pattern(["id", "title", "notes", "contact_email", "phone", "website", "quantity", "price", "weight", "active", "archived", "received_on", "checked_at", "status", "grade", "warehouse_id", "city", "tags", "score", "created_by_id", "updated_by_id", "created_at", "updated_at"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )


class ItemExportQuery(ExportParams):
    """Query parameters of the item export: the format and the list's filters, order and search."""

    pass
