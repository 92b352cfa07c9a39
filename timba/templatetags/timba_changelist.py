"""`{% timba_result_list cl %}`: unfold's change-list table (its `unfold_result_list`, the same
template), the headers worked out once per page (timba.runtime.admin_results)."""

from django.contrib.admin.templatetags.base import InclusionAdminNode
from django.template import Library

from timba.runtime.admin_results import result_list

register = Library()


@register.tag(name="timba_result_list")
def result_list_tag(parser, token):
    return InclusionAdminNode(parser, token, func=result_list, template_name="change_list_results.html")
