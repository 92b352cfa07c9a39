"""The NinjaAPI instance served at /api/v1/: orjson in and out, problem+json errors, and every
generated router mounted."""

from decimal import Decimal

import orjson
from ninja import NinjaAPI
from ninja.parser import Parser
from ninja.renderers import BaseRenderer

from timba.runtime.auth import BearerToken
from timba.runtime.auth import router as auth_router
from timba.runtime.problems import install_handlers


def _default(value):
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


class ORJSONRenderer(BaseRenderer):
    media_type = "application/json"

    def render(self, request, data, *, response_status):
        return orjson.dumps(data, default=_default)


class ORJSONParser(Parser):
    def parse_body(self, request):
        return orjson.loads(request.body)


def build_api() -> NinjaAPI:
    from timba.generated.api import register

    api = NinjaAPI(
        title="timba API",
        version="1",
        description=(
            "Generated from resources.yaml. Send `Authorization: Bearer <token>` (POST /auth/token). "
            "Errors are RFC 9457 application/problem+json."
        ),
        renderer=ORJSONRenderer(),
        parser=ORJSONParser(),
        urls_namespace="api-v1",
        auth=BearerToken(),
    )
    install_handlers(api)
    api.add_router("/", auth_router)
    register(api)
    return api


api = build_api()
