"""URL routes: the admin at /admin/, the REST API at /api/v1/ and the seed's routes at /timba/
and /timbba/ (one NinjaAPI included twice, under two instance namespaces)."""

from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

from timba.api import api, legacy_api

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("timba/", legacy_api.urls),
    path("timbba/", (legacy_api.urls[0], "ninja", "timbba-seed")),
]
