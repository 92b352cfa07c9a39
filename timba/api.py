"""The project's APIs, assembled from the runtime's building blocks and the generated routers:
`api` at /api/v1/ (every resource's router, the token routes, the import runs' and the export runs') and `legacy_api`, the seed's
routes at /timba/ and /timbba/, whose operations the /api/v1/ OpenAPI document lists too.
Both are rate limited, per token and per address, by the same throttles
(timba/runtime/throttles.py), so a token has one budget for both."""

from ninja import NinjaAPI

from timba.generated.api import register
from timba.generated.legacy import router as legacy_router
from timba.runtime.api import DESCRIPTION, TimbaAPI, configured
from timba.runtime.auth import router as auth_router
from timba.runtime.exports.runs_http import router as exports_router
from timba.runtime.imports.http import router as imports_router
from timba.runtime.legacy import LegacyAPI
from timba.runtime.throttles import default_throttles, install_handlers

THROTTLES = default_throttles()  # API_RATE_LIMIT_TOKEN, API_RATE_LIMIT_ADDRESS


def limited(api: NinjaAPI, throttles: list) -> NinjaAPI:
    """`api` (built with `throttle=throttles`), answering 429 problem+json with Retry-After and
    counting its 401s against the caller's address."""
    install_handlers(api, throttles)
    return api


def build_legacy_api(throttles: list = THROTTLES) -> NinjaAPI:
    """The seed's routes (`legacy:` in resources.yaml), served at /timba/ and /timbba/."""
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
        throttle=throttles,
    )
    api.add_router("/", legacy_router)
    return limited(api, throttles)


def build_api(legacy: NinjaAPI | None = None, throttles: list = THROTTLES) -> NinjaAPI:
    api = configured(
        TimbaAPI,
        title="timba API",
        version="1",
        description=DESCRIPTION + " The seed's routes (/timba/..., also at /timbba/...) are listed here too.",
        urls_namespace="api-v1",
        throttle=throttles,
    )
    api.also_documented = [(legacy, "/timba/")] if legacy is not None else []
    api.add_router("/", auth_router)
    register(api)
    api.add_router("/", imports_router)  # the import runs the generated upload routes start
    api.add_router("/", exports_router)  # the export jobs the generated export routes start
    return limited(api, throttles)


legacy_api = build_legacy_api()
api = build_api(legacy_api)
