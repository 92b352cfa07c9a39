# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-ninja routers for every resource, mounted under /api/v1/ by timba.urls."""

from typing import Annotated

from django.http import HttpResponse
from ninja import Path, Query, Router, Status

from timba.generated.schemas import (
    FarmCreate,
    FarmListQuery,
    FarmOut,
    FarmPage,
    FarmPatch,
    FieldCreate,
    FieldListQuery,
    FieldOut,
    FieldPage,
    FieldPatch,
    HarvestCreate,
    HarvestListQuery,
    HarvestOut,
    HarvestPage,
    HarvestPatch,
)
from timba.hooks import farm as farm_hooks, field as field_hooks, harvest as harvest_hooks
from timba.models import Farm, Field, Harvest
from timba.runtime import versions
from timba.runtime.api import created_links
from timba.runtime.listing import list_page
from timba.runtime.selectors import entity_get, entity_list
from timba.runtime.services import entity_create, entity_delete, entity_replace, entity_update

farm_router = Router(tags=["farms"])


@farm_router.get("/farms", response=FarmPage, operation_id="farm_list")
def farm_list(request, params: Query[FarmListQuery]):
    """List farms, a page at a time (limit/offset or cursor), filtered and ordered as asked."""
    return list_page(request, entity_list(request, model=Farm), params, FarmPage)


@farm_router.get("/farms/{id}", response={200: FarmOut, 304: None}, operation_id="farm_get", openapi_extra=versions.marked(versions.READ))
def farm_get(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], response: HttpResponse):
    """Fetch one farm by id, with its ETag; 304 when If-None-Match names it."""
    return versions.answer_get(request, response, FarmOut, entity_get(request, model=Farm, pk=id))


farm_created_links = created_links(
    {"get": "farm_get", "update": "farm_update", "replace": "farm_replace", "delete": "farm_delete"},
    children={"field_create": ("field_create", "farm_id"), "harvest_create": ("harvest_create", "farm_id")},
)


@farm_router.post("/farms", response={201: FarmOut}, operation_id="farm_create", openapi_extra=farm_created_links)
def farm_create(request, payload: FarmCreate):
    """Create a farm."""
    return Status(201, entity_create(request.user, model=Farm, data=payload.model_dump()))


@farm_router.patch("/farms/{id}", response=FarmOut, operation_id="farm_update", openapi_extra=versions.marked(versions.WRITE))
def farm_update(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: FarmPatch, response: HttpResponse):
    """Change some fields of a farm; keys left out stay as they are. 412 when If-Match is stale."""
    data = payload.model_dump(exclude_unset=True)
    row = entity_update(request.user, model=Farm, pk=id, data=data, expected=versions.if_match(request), out=FarmOut)
    return versions.tagged(response, FarmOut, row)


@farm_router.put("/farms/{id}", response=FarmOut, operation_id="farm_replace", openapi_extra=versions.marked(versions.WRITE))
def farm_replace(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: FarmCreate, response: HttpResponse):
    """Replace a farm: the body is a whole create payload, keys left out take their defaults. 412 when If-Match is stale."""
    data = payload.model_dump()
    row = entity_replace(request.user, model=Farm, pk=id, data=data, expected=versions.if_match(request), out=FarmOut)
    return versions.tagged(response, FarmOut, row)


@farm_router.delete("/farms/{id}", response={204: None}, operation_id="farm_delete", openapi_extra=versions.marked(versions.WRITE))
def farm_delete(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)]):
    """Delete a farm. 412 when If-Match is stale."""
    entity_delete(request.user, model=Farm, pk=id, expected=versions.if_match(request), out=FarmOut)
    return Status(204, None)


field_router = Router(tags=["fields"])


@field_router.get("/fields", response=FieldPage, operation_id="field_list")
def field_list(request, params: Query[FieldListQuery]):
    """List fields, a page at a time (limit/offset or cursor), filtered and ordered as asked."""
    return list_page(request, entity_list(request, model=Field), params, FieldPage)


@field_router.get("/fields/{id}", response={200: FieldOut, 304: None}, operation_id="field_get", openapi_extra=versions.marked(versions.READ))
def field_get(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], response: HttpResponse):
    """Fetch one field by id, with its ETag; 304 when If-None-Match names it."""
    return versions.answer_get(request, response, FieldOut, entity_get(request, model=Field, pk=id))


field_created_links = created_links(
    {"get": "field_get", "update": "field_update", "replace": "field_replace", "delete": "field_delete"},
    children={"harvest_create": ("harvest_create", "field_id")},
)


@field_router.post("/fields", response={201: FieldOut}, operation_id="field_create", openapi_extra=field_created_links)
def field_create(request, payload: FieldCreate):
    """Create a field."""
    return Status(201, entity_create(request.user, model=Field, data=payload.model_dump()))


