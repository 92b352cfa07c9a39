"""The query parameters of `GET /api/v1/<plural>/export`: the generated `<Name>ExportQuery`
adds the list's filters, `order` and `search` (the same ones, applied by the same code as the
list, timba.runtime.listing) to the format."""

from __future__ import annotations

from typing import ClassVar, Literal

from ninja import Field, Schema


class ExportParams(Schema):
    FILTERS: ClassVar[dict[str, tuple[str, ...]]] = {}  # field → operators, from the spec
    SEARCH: ClassVar[tuple[str, ...]] = ()  # fields ?search= looks in

    format: Literal["csv", "xlsx"] = Field("csv", description="The file: csv (UTF-8, with a BOM unless EXPORT_CSV_BOM is off) or xlsx")
