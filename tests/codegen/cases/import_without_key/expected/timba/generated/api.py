# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-ninja routers for every resource, mounted under /api/v1/ by timba.urls."""

from typing import Annotated

from django.http import HttpResponse
from ninja import File, Form, Path, Query, Router, Status, UploadedFile

from timba.generated.exports import CLIENT_EXPORT, READING_EXPORT
from timba.generated.schemas import (
    ClientCreate,
    ClientExportQuery,
    ClientListQuery,
    ClientOut,
    ClientPage,
    ClientPatch,
    ReadingCreate,
    ReadingExportQuery,
    ReadingListQuery,
    ReadingOut,
    ReadingPage,
    ReadingPatch,
)
from timba.hooks import client as client_hooks, reading as reading_hooks
from timba.models import Client, Reading
from timba.runtime import versions
from timba.runtime.api import created_links
from timba.runtime.exports.http import export_list, export_openapi, export_start, start_openapi
from timba.runtime.exports.runs_http import ExportRunOut
from timba.runtime.imports.http import DRY_RUN, ImportRunOut, import_start, upload_openapi
from timba.runtime.listing import list_page
from timba.runtime.selectors import entity_get, entity_list
from timba.runtime.services import entity_create, entity_delete, entity_replace, entity_update

client_router = Router(tags=["clients"])


@client_router.get("/clients", response=ClientPage, operation_id="client_list")
def client_list(request, params: Query[ClientListQuery]):
    """List clients, a page at a time (limit/offset or cursor), filtered and ordered as asked."""
    return list_page(request, entity_list(request, model=Client), params, ClientPage)


@client_router.get("/clients/export", response={200: None}, operation_id="client_export", openapi_extra=export_openapi("clients"))
def client_export(request, params: Query[ClientExportQuery]):
    """Download the clients as CSV or XLSX (?format=), filtered, searched and ordered as the list; needs the export permission. References are written by their natural key, so the file re-imports."""
    return export_list(request, CLIENT_EXPORT, params)


@client_router.post("/clients/exports", response={202: ExportRunOut}, operation_id="client_export_start", openapi_extra=start_openapi("clients"))
def client_export_start(request, params: Query[ClientExportQuery]):
    """Export the clients as a job, whatever their number (same parameters as GET /clients/export): 202 with Location, the run whose GET shows the progress and, when done, the download link; DELETE it to cancel."""
    return export_start(request, CLIENT_EXPORT, params)


@client_router.post("/clients/imports", response={202: ImportRunOut}, operation_id="client_import", openapi_extra=upload_openapi("clients"))
def client_import(request, response: HttpResponse, file: File[UploadedFile], dry_run: bool = Form(False, description=DRY_RUN)):
    """Upload a CSV, TSV, XLSX, XLS or ODS file of clients to import: it is read and staged (a preview, nothing written), in-line when small, else as a job; 202 with Location, the run to GET, confirm, undo or cancel. Needs the import permission."""
    return import_start(request, response, model=Client, file=file, tenant=None, dry_run=dry_run)


@client_router.get("/clients/{id}", response={200: ClientOut, 304: None}, operation_id="client_get", openapi_extra=versions.marked(versions.READ))
def client_get(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], response: HttpResponse):
    """Fetch one client by id, with its ETag; 304 when If-None-Match names it."""
    return versions.answer_get(request, response, ClientOut, entity_get(request, model=Client, pk=id))


client_created_links = created_links(
    {"get": "client_get", "update": "client_update", "replace": "client_replace", "delete": "client_delete"},
    children={"reading_create": ("reading_create", "client_id")},
)


@client_router.post("/clients", response={201: ClientOut}, operation_id="client_create", openapi_extra=client_created_links)
def client_create(request, payload: ClientCreate):
    """Create a client."""
    return Status(201, entity_create(request.user, model=Client, data=payload.model_dump()))


@client_router.patch("/clients/{id}", response=ClientOut, operation_id="client_update", openapi_extra=versions.marked(versions.WRITE))
def client_update(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: ClientPatch, response: HttpResponse):
    """Change some fields of a client; keys left out stay as they are. 412 when If-Match is stale."""
    data = payload.model_dump(exclude_unset=True)
    row = entity_update(request.user, model=Client, pk=id, data=data, expected=versions.if_match(request), out=ClientOut)
    return versions.tagged(response, ClientOut, row)


@client_router.put("/clients/{id}", response=ClientOut, operation_id="client_replace", openapi_extra=versions.marked(versions.WRITE))
def client_replace(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: ClientCreate, response: HttpResponse):
    """Replace a client: the body is a whole create payload, keys left out take their defaults. 412 when If-Match is stale."""
    data = payload.model_dump()
    row = entity_replace(request.user, model=Client, pk=id, data=data, expected=versions.if_match(request), out=ClientOut)
    return versions.tagged(response, ClientOut, row)


@client_router.delete("/clients/{id}", response={204: None}, operation_id="client_delete", openapi_extra=versions.marked(versions.WRITE))
def client_delete(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)]):
    """Delete a client. 412 when If-Match is stale."""
    entity_delete(request.user, model=Client, pk=id, expected=versions.if_match(request), out=ClientOut)
    return Status(204, None)


reading_router = Router(tags=["readings"])


@reading_router.get("/readings", response=ReadingPage, operation_id="reading_list")
def reading_list(request, params: Query[ReadingListQuery]):
    """List readings, a page at a time (limit/offset or cursor), filtered and ordered as asked."""
    return list_page(request, entity_list(request, model=Reading), params, ReadingPage)


@reading_router.get("/readings/export", response={200: None}, operation_id="reading_export", openapi_extra=export_openapi("readings"))
def reading_export(request, params: Query[ReadingExportQuery]):
    """Download the readings as CSV or XLSX (?format=), filtered, searched and ordered as the list; needs the export permission. References are written by their natural key, so the file re-imports."""
    return export_list(request, READING_EXPORT, params)


@reading_router.post("/readings/exports", response={202: ExportRunOut}, operation_id="reading_export_start", openapi_extra=start_openapi("readings"))
def reading_export_start(request, params: Query[ReadingExportQuery]):
    """Export the readings as a job, whatever their number (same parameters as GET /readings/export): 202 with Location, the run whose GET shows the progress and, when done, the download link; DELETE it to cancel."""
    return export_start(request, READING_EXPORT, params)


@reading_router.post("/readings/imports", response={202: ImportRunOut}, operation_id="reading_import", openapi_extra=upload_openapi("readings"))
def reading_import(request, response: HttpResponse, file: File[UploadedFile], dry_run: bool = Form(False, description=DRY_RUN)):
    """Upload a CSV, TSV, XLSX, XLS or ODS file of readings to import: it is read and staged (a preview, nothing written), in-line when small, else as a job; 202 with Location, the run to GET, confirm, undo or cancel. Needs the import permission."""
    return import_start(request, response, model=Reading, file=file, tenant=None, dry_run=dry_run)


@reading_router.get("/readings/{id}", response={200: ReadingOut, 304: None}, operation_id="reading_get", openapi_extra=versions.marked(versions.READ))
def reading_get(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], response: HttpResponse):
    """Fetch one reading by id, with its ETag; 304 when If-None-Match names it."""
    return versions.answer_get(request, response, ReadingOut, entity_get(request, model=Reading, pk=id))


reading_created_links = created_links(
    {"get": "reading_get", "update": "reading_update", "replace": "reading_replace", "delete": "reading_delete"},
)


@reading_router.post("/readings", response={201: ReadingOut}, operation_id="reading_create", openapi_extra=reading_created_links)
def reading_create(request, payload: ReadingCreate):
    """Create a reading."""
    return Status(201, entity_create(request.user, model=Reading, data=payload.model_dump()))


@reading_router.patch("/readings/{id}", response=ReadingOut, operation_id="reading_update", openapi_extra=versions.marked(versions.WRITE))
def reading_update(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: ReadingPatch, response: HttpResponse):
    """Change some fields of a reading; keys left out stay as they are. 412 when If-Match is stale."""
    data = payload.model_dump(exclude_unset=True)
    row = entity_update(request.user, model=Reading, pk=id, data=data, expected=versions.if_match(request), out=ReadingOut)
    return versions.tagged(response, ReadingOut, row)


@reading_router.put("/readings/{id}", response=ReadingOut, operation_id="reading_replace", openapi_extra=versions.marked(versions.WRITE))
def reading_replace(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: ReadingCreate, response: HttpResponse):
    """Replace a reading: the body is a whole create payload, keys left out take their defaults. 412 when If-Match is stale."""
    data = payload.model_dump()
    row = entity_replace(request.user, model=Reading, pk=id, data=data, expected=versions.if_match(request), out=ReadingOut)
    return versions.tagged(response, ReadingOut, row)


@reading_router.delete("/readings/{id}", response={204: None}, operation_id="reading_delete", openapi_extra=versions.marked(versions.WRITE))
def reading_delete(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)]):
    """Delete a reading. 412 when If-Match is stale."""
    entity_delete(request.user, model=Reading, pk=id, expected=versions.if_match(request), out=ReadingOut)
    return Status(204, None)


ROUTERS = [
    (client_hooks, client_router),
    (reading_hooks, reading_router),
]


def register(api):
    """Mount every router on `api`, after the hooks module of each resource added its own
    endpoints (`extend_router(router)`, when it defines one)."""
    for hooks, router in ROUTERS:
        extend = getattr(hooks, "extend_router", None)
        if extend is not None:
            extend(router)
        api.add_router("/", router)
