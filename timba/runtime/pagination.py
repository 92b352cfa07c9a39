"""Limit/offset pagination for list endpoints."""

from ninja import Field, Schema

MAX_LIMIT = 500


class PageParams(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description=f"Rows per page, at most {MAX_LIMIT}")
    offset: int = Field(0, ge=0, description="Rows to skip")


def entity_page(model, queryset, page: PageParams) -> dict:
    items = list(queryset[page.offset : page.offset + page.limit])
    return {"items": items, "count": queryset.count(), "limit": page.limit, "offset": page.offset}
