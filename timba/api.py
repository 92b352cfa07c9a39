"""The project's APIs, assembled from the runtime's building blocks and the generated routers:
`api` at /api/v1/ (every resource's router and the token routes) and `legacy_api`, the seed's
routes at /timba/ and /timbba/, whose operations the /api/v1/ OpenAPI document lists too."""

from ninja import NinjaAPI

from timba.generated.api import register
from timba.generated.legacy import router as legacy_router
from timba.runtime.api import DESCRIPTION, TimbaAPI, configured
from timba.runtime.auth import router as auth_router
from timba.runtime.legacy import LegacyAPI


def build_legacy_api() -> NinjaAPI:
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
    )
    api.add_router("/", legacy_router)
    return api


def build_api(legacy: NinjaAPI | None = None) -> NinjaAPI:
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
