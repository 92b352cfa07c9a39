# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-ninja routers for every resource, mounted under /api/v1/ by timba.urls."""

from typing import Annotated

from django.http import HttpResponse
from ninja import Path, Query, Router, Status

from timba.generated.schemas import (
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
from timba.hooks import order as order_hooks, shop as shop_hooks
from timba.models import Order, Shop
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
    children={"order_create": ("order_create", "shop_id"), "seed_order_create": ("seed_order_create", "shop_id")},
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
    seed={"seed_get": "seed_order_get", "seed_update": "seed_order_update", "seed_delete": "seed_order_delete"},
    seed_id="order_id",
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


ROUTERS = [
    (shop_hooks, shop_router),
    (order_hooks, order_router),
]


def register(api):
    """Mount every router on `api`, after the hooks module of each resource added its own
    endpoints (`extend_router(router)`, when it defines one)."""
    for hooks, router in ROUTERS:
        extend = getattr(hooks, "extend_router", None)
        if extend is not None:
            extend(router)
        api.add_router("/", router)
