"""A change list's table, written in Python: the markup of unfold's `change_list_results.html`
and its `items_for_result`, built per page instead of per row and per cell.

The template engine and unfold's cell code cost about 0.5 ms a row (a tenth of a second for a
page of a hundred): each cell works out its column again (the field, its classes, its label,
whether it links), each link reverses its URL and merges the preserved filters, and each row
resolves a dozen template variables. Here a page works out each column once (`Column`: the
cell's opening tag, how its value is shown, the link's URL with a placeholder for the key:
admin_table_cells) and a row only reads its values; the headers are written once per page
(admin_table_headers).

What unfold does per row that is not rebuilt here (editable columns, a drag-sortable order,
expandable row sections, per-row actions, an overridden results template or `url_for_result`)
renders through unfold's own template (`Table.supported` is False), so nothing is lost;
tests/app/test_admin_html.py holds the two renderings equal for every generated admin.
"""

from __future__ import annotations

from functools import cached_property

from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.views.main import ChangeList
from django.urls import NoReverseMatch, reverse
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from unfold.templatetags import unfold_list

from timba.runtime.admin_results import headers_once
from timba.runtime.admin_stock_templates import is_unfolds, is_unfolds_results_template
from timba.runtime.admin_table_cells import KEY, Column
from timba.runtime.admin_table_headers import headers_html

HEADERS_TEMPLATE = "unfold/helpers/change_list_headers.html"
EMPTY_TEMPLATE = "unfold/helpers/empty_results.html"
ROW_STRIPES = ("", "bg-base-50 dark:bg-white/[.02]")
TBODY = '<tbody class="block relative lg:table-row-group {}" x-data="{{rowOpen: false}}" >'
ROW = (
    '<tr class="data-row block border border-base-200 mb-3 relative rounded-default lg:table-row'
    ' lg:border-none lg:mb-0 lg:rounded-none dark:border-base-800">'
)
WRAPPER = (
    '<div class="{} -mx-1 px-1 overflow-x-auto lg:border lg:border-base-200 lg:mx-0 lg:px-0'
    " lg:shadow-xs lg:dark:border-base-800 lg:bg-white lg:dark:bg-base-900 {}\""
    ' data-simplebar data-simplebar-auto-hide="false">'
)
TABLE = (
    '<table id="result_list" class="result-list block border-base-200 border-spacing-none'
    ' border-separate w-full lg:table" >'
)


class Table:
    """The table of one change list page (`cl`), as `{% timba_result_list cl %}` shows it."""

    def __init__(self, context, cl: ChangeList, template):
        self.context, self.cl, self.template = context, cl, template
        self.admin = cl.model_admin

    @property
    def supported(self) -> bool:
        """Whether this renderer writes the page as unfold's template would (else: unfold's)."""
        cl = self.cl
        return (
            not getattr(cl, "formset", None)
            and not self.context.get("actions_row")
            and writes_rows(self.admin, type(cl))
            and is_unfolds_results_template(self.template)
        )

    def data(self) -> dict:
        """What unfold's `result_list` gives its template, but the rows."""
        cl, headers = self.cl, self.headers
        return {
            "cl": cl,
            "result_hidden_fields": list(unfold_list.result_hidden_fields(cl)),
            "result_headers": headers,
            "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
            "actions_row": self.context.get("actions_row"),
            "has_add_permission": self.admin.has_add_permission(self.context["request"]),
        }

    @cached_property
    def headers(self) -> list[dict]:
        return list(headers_once(self.cl))

    def render(self) -> str:
        """The table, as unfold's `change_list_results.html` writes it for `result_list`."""
        data = self.data()
        context = self.context.new(data)
        if (csrf_token := self.context.get("csrf_token")) is not None:
            context["csrf_token"] = csrf_token
        cl = self.cl
        parts = []
        hidden = data["result_hidden_fields"]
        if hidden:
            parts.append(format_html('<div class="hiddenfields">{}</div>', mark_safe("".join(map(conditional_escape, hidden)))))
        if not cl.result_list:
            parts.append(self._include(EMPTY_TEMPLATE, context))
            return mark_safe("".join(parts))
        rounded = "lg:rounded-b-default" if cl.search_fields or cl.has_filters else "lg:rounded-default"
        scrollbar = "simplebar-horizontal-scrollbar-top" if getattr(self.admin, "list_horizontal_scrollbar_top", False) else ""
        headers = self._include(HEADERS_TEMPLATE, context) if not self._stock(HEADERS_TEMPLATE) else headers_html(
            data["result_headers"], data["num_sorted_fields"]
        )
        parts += [format_html(WRAPPER, rounded, scrollbar), TABLE, headers]
        columns = self.columns()
        for index, row in enumerate(cl.result_list):
            parts += [TBODY.format(ROW_STRIPES[index % 2]), ROW]
            parts += [column.cell(row) for column in columns]
            parts.append("</tr></tbody>")
        parts.append("</table></div>")
        return mark_safe("".join(parts))

    def _include(self, name: str, context) -> str:
        return context.template.engine.get_template(name).render(context)

    def _stock(self, name: str) -> bool:
        return is_unfolds(self.context.template.engine.get_template(name), name)

    def columns(self) -> list[Column]:
        cl, headers, first_link = self.cl, self.headers, True
        columns = []
        for index, name in enumerate(cl.list_display):
            links = cl.list_display_links is not None and (
                (first_link and not cl.list_display_links) or name in cl.list_display_links
            )
            column = Column(self, index, name, headers[index]["text"], links and ("th" if first_link else "td"))
            first_link = first_link and not links
            columns.append(column)
        return columns

    @cached_property
    def empty(self) -> str:
        return self.admin.get_empty_value_display()

    @cached_property
    def change_url(self) -> tuple[str, str] | None:
        """The change page's URL with the preserved filters, escaped, before and after the row's key."""
        cl = self.cl
        try:
            url = reverse(
                f"admin:{cl.opts.app_label}_{cl.opts.model_name}_change",
                args=(KEY,),
                current_app=self.admin.admin_site.name,
            )
        except NoReverseMatch:
            return None
        url = add_preserved_filters({"preserved_filters": cl.preserved_filters, "opts": cl.opts}, url)
        before, _, after = escape(url).partition(KEY)
        return before, after


def writes_rows(model_admin, changelist_class) -> bool:
    """Whether this module writes the rows of `model_admin`'s change list (else unfold's template
    does): not editable, drag-sortable, sectioned or with row actions, its change links Django's."""
    if any(getattr(model_admin, name, None) for name in ("list_editable", "ordering_field", "list_sections", "actions_row")):
        return False
    return changelist_class.url_for_result is ChangeList.url_for_result
