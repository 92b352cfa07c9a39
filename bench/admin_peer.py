"""The peer of `make bench-admin` (bench/admin.py): a stock `django.contrib.admin.ModelAdmin` for
logs on an admin site of its own at /stock-admin/ (unfold's, which the installed templates need), configured like the generated LogAdmin
(the same columns, search field, filters, order and page size) with Django's defaults for
everything else: its paginator counts, `icontains` search, RelatedFieldListFilter lists every
consignment. A URLconf with the project's routes and the stock site."""

from django.contrib import admin
from django.urls import path
from unfold.sites import UnfoldAdminSite

from timba.generated.admin import LogAdmin
from timba.models import Log
from timba.urls import urlpatterns as project_urlpatterns

# unfold's site, plain: the project's templates (unfold's, installed over Django's) need its URLs
stock_site = UnfoldAdminSite(name="stock")


class StockLogAdmin(admin.ModelAdmin):
    list_display = LogAdmin.list_display
    search_fields = tuple(name.lstrip("^=@") for name in LogAdmin.search_fields)
    list_filter = tuple(item[0] if isinstance(item, tuple) else item for item in LogAdmin.list_filter)
    ordering = LogAdmin.ordering
    list_per_page = LogAdmin.list_per_page


stock_site.register(Log, StockLogAdmin)

urlpatterns = [*project_urlpatterns, path("stock-admin/", stock_site.urls)]
