# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-ninja schemas for every resource: <Name>Out, <Name>Create, <Name>Patch, <Name>Page, <Name>ListQuery, <Name>ExportQuery."""

from datetime import datetime
from typing import Annotated

from ninja import Field, Schema

from timba.runtime.pagination import PageParams
from timba.runtime.schemas import JSON_INTEGER, InputSchema, partial_schema
from timba.runtime.value_patterns import choice_list_pattern


class ShopOut(Schema):
    """A shop as the API returns it."""

    id: int
    name: str
    created_at: datetime
    updated_at: datetime


class ShopCreate(InputSchema):
    """Fields accepted when creating a shop."""

    name: str = Field(max_length=255, min_length=1)


class ShopPatch(InputSchema):
    """Fields accepted by a partial update of a shop; all optional."""

    name: str = Field(default=None, max_length=255, min_length=1)


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
        json_schema_extra={"pattern": choice_list_pattern(["id", "name", "created_at", "updated_at"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )


class OrderOut(Schema):
    """An order as the API returns it."""

    id: int
    shop_id: int
    number: str
    tags: list[int]
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_tags(obj):
        return [row.pk for row in obj.tags.all()]


class OrderCreate(InputSchema):
    """Fields accepted when creating an order."""

    shop_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER]
    number: str = Field(max_length=255, min_length=1)
    tags: list[Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER]] = Field(default_factory=list)


class OrderPatch(InputSchema):
    """Fields accepted by a partial update of an order; all optional."""

    shop_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER] = None
    number: str = Field(default=None, max_length=255, min_length=1)
    tags: list[Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER]] = None


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
        json_schema_extra={"pattern": choice_list_pattern(["id", "shop_id", "number", "tags", "created_at", "updated_at"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )
