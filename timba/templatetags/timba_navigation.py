"""`{% timba_navigation %}`: the admin's sidebar, kept per what it shows (timba.runtime.admin_navigation)."""

from django.template import Library

from timba.runtime import admin_navigation

register = Library()


@register.simple_tag(takes_context=True)
def timba_navigation(context):
    return admin_navigation.render(context)
