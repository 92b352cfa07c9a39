"""The project's routes plus two that raise, for the no-traceback test: a plain Django view and
a route of a NinjaAPI built with the project's error handlers."""

from django.urls import path
from ninja import NinjaAPI

from timba import urls
from timba.runtime.problems import install_handlers

boom_api = NinjaAPI(urls_namespace="boom")
install_handlers(boom_api)


@boom_api.get("/boom")
def boom_route(request):
    raise RuntimeError("boom-internal-detail-4711")


def boom_view(request):
    raise RuntimeError("boom-internal-detail-4711")


urlpatterns = [path("boom", boom_view), path("api/v1/", boom_api.urls), *urls.urlpatterns]
handler500 = getattr(urls, "handler500", None) or "django.views.defaults.server_error"
