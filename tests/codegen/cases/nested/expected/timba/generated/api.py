# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-ninja routers for every resource, mounted under /api/v1/ by timba.urls."""

from typing import Annotated

from django.http import HttpResponse
from ninja import Path, Query, Router, Status

from timba.generated.schemas import (
    BookCreate,
    BookListQuery,
    BookOut,
    BookPage,
    BookPatch,
    ShelfCreate,
    ShelfListQuery,
    ShelfOut,
    ShelfPage,
    ShelfPatch,
    ShopCreate,
    ShopListQuery,
    ShopOut,
    ShopPage,
    ShopPatch,
)
from timba.hooks import book as book_hooks, shelf as shelf_hooks, shop as shop_hooks
from timba.models import Book, Shelf, Shop
from timba.runtime import versions
from timba.runtime.api import created_links
from timba.runtime.listing import list_page
from timba.runtime.selectors import entity_get, entity_list, nested_list
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


@shop_router.get("/shops/{shop_id}/shelves", response=ShelfPage, operation_id="shop_shelves_list")
def shop_shelves_list(request, shop_id: Annotated[int, Path(ge=1, le=9223372036854775807)], params: Query[ShelfListQuery]):
    """List the shelves of one shop, a page at a time (limit/offset or cursor), filtered and ordered as on /shelves; 404 when there is no such shop."""
    rows = nested_list(request, model=Shelf, parent=Shop, field="shop", pk=shop_id)
    return list_page(request, rows, params, ShelfPage)


@shop_router.get("/shops/{id}/books", response=BookPage, operation_id="shop_books_list")
def shop_books_list(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], params: Query[BookListQuery]):
    """List the library books of one shop, a page at a time (limit/offset or cursor), filtered and ordered as on /books; 404 when there is no such shop."""
    rows = nested_list(request, model=Book, parent=Shop, field="shop", pk=id)
    return list_page(request, rows, params, BookPage)


shop_created_links = created_links(
    {"get": "shop_get", "update": "shop_update", "replace": "shop_replace", "delete": "shop_delete"},
    children={"shelf_create": ("shelf_create", "shop_id")},
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


shelf_router = Router(tags=["shelves"])


@shelf_router.get("/shelves", response=ShelfPage, operation_id="shelf_list")
def shelf_list(request, params: Query[ShelfListQuery]):
    """List shelves, a page at a time (limit/offset or cursor), filtered and ordered as asked."""
    return list_page(request, entity_list(request, model=Shelf), params, ShelfPage)


@shelf_router.get("/shelves/{id}", response={200: ShelfOut, 304: None}, operation_id="shelf_get", openapi_extra=versions.marked(versions.READ))
def shelf_get(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], response: HttpResponse):
    """Fetch one shelf by id, with its ETag; 304 when If-None-Match names it."""
    return versions.answer_get(request, response, ShelfOut, entity_get(request, model=Shelf, pk=id))


@shelf_router.get("/shelves/{id}/books", response=BookPage, operation_id="shelf_books_list")
def shelf_books_list(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], params: Query[BookListQuery]):
    """List the library books of one shelf, a page at a time (limit/offset or cursor), filtered and ordered as on /books; 404 when there is no such shelf."""
    rows = nested_list(request, model=Book, parent=Shelf, field="shelf", pk=id)
    return list_page(request, rows, params, BookPage)


shelf_created_links = created_links(
    {"get": "shelf_get", "update": "shelf_update", "replace": "shelf_replace", "delete": "shelf_delete"},
)


@shelf_router.post("/shelves", response={201: ShelfOut}, operation_id="shelf_create", openapi_extra=shelf_created_links)
def shelf_create(request, payload: ShelfCreate):
    """Create a shelf."""
    return Status(201, entity_create(request.user, model=Shelf, data=payload.model_dump()))


@shelf_router.patch("/shelves/{id}", response=ShelfOut, operation_id="shelf_update", openapi_extra=versions.marked(versions.WRITE))
def shelf_update(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: ShelfPatch, response: HttpResponse):
    """Change some fields of a shelf; keys left out stay as they are. 412 when If-Match is stale."""
    data = payload.model_dump(exclude_unset=True)
    row = entity_update(request.user, model=Shelf, pk=id, data=data, expected=versions.if_match(request), out=ShelfOut)
    return versions.tagged(response, ShelfOut, row)


@shelf_router.put("/shelves/{id}", response=ShelfOut, operation_id="shelf_replace", openapi_extra=versions.marked(versions.WRITE))
def shelf_replace(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: ShelfCreate, response: HttpResponse):
    """Replace a shelf: the body is a whole create payload, keys left out take their defaults. 412 when If-Match is stale."""
    data = payload.model_dump()
    row = entity_replace(request.user, model=Shelf, pk=id, data=data, expected=versions.if_match(request), out=ShelfOut)
    return versions.tagged(response, ShelfOut, row)


@shelf_router.delete("/shelves/{id}", response={204: None}, operation_id="shelf_delete", openapi_extra=versions.marked(versions.WRITE))
def shelf_delete(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)]):
    """Delete a shelf. 412 when If-Match is stale."""
    entity_delete(request.user, model=Shelf, pk=id, expected=versions.if_match(request), out=ShelfOut)
    return Status(204, None)


book_router = Router(tags=["books"])


@book_router.get("/books", response=BookPage, operation_id="book_list")
def book_list(request, params: Query[BookListQuery]):
    """List library books, a page at a time (limit/offset or cursor), filtered and ordered as asked."""
    return list_page(request, entity_list(request, model=Book), params, BookPage)


@book_router.get("/books/{id}", response={200: BookOut, 304: None}, operation_id="book_get", openapi_extra=versions.marked(versions.READ))
def book_get(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], response: HttpResponse):
    """Fetch one library book by id, with its ETag; 304 when If-None-Match names it."""
    return versions.answer_get(request, response, BookOut, entity_get(request, model=Book, pk=id))


ROUTERS = [
    (shop_hooks, shop_router),
    (shelf_hooks, shelf_router),
    (book_hooks, book_router),
]


def register(api):
    """Mount every router on `api`, after the hooks module of each resource added its own
    endpoints (`extend_router(router)`, when it defines one)."""
    for hooks, router in ROUTERS:
        extend = getattr(hooks, "extend_router", None)
        if extend is not None:
            extend(router)
        api.add_router("/", router)