@field_router.patch("/fields/{id}", response=FieldOut, operation_id="field_update", openapi_extra=versions.marked(versions.WRITE))
def field_update(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: FieldPatch, response: HttpResponse):
    """Change some fields of a field; keys left out stay as they are. 412 when If-Match is stale."""
    data = payload.model_dump(exclude_unset=True)
    row = entity_update(request.user, model=Field, pk=id, data=data, expected=versions.if_match(request), out=FieldOut)
    return versions.tagged(response, FieldOut, row)


@field_router.put("/fields/{id}", response=FieldOut, operation_id="field_replace", openapi_extra=versions.marked(versions.WRITE))
def field_replace(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: FieldCreate, response: HttpResponse):
    """Replace a field: the body is a whole create payload, keys left out take their defaults. 412 when If-Match is stale."""
    data = payload.model_dump()
    row = entity_replace(request.user, model=Field, pk=id, data=data, expected=versions.if_match(request), out=FieldOut)
    return versions.tagged(response, FieldOut, row)


@field_router.delete("/fields/{id}", response={204: None}, operation_id="field_delete", openapi_extra=versions.marked(versions.WRITE))
def field_delete(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)]):
    """Delete a field. 412 when If-Match is stale."""
    entity_delete(request.user, model=Field, pk=id, expected=versions.if_match(request), out=FieldOut)
    return Status(204, None)


harvest_router = Router(tags=["harvests"])


@harvest_router.get("/harvests", response=HarvestPage, operation_id="harvest_list")
def harvest_list(request, params: Query[HarvestListQuery]):
    """List crop harvests, a page at a time (limit/offset or cursor), filtered and ordered as asked."""
    return list_page(request, entity_list(request, model=Harvest), params, HarvestPage)


@harvest_router.get("/harvests/{id}", response={200: HarvestOut, 304: None}, operation_id="harvest_get", openapi_extra=versions.marked(versions.READ))
def harvest_get(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], response: HttpResponse):
    """Fetch one crop harvest by id, with its ETag; 304 when If-None-Match names it."""
    return versions.answer_get(request, response, HarvestOut, entity_get(request, model=Harvest, pk=id))


harvest_created_links = created_links(
    {"get": "harvest_get", "update": "harvest_update", "replace": "harvest_replace", "delete": "harvest_delete"},
)


@harvest_router.post("/harvests", response={201: HarvestOut}, operation_id="harvest_create", openapi_extra=harvest_created_links)
def harvest_create(request, payload: HarvestCreate):
    """Create a crop harvest."""
    return Status(201, entity_create(request.user, model=Harvest, data=payload.model_dump()))


@harvest_router.patch("/harvests/{id}", response=HarvestOut, operation_id="harvest_update", openapi_extra=versions.marked(versions.WRITE))
def harvest_update(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: HarvestPatch, response: HttpResponse):
    """Change some fields of a crop harvest; keys left out stay as they are. 412 when If-Match is stale."""
    data = payload.model_dump(exclude_unset=True)
    row = entity_update(request.user, model=Harvest, pk=id, data=data, expected=versions.if_match(request), out=HarvestOut)
    return versions.tagged(response, HarvestOut, row)


@harvest_router.put("/harvests/{id}", response=HarvestOut, operation_id="harvest_replace", openapi_extra=versions.marked(versions.WRITE))
def harvest_replace(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)], payload: HarvestCreate, response: HttpResponse):
    """Replace a crop harvest: the body is a whole create payload, keys left out take their defaults. 412 when If-Match is stale."""
    data = payload.model_dump()
    row = entity_replace(request.user, model=Harvest, pk=id, data=data, expected=versions.if_match(request), out=HarvestOut)
    return versions.tagged(response, HarvestOut, row)


@harvest_router.delete("/harvests/{id}", response={204: None}, operation_id="harvest_delete", openapi_extra=versions.marked(versions.WRITE))
def harvest_delete(request, id: Annotated[int, Path(ge=1, le=9223372036854775807)]):
    """Delete a crop harvest. 412 when If-Match is stale."""
    entity_delete(request.user, model=Harvest, pk=id, expected=versions.if_match(request), out=HarvestOut)
    return Status(204, None)


ROUTERS = [
    (farm_hooks, farm_router),
    (field_hooks, field_router),
    (harvest_hooks, harvest_router),
]


def register(api):
    """Mount every router on `api`, after the hooks module of each resource added its own
    endpoints (`extend_router(router)`, when it defines one)."""
    for hooks, router in ROUTERS:
        extend = getattr(hooks, "extend_router", None)
        if extend is not None:
            extend(router)
        api.add_router("/", router)
