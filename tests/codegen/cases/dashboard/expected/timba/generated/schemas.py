# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-ninja schemas for every resource: <Name>Out, <Name>Create, <Name>Patch, <Name>Page, <Name>ListQuery, <Name>ExportQuery."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema

from timba.runtime.pagination import PageParams
from timba.runtime.schemas import JSON_INTEGER, DecimalText, InputSchema, IsoDate, partial_schema
from timba.runtime.value_patterns import choice_list_pattern


class FarmOut(Schema):
    """A farm as the API returns it."""

    id: int
    name: str
    status: Literal["paying", "lapsed"]
    paid_until: date | None
    created_at: datetime
    updated_at: datetime


class FarmCreate(InputSchema):
    """Fields accepted when creating a farm."""

    name: str = Field(max_length=255, min_length=1)
    status: Literal["paying", "lapsed"] = "paying"
    paid_until: IsoDate | None = None


class FarmPatch(InputSchema):
    """Fields accepted by a partial update of a farm; all optional."""

    name: str = Field(default=None, max_length=255, min_length=1)
    status: Literal["paying", "lapsed"] = None
    paid_until: IsoDate | None = None


FarmFields = partial_schema(FarmOut, "FarmFields")


class FarmPage(Schema):
    """One page of farms."""

    items: list[FarmOut | FarmFields]
    count: int | None = Field(description="Rows matching the query; null on cursor pages")
    limit: int
    offset: int | None = Field(description="Rows skipped; null on cursor pages")
    next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")


class FarmListQuery(PageParams):
    """Query parameters of the farm list: paging, ?fields= and the filters the spec declares."""

    fields: str | None = Field(
        None,
        json_schema_extra={"pattern": choice_list_pattern(["id", "name", "status", "paid_until", "created_at", "updated_at"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )


class FieldOut(Schema):
    """A field as the API returns it."""

    id: int
    farm_id: int
    name: str
    created_at: datetime
    updated_at: datetime


class FieldCreate(InputSchema):
    """Fields accepted when creating a field."""

    farm_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER] | None = None
    name: str = Field(max_length=255, min_length=1)


class FieldPatch(InputSchema):
    """Fields accepted by a partial update of a field; all optional."""

    farm_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER] = None
    name: str = Field(default=None, max_length=255, min_length=1)


FieldFields = partial_schema(FieldOut, "FieldFields")


class FieldPage(Schema):
    """One page of fields."""

    items: list[FieldOut | FieldFields]
    count: int | None = Field(description="Rows matching the query; null on cursor pages")
    limit: int
    offset: int | None = Field(description="Rows skipped; null on cursor pages")
    next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")


class FieldListQuery(PageParams):
    """Query parameters of the field list: paging, ?fields= and the filters the spec declares."""

    fields: str | None = Field(
        None,
        json_schema_extra={"pattern": choice_list_pattern(["id", "farm_id", "name", "created_at", "updated_at"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )


class HarvestOut(Schema):
    """A crop harvest as the API returns it."""

    id: int
    farm_id: int
    field_id: int
    tonnes: Decimal
    crates: int | None
    picked_on: date | None
    created_at: datetime
    updated_at: datetime


class HarvestCreate(InputSchema):
    """Fields accepted when creating a crop harvest."""

    farm_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER] | None = None
    field_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER]
    tonnes: Annotated[Decimal, DecimalText(10, 3)]
    crates: Annotated[int, Field(ge=0, le=2147483647), JSON_INTEGER] | None = None
    picked_on: IsoDate | None = None


class HarvestPatch(InputSchema):
    """Fields accepted by a partial update of a crop harvest; all optional."""

    farm_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER] = None
    field_id: Annotated[int, Field(ge=1, le=9223372036854775807), JSON_INTEGER] = None
    tonnes: Annotated[Decimal, DecimalText(10, 3)] = None
    crates: Annotated[int, Field(ge=0, le=2147483647), JSON_INTEGER] | None = None
    picked_on: IsoDate | None = None


HarvestFields = partial_schema(HarvestOut, "HarvestFields")


class HarvestPage(Schema):
    """One page of crop harvests."""

    items: list[HarvestOut | HarvestFields]
    count: int | None = Field(description="Rows matching the query; null on cursor pages")
    limit: int
    offset: int | None = Field(description="Rows skipped; null on cursor pages")
    next: str | None = Field(description="Cursor of the following page; null on the last page and on offset pages")


class HarvestListQuery(PageParams):
    """Query parameters of the crop harvest list: paging, ?fields= and the filters the spec declares."""

    fields: str | None = Field(
        None,
        json_schema_extra={"pattern": choice_list_pattern(["id", "farm_id", "field_id", "tonnes", "crates", "picked_on", "created_at", "updated_at"])},
        description="Comma-separated fields each item keeps, e.g. `id,name`",
    )
