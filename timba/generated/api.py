# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-ninja routers for every resource, mounted under /api/v1/ by timba.urls."""

from typing import Annotated

from django.http import HttpResponse
from ninja import File, Form, Path, Query, Router, Status, UploadedFile

from timba.generated.exports import CLIENT_EXPORT, CONSIGNMENT_EXPORT, LOG_EXPORT, USER_EXPORT
from timba.generated.schemas import (
    ClientCreate,
    ClientExportQuery,
    ClientListQuery,
    ClientOut,
    ClientPage,
    ClientPatch,
    ConsignmentCreate,
    ConsignmentExportQuery,
    ConsignmentListQuery,
    ConsignmentOut,
    ConsignmentPage,
    ConsignmentPatch,
    LogBulk,
    LogBulkResult,
    LogCreate,
    LogExportQuery,
    LogListQuery,
    LogOut,
    LogPage,
    LogPatch,
    RoleCreate,
    RoleListQuery,
    RoleOut,
    RolePage,
    RolePatch,
    UserCreate,
    UserExportQuery,
    UserListQuery,
    UserOut,
    UserPage,
    UserPatch,
)
from timba.hooks import (
    client as client_hooks,
    consignment as consignment_hooks,
    log as log_hooks,
    role as role_hooks,
    user as user_hooks,
)
from timba.models import Client, Consignment, Log, Role, User
from timba.runtime import versions
from timba.runtime.api import created_links
from timba.runtime.exports.http import export_list, export_openapi, export_start, start_openapi
from timba.runtime.exports.runs_http import ExportRunOut
from timba.runtime.imports.http import DRY_RUN, ImportRunOut, import_start, upload_openapi
from timba.runtime.listing import list_page
from timba.runtime.selectors import entity_get, entity_list, nested_list
from timba.runtime.services import (
    entity_bulk,
    entity_create,
    entity_delete,
    entity_replace,
    entity_update,
)

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


@client_router.get("/clients/{id}/users", response=UserPage, operation_id="client_users_list")
def client_users_list(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], params: Query[UserListQuery]):
    """List the users of one client, a page at a time (limit/offset or cursor), filtered and ordered as on /users; 404 when there is no such client."""
    rows = nested_list(request, model=User, parent=Client, field="client", pk=id)
    return list_page(request, rows, params, UserPage)


@client_router.get("/clients/{id}/consignments", response=ConsignmentPage, operation_id="client_consignments_list")
def client_consignments_list(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], params: Query[ConsignmentListQuery]):
    """List the consignments of one client, a page at a time (limit/offset or cursor), filtered and ordered as on /consignments; 404 when there is no such client."""
    rows = nested_list(request, model=Consignment, parent=Client, field="client", pk=id)
    return list_page(request, rows, params, ConsignmentPage)


client_created_links = created_links(
    {"get": "client_get", "update": "client_update", "replace": "client_replace", "delete": "client_delete"},
    children={"user_create": ("user_create", "client_id"), "seed_user_create": ("seed_user_create", "client_id"), "consignment_create": ("consignment_create", "client_id"), "seed_consignment_create": ("seed_consignment_create", "client_id")},
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


role_router = Router(tags=["roles"])


@role_router.get("/roles", response=RolePage, operation_id="role_list")
def role_list(request, params: Query[RoleListQuery]):
    """List roles, a page at a time (limit/offset or cursor), filtered and ordered as asked."""
    return list_page(request, entity_list(request, model=Role), params, RolePage)


@role_router.get("/roles/{id}", response={200: RoleOut, 304: None}, operation_id="role_get", openapi_extra=versions.marked(versions.READ))
def role_get(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], response: HttpResponse):
    """Fetch one role by id, with its ETag; 304 when If-None-Match names it."""
    return versions.answer_get(request, response, RoleOut, entity_get(request, model=Role, pk=id))


role_created_links = created_links(
    {"get": "role_get", "update": "role_update", "replace": "role_replace", "delete": "role_delete"},
)


