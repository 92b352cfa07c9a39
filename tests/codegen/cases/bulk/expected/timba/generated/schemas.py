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
    code: str
    created_at: datetime
    updated_at: datetime


class ShelfCreate(InputSchema):
    """Fields accepted when creating a shelf."""

    code: str = Field(max_length=255, min_length=1)


class ShelfPatch(InputSchema):
    """Fields accepted by a partial update of a shelf; all optional."""

    code: str = Field(default=None, max_length=255, min_length=1)


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
        json_schema_extra={"pattern": choice_list_pattern(["id", "code", "created_at", "updated_at"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )


class BookOut(Schema):
    """A book as the API returns it."""

    id: int
    shelf_id: int
    title: str
    created_at: datetime
    updated_at: datetime


class BookCreate(InputSchema):
    """Fields accepted when creating a book."""

    shelf_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER]
    title: str = Field(max_length=255, min_length=1)


class BookPatch(InputSchema):
    """Fields accepted by a partial update of a book; all optional."""

    shelf_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER] = None
    title: str = Field(default=None, max_length=255, min_length=1)


BookFields = partial_schema(BookOut, "BookFields")


class BookPage(Schema):
    """One page of books."""

    items: list[BookOut | BookFields]
    count: int | None = Field(description="Rows matching the query; null on cursor pages")
    limit: int
    offset: int | None = Field(description="Rows skipped; null on cursor pages")
    next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")


class BookListQuery(PageParams):
    """Query parameters of the book list: paging, ?fields= and the filters the spec declares."""

    fields: str | None = Field(
        None,
        json_schema_extra={"pattern": choice_list_pattern(["id", "shelf_id", "title", "created_at", "updated_at"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )


class CopyOut(Schema):
    """A copy as the API returns it."""

    id: int
    book_id: int
    shelf_id: int
    barcode: str
    created_at: datetime
    updated_at: datetime


class CopyCreate(InputSchema):
    """Fields accepted when creating a copy."""

    book_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER]
    barcode: str = Field(max_length=30, min_length=1)


class CopyPatch(InputSchema):
    """Fields accepted by a partial update of a copy; all optional."""

    book_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER] = None
    barcode: str = Field(default=None, max_length=30, min_length=1)


CopyFields = partial_schema(CopyOut, "CopyFields")


class CopyPage(Schema):
    """One page of copies."""

    items: list[CopyOut | CopyFields]
    count: int | None = Field(description="Rows matching the query; null on cursor pages")
    limit: int
    offset: int | None = Field(description="Rows skipped; null on cursor pages")
    next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")


class CopyBulk(InputSchema):
    """The body of a bulk upsert of copies, matched on shelf, barcode."""

    items: list[CopyCreate] = Field(max_length=50, json_schema_extra={"uniqueItems": True})


class CopyBulkResult(Schema):
    """The answer of a bulk upsert of copies."""

    created: int = Field(description="Rows created")
    updated: int = Field(description="Existing rows updated")
    items: list[CopyOut] = Field(description="Every row sent, in request order")


class CopyListQuery(PageParams):
    """Query parameters of the copy list: paging, ?fields= and the filters the spec declares."""

    fields: str | None = Field(
        None,
        json_schema_extra={"pattern": choice_list_pattern(["id", "book_id", "shelf_id", "barcode", "created_at", "updated_at"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )
