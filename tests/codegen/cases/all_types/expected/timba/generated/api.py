# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-ninja routers for every resource, mounted under /api/v1/ by timba.urls."""

from typing import Annotated

from django.http import HttpResponse
from ninja import File, Form, Path, Query, Router, Status, UploadedFile

from timba.generated.exports import ITEM_EXPORT, WAREHOUSE_EXPORT
from timba.generated.schemas import (
    AccountCreate,
    AccountListQuery,
    AccountOut,
    AccountPage,
    AccountPatch,
    ItemCreate,
    ItemExportQuery,
    ItemListQuery,
    ItemOut,
    ItemPage,
    ItemPatch,
    TagCreate,
    TagListQuery,
    TagOut,
    TagPage,
    TagPatch,
    WarehouseCreate,
    WarehouseExportQuery,
    WarehouseListQuery,
    WarehouseOut,
    WarehousePage,
    WarehousePatch,
)
from timba.hooks import (
    account as account_hooks,
    item as item_hooks,
    tag as tag_hooks,
    warehouse as warehouse_hooks,
)
from timba.models import Account, Item, Tag, Warehouse
from timba.runtime import versions
from timba.runtime.api import created_links
from timba.runtime.exports.http import export_list, export_openapi, export_start, start_openapi
from timba.runtime.exports.runs_http import ExportRunOut
from timba.runtime.imports.http import DRY_RUN, ImportRunOut, import_start, upload_openapi
from timba.runtime.listing import list_page
from timba.runtime.selectors import entity_get, entity_list
from timba.runtime.services import entity_create, entity_delete, entity_replace, entity_update

account_router = Router(tags=["accounts"])


@account_router.get("/accounts", response=AccountPage, operation_id="account_list")
def account_list(request, params: Query[AccountListQuery]):
    """List accounts, a page at a time (limit/offset or cursor), filtered and ordered as asked."""
    return list_page(request, entity_list(request, model=Account), params, AccountPage)


@account_router.get("/accounts/{id}", response={200: AccountOut, 304: None}, operation_id="account_get", openapi_extra=versions.marked(versions.READ))
def account_get(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], response: HttpResponse):
    """Fetch one account by id, with its ETag; 304 when If-None-Match names it."""
    return versions.answer_get(request, response, AccountOut, entity_get(request, model=Account, pk=id))


account_created_links = created_links(
    {"get": "account_get", "update": "account_update", "replace": "account_replace", "delete": "account_delete"},
)


@account_router.post("/accounts", response={201: AccountOut}, operation_id="account_create", openapi_extra=account_created_links)
def account_create(request, payload: AccountCreate):
    """Create an account."""
    return Status(201, entity_create(request.user, model=Account, data=payload.model_dump()))


@account_router.patch("/accounts/{id}", response=AccountOut, operation_id="account_update", openapi_extra=versions.marked(versions.WRITE))
def account_update(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: AccountPatch, response: HttpResponse):
    """Change some fields of an account; keys left out stay as they are. 412 when If-Match is stale."""
    data = payload.model_dump(exclude_unset=True)
    row = entity_update(request.user, model=Account, pk=id, data=data, expected=versions.if_match(request), out=AccountOut)
    return versions.tagged(response, AccountOut, row)


@account_router.put("/accounts/{id}", response=AccountOut, operation_id="account_replace", openapi_extra=versions.marked(versions.WRITE))
def account_replace(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: AccountCreate, response: HttpResponse):
    """Replace an account: the body is a whole create payload, keys left out take their defaults. 412 when If-Match is stale."""
    data = payload.model_dump()
    row = entity_replace(request.user, model=Account, pk=id, data=data, expected=versions.if_match(request), out=AccountOut)
    return versions.tagged(response, AccountOut, row)


@account_router.delete("/accounts/{id}", response={204: None}, operation_id="account_delete", openapi_extra=versions.marked(versions.WRITE))
def account_delete(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)]):
    """Delete an account. 412 when If-Match is stale."""
    entity_delete(request.user, model=Account, pk=id, expected=versions.if_match(request), out=AccountOut)
    return Status(204, None)


tag_router = Router(tags=["tags"])


@tag_router.get("/tags", response=TagPage, operation_id="tag_list")
def tag_list(request, params: Query[TagListQuery]):
    """List tags, a page at a time (limit/offset or cursor), filtered and ordered as asked."""
    return list_page(request, entity_list(request, model=Tag), params, TagPage)


@tag_router.get("/tags/{id}", response={200: TagOut, 304: None}, operation_id="tag_get", openapi_extra=versions.marked(versions.READ))
def tag_get(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], response: HttpResponse):
    """Fetch one tag by id, with its ETag; 304 when If-None-Match names it."""
    return versions.answer_get(request, response, TagOut, entity_get(request, model=Tag, pk=id))


warehouse_router = Router(tags=["depots"])


@warehouse_router.get("/depots", response=WarehousePage, operation_id="warehouse_list")
def warehouse_list(request, params: Query[WarehouseListQuery]):
    """List depots, a page at a time (limit/offset or cursor), filtered and ordered as asked."""
    return list_page(request, entity_list(request, model=Warehouse), params, WarehousePage)


@warehouse_router.get("/depots/export", response={200: None}, operation_id="warehouse_export", openapi_extra=export_openapi("depots"))
def warehouse_export(request, params: Query[WarehouseExportQuery]):
    """Download the depots as CSV or XLSX (?format=), filtered, searched and ordered as the list; needs the export permission. References are written by their natural key, so the file re-imports."""
    return export_list(request, WAREHOUSE_EXPORT, params)


