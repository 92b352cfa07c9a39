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
    CopyBulk,
    CopyBulkResult,
    CopyCreate,
    CopyListQuery,
    CopyOut,
    CopyPage,
    CopyPatch,
    ShelfCreate,
    ShelfListQuery,
    ShelfOut,
    ShelfPage,
    ShelfPatch,
)
from timba.hooks import book as book_hooks, copy as copy_hooks, shelf as shelf_hooks
from timba.models import Book, Copy, Shelf
from timba.runtime import versions
from timba.runtime.api import created_links
from timba.runtime.listing import list_page
from timba.runtime.selectors import entity_get, entity_list
from timba.runtime.services import (
    entity_bulk,
    entity_create,
    entity_delete,
    entity_replace,
    entity_update,
)

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
    children={"book_create": ("book_create", "shelf_id")},
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


book_router = Router(tags=["books"])


@book_router.get("/books", response=BookPage, operation_id="book_list")
def book_list(request, params: Query[BookListQuery]):
    """List books, a page at a time (limit/offset or cursor), filtered and ordered as asked."""
    return list_page(request, entity_list(request, model=Book), params, BookPage)


@book_router.get("/books/{id}", response={200: BookOut, 304: None}, operation_id="book_get", openapi_extra=versions.marked(versions.READ))
def book_get(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], response: HttpResponse):
    """Fetch one book by id, with its ETag; 304 when If-None-Match names it."""
    return versions.answer_get(request, response, BookOut, entity_get(request, model=Book, pk=id))


book_created_links = created_links(
    {"get": "book_get", "update": "book_update", "replace": "book_replace", "delete": "book_delete"},
    children={"copy_create": ("copy_create", "book_id")},
)


@book_router.post("/books", response={201: BookOut}, operation_id="book_create", openapi_extra=book_created_links)
def book_create(request, payload: BookCreate):
    """Create a book."""
    return Status(201, entity_create(request.user, model=Book, data=payload.model_dump()))


@book_router.patch("/books/{id}", response=BookOut, operation_id="book_update", openapi_extra=versions.marked(versions.WRITE))
def book_update(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: BookPatch, response: HttpResponse):
    """Change some fields of a book; keys left out stay as they are. 412 when If-Match is stale."""
    data = payload.model_dump(exclude_unset=True)
    row = entity_update(request.user, model=Book, pk=id, data=data, expected=versions.if_match(request), out=BookOut)
    return versions.tagged(response, BookOut, row)


@book_router.put("/books/{id}", response=BookOut, operation_id="book_replace", openapi_extra=versions.marked(versions.WRITE))
def book_replace(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: BookCreate, response: HttpResponse):
    """Replace a book: the body is a whole create payload, keys left out take their defaults. 412 when If-Match is stale."""
    data = payload.model_dump()
    row = entity_replace(request.user, model=Book, pk=id, data=data, expected=versions.if_match(request), out=BookOut)
    return versions.tagged(response, BookOut, row)


@book_router.delete("/books/{id}", response={204: None}, operation_id="book_delete", openapi_extra=versions.marked(versions.WRITE))
def book_delete(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)]):
    """Delete a book. 412 when If-Match is stale."""
    entity_delete(request.user, model=Book, pk=id, expected=versions.if_match(request), out=BookOut)
    return Status(204, None)


copy_router = Router(tags=["copies"])


@copy_router.get("/copies", response=CopyPage, operation_id="copy_list")
def copy_list(request, params: Query[CopyListQuery]):
    """List copies, a page at a time (limit/offset or cursor), filtered and ordered as asked."""
    return list_page(request, entity_list(request, model=Copy), params, CopyPage)


@copy_router.post("/copies/bulk", response=CopyBulkResult, operation_id="copy_bulk")
def copy_bulk(request, payload: CopyBulk):
    """Create or update up to 50 copies at once, matched on (shelf, barcode); all or nothing: any invalid item is a 422 (409 for a conflict) naming its index, and nothing is written. Needs the create and update permissions."""
    data = [item.model_dump() for item in payload.items]
    return entity_bulk(request.user, model=Copy, items=data, key=("shelf", "barcode"))


@copy_router.get("/copies/{id}", response={200: CopyOut, 304: None}, operation_id="copy_get", openapi_extra=versions.marked(versions.READ))
def copy_get(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], response: HttpResponse):
    """Fetch one copy by id, with its ETag; 304 when If-None-Match names it."""
    return versions.answer_get(request, response, CopyOut, entity_get(request, model=Copy, pk=id))


copy_created_links = created_links(
    {"get": "copy_get", "update": "copy_update", "replace": "copy_replace", "delete": "copy_delete"},
)


@copy_router.post("/copies", response={201: CopyOut}, operation_id="copy_create", openapi_extra=copy_created_links)
def copy_create(request, payload: CopyCreate):
    """Create a copy."""
    return Status(201, entity_create(request.user, model=Copy, data=payload.model_dump()))


@copy_router.patch("/copies/{id}", response=CopyOut, operation_id="copy_update", openapi_extra=versions.marked(versions.WRITE))
def copy_update(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: CopyPatch, response: HttpResponse):
    """Change some fields of a copy; keys left out stay as they are. 412 when If-Match is stale."""
    data = payload.model_dump(exclude_unset=True)
    row = entity_update(request.user, model=Copy, pk=id, data=data, expected=versions.if_match(request), out=CopyOut)
    return versions.tagged(response, CopyOut, row)


@copy_router.put("/copies/{id}", response=CopyOut, operation_id="copy_replace", openapi_extra=versions.marked(versions.WRITE))
def copy_replace(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: CopyCreate, response: HttpResponse):
    """Replace a copy: the body is a whole create payload, keys left out take their defaults. 412 when If-Match is stale."""
    data = payload.model_dump()
    row = entity_replace(request.user, model=Copy, pk=id, data=data, expected=versions.if_match(request), out=CopyOut)
    return versions.tagged(response, CopyOut, row)


@copy_router.delete("/copies/{id}", response={204: None}, operation_id="copy_delete", openapi_extra=versions.marked(versions.WRITE))
def copy_delete(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)]):
    """Delete a copy. 412 when If-Match is stale."""
    entity_delete(request.user, model=Copy, pk=id, expected=versions.if_match(request), out=CopyOut)
    return Status(204, None)


ROUTERS = [
    (shelf_hooks, shelf_router),
    (book_hooks, book_router),
    (copy_hooks, copy_router),
]


def register(api):
    """Mount every router on `api`, after the hooks module of each resource added its own
    endpoints (`extend_router(router)`, when it defines one)."""
    for hooks, router in ROUTERS:
        extend = getattr(hooks, "extend_router", None)
        if extend is not None:
            extend(router)
        api.add_router("/", router)