@role_router.post("/roles", response={201: RoleOut}, operation_id="role_create", openapi_extra=role_created_links)
def role_create(request, payload: RoleCreate):
    """Create a role."""
    return Status(201, entity_create(request.user, model=Role, data=payload.model_dump()))


@role_router.patch("/roles/{id}", response=RoleOut, operation_id="role_update", openapi_extra=versions.marked(versions.WRITE))
def role_update(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: RolePatch, response: HttpResponse):
    """Change some fields of a role; keys left out stay as they are. 412 when If-Match is stale."""
    data = payload.model_dump(exclude_unset=True)
    row = entity_update(request.user, model=Role, pk=id, data=data, expected=versions.if_match(request), out=RoleOut)
    return versions.tagged(response, RoleOut, row)


@role_router.put("/roles/{id}", response=RoleOut, operation_id="role_replace", openapi_extra=versions.marked(versions.WRITE))
def role_replace(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: RoleCreate, response: HttpResponse):
    """Replace a role: the body is a whole create payload, keys left out take their defaults. 412 when If-Match is stale."""
    data = payload.model_dump()
    row = entity_replace(request.user, model=Role, pk=id, data=data, expected=versions.if_match(request), out=RoleOut)
    return versions.tagged(response, RoleOut, row)


@role_router.delete("/roles/{id}", response={204: None}, operation_id="role_delete", openapi_extra=versions.marked(versions.WRITE))
def role_delete(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)]):
    """Delete a role. 412 when If-Match is stale."""
    entity_delete(request.user, model=Role, pk=id, expected=versions.if_match(request), out=RoleOut)
    return Status(204, None)


user_router = Router(tags=["users"])


@user_router.get("/users", response=UserPage, operation_id="user_list")
def user_list(request, params: Query[UserListQuery]):
    """List users, a page at a time (limit/offset or cursor), filtered and ordered as asked."""
    return list_page(request, entity_list(request, model=User), params, UserPage)


@user_router.get("/users/export", response={200: None}, operation_id="user_export", openapi_extra=export_openapi("users"))
def user_export(request, params: Query[UserExportQuery]):
    """Download the users as CSV or XLSX (?format=), filtered, searched and ordered as the list; needs the export permission. References are written by their natural key, so the file re-imports."""
    return export_list(request, USER_EXPORT, params)


@user_router.post("/users/exports", response={202: ExportRunOut}, operation_id="user_export_start", openapi_extra=start_openapi("users"))
def user_export_start(request, params: Query[UserExportQuery]):
    """Export the users as a job, whatever their number (same parameters as GET /users/export): 202 with Location, the run whose GET shows the progress and, when done, the download link; DELETE it to cancel."""
    return export_start(request, USER_EXPORT, params)


@user_router.post("/users/imports", response={202: ImportRunOut}, operation_id="user_import", openapi_extra=upload_openapi("users"))
def user_import(request, response: HttpResponse, file: File[UploadedFile], client_id: int = Form(None, ge=1, le=9223372036854775807), dry_run: bool = Form(False, description=DRY_RUN)):
    """Upload a CSV, TSV, XLSX, XLS or ODS file of users to import: it is read and staged (a preview, nothing written), in-line when small, else as a job; 202 with Location, the run to GET, confirm, undo or cancel. Needs the import permission."""
    return import_start(request, response, model=User, file=file, tenant=client_id, dry_run=dry_run)


@user_router.get("/users/{id}", response={200: UserOut, 304: None}, operation_id="user_get", openapi_extra=versions.marked(versions.READ))
def user_get(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], response: HttpResponse):
    """Fetch one user by id, with its ETag; 304 when If-None-Match names it."""
    return versions.answer_get(request, response, UserOut, entity_get(request, model=User, pk=id))


user_created_links = created_links(
    {"get": "user_get", "update": "user_update", "replace": "user_replace", "delete": "user_delete"},
    seed={"seed_get": "seed_user_get", "seed_update": "seed_user_update", "seed_delete": "seed_user_delete"},
    seed_id="user_id",
)


