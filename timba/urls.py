"""URL routes: the admin at /admin/ and the REST API at /api/v1/."""

from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

from timba.runtime.api import api

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
