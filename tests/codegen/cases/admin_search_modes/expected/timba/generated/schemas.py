# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-ninja schemas for every resource: <Name>Out, <Name>Create, <Name>Patch, <Name>Page, <Name>ListQuery, <Name>ExportQuery."""

from datetime import datetime
from typing import Annotated

from ninja import Field, Schema

from timba.runtime.pagination import PageParams
from timba.runtime.schemas import JSON_INTEGER, InputSchema, partial_schema
from timba.runtime.value_patterns import choice_list_pattern


class ShelfOut(Schema):
    """A shelf as the API returns it."""

    id: int
    name: str
    created_at: datetime
    updated_at: datetime


class ShelfCreate(InputSchema):
    """Fields accepted when creating a shelf."""

    name: str = Field(max_length=255, min_length=1)


class ShelfPatch(InputSchema):
    """Fields accepted by a partial update of a shelf; all optional."""

    name: str = Field(default=None, max_length=255, min_length=1)


ShelfFields = partial_schema(ShelfOut, "ShelfFields")


class ShelfPage(Schema):
    """One page of shelfs."""

    items: list[ShelfOut | ShelfFields]
    count: int | None = Field(description="Rows matching the query; null on cursor pages")
    limit: int
    offset: int | None = Field(description="Rows skipped; null on cursor pages")
    next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")


class ShelfListQuery(PageParams):
    """Query parameters of the shelf list: paging, ?fields= and the filters the spec declares."""

    fields: str | None = Field(
        None,
        json_schema_extra={"pattern": choice_list_pattern(["id", "name", "created_at", "updated_at"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )


class ItemOut(Schema):
    """An item as the API returns it."""

    id: int
    code: str
    serial: str
    tag: str
    note: str
    shelf_id: int
    created_at: datetime
    updated_at: datetime


class ItemCreate(InputSchema):
    """Fields accepted when creating an item."""

    code: str = Field(max_length=20, min_length=1)
    serial: str = Field(default="", max_length=40)
    tag: str = Field(default="", max_length=10)
    note: str = ""
    shelf_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER]


class ItemPatch(InputSchema):
    """Fields accepted by a partial update of an item; all optional."""

    code: str = Field(default=None, max_length=20, min_length=1)
    serial: str = Field(default=None, max_length=40)
    tag: str = Field(default=None, max_length=10)
    note: str = None
    shelf_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER] = None


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
        json_schema_extra={"pattern": choice_list_pattern(["id", "code", "serial", "tag", "note", "shelf_id", "created_at", "updated_at"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )
