"""URL routes: the probes /healthz and /readyz (timba.runtime.health), the admin at /admin/, the
REST API at /api/v1/ and the seed's routes at /timba/ and /timbba/ (one NinjaAPI included twice,
under two instance namespaces). A database that cannot be reached is a 503
everywhere (timba/runtime/unavailable.py), not a 500."""

from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

from timba.api import api, legacy_api
from timba.runtime import health

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("healthz", health.healthz, name="healthz"),  # answered first by health.ProbeMiddleware
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("timba/", legacy_api.urls),
    path("timbba/", (legacy_api.urls[0], "ninja", "timbba-seed")),
]
handler500 = "timba.runtime.unavailable.server_error"
