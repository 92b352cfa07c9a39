# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-ninja routers for every resource, mounted under /api/v1/ by timba.urls."""

from typing import Annotated

from django.http import HttpResponse
from ninja import Path, Query, Router, Status

from timba.generated.schemas import (
    DutyCreate,
    DutyListQuery,
    DutyOut,
    DutyPage,
    DutyPatch,
    LineCreate,
    LineListQuery,
    LineOut,
    LinePage,
    LinePatch,
    MemberCreate,
    MemberListQuery,
    MemberOut,
    MemberPage,
    MemberPatch,
    OrderCreate,
    OrderListQuery,
    OrderOut,
    OrderPage,
    OrderPatch,
    ShopCreate,
    ShopListQuery,
    ShopOut,
    ShopPage,
    ShopPatch,
)
from timba.hooks import (
    duty as duty_hooks,
    line as line_hooks,
    member as member_hooks,
    order as order_hooks,
    shop as shop_hooks,
)
from timba.models import Duty, Line, Member, Order, Shop
from timba.runtime import versions
from timba.runtime.api import created_links
from timba.runtime.listing import list_page
from timba.runtime.selectors import entity_get, entity_list
from timba.runtime.services import entity_create, entity_delete, entity_replace, entity_update

shop_router = Router(tags=["shops"])


@shop_router.get("/shops", response=ShopPage, operation_id="shop_list")
def shop_list(request, params: Query[ShopListQuery]):
    """List shops, a page at a time (limit/offset or cursor), filtered and ordered as asked."""
    return list_page(request, entity_list(request, model=Shop), params, ShopPage)


@shop_router.get("/shops/{id}", response={200: ShopOut, 304: None}, operation_id="shop_get", openapi_extra=versions.marked(versions.READ))
def shop_get(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], response: HttpResponse):
    """Fetch one shop by id, with its ETag; 304 when If-None-Match names it."""
    return versions.answer_get(request, response, ShopOut, entity_get(request, model=Shop, pk=id))


shop_created_links = created_links(
    {"get": "shop_get", "update": "shop_update", "replace": "shop_replace", "delete": "shop_delete"},
    children={"member_create": ("member_create", "shop_id"), "order_create": ("order_create", "shop_id")},
)


@shop_router.post("/shops", response={201: ShopOut}, operation_id="shop_create", openapi_extra=shop_created_links)
def shop_create(request, payload: ShopCreate):
    """Create a shop."""
    return Status(201, entity_create(request.user, model=Shop, data=payload.model_dump()))


@shop_router.patch("/shops/{id}", response=ShopOut, operation_id="shop_update", openapi_extra=versions.marked(versions.WRITE))
def shop_update(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: ShopPatch, response: HttpResponse):
    """Change some fields of a shop; keys left out stay as they are. 412 when If-Match is stale."""
    data = payload.model_dump(exclude_unset=True)
    row = entity_update(request.user, model=Shop, pk=id, data=data, expected=versions.if_match(request), out=ShopOut)
    return versions.tagged(response, ShopOut, row)


@shop_router.put("/shops/{id}", response=ShopOut, operation_id="shop_replace", openapi_extra=versions.marked(versions.WRITE))
def shop_replace(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: ShopCreate, response: HttpResponse):
    """Replace a shop: the body is a whole create payload, keys left out take their defaults. 412 when If-Match is stale."""
    data = payload.model_dump()
    row = entity_replace(request.user, model=Shop, pk=id, data=data, expected=versions.if_match(request), out=ShopOut)
    return versions.tagged(response, ShopOut, row)


@shop_router.delete("/shops/{id}", response={204: None}, operation_id="shop_delete", openapi_extra=versions.marked(versions.WRITE))
def shop_delete(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)]):
    """Delete a shop. 412 when If-Match is stale."""
    entity_delete(request.user, model=Shop, pk=id, expected=versions.if_match(request), out=ShopOut)
    return Status(204, None)


duty_router = Router(tags=["duties"])


@duty_router.get("/duties", response=DutyPage, operation_id="duty_list")
def duty_list(request, params: Query[DutyListQuery]):
    """List duties, a page at a time (limit/offset or cursor), filtered and ordered as asked."""
    return list_page(request, entity_list(request, model=Duty), params, DutyPage)


@duty_router.get("/duties/{id}", response={200: DutyOut, 304: None}, operation_id="duty_get", openapi_extra=versions.marked(versions.READ))
def duty_get(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], response: HttpResponse):
    """Fetch one duty by id, with its ETag; 304 when If-None-Match names it."""
    return versions.answer_get(request, response, DutyOut, entity_get(request, model=Duty, pk=id))


duty_created_links = created_links(
    {"get": "duty_get", "update": "duty_update", "replace": "duty_replace", "delete": "duty_delete"},
)