@user_router.post("/users", response={201: UserOut}, operation_id="user_create", openapi_extra=user_created_links)
def user_create(request, payload: UserCreate):
    """Create a user."""
    return Status(201, entity_create(request.user, model=User, data=payload.model_dump()))


@user_router.patch("/users/{id}", response=UserOut, operation_id="user_update", openapi_extra=versions.marked(versions.WRITE))
def user_update(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: UserPatch, response: HttpResponse):
    """Change some fields of a user; keys left out stay as they are. 412 when If-Match is stale."""
    data = payload.model_dump(exclude_unset=True)
    row = entity_update(request.user, model=User, pk=id, data=data, expected=versions.if_match(request), out=UserOut)
    return versions.tagged(response, UserOut, row)


@user_router.put("/users/{id}", response=UserOut, operation_id="user_replace", openapi_extra=versions.marked(versions.WRITE))
def user_replace(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: UserCreate, response: HttpResponse):
    """Replace a user: the body is a whole create payload, keys left out take their defaults. 412 when If-Match is stale."""
    data = payload.model_dump()
    row = entity_replace(request.user, model=User, pk=id, data=data, expected=versions.if_match(request), out=UserOut)
    return versions.tagged(response, UserOut, row)


@user_router.delete("/users/{id}", response={204: None}, operation_id="user_delete", openapi_extra=versions.marked(versions.WRITE))
def user_delete(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)]):
    """Delete a user. 412 when If-Match is stale."""
    entity_delete(request.user, model=User, pk=id, expected=versions.if_match(request), out=UserOut)
    return Status(204, None)


consignment_router = Router(tags=["consignments"])


@consignment_router.get("/consignments", response=ConsignmentPage, operation_id="consignment_list")
def consignment_list(request, params: Query[ConsignmentListQuery]):
    """List consignments, a page at a time (limit/offset or cursor), filtered and ordered as asked."""
    return list_page(request, entity_list(request, model=Consignment), params, ConsignmentPage)


@consignment_router.get("/consignments/export", response={200: None}, operation_id="consignment_export", openapi_extra=export_openapi("consignments"))
def consignment_export(request, params: Query[ConsignmentExportQuery]):
    """Download the consignments as CSV or XLSX (?format=), filtered, searched and ordered as the list; needs the export permission. References are written by their natural key, so the file re-imports."""
    return export_list(request, CONSIGNMENT_EXPORT, params)


@consignment_router.post("/consignments/exports", response={202: ExportRunOut}, operation_id="consignment_export_start", openapi_extra=start_openapi("consignments"))
def consignment_export_start(request, params: Query[ConsignmentExportQuery]):
    """Export the consignments as a job, whatever their number (same parameters as GET /consignments/export): 202 with Location, the run whose GET shows the progress and, when done, the download link; DELETE it to cancel."""
    return export_start(request, CONSIGNMENT_EXPORT, params)


@consignment_router.post("/consignments/imports", response={202: ImportRunOut}, operation_id="consignment_import", openapi_extra=upload_openapi("consignments"))
def consignment_import(request, response: HttpResponse, file: File[UploadedFile], client_id: int = Form(None, ge=1, le=9223372036854775807), dry_run: bool = Form(False, description=DRY_RUN)):
    """Upload a CSV, TSV, XLSX, XLS or ODS file of consignments to import: it is read and staged (a preview, nothing written), in-line when small, else as a job; 202 with Location, the run to GET, confirm, undo or cancel. Needs the import permission."""
    return import_start(request, response, model=Consignment, file=file, tenant=client_id, dry_run=dry_run)


@consignment_router.get("/consignments/{id}", response={200: ConsignmentOut, 304: None}, operation_id="consignment_get", openapi_extra=versions.marked(versions.READ))
def consignment_get(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], response: HttpResponse):
    """Fetch one consignment by id, with its ETag; 304 when If-None-Match names it."""
    return versions.answer_get(request, response, ConsignmentOut, entity_get(request, model=Consignment, pk=id))


