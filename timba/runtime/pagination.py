"""Pages of a list: limit/offset (with the total `count`) or keyset cursors (no COUNT query).

`?cursor=` (empty) starts a cursor walk; each page's `next` is the opaque cursor of the page after
it, or null on the last page. A cursor carries the values of the sort keys of the last row it
follows, so the next page is `WHERE (keys) > (those values)`: stable under inserts and as fast on
the last page as on the first. Every mode runs a fixed number of queries whatever the page size.
"""

import base64
import binascii
import re
from types import UnionType
from typing import ClassVar, Union, get_args, get_origin

import orjson
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.http import HttpResponse
from ninja import Field, Schema

from timba.runtime import rows
from timba.runtime.encoding import dumps
from timba.runtime.problems import Problem
from timba.runtime.value_patterns import choice_list_pattern

MAX_LIMIT = 500
MAX_OFFSET = 2**63 - 1  # a signed 64-bit OFFSET, the most SQLite and MySQL take


class PageParams(Schema):
    """The query parameters of every list route; generated `<Name>ListQuery` classes add the
    resource's filters, `order` and `search`."""

    FILTERS: ClassVar[dict[str, tuple[str, ...]]] = {}  # field → operators, from the spec
    SEARCH: ClassVar[tuple[str, ...]] = ()  # fields ?search= looks in

    limit: int = Field(50, ge=1, le=MAX_LIMIT, description=f"Rows per page, at most {MAX_LIMIT}")
    offset: int = Field(
        0, ge=0, le=MAX_OFFSET, description="Rows to skip: from the first row, or (with cursor) past the cursor"
    )
    cursor: str | None = Field(
        None,
        description="Keyset pagination: empty for the first page, then the `next` of the previous page. "
        "Pages carry no `count`.",
    )
    fields: str | None = Field(None, description="Comma-separated fields each item keeps, e.g. `id,name`")


def _problem(param: str, msg: str, kind: str = "value_error") -> Problem:
    return Problem(422, f"The request is not valid: {param}. {msg}", errors=[{"loc": ["query", param], "msg": msg, "type": kind}])


# --- sort keys -------------------------------------------------------------------------------


class SortKey:
    """One column of a list's order: the model field, its direction, whether it may be NULL.
    NULL sorts as the largest value in both directions, on every database."""

    def __init__(self, model, name: str, descending: bool):
        field = model._meta.pk if name == "pk" else model._meta.get_field(name)
        self.field = field
        self.attname = field.attname  # `client_id`: never the related model's own ordering
        self.descending = descending
        self.nullable = field.null

    def expression(self):
        if self.descending:
            return F(self.attname).desc(nulls_first=True) if self.nullable else F(self.attname).desc()
        return F(self.attname).asc(nulls_last=True) if self.nullable else F(self.attname).asc()

    def after(self, value) -> Q | None:
        """Rows strictly after `value` in this key's order; None when there are none."""
        if value is None:
            return Q(**{f"{self.attname}__isnull": False}) if self.descending else None
        beyond = Q(**{f"{self.attname}__{'lt' if self.descending else 'gt'}": value})
        if self.nullable and not self.descending:
            beyond |= Q(**{f"{self.attname}__isnull": True})
        return beyond

    def equal(self, value) -> Q:
        return Q(**{f"{self.attname}__isnull": True}) if value is None else Q(**{self.attname: value})


def sort_keys(model, order: list[str]) -> list[SortKey]:
    """`order` (names, '-' for descending) as sort keys, ending with the primary key."""
    keys = [SortKey(model, name.lstrip("-"), name.startswith("-")) for name in order]
    if not keys or keys[-1].attname != model._meta.pk.attname:
        keys.append(SortKey(model, "pk", False))
    return keys


def after(keys: list[SortKey], values: list) -> Q:
    """(k1, k2, …) > (v1, v2, …) in the keys' order, NULLs included."""
    key, value = keys[0], values[0]
    strictly = key.after(value)
    if len(keys) == 1:
        return strictly if strictly is not None else Q(pk__in=[])
    tie = key.equal(value) & after(keys[1:], values[1:])
    return tie if strictly is None else strictly | tie


# --- cursors ---------------------------------------------------------------------------------


def encode_cursor(order: str, keys: list[SortKey], row) -> str:
    """The cursor after `row` (a model instance or a dict from `.values()`)."""
    get = row.get if isinstance(row, dict) else lambda name: getattr(row, name)
    values = [get(key.attname) for key in keys]
    raw = dumps({"o": order, "v": values})
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def decode_cursor(cursor: str, order: str, keys: list[SortKey]) -> list:
    try:
        data = orjson.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        values, made_for = data["v"], data["o"]
        if not isinstance(values, list) or len(values) != len(keys):
            raise ValueError
        values = [None if v is None else k.field.to_python(v) for k, v in zip(keys, values, strict=True)]
    except (binascii.Error, ValueError, TypeError, KeyError, ValidationError, orjson.JSONDecodeError):
        raise _problem("cursor", "Not a cursor this list returned; start again with an empty cursor.") from None
    if made_for != order:
        shown = made_for or "the default order"
        raise _problem("cursor", f"This cursor belongs to order={shown}; keep the order of the first page.")
    return values


# --- pages -----------------------------------------------------------------------------------


def window(queryset, order: list[str], *, limit: int, offset: int = 0, cursor: str | None = None, order_param: str = ""):
    """One page of `queryset` in `order`, as instances, and what follows it: `(rows, following)`
    where `following` is None on the last page, else the next page's cursor (cursor pages: `cursor`
    given, "" for the first) or its offset. No COUNT query: one row more than the page is read.
    The seed's collections page this way (timba.runtime.legacy)."""
    keys = sort_keys(queryset.model, order)
    queryset = queryset.order_by(*(key.expression() for key in keys))
    if cursor:
        queryset = queryset.filter(after(keys, decode_cursor(cursor, order_param, keys)))
    rows = list(queryset[offset : offset + limit + 1])  # with a cursor, `offset` rows past it
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, (encode_cursor(order_param, keys, rows[-1]) if cursor is not None else offset + limit)


def _item_schema(page_schema):
    """The items' `<Name>Out` (a generated page's items are it, or it cut by ?fields=)."""
    item = get_args(page_schema.model_fields["items"].annotation)[0]
    return get_args(item)[0] if get_origin(item) in (Union, UnionType) else item


def _selected_fields(page_schema, fields: str | None) -> list[str] | None:
    """The names of `?fields=`: one or more of the item's keys, comma-separated, spaces around
    them allowed (the pattern the document gives, `schemas.choice_list_pattern` of the keys)."""
    if fields is None:
        return None
    names = [name.strip(" ") for name in fields.split(",")]
    known = list(_item_schema(page_schema).model_fields)
    unknown = [name for name in names if name not in known]
    if unknown or not re.fullmatch(choice_list_pattern(known), fields):
        what = f"Unknown field(s) {', '.join(repr(n) for n in unknown)}" if unknown else "Name one or more fields"
        raise _problem("fields", f"{what}; choose from {', '.join(known)}.")
    return names


def _render(page_schema, data: dict, fields: list[str] | None) -> HttpResponse:
    """The page with each item cut to `fields`, validated and serialised as ninja would: the
    path for schemas `rows.plan_for` cannot read straight from the database."""
    include = None if fields is None else {"items": {"__all__": set(fields)}} | {k: True for k in data if k != "items"}
    return _response(page_schema.model_validate(data).model_dump(include=include))


def _response(data: dict) -> HttpResponse:
    return HttpResponse(dumps(data), content_type="application/json")


def entity_page(request, queryset, params: PageParams, order: list[str], page_schema, *, order_param: str = ""):
    """One page of `queryset` in `order`: by offset (with `count`) or by cursor (with `next`).
    Items come as dicts from `.values()` (timba.runtime.rows) when the schema allows."""
    fields = _selected_fields(page_schema, params.fields)
    keys = sort_keys(queryset.model, order)
    queryset = queryset.order_by(*(key.expression() for key in keys))
    plan = rows.plan_for(queryset.model, _item_schema(page_schema))
    cursor = params.cursor is not None
    if cursor:
        if params.cursor:
            queryset = queryset.filter(after(keys, decode_cursor(params.cursor, order_param, keys)))
        start, stop = params.offset, params.offset + params.limit + 1  # `offset` rows past the cursor
    else:
        start, stop = params.offset, params.offset + params.limit
    if plan is None:
        items = list(queryset[start:stop])
    else:
        extra = tuple(key.attname for key in keys) if cursor else ()
        items = plan.rows(queryset, fields, extra, start=start, stop=stop)
    data = {"items": items, "limit": params.limit}
    if cursor:
        following = None
        if len(items) > params.limit:
            items = data["items"] = items[: params.limit]
            following = encode_cursor(order_param, keys, items[-1])
        data |= {"count": None, "offset": None, "next": following}
    else:
        data |= {"count": queryset.count(), "offset": params.offset, "next": None}
    if plan is None:
        return _render(page_schema, data, fields)
    shown = set(plan.names if fields is None else fields)
    if cursor and not shown.issuperset(key.attname for key in keys):  # sort keys read for the cursor only
        data["items"] = [{k: v for k, v in item.items() if k in shown} for item in items]
    return _response({key: data[key] for key in ("items", "count", "limit", "offset", "next")})