@duty_router.post("/duties", response={201: DutyOut}, operation_id="duty_create", openapi_extra=duty_created_links)
def duty_create(request, payload: DutyCreate):
    """Create a duty."""
    return Status(201, entity_create(request.user, model=Duty, data=payload.model_dump()))


@duty_router.patch("/duties/{id}", response=DutyOut, operation_id="duty_update", openapi_extra=versions.marked(versions.WRITE))
def duty_update(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: DutyPatch, response: HttpResponse):
    """Change some fields of a duty; keys left out stay as they are. 412 when If-Match is stale."""
    data = payload.model_dump(exclude_unset=True)
    row = entity_update(request.user, model=Duty, pk=id, data=data, expected=versions.if_match(request), out=DutyOut)
    return versions.tagged(response, DutyOut, row)


@duty_router.put("/duties/{id}", response=DutyOut, operation_id="duty_replace", openapi_extra=versions.marked(versions.WRITE))
def duty_replace(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: DutyCreate, response: HttpResponse):
    """Replace a duty: the body is a whole create payload, keys left out take their defaults. 412 when If-Match is stale."""
    data = payload.model_dump()
    row = entity_replace(request.user, model=Duty, pk=id, data=data, expected=versions.if_match(request), out=DutyOut)
    return versions.tagged(response, DutyOut, row)


@duty_router.delete("/duties/{id}", response={204: None}, operation_id="duty_delete", openapi_extra=versions.marked(versions.WRITE))
def duty_delete(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)]):
    """Delete a duty. 412 when If-Match is stale."""
    entity_delete(request.user, model=Duty, pk=id, expected=versions.if_match(request), out=DutyOut)
    return Status(204, None)


member_router = Router(tags=["members"])


@member_router.get("/members", response=MemberPage, operation_id="member_list")
def member_list(request, params: Query[MemberListQuery]):
    """List members, a page at a time (limit/offset or cursor), filtered and ordered as asked."""
    return list_page(request, entity_list(request, model=Member), params, MemberPage)


@member_router.get("/members/{id}", response={200: MemberOut, 304: None}, operation_id="member_get", openapi_extra=versions.marked(versions.READ))
def member_get(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], response: HttpResponse):
    """Fetch one member by id, with its ETag; 304 when If-None-Match names it."""
    return versions.answer_get(request, response, MemberOut, entity_get(request, model=Member, pk=id))


member_created_links = created_links(
    {"get": "member_get", "update": "member_update", "replace": "member_replace", "delete": "member_delete"},
)


@member_router.post("/members", response={201: MemberOut}, operation_id="member_create", openapi_extra=member_created_links)
def member_create(request, payload: MemberCreate):
    """Create a member."""
    return Status(201, entity_create(request.user, model=Member, data=payload.model_dump()))


@member_router.patch("/members/{id}", response=MemberOut, operation_id="member_update", openapi_extra=versions.marked(versions.WRITE))
def member_update(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: MemberPatch, response: HttpResponse):
    """Change some fields of a member; keys left out stay as they are. 412 when If-Match is stale."""
    data = payload.model_dump(exclude_unset=True)
    row = entity_update(request.user, model=Member, pk=id, data=data, expected=versions.if_match(request), out=MemberOut)
    return versions.tagged(response, MemberOut, row)


@member_router.put("/members/{id}", response=MemberOut, operation_id="member_replace", openapi_extra=versions.marked(versions.WRITE))
def member_replace(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: MemberCreate, response: HttpResponse):
    """Replace a member: the body is a whole create payload, keys left out take their defaults. 412 when If-Match is stale."""
    data = payload.model_dump()
    row = entity_replace(request.user, model=Member, pk=id, data=data, expected=versions.if_match(request), out=MemberOut)
    return versions.tagged(response, MemberOut, row)


@member_router.delete("/members/{id}", response={204: None}, operation_id="member_delete", openapi_extra=versions.marked(versions.WRITE))
def member_delete(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)]):
    """Delete a member. 412 when If-Match is stale."""
    entity_delete(request.user, model=Member, pk=id, expected=versions.if_match(request), out=MemberOut)
    return Status(204, None)


order_router = Router(tags=["orders"])


@order_router.get("/orders", response=OrderPage, operation_id="order_list")
def order_list(request, params: Query[OrderListQuery]):
    """List orders, a page at a time (limit/offset or cursor), filtered and ordered as asked."""
    return list_page(request, entity_list(request, model=Order), params, OrderPage)


@order_router.get("/orders/{id}", response={200: OrderOut, 304: None}, operation_id="order_get", openapi_extra=versions.marked(versions.READ))
def order_get(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], response: HttpResponse):
    """Fetch one order by id, with its ETag; 304 when If-None-Match names it."""
    return versions.answer_get(request, response, OrderOut, entity_get(request, model=Order, pk=id))


