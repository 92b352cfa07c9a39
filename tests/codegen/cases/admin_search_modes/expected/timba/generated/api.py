# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-ninja routers for every resource, mounted under /api/v1/ by timba.urls."""

from typing import Annotated

from django.http import HttpResponse
from ninja import Path, Query, Router, Status

from timba.generated.schemas import (
    ItemCreate,
    ItemListQuery,
    ItemOut,
    ItemPage,
    ItemPatch,
    ShelfCreate,
    ShelfListQuery,
    ShelfOut,
    ShelfPage,
    ShelfPatch,
)
from timba.hooks import item as item_hooks, shelf as shelf_hooks
from timba.models import Item, Shelf
from timba.runtime import versions
from timba.runtime.api import created_links
from timba.runtime.listing import list_page
from timba.runtime.selectors import entity_get, entity_list
from timba.runtime.services import entity_create, entity_delete, entity_replace, entity_update

shelf_router = Router(tags=["shelfs"])


@shelf_router.get("/shelfs", response=ShelfPage, operation_id="shelf_list")
def shelf_list(request, params: Query[ShelfListQuery]):
    """List shelfs, a page at a time (limit/offset or cursor), filtered and ordered as asked."""
    return list_page(request, entity_list(request, model=Shelf), params, ShelfPage)


@shelf_router.get("/shelfs/{id}", response={200: ShelfOut, 304: None}, operation_id="shelf_get", openapi_extra=versions.marked(versions.READ))
def shelf_get(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], response: HttpResponse):
    """Fetch one shelf by id, with its ETag; 304 when If-None-Match names it."""
    return versions.answer_get(request, response, ShelfOut, entity_get(request, model=Shelf, pk=id))


shelf_created_links = created_links(
    {"get": "shelf_get", "update": "shelf_update", "replace": "shelf_replace", "delete": "shelf_delete"},
    children={"item_create": ("item_create", "shelf_id")},
)


@shelf_router.post("/shelfs", response={201: ShelfOut}, operation_id="shelf_create", openapi_extra=shelf_created_links)
def shelf_create(request, payload: ShelfCreate):
    """Create a shelf."""
    return Status(201, entity_create(request.user, model=Shelf, data=payload.model_dump()))


@shelf_router.patch("/shelfs/{id}", response=ShelfOut, operation_id="shelf_update", openapi_extra=versions.marked(versions.WRITE))
def shelf_update(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: ShelfPatch, response: HttpResponse):
    """Change some fields of a shelf; keys left out stay as they are. 412 when If-Match is stale."""
    data = payload.model_dump(exclude_unset=True)
    row = entity_update(request.user, model=Shelf, pk=id, data=data, expected=versions.if_match(request), out=ShelfOut)
    return versions.tagged(response, ShelfOut, row)


@shelf_router.put("/shelfs/{id}", response=ShelfOut, operation_id="shelf_replace", openapi_extra=versions.marked(versions.WRITE))
def shelf_replace(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: ShelfCreate, response: HttpResponse):
    """Replace a shelf: the body is a whole create payload, keys left out take their defaults. 412 when If-Match is stale."""
    data = payload.model_dump()
    row = entity_replace(request.user, model=Shelf, pk=id, data=data, expected=versions.if_match(request), out=ShelfOut)
    return versions.tagged(response, ShelfOut, row)


@shelf_router.delete("/shelfs/{id}", response={204: None}, operation_id="shelf_delete", openapi_extra=versions.marked(versions.WRITE))
def shelf_delete(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)]):
    """Delete a shelf. 412 when If-Match is stale."""
    entity_delete(request.user, model=Shelf, pk=id, expected=versions.if_match(request), out=ShelfOut)
    return Status(204, None)


item_router = Router(tags=["items"])


@item_router.get("/items", response=ItemPage, operation_id="item_list")
def item_list(request, params: Query[ItemListQuery]):
    """List items, a page at a time (limit/offset or cursor), filtered and ordered as asked."""
    return list_page(request, entity_list(request, model=Item), params, ItemPage)


@item_router.get("/items/{id}", response={200: ItemOut, 304: None}, operation_id="item_get", openapi_extra=versions.marked(versions.READ))
def item_get(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], response: HttpResponse):
    """Fetch one item by id, with its ETag; 304 when If-None-Match names it."""
    return versions.answer_get(request, response, ItemOut, entity_get(request, model=Item, pk=id))


item_created_links = created_links(
    {"get": "item_get", "update": "item_update", "replace": "item_replace", "delete": "item_delete"},
)


@item_router.post("/items", response={201: ItemOut}, operation_id="item_create", openapi_extra=item_created_links)
def item_create(request, payload: ItemCreate):
    """Create an item."""
    return Status(201, entity_create(request.user, model=Item, data=payload.model_dump()))


@item_router.patch("/items/{id}", response=ItemOut, operation_id="item_update", openapi_extra=versions.marked(versions.WRITE))
def item_update(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: ItemPatch, response: HttpResponse):
    """Change some fields of an item; keys left out stay as they are. 412 when If-Match is stale."""
    data = payload.model_dump(exclude_unset=True)
    row = entity_update(request.user, model=Item, pk=id, data=data, expected=versions.if_match(request), out=ItemOut)
    return versions.tagged(response, ItemOut, row)


@item_router.put("/items/{id}", response=ItemOut, operation_id="item_replace", openapi_extra=versions.marked(versions.WRITE))
def item_replace(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: ItemCreate, response: HttpResponse):
    """Replace an item: the body is a whole create payload, keys left out take their defaults. 412 when If-Match is stale."""
    data = payload.model_dump()
    row = entity_replace(request.user, model=Item, pk=id, data=data, expected=versions.if_match(request), out=ItemOut)
    return versions.tagged(response, ItemOut, row)


@item_router.delete("/items/{id}", response={204: None}, operation_id="item_delete", openapi_extra=versions.marked(versions.WRITE))
def item_delete(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)]):
    """Delete an item. 412 when If-Match is stale."""
    entity_delete(request.user, model=Item, pk=id, expected=versions.if_match(request), out=ItemOut)
    return Status(204, None)


ROUTERS = [
    (shelf_hooks, shelf_router),
    (item_hooks, item_router),
]


def register(api):
    """Mount every router on `api`, after the hooks module of each resource added its own
    endpoints (`extend_router(router)`, when it defines one)."""
    for hooks, router in ROUTERS:
        extend = getattr(hooks, "extend_router", None)
        if extend is not None:
            extend(router)
        api.add_router("/", router)
