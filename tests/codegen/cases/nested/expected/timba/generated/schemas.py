# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-ninja schemas for every resource: <Name>Out, <Name>Create, <Name>Patch, <Name>Page, <Name>ListQuery, <Name>ExportQuery."""

from datetime import datetime
from typing import Annotated, ClassVar, Literal

from ninja import Field, Schema

from timba.runtime.pagination import PageParams
from timba.runtime.schemas import JSON_INTEGER, InputSchema, partial_schema
from timba.runtime.value_patterns import choice_list_pattern, int_list_pattern


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


class ShelfOut(Schema):
    """A shelf as the API returns it."""

    id: int
    shop_id: int
    code: str
    created_at: datetime
    updated_at: datetime


class ShelfCreate(InputSchema):
    """Fields accepted when creating a shelf."""

    shop_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER]
    code: str = Field(max_length=255, min_length=1)


class ShelfPatch(InputSchema):
    """Fields accepted by a partial update of a shelf; all optional."""

    shop_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER] = None
    code: str = Field(default=None, max_length=255, min_length=1)


ShelfFields = partial_schema(ShelfOut, "ShelfFields")


class ShelfPage(Schema):
    """One page of shelves."""

    items: list[ShelfOut | ShelfFields]
    count: int | None = Field(description="Rows matching the query; null on cursor pages")
    limit: int
    offset: int | None = Field(description="Rows skipped; null on cursor pages")
    next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")


class ShelfListQuery(PageParams):
    """Query parameters of the shelf list: paging, ?fields= and the filters the spec declares."""

    FILTERS: ClassVar[dict[str, tuple[str, ...]]] = {"id": ("exact", "in"), "code": ("contains",)}

    id: int | None = Field(None, ge=1, le=9223372036854775807, description="id equals")
    id__in: str | None = Field(
        None,
        pattern=int_list_pattern(1, 9223372036854775807),
        description="id is one of these comma-separated values",
    )
    code__contains: str | None = Field(None, description="code contains this text (case-insensitive)")
    order: Literal["code", "-code"] | None = Field(
        None,
        description="One field to sort by, '-' first for descending; ties go by id, empty values last",
    )
    fields: str | None = Field(
        None,
        json_schema_extra={"pattern": choice_list_pattern(["id", "shop_id", "code", "created_at", "updated_at"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )


class BookOut(Schema):
    """A library book as the API returns it."""

    id: int
    shelf_id: int
    shop_id: int | None
    title: str
    created_at: datetime
    updated_at: datetime


class BookCreate(InputSchema):
    """Fields accepted when creating a library book."""

    shelf_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER]
    title: str = Field(max_length=255, min_length=1)


class BookPatch(InputSchema):
    """Fields accepted by a partial update of a library book; all optional."""

    shelf_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER] = None
    title: str = Field(default=None, max_length=255, min_length=1)


BookFields = partial_schema(BookOut, "BookFields")


class BookPage(Schema):
    """One page of library books."""

    items: list[BookOut | BookFields]
    count: int | None = Field(description="Rows matching the query; null on cursor pages")
    limit: int
    offset: int | None = Field(description="Rows skipped; null on cursor pages")
    next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")


class BookListQuery(PageParams):
    """Query parameters of the library book list: paging, ?fields= and the filters the spec declares."""

    FILTERS: ClassVar[dict[str, tuple[str, ...]]] = {"title": ("exact", "contains")}
    SEARCH: ClassVar[tuple[str, ...]] = ("title",)

    title: str | None = Field(None, description="title equals")
    title__contains: str | None = Field(None, description="title contains this text (case-insensitive)")
    search: str | None = Field(None, description="Rows whose title contain this text (case-insensitive)")
    fields: str | None = Field(
        None,
        json_schema_extra={"pattern": choice_list_pattern(["id", "shelf_id", "shop_id", "title", "created_at", "updated_at"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )
