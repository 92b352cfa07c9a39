"""The admin site: django-unfold's, entered by platform staff and by users holding the admin
channel's role (`web`), whatever their is_staff flag; what they see is decided per resource."""

from functools import update_wrapper

from django.contrib import messages
from django.core.exceptions import ValidationError
from unfold.forms import AuthenticationForm
from unfold.sites import UnfoldAdminSite

from timba.runtime import access, admin_app_list, admin_navigation


class TenantAwareLoginForm(AuthenticationForm):
    def confirm_login_allowed(self, user):
        if not user.is_active:
            raise ValidationError(self.error_messages["inactive"], code="inactive")
        if not access.has_channel(user, "admin"):
            raise ValidationError(str(access.channel_problem(user, "admin")), code="no_channel")


class TimbaAdminSite(UnfoldAdminSite):
    login_form = TenantAwareLoginForm
    index_template = "admin/timba_dashboard/index.html"  # the dashboard (timba.runtime.dashboard_page)
    index_title = "Dashboard"

    def get_app_list(self, request, app_label=None):
        """The apps as Django lists them, with the platform's security tables (Groups, django-axes'
        login records) in one "Security" section for platform staff, and out of sight of anyone
        else (their own permissions refuse them the pages too)."""
        apps = admin_app_list.app_list(self, request, app_label, super().get_app_list)
        security = [app for app in apps if app["app_label"] in SECURITY_APPS]
        others = [app for app in apps if app["app_label"] not in SECURITY_APPS]
        if not security or not access.is_staff(request.user):
            return others
        if app_label is not None:  # the app's own index page keeps its name
            return apps
        models = sorted((m for app in security for m in app["models"]), key=lambda m: str(m["name"]))
        section = {**security[0], "name": SECURITY_SECTION, "app_label": security[0]["app_label"], "models": models}
        return [*others, section]

    def each_context(self, request):
        context = super().each_context(request)
        # unfold's sidebar, kept per viewer and page (timba.runtime.admin_navigation)
        context["templates"] = {**context.get("templates", {}), "navigation": admin_navigation.HOOK}
        return context

    def has_permission(self, request):
        user = request.user
        return bool(user.is_active and access.has_channel(user, "admin"))

    def admin_view(self, view, cacheable=False):
        """Every admin page of a tenant whose subscription lapsed says so, in the words of the
        API's 402, and that the admin is read-only until it is renewed."""
        inner = super().admin_view(view, cacheable)

        def banner(request, *args, **kwargs):
            if request.method == "GET" and getattr(request.user, "is_authenticated", False):
                problem = access.subscription_problem(request.user)
                if problem is not None:
                    _warn_once(request, f"{problem.detail} {READ_ONLY}")
            return inner(request, *args, **kwargs)

        return update_wrapper(banner, inner)


# Django's and django-axes' apps: who may log in, failed logins and lockouts
SECURITY_APPS = ("auth", "axes")
SECURITY_SECTION = "Security"

READ_ONLY = "Until then the admin is read-only: you can view and export, not add, change, delete or import."


def _warn_once(request, text: str) -> None:
    storage = messages.get_messages(request)
    pending = [*getattr(storage, "_loaded_messages", []), *getattr(storage, "_queued_messages", [])]
    if all(str(m) != text for m in pending):  # a redirect carries it to the next page already
        messages.warning(request, text)
