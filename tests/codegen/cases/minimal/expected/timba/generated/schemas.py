# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-ninja schemas for every resource: <Name>Out, <Name>Create, <Name>Patch, <Name>Page, <Name>ListQuery, <Name>ExportQuery."""

from datetime import datetime

from ninja import Field, Schema

from timba.runtime.pagination import PageParams
from timba.runtime.schemas import InputSchema, partial_schema
from timba.runtime.value_patterns import choice_list_pattern


class NoteOut(Schema):
    """A note as the API returns it."""

    id: int
    body: str
    created_at: datetime
    updated_at: datetime


class NoteCreate(InputSchema):
    """Fields accepted when creating a note."""

    body: str = ""


class NotePatch(InputSchema):
    """Fields accepted by a partial update of a note; all optional."""

    body: str = None


NoteFields = partial_schema(NoteOut, "NoteFields")


class NotePage(Schema):
    """One page of notes."""

    items: list[NoteOut | NoteFields]
    count: int | None = Field(description="Rows matching the query; null on cursor pages")
    limit: int
    offset: int | None = Field(description="Rows skipped; null on cursor pages")
    next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")


class NoteListQuery(PageParams):
    """Query parameters of the note list: paging, ?fields= and the filters the spec declares."""

    fields: str | None = Field(
        None,
        json_schema_extra={"pattern": choice_list_pattern(["id", "body", "created_at", "updated_at"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )
