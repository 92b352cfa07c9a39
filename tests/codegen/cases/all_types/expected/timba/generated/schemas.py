# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-ninja schemas for every resource: <Name>Out, <Name>Create, <Name>Patch, <Name>Page, <Name>ListQuery."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from timba.runtime.aggregates import aggregate_value
from timba.runtime.pagination import PageParams
from timba.runtime.schemas import InputSchema


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

    username: str = Field(max_length=150, min_length=1)
    email: str = Field(default="", max_length=254, pattern="^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")
    display_name: str = Field(default="", max_length=80)
    password: str = Field(default="", max_length=128, description="Leave empty for no login")
    is_active: bool = Field(
        default=True,
        description="An inactive account cannot log in and holds no seat; its tokens stop working",
    )


class AccountPatch(InputSchema):
    """Fields accepted by a partial update of an account; all optional."""

    username: str = Field(default=None, max_length=150, min_length=1)
    email: str = Field(default=None, max_length=254, pattern="^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")
    display_name: str = Field(default=None, max_length=80)
    password: str = Field(default=None, max_length=128)
    is_active: bool = Field(
        default=None,
        description="An inactive account cannot log in and holds no seat; its tokens stop working",
    )


class AccountPage(Schema):
    """One page of accounts."""

    items: list[AccountOut]
    count: int | None = Field(description="Rows matching the query; null on cursor pages")
    limit: int
    offset: int | None = Field(description="Rows skipped; null on cursor pages")
    next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")


class AccountListQuery(PageParams):
    """Query parameters of the account list: paging, ?fields= and the filters the spec declares."""

    pass


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


class TagPage(Schema):
    """One page of tags."""

    items: list[TagOut]
    count: int | None = Field(description="Rows matching the query; null on cursor pages")
    limit: int
    offset: int | None = Field(description="Rows skipped; null on cursor pages")
    next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")


class TagListQuery(PageParams):
    """Query parameters of the tag list: paging, ?fields= and the filters the spec declares."""

    pass


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


class WarehousePage(Schema):
    """One page of depots."""

    items: list[WarehouseOut]
    count: int | None = Field(description="Rows matching the query; null on cursor pages")
    limit: int
    offset: int | None = Field(description="Rows skipped; null on cursor pages")
    next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")


class WarehouseListQuery(PageParams):
    """Query parameters of the storage depot list: paging, ?fields= and the filters the spec declares."""

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
    grade: Literal["a_grade", "b_grade"]
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
    contact_email: str | None = Field(default=None, max_length=254, pattern="^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")
    phone: str = Field(default="", max_length=20, pattern="^\\+?[0-9 ()\\-]{3,20}$")
    website: str = Field(default="", max_length=200, pattern="^https?://[^\\s/?#]+(?:[/?#]\\S*)?$")
    quantity: int | None = Field(default=1, ge=0, le=1000)
    price: Decimal | None = Field(
        default=None,
        ge=Decimal("0.01"),
        le=Decimal("99999.99"),
        max_digits=10,
        decimal_places=2,
    )
    weight: Decimal | None = Field(default=None, max_digits=12, decimal_places=3)
    active: bool = True
    archived: bool = False
    received_on: date | None = None
    checked_at: datetime | None = None
    status: Literal["draft", "live"]
    grade: Literal["a_grade", "b_grade"] = ""
    warehouse_id: int
    tags: list[int] = Field(default_factory=list)


class ItemPatch(InputSchema):
    """Fields accepted by a partial update of an item; all optional."""

    title: str = Field(default=None, max_length=120, min_length=1, description="Shown in \"lists\"")
    notes: str = None
    contact_email: str | None = Field(default=None, max_length=254, pattern="^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")
    phone: str = Field(default=None, max_length=20, pattern="^\\+?[0-9 ()\\-]{3,20}$")
    website: str = Field(default=None, max_length=200, pattern="^https?://[^\\s/?#]+(?:[/?#]\\S*)?$")
    quantity: int | None = Field(default=None, ge=0, le=1000)
    price: Decimal | None = Field(
        default=None,
        ge=Decimal("0.01"),
        le=Decimal("99999.99"),
        max_digits=10,
        decimal_places=2,
    )
    weight: Decimal | None = Field(default=None, max_digits=12, decimal_places=3)
    active: bool = None
    archived: bool = None
    received_on: date | None = None
    checked_at: datetime | None = None
    status: Literal["draft", "live"] = None
    grade: Literal["a_grade", "b_grade"] = None
    warehouse_id: int = None
    tags: list[int] = None


class ItemPage(Schema):
    """One page of items."""

    items: list[ItemOut]
    count: int | None = Field(description="Rows matching the query; null on cursor pages")
    limit: int
    offset: int | None = Field(description="Rows skipped; null on cursor pages")
    next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")


class ItemListQuery(PageParams):
    """Query parameters of the item list: paging, ?fields= and the filters the spec declares."""

    pass
