"""The project's routes plus the peers: /bench/raw/logs (plain Django) and /bench/drf/logs (DRF)."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from bench import drf, raw
from timba.urls import urlpatterns as timba_urlpatterns

router = SimpleRouter(trailing_slash=False)
router.register("logs", drf.LogViewSet, basename="bench-log")
router.register("logs-cursor", drf.LogCursorViewSet, basename="bench-log-cursor")

urlpatterns = [
    *timba_urlpatterns,
    path("bench/raw/logs", raw.logs),
    path("bench/raw/logs/bulk", raw.logs_bulk),
    path("bench/raw/logs/<int:pk>", raw.log),
    path("bench/drf/logs-bulk", drf.LogBulkView.as_view()),
    path("bench/drf/", include(router.urls)),
]
