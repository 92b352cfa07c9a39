"""The NinjaAPI instances: `api` at /api/v1/ (every generated router) and `legacy_api`, the
seed's routes at /timba/ and /timbba/. Both are built by `configured` (orjson in and out, bearer
tokens, problem+json errors); the /api/v1/ OpenAPI document lists the seed routes as well."""

import orjson
from ninja import NinjaAPI
from ninja.parser import Parser
from ninja.renderers import BaseRenderer

from timba.runtime import versions
from timba.runtime.auth import BearerToken
from timba.runtime.auth import router as auth_router
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


def build_legacy_api() -> NinjaAPI:
    """The seed's routes (`legacy:` in resources.yaml), served at /timba/ and /timbba/."""
    from timba.generated.legacy import router
    from timba.runtime.legacy import LegacyAPI

    api = configured(
        LegacyAPI,
        title="timba seed routes",
        version="seed",
        description=(
            "The routes of the original prototype, kept for its clients, at /timba/ and at /timbba/. "
            + DESCRIPTION
            + " Errors also carry the seed's `error` key."
        ),
        urls_namespace="timba-seed",
    )
    api.add_router("/", router)
    return api


def build_api(legacy: NinjaAPI | None = None) -> NinjaAPI:
    from timba.generated.api import register

    api = configured(
        TimbaAPI,
        title="timba API",
        version="1",
        description=DESCRIPTION + " The seed's routes (/timba/..., also at /timbba/...) are listed here too.",
        urls_namespace="api-v1",
    )
    api.also_documented = [(legacy, "/timba/")] if legacy is not None else []
    api.add_router("/", auth_router)
    register(api)
    return api


legacy_api = build_legacy_api()
api = build_api(legacy_api)