@consignment_router.get("/consignments/{id}/logs", response=LogPage, operation_id="consignment_logs_list")
def consignment_logs_list(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], params: Query[LogListQuery]):
    """List the timber logs of one consignment, a page at a time (limit/offset or cursor), filtered and ordered as on /logs; 404 when there is no such consignment."""
    rows = nested_list(request, model=Log, parent=Consignment, field="consignment", pk=id)
    return list_page(request, rows, params, LogPage)


consignment_created_links = created_links(
    {"get": "consignment_get", "update": "consignment_update", "replace": "consignment_replace", "delete": "consignment_delete"},
    seed={"seed_get": "seed_consignment_get"},
    seed_id="con_id",
    children={"log_create": ("log_create", "consignment_id"), "seed_log_create": ("seed_log_create", "consignment_id")},
)


@consignment_router.post("/consignments", response={201: ConsignmentOut}, operation_id="consignment_create", openapi_extra=consignment_created_links)
def consignment_create(request, payload: ConsignmentCreate):
    """Create a consignment."""
    return Status(201, entity_create(request.user, model=Consignment, data=payload.model_dump()))


@consignment_router.patch("/consignments/{id}", response=ConsignmentOut, operation_id="consignment_update", openapi_extra=versions.marked(versions.WRITE))
def consignment_update(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: ConsignmentPatch, response: HttpResponse):
    """Change some fields of a consignment; keys left out stay as they are. 412 when If-Match is stale."""
    data = payload.model_dump(exclude_unset=True)
    row = entity_update(request.user, model=Consignment, pk=id, data=data, expected=versions.if_match(request), out=ConsignmentOut)
    return versions.tagged(response, ConsignmentOut, row)


@consignment_router.put("/consignments/{id}", response=ConsignmentOut, operation_id="consignment_replace", openapi_extra=versions.marked(versions.WRITE))
def consignment_replace(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: ConsignmentCreate, response: HttpResponse):
    """Replace a consignment: the body is a whole create payload, keys left out take their defaults. 412 when If-Match is stale."""
    data = payload.model_dump()
    row = entity_replace(request.user, model=Consignment, pk=id, data=data, expected=versions.if_match(request), out=ConsignmentOut)
    return versions.tagged(response, ConsignmentOut, row)


@consignment_router.delete("/consignments/{id}", response={204: None}, operation_id="consignment_delete", openapi_extra=versions.marked(versions.WRITE))
def consignment_delete(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)]):
    """Delete a consignment. 412 when If-Match is stale."""
    entity_delete(request.user, model=Consignment, pk=id, expected=versions.if_match(request), out=ConsignmentOut)
    return Status(204, None)


log_router = Router(tags=["logs"])


@log_router.get("/logs", response=LogPage, operation_id="log_list")
def log_list(request, params: Query[LogListQuery]):
    """List timber logs, a page at a time (limit/offset or cursor), filtered and ordered as asked."""
    return list_page(request, entity_list(request, model=Log), params, LogPage)


@log_router.post("/logs/bulk", response=LogBulkResult, operation_id="log_bulk")
def log_bulk(request, payload: LogBulk):
    """Create or update up to 1000 timber logs at once, matched on (client, barcode); all or nothing: any invalid item is a 422 (409 for a conflict) naming its index, and nothing is written. Needs the create and update permissions."""
    data = [item.model_dump() for item in payload.items]
    return entity_bulk(request.user, model=Log, items=data, key=("client", "barcode"))


@log_router.get("/logs/export", response={200: None}, operation_id="log_export", openapi_extra=export_openapi("timber logs"))
def log_export(request, params: Query[LogExportQuery]):
    """Download the timber logs as CSV or XLSX (?format=), filtered, searched and ordered as the list; needs the export permission. References are written by their natural key, so the file re-imports."""
    return export_list(request, LOG_EXPORT, params)


