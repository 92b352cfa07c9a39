# generated from resources.yaml by codegen 0.1.0 — do not edit

"""The seed's routes (`legacy:` in resources.yaml), served under /timba/ and /timbba/ by timba.urls."""

from django.http import HttpResponse
from ninja import Router

from timba.generated.schemas import OrderCreate, OrderOut, OrderPatch, ShopCreate, ShopOut
from timba.models import Order, Shop
from timba.runtime import legacy

router = Router(tags=["seed routes"])

shop_seed = legacy.LegacyResource(
    Shop,
    out=ShopOut,
    create=ShopCreate,
    messages={"create": "Shop created Successfully"},
)


@router.put(
    "/shop",
    response={201: shop_seed.created},
    operation_id="seed_shop_create",
    openapi_extra=shop_seed.doc("create"),
)
def seed_shop_create(request):
    """Create a shop (the seed's PUT shop)."""
    return shop_seed.create(request)


order_seed = legacy.LegacyResource(
    Order,
    out=OrderOut,
    create=OrderCreate,
    patch=OrderPatch,
    id_params=("order_id", "id"),
    params={"shop_no": "shop_id", "tag": "tags"},
    many=("tags",),
    lookups={"shop_no": "name", "tag": "name"},
    messages={
        "create": "Order created successfully",
        "update": "Order updated successfully",
        "delete": "Order deleted successfully",
    },
    collection_by="shop_id",
    collection_params=("shop_id", "shop_no"),
    collection_key="orders",
    collection_max_items=1000,
    id_range=(1, 9223372036854775807),
    links={"get": "seed_order_get", "update": "seed_order_update", "delete": "seed_order_delete"},
)


@router.put(
    "/order",
    response={201: order_seed.created},
    operation_id="seed_order_create",
    openapi_extra=order_seed.doc("create"),
)
def seed_order_create(request):
    """Create an order (the seed's PUT order)."""
    return order_seed.create(request)


@router.get(
    "/order",
    response={200: order_seed.answer, 304: None},
    operation_id="seed_order_get",
    openapi_extra=order_seed.doc("get"),
)
def seed_order_get(request, response: HttpResponse):
    """Fetch one order by id (the seed's GET order), with its ETag; 304 when If-None-Match names it."""
    return order_seed.get(request, response)


@router.patch(
    "/order",
    response=legacy.Message,
    operation_id="seed_order_update",
    openapi_extra=order_seed.doc("update"),
)
def seed_order_update(request, response: HttpResponse):
    """Change some fields of an order (the seed's PATCH order). 412 when If-Match is stale."""
    return order_seed.update(request, response)


@router.delete(
    "/order",
    response=legacy.Message,
    operation_id="seed_order_delete",
    openapi_extra=order_seed.doc("delete"),
)
def seed_order_delete(request):
    """Delete an order (the seed's DELETE order). 412 when If-Match is stale."""
    return order_seed.delete(request)


@router.get(
    "/orders",
    response=order_seed.listed,
    operation_id="seed_order_list",
    openapi_extra=order_seed.doc("collection"),
)
def seed_order_list(request, response: HttpResponse):
    """The orders of one shop (the seed's GET orders)."""
    return order_seed.collection(request, response)
