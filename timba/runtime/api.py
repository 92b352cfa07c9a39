"""What every NinjaAPI of a project shares: `configured` builds one with orjson in and out,
bearer tokens and problem+json errors; `TimbaAPI` is one whose OpenAPI document also lists the
operations of other APIs (the seed routes) and the conditional headers and problem responses
of every operation. The project assembles its APIs from these and its generated routers
(timba/api.py)."""

import orjson
from ninja import NinjaAPI
from ninja.parser import Parser
from ninja.renderers import BaseRenderer

from timba.runtime import versions
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


def configured(cls=NinjaAPI, **options) -> NinjaAPI:
    """A NinjaAPI with what every API of the project shares: orjson in and out, bearer-token
    auth by default and problem+json errors."""
    api = cls(renderer=ORJSONRenderer(), parser=ORJSONParser(), auth=BearerToken(), **options)
    install_handlers(api)
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