@log_router.post("/logs/exports", response={202: ExportRunOut}, operation_id="log_export_start", openapi_extra=start_openapi("timber logs"))
def log_export_start(request, params: Query[LogExportQuery]):
    """Export the timber logs as a job, whatever their number (same parameters as GET /logs/export): 202 with Location, the run whose GET shows the progress and, when done, the download link; DELETE it to cancel."""
    return export_start(request, LOG_EXPORT, params)


@log_router.post("/logs/imports", response={202: ImportRunOut}, operation_id="log_import", openapi_extra=upload_openapi("timber logs"))
def log_import(request, response: HttpResponse, file: File[UploadedFile], client_id: int = Form(None, ge=1, le=9223372036854775807), dry_run: bool = Form(False, description=DRY_RUN)):
    """Upload a CSV, TSV, XLSX, XLS or ODS file of timber logs to import: it is read and staged (a preview, nothing written), in-line when small, else as a job; 202 with Location, the run to GET, confirm, undo or cancel. Needs the import permission."""
    return import_start(request, response, model=Log, file=file, tenant=client_id, dry_run=dry_run)


@log_router.get("/logs/{id}", response={200: LogOut, 304: None}, operation_id="log_get", openapi_extra=versions.marked(versions.READ))
def log_get(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], response: HttpResponse):
    """Fetch one timber log by id, with its ETag; 304 when If-None-Match names it."""
    return versions.answer_get(request, response, LogOut, entity_get(request, model=Log, pk=id))


log_created_links = created_links(
    {"get": "log_get", "update": "log_update", "replace": "log_replace", "delete": "log_delete"},
    seed={"seed_get": "seed_log_get"},
    seed_id="id",
)


@log_router.post("/logs", response={201: LogOut}, operation_id="log_create", openapi_extra=log_created_links)
def log_create(request, payload: LogCreate):
    """Create a timber log."""
    return Status(201, entity_create(request.user, model=Log, data=payload.model_dump()))


@log_router.patch("/logs/{id}", response=LogOut, operation_id="log_update", openapi_extra=versions.marked(versions.WRITE))
def log_update(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: LogPatch, response: HttpResponse):
    """Change some fields of a timber log; keys left out stay as they are. 412 when If-Match is stale."""
    data = payload.model_dump(exclude_unset=True)
    row = entity_update(request.user, model=Log, pk=id, data=data, expected=versions.if_match(request), out=LogOut)
    return versions.tagged(response, LogOut, row)


@log_router.put("/logs/{id}", response=LogOut, operation_id="log_replace", openapi_extra=versions.marked(versions.WRITE))
def log_replace(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: LogCreate, response: HttpResponse):
    """Replace a timber log: the body is a whole create payload, keys left out take their defaults. 412 when If-Match is stale."""
    data = payload.model_dump()
    row = entity_replace(request.user, model=Log, pk=id, data=data, expected=versions.if_match(request), out=LogOut)
    return versions.tagged(response, LogOut, row)


@log_router.delete("/logs/{id}", response={204: None}, operation_id="log_delete", openapi_extra=versions.marked(versions.WRITE))
def log_delete(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)]):
    """Delete a timber log. 412 when If-Match is stale."""
    entity_delete(request.user, model=Log, pk=id, expected=versions.if_match(request), out=LogOut)
    return Status(204, None)


ROUTERS = [
    (client_hooks, client_router),
    (role_hooks, role_router),
    (user_hooks, user_router),
    (consignment_hooks, consignment_router),
    (log_hooks, log_router),
]


def register(api):
    """Mount every router on `api`, after the hooks module of each resource added its own
    endpoints (`extend_router(router)`, when it defines one)."""
    for hooks, router in ROUTERS:
        extend = getattr(hooks, "extend_router", None)
        if extend is not None:
            extend(router)
        api.add_router("/", router)
