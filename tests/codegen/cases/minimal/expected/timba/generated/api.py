# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-ninja routers for every resource, mounted under /api/v1/ by timba.urls."""

from typing import Annotated

from django.http import HttpResponse
from ninja import Path, Query, Router, Status

from timba.generated.schemas import NoteCreate, NoteListQuery, NoteOut, NotePage, NotePatch
from timba.hooks import note as note_hooks
from timba.models import Note
from timba.runtime import versions
from timba.runtime.api import created_links
from timba.runtime.listing import list_page
from timba.runtime.selectors import entity_get, entity_list
from timba.runtime.services import entity_create, entity_delete, entity_replace, entity_update

note_router = Router(tags=["notes"])


@note_router.get("/notes", response=NotePage, operation_id="note_list")
def note_list(request, params: Query[NoteListQuery]):
    """List notes, a page at a time (limit/offset or cursor), filtered and ordered as asked."""
    return list_page(request, entity_list(request, model=Note), params, NotePage)


@note_router.get("/notes/{id}", response={200: NoteOut, 304: None}, operation_id="note_get", openapi_extra=versions.marked(versions.READ))
def note_get(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], response: HttpResponse):
    """Fetch one note by id, with its ETag; 304 when If-None-Match names it."""
    return versions.answer_get(request, response, NoteOut, entity_get(request, model=Note, pk=id))


note_created_links = created_links(
    {"get": "note_get", "update": "note_update", "replace": "note_replace", "delete": "note_delete"},
)


@note_router.post("/notes", response={201: NoteOut}, operation_id="note_create", openapi_extra=note_created_links)
def note_create(request, payload: NoteCreate):
    """Create a note."""
    return Status(201, entity_create(request.user, model=Note, data=payload.model_dump()))


@note_router.patch("/notes/{id}", response=NoteOut, operation_id="note_update", openapi_extra=versions.marked(versions.WRITE))
def note_update(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: NotePatch, response: HttpResponse):
    """Change some fields of a note; keys left out stay as they are. 412 when If-Match is stale."""
    data = payload.model_dump(exclude_unset=True)
    row = entity_update(request.user, model=Note, pk=id, data=data, expected=versions.if_match(request), out=NoteOut)
    return versions.tagged(response, NoteOut, row)


@note_router.put("/notes/{id}", response=NoteOut, operation_id="note_replace", openapi_extra=versions.marked(versions.WRITE))
def note_replace(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: NoteCreate, response: HttpResponse):
    """Replace a note: the body is a whole create payload, keys left out take their defaults. 412 when If-Match is stale."""
    data = payload.model_dump()
    row = entity_replace(request.user, model=Note, pk=id, data=data, expected=versions.if_match(request), out=NoteOut)
    return versions.tagged(response, NoteOut, row)


@note_router.delete("/notes/{id}", response={204: None}, operation_id="note_delete", openapi_extra=versions.marked(versions.WRITE))
def note_delete(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)]):
    """Delete a note. 412 when If-Match is stale."""
    entity_delete(request.user, model=Note, pk=id, expected=versions.if_match(request), out=NoteOut)
    return Status(204, None)


ROUTERS = [
    (note_hooks, note_router),
]


def register(api):
    """Mount every router on `api`, after the hooks module of each resource added its own
    endpoints (`extend_router(router)`, when it defines one)."""
    for hooks, router in ROUTERS:
        extend = getattr(hooks, "extend_router", None)
        if extend is not None:
            extend(router)
        api.add_router("/", router)
