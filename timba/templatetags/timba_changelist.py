"""`{% timba_result_list cl %}`: the change list's table. timba.runtime.admin_table writes it
where it writes what unfold's template would; otherwise it is unfold's `unfold_result_list` (the
same template, found per model and app as Django's admin tags are), its headers worked out once
per page (timba.runtime.admin_results)."""

from django.contrib.admin.templatetags.base import InclusionAdminNode
from django.template import Library

from timba.runtime.admin_results import result_list
from timba.runtime.admin_stock_templates import RESULTS_TEMPLATE, results_template
from timba.runtime.admin_table import Table

register = Library()


class ResultListNode(InclusionAdminNode):
    def render(self, context):
        template = results_template(context.template.engine, context["opts"])
        table = Table(context, self.args[0].resolve(context), template)
        if table.supported:
            return table.render()
        return super().render(context)


@register.tag(name="timba_result_list")
def result_list_tag(parser, token):
    return ResultListNode(parser, token, func=result_list, template_name=RESULTS_TEMPLATE)


@register.simple_tag(takes_context=True)
def timba_filter_panel(context):
    """The change list's filter panel (timba.runtime.admin_filter_panel)."""
    from timba.runtime import admin_filter_panel  # unfold's admin loads these tags while it imports

    return admin_filter_panel.render(context)