@warehouse_router.post("/depots/exports", response={202: ExportRunOut}, operation_id="warehouse_export_start", openapi_extra=start_openapi("depots"))
def warehouse_export_start(request, params: Query[WarehouseExportQuery]):
    """Export the depots as a job, whatever their number (same parameters as GET /depots/export): 202 with Location, the run whose GET shows the progress and, when done, the download link; DELETE it to cancel."""
    return export_start(request, WAREHOUSE_EXPORT, params)


@warehouse_router.post("/depots/imports", response={202: ImportRunOut}, operation_id="warehouse_import", openapi_extra=upload_openapi("depots"))
def warehouse_import(request, response: HttpResponse, file: File[UploadedFile], dry_run: bool = Form(False, description=DRY_RUN)):
    """Upload a CSV, TSV, XLSX, XLS or ODS file of depots to import: it is read and staged (a preview, nothing written), in-line when small, else as a job; 202 with Location, the run to GET, confirm, undo or cancel. Needs the import permission."""
    return import_start(request, response, model=Warehouse, file=file, tenant=None, dry_run=dry_run)


@warehouse_router.get("/depots/{id}", response={200: WarehouseOut, 304: None}, operation_id="warehouse_get", openapi_extra=versions.marked(versions.READ))
def warehouse_get(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], response: HttpResponse):
    """Fetch one storage depot by id, with its ETag; 304 when If-None-Match names it."""
    return versions.answer_get(request, response, WarehouseOut, entity_get(request, model=Warehouse, pk=id))


warehouse_created_links = created_links(
    {"get": "warehouse_get", "update": "warehouse_update", "replace": "warehouse_replace", "delete": "warehouse_delete"},
    children={"item_create": ("item_create", "warehouse_id")},
)


@warehouse_router.post("/depots", response={201: WarehouseOut}, operation_id="warehouse_create", openapi_extra=warehouse_created_links)
def warehouse_create(request, payload: WarehouseCreate):
    """Create a storage depot."""
    return Status(201, entity_create(request.user, model=Warehouse, data=payload.model_dump()))


@warehouse_router.patch("/depots/{id}", response=WarehouseOut, operation_id="warehouse_update", openapi_extra=versions.marked(versions.WRITE))
def warehouse_update(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: WarehousePatch, response: HttpResponse):
    """Change some fields of a storage depot; keys left out stay as they are. 412 when If-Match is stale."""
    data = payload.model_dump(exclude_unset=True)
    row = entity_update(request.user, model=Warehouse, pk=id, data=data, expected=versions.if_match(request), out=WarehouseOut)
    return versions.tagged(response, WarehouseOut, row)


@warehouse_router.put("/depots/{id}", response=WarehouseOut, operation_id="warehouse_replace", openapi_extra=versions.marked(versions.WRITE))
def warehouse_replace(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: WarehouseCreate, response: HttpResponse):
    """Replace a storage depot: the body is a whole create payload, keys left out take their defaults. 412 when If-Match is stale."""
    data = payload.model_dump()
    row = entity_replace(request.user, model=Warehouse, pk=id, data=data, expected=versions.if_match(request), out=WarehouseOut)
    return versions.tagged(response, WarehouseOut, row)


@warehouse_router.delete("/depots/{id}", response={204: None}, operation_id="warehouse_delete", openapi_extra=versions.marked(versions.WRITE))
def warehouse_delete(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)]):
    """Delete a storage depot. 412 when If-Match is stale."""
    entity_delete(request.user, model=Warehouse, pk=id, expected=versions.if_match(request), out=WarehouseOut)
    return Status(204, None)


item_router = Router(tags=["items"])


@item_router.get("/items", response=ItemPage, operation_id="item_list")
def item_list(request, params: Query[ItemListQuery]):
    """List items, a page at a time (limit/offset or cursor), filtered and ordered as asked."""
    return list_page(request, entity_list(request, model=Item), params, ItemPage)


@item_router.get("/items/export", response={200: None}, operation_id="item_export", openapi_extra=export_openapi("items"))
def item_export(request, params: Query[ItemExportQuery]):
    """Download the items as CSV or XLSX (?format=), filtered, searched and ordered as the list; needs the export permission. References are written by their natural key, so the file re-imports."""
    return export_list(request, ITEM_EXPORT, params)


@item_router.post("/items/exports", response={202: ExportRunOut}, operation_id="item_export_start", openapi_extra=start_openapi("items"))
def item_export_start(request, params: Query[ItemExportQuery]):
    """Export the items as a job, whatever their number (same parameters as GET /items/export): 202 with Location, the run whose GET shows the progress and, when done, the download link; DELETE it to cancel."""
    return export_start(request, ITEM_EXPORT, params)


@item_router.post("/items/imports", response={202: ImportRunOut}, operation_id="item_import", openapi_extra=upload_openapi("items"))
def item_import(request, response: HttpResponse, file: File[UploadedFile], dry_run: bool = Form(False, description=DRY_RUN)):
    """Upload a CSV, TSV, XLSX, XLS or ODS file of items to import: it is read and staged (a preview, nothing written), in-line when small, else as a job; 202 with Location, the run to GET, confirm, undo or cancel. Needs the import permission."""
    return import_start(request, response, model=Item, file=file, tenant=None, dry_run=dry_run)


@item_router.get("/items/{id}", response={200: ItemOut, 304: None}, operation_id="item_get", openapi_extra=versions.marked(versions.READ))
def item_get(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], response: HttpResponse):
    """Fetch one item by id, with its ETag; 304 when If-None-Match names it."""
    return versions.answer_get(request, response, ItemOut, entity_get(request, model=Item, pk=id))


item_created_links = created_links({"get": "item_get", "update": "item_update", "replace": "item_replace"})


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


ROUTERS = [
    (account_hooks, account_router),
    (tag_hooks, tag_router),
    (warehouse_hooks, warehouse_router),
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