order_created_links = created_links(
    {"get": "order_get", "update": "order_update", "replace": "order_replace", "delete": "order_delete"},
    children={"line_create": ("line_create", "order_id")},
)


@order_router.post("/orders", response={201: OrderOut}, operation_id="order_create", openapi_extra=order_created_links)
def order_create(request, payload: OrderCreate):
    """Create an order."""
    return Status(201, entity_create(request.user, model=Order, data=payload.model_dump()))


@order_router.patch("/orders/{id}", response=OrderOut, operation_id="order_update", openapi_extra=versions.marked(versions.WRITE))
def order_update(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: OrderPatch, response: HttpResponse):
    """Change some fields of an order; keys left out stay as they are. 412 when If-Match is stale."""
    data = payload.model_dump(exclude_unset=True)
    row = entity_update(request.user, model=Order, pk=id, data=data, expected=versions.if_match(request), out=OrderOut)
    return versions.tagged(response, OrderOut, row)


@order_router.put("/orders/{id}", response=OrderOut, operation_id="order_replace", openapi_extra=versions.marked(versions.WRITE))
def order_replace(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: OrderCreate, response: HttpResponse):
    """Replace an order: the body is a whole create payload, keys left out take their defaults. 412 when If-Match is stale."""
    data = payload.model_dump()
    row = entity_replace(request.user, model=Order, pk=id, data=data, expected=versions.if_match(request), out=OrderOut)
    return versions.tagged(response, OrderOut, row)


@order_router.delete("/orders/{id}", response={204: None}, operation_id="order_delete", openapi_extra=versions.marked(versions.WRITE))
def order_delete(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)]):
    """Delete an order. 412 when If-Match is stale."""
    entity_delete(request.user, model=Order, pk=id, expected=versions.if_match(request), out=OrderOut)
    return Status(204, None)


line_router = Router(tags=["lines"])


@line_router.get("/lines", response=LinePage, operation_id="line_list")
def line_list(request, params: Query[LineListQuery]):
    """List lines, a page at a time (limit/offset or cursor), filtered and ordered as asked."""
    return list_page(request, entity_list(request, model=Line), params, LinePage)


@line_router.get("/lines/{id}", response={200: LineOut, 304: None}, operation_id="line_get", openapi_extra=versions.marked(versions.READ))
def line_get(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], response: HttpResponse):
    """Fetch one line by id, with its ETag; 304 when If-None-Match names it."""
    return versions.answer_get(request, response, LineOut, entity_get(request, model=Line, pk=id))


line_created_links = created_links(
    {"get": "line_get", "update": "line_update", "replace": "line_replace", "delete": "line_delete"},
)


@line_router.post("/lines", response={201: LineOut}, operation_id="line_create", openapi_extra=line_created_links)
def line_create(request, payload: LineCreate):
    """Create a line."""
    return Status(201, entity_create(request.user, model=Line, data=payload.model_dump()))


@line_router.patch("/lines/{id}", response=LineOut, operation_id="line_update", openapi_extra=versions.marked(versions.WRITE))
def line_update(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: LinePatch, response: HttpResponse):
    """Change some fields of a line; keys left out stay as they are. 412 when If-Match is stale."""
    data = payload.model_dump(exclude_unset=True)
    row = entity_update(request.user, model=Line, pk=id, data=data, expected=versions.if_match(request), out=LineOut)
    return versions.tagged(response, LineOut, row)


@line_router.put("/lines/{id}", response=LineOut, operation_id="line_replace", openapi_extra=versions.marked(versions.WRITE))
def line_replace(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: LineCreate, response: HttpResponse):
    """Replace a line: the body is a whole create payload, keys left out take their defaults. 412 when If-Match is stale."""
    data = payload.model_dump()
    row = entity_replace(request.user, model=Line, pk=id, data=data, expected=versions.if_match(request), out=LineOut)
    return versions.tagged(response, LineOut, row)


@line_router.delete("/lines/{id}", response={204: None}, operation_id="line_delete", openapi_extra=versions.marked(versions.WRITE))
def line_delete(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)]):
    """Delete a line. 412 when If-Match is stale."""
    entity_delete(request.user, model=Line, pk=id, expected=versions.if_match(request), out=LineOut)
    return Status(204, None)


ROUTERS = [
    (shop_hooks, shop_router),
    (duty_hooks, duty_router),
    (member_hooks, member_router),
    (order_hooks, order_router),
    (line_hooks, line_router),
]


def register(api):
    """Mount every router on `api`, after the hooks module of each resource added its own
    endpoints (`extend_router(router)`, when it defines one)."""
    for hooks, router in ROUTERS:
        extend = getattr(hooks, "extend_router", None)
        if extend is not None:
            extend(router)
        api.add_router("/", router)
