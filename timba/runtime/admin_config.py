"""Django's admin app, set to use timba's admin site (kept apart from the site module, which
imports forms and so cannot load while apps are being set up)."""

from django.contrib.admin.apps import AdminConfig


class TimbaAdminConfig(AdminConfig):
    default_site = "timba.runtime.admin_site.TimbaAdminSite"
