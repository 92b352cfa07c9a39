# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-ninja schemas for every resource: <Name>Out, <Name>Create, <Name>Patch, <Name>Page, <Name>ListQuery, <Name>ExportQuery."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema

from timba.runtime.exports.params import ExportParams
from timba.runtime.pagination import PageParams
from timba.runtime.schemas import JSON_INTEGER, DecimalText, InputSchema, partial_schema
from timba.runtime.value_patterns import choice_list_pattern


class ClientOut(Schema):
    """A client as the API returns it."""

    id: int
    name: str | None
    created_at: datetime
    updated_at: datetime


class ClientCreate(InputSchema):
    """Fields accepted when creating a client."""

    name: str | None = Field(default=None, max_length=255)


class ClientPatch(InputSchema):
    """Fields accepted by a partial update of a client; all optional."""

    name: str | None = Field(default=None, max_length=255)


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

    fields: str | None = Field(
        None,
        json_schema_extra={"pattern": choice_list_pattern(["id", "name", "created_at", "updated_at"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )


class ClientExportQuery(ExportParams):
    """Query parameters of the client export: the format and the list's filters, order and search."""

    pass


class ReadingOut(Schema):
    """A reading as the API returns it."""

    id: int
    client_id: int
    value: Decimal | None
    created_at: datetime
    updated_at: datetime


class ReadingCreate(InputSchema):
    """Fields accepted when creating a reading."""

    client_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER]
    value: Annotated[Decimal, DecimalText(12, 3)] | None = None


class ReadingPatch(InputSchema):
    """Fields accepted by a partial update of a reading; all optional."""

    client_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER] = None
    value: Annotated[Decimal, DecimalText(12, 3)] | None = None


ReadingFields = partial_schema(ReadingOut, "ReadingFields")


class ReadingPage(Schema):
    """One page of readings."""

    items: list[ReadingOut | ReadingFields]
    count: int | None = Field(description="Rows matching the query; null on cursor pages")
    limit: int
    offset: int | None = Field(description="Rows skipped; null on cursor pages")
    next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")


class ReadingListQuery(PageParams):
    """Query parameters of the reading list: paging, ?fields= and the filters the spec declares."""

    fields: str | None = Field(
        None,
        json_schema_extra={"pattern": choice_list_pattern(["id", "client_id", "value", "created_at", "updated_at"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )


class ReadingExportQuery(ExportParams):
    """Query parameters of the reading export: the format and the list's filters, order and search."""

    pass
