# generated from resources.yaml by codegen 0.1.0 — do not edit

"""The seed's routes (`legacy:` in resources.yaml), served under /timba/ and /timbba/ by timba.urls."""

from django.http import HttpResponse
from ninja import Router

from timba.generated.schemas import (
    ClientCreate,
    ClientOut,
    ConsignmentCreate,
    ConsignmentOut,
    LogCreate,
    LogOut,
    RoleCreate,
    RoleOut,
    UserCreate,
    UserOut,
    UserPatch,
)
from timba.models import Client, Consignment, Log, Role, User
from timba.runtime import legacy

router = Router(tags=["seed routes"])

client_seed = legacy.LegacyResource(
    Client,
    out=ClientOut,
    create=ClientCreate,
    messages={"create": "Client created Successfully"},
)


@router.put(
    "/client",
    response={201: client_seed.created},
    operation_id="seed_client_create",
    openapi_extra=client_seed.doc("create"),
)
def seed_client_create(request):
    """Create a client (the seed's PUT client)."""
    return client_seed.create(request)


role_seed = legacy.LegacyResource(
    Role,
    out=RoleOut,
    create=RoleCreate,
    params={"rolename": "name"},
    messages={"create": "Role created successfully"},
)


@router.put(
    "/role",
    response={201: role_seed.created},
    operation_id="seed_role_create",
    openapi_extra=role_seed.doc("create"),
)
def seed_role_create(request):
    """Create a role (the seed's PUT role)."""
    return role_seed.create(request)


user_seed = legacy.LegacyResource(
    User,
    out=UserOut,
    create=UserCreate,
    patch=UserPatch,
    id_params=("user_id", "id"),
    params={"role": "roles"},
    many=("roles",),
    lookups={"role": "name"},
    messages={
        "create": "User created successfully",
        "update": "User updated successfully",
        "delete": "User deleted successfully",
    },
    collection_by="client_id",
    collection_params=("client_id",),
    collection_key="users",
    collection_max_items=1000,
    id_range=(1, 9223372036854775807),
    links={"get": "seed_user_get", "update": "seed_user_update", "delete": "seed_user_delete"},
)


@router.put(
    "/user",
    response={201: user_seed.created},
    operation_id="seed_user_create",
    openapi_extra=user_seed.doc("create"),
)
def seed_user_create(request):
    """Create a user (the seed's PUT user)."""
    return user_seed.create(request)


@router.get(
    "/user",
    response={200: user_seed.answer, 304: None},
    operation_id="seed_user_get",
    openapi_extra=user_seed.doc("get"),
)
def seed_user_get(request, response: HttpResponse):
    """Fetch one user by id (the seed's GET user), with its ETag; 304 when If-None-Match names it."""
    return user_seed.get(request, response)


@router.patch(
    "/user",
    response=legacy.Message,
    operation_id="seed_user_update",
    openapi_extra=user_seed.doc("update"),
)
def seed_user_update(request, response: HttpResponse):
    """Change some fields of a user (the seed's PATCH user). 412 when If-Match is stale."""
    return user_seed.update(request, response)


@router.delete(
    "/user",
    response=legacy.Message,
    operation_id="seed_user_delete",
    openapi_extra=user_seed.doc("delete"),
)
def seed_user_delete(request):
    """Delete a user (the seed's DELETE user). 412 when If-Match is stale."""
    return user_seed.delete(request)


@router.get(
    "/users",
    response=user_seed.listed,
    operation_id="seed_user_list",
    openapi_extra=user_seed.doc("collection"),
)
def seed_user_list(request, response: HttpResponse):
    """The users of one client (the seed's GET users)."""
    return user_seed.collection(request, response)


consignment_seed = legacy.LegacyResource(
    Consignment,
    out=ConsignmentOut,
    create=ConsignmentCreate,
    id_params=("con_id", "consignment_id", "id"),
    messages={"create": "Consignment created successfully"},
    collection_by="client_id",
    collection_params=("client_id",),
    collection_key="consignments",
    collection_max_items=1000,
    id_range=(1, 9223372036854775807),
    links={"get": "seed_consignment_get"},
)


@router.put(
    "/consignment",
    response={201: consignment_seed.created},
    operation_id="seed_consignment_create",
    openapi_extra=consignment_seed.doc("create"),
)
def seed_consignment_create(request):
    """Create a consignment (the seed's PUT consignment)."""
    return consignment_seed.create(request)


@router.get(
    "/consignment",
    response={200: consignment_seed.answer, 304: None},
    operation_id="seed_consignment_get",
    openapi_extra=consignment_seed.doc("get"),
)
def seed_consignment_get(request, response: HttpResponse):
    """Fetch one consignment by id (the seed's GET consignment), with its ETag; 304 when If-None-Match names it."""
    return consignment_seed.get(request, response)


@router.get(
    "/consignments",
    response=consignment_seed.listed,
    operation_id="seed_consignment_list",
    openapi_extra=consignment_seed.doc("collection"),
)
def seed_consignment_list(request, response: HttpResponse):
    """The consignments of one client (the seed's GET consignments)."""
    return consignment_seed.collection(request, response)


log_seed = legacy.LegacyResource(
    Log,
    out=LogOut,
    create=LogCreate,
    id_params=("id", "log_id"),
    params={"con_id": "consignment_id"},
    messages={"create": "log inserted successfully"},
    collection_by="consignment_id",
    collection_params=("consignment_id", "con_id"),
    collection_key="logs",
    collection_max_items=1000,
    id_range=(1, 9223372036854775807),
    links={"get": "seed_log_get"},
)


@router.put(
    "/log",
    response={201: log_seed.created},
    operation_id="seed_log_create",
    openapi_extra=log_seed.doc("create"),
)
def seed_log_create(request):
    """Create a timber log (the seed's PUT log)."""
    return log_seed.create(request)


@router.get(
    "/log",
    response={200: log_seed.answer, 304: None},
    operation_id="seed_log_get",
    openapi_extra=log_seed.doc("get"),
)
def seed_log_get(request, response: HttpResponse):
    """Fetch one timber log by id (the seed's GET log), with its ETag; 304 when If-None-Match names it."""
    return log_seed.get(request, response)


@router.get(
    "/logs",
    response=log_seed.listed,
    operation_id="seed_log_list",
    openapi_extra=log_seed.doc("collection"),
)
def seed_log_list(request, response: HttpResponse):
    """The timber logs of one consignment (the seed's GET logs)."""
    return log_seed.collection(request, response)
