"""What every NinjaAPI of a project shares: `configured` builds one with orjson in and out,
bearer tokens and problem+json errors; `TimbaAPI` is one whose OpenAPI document also lists the
operations of other APIs (the seed routes) and the conditional headers and problem responses
of every operation. The project assembles its APIs from these and its generated routers
(timba/api.py)."""

import orjson
from ninja import NinjaAPI
from ninja.parser import Parser
from ninja.renderers import BaseRenderer

from timba.runtime import unavailable, versions
from timba.runtime.auth import BearerToken
from timba.runtime.encoding import dumps
from timba.runtime.problems import document_problems, install_handlers


class ORJSONRenderer(BaseRenderer):
    media_type = "application/json"

    def render(self, request, data, *, response_status):
        return dumps(data)


class ORJSONParser(Parser):
    def parse_body(self, request):
        return orjson.loads(request.body)


DESCRIPTION = (
    "Generated from resources.yaml. Send `Authorization: Bearer <token>` (POST /api/v1/auth/token). "
    "Errors are RFC 9457 application/problem+json."
)


def created_links(
    operations: dict[str, str],
    *,
    pointer: str = "/id",
    seed: dict[str, str] | None = None,
    seed_id: str = "id",
    children: dict[str, tuple[str, str]] | None = None,
) -> dict:
    """`openapi_extra` of a create route: OpenAPI links from its 201 answer, whose `pointer`
    (`/id`; a seed route's answer: `/data/id`) is the new row's id, to each of `operations`
    (link name -> operationId, taking it as the path's `{id}`), of the seed routes `seed`
    (taking it as their first id parameter `seed_id`: in the query, in the body for an update),
    and to the creates of `children` (link name -> (operationId, the body key of their
    reference to this row)): a row of theirs under the one created."""
    value = f"$response.body#{pointer}"
    links = {
        name: {"operationId": operation, "parameters": {"path.id": value},
               "description": f"The row created, by its id: `{operation}` of it."}
        for name, operation in operations.items()
    }
    for name, operation in (seed or {}).items():
        where = {"requestBody": {seed_id: value}} if operation.endswith("_update") else {"parameters": {f"query.{seed_id}": value}}
        links[name] = {"operationId": operation, **where,
                       "description": f"The row created, by its id as `{seed_id}`: the seed's `{operation}` of it."}
    for name, (operation, key) in (children or {}).items():
        links[name] = {"operationId": operation, "requestBody": {key: value},
                       "description": f"A row under the one created: `{operation}` with `{key}` its id."}
    return {"responses": {201: {"links": links}}}


def configured(cls=NinjaAPI, **options) -> NinjaAPI:
    """A NinjaAPI with what every API of the project shares: orjson in and out, bearer-token
    auth by default and problem+json errors (503 with Retry-After when the database is down)."""
    api = cls(renderer=ORJSONRenderer(), parser=ORJSONParser(), auth=BearerToken(), **options)
    install_handlers(api)
    unavailable.install(api)
    return api


class TimbaAPI(NinjaAPI):
    """The /api/v1/ API; its OpenAPI document also lists the operations of `also_documented`
    APIs (the seed routes), under the path prefix each is served at, and on every operation the
    conditional headers and 304/412 where it reads or checks versions (`versions.document_versions`)
    and the problem+json responses it can give (`problems.document_problems`)."""

    also_documented: list[tuple[NinjaAPI, str]]

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for other, prefix in getattr(self, "also_documented", ()):
            extra = other.get_openapi_schema(path_prefix=prefix)
            schema["paths"].update(extra["paths"])
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            for name, body in extra.get("components", {}).get("schemas", {}).items():
                components.setdefault(name, body)
        return document_problems(versions.document_versions(schema))
