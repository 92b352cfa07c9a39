"""The admin site: django-unfold's, entered by platform staff and by users holding the admin
channel's role (`web`), whatever their is_staff flag; what they see is decided per resource."""

from django.core.exceptions import ValidationError
from unfold.forms import AuthenticationForm
from unfold.sites import UnfoldAdminSite

from timba.runtime import access


class TenantAwareLoginForm(AuthenticationForm):
    def confirm_login_allowed(self, user):
        if not user.is_active:
            raise ValidationError(self.error_messages["inactive"], code="inactive")
        if not access.has_channel(user, "admin"):
            raise ValidationError(str(access.channel_problem(user, "admin")), code="no_channel")


class TimbaAdminSite(UnfoldAdminSite):
    login_form = TenantAwareLoginForm

    def has_permission(self, request):
        user = request.user
        return bool(user.is_active and access.has_channel(user, "admin"))
