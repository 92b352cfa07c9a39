"""A change list's filter panel, written in Python: the markup of unfold's
`unfold/helpers/change_list_filter.html` and `change_list_filter_actions.html` around each
filter (a reference filter's field from timba.runtime.admin_reference_filter, any other filter
through its own template, as Django's `admin_list_filter` renders it).

Unfold's panel renders its two buttons as components, each of which copies the whole page's
context and runs the context processors again: about a millisecond a page. The project's
template of that name (timba/overrides/) calls `render`; `unfold_panel` is unfold's own file,
which tests/app/test_admin_filter_panel.py holds equal to this one for every resource.
"""

from __future__ import annotations

from functools import cache

from django.contrib.admin.templatetags.admin_list import admin_list_filter
from django.template import Template
from django.template.base import Origin
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from timba.runtime.admin_reference_filter import ReferenceFilter
from timba.runtime.admin_stock_templates import UNFOLD_TEMPLATES

NAME = "unfold/helpers/change_list_filter.html"
UNFOLD_FILE = UNFOLD_TEMPLATES / NAME
WIDE = {
    "panel": " 2xl:bg-transparent 2xl:relative 2xl:block! 2xl:z-10",
    "close": " 2xl:hidden",
    "box": " 2xl:overflow-visible 2xl:border-0 2xl:shadow-none 2xl:sticky 2xl:top-4 2xl:dark:border-base-800 2xl:bg-transparent 2xl:dark:bg-transparent! 2xl:m-0",
    "scroll": " 2xl:overflow-visible",
    "form": " 2xl:px-0",
    "list": " 2xl:pb-1 2xl:px-0 2xl:py-0",
    "actions": " 2xl:pb-0 2xl:border-t-0! 2xl:bg-transparent! 2xl:px-0",
}
BUTTON = "font-medium inline-flex group items-center gap-1 relative rounded-default justify-center whitespace-nowrap cursor-pointer px-3 py-2 "
PRIMARY = "border border-base-200 bg-primary-600 border-transparent text-white hover:bg-primary-600/80"
DEFAULT = (
    "border border-base-200 bg-white shadow-xs text-important dark:border-base-700 dark:bg-transparent"
    " hover:bg-base-100/80 dark:hover:bg-base-800/80"
)


def render(context) -> str:
    """The filter panel of the change list in `context`."""
    cl, request = context["cl"], context.get("request")
    admin = cl.model_admin
    # what the template reads of the admin, a missing attribute (a plain Django admin's) as nothing
    wide = {key: "" if getattr(admin, "list_filter_sheet", None) else classes for key, classes in WIDE.items()}
    submit = getattr(admin, "list_filter_submit", None)
    parts = [
        format_html(
            '<div id="changelist-filter" class="backdrop-blur-xs bg-base-900/20 flex inset-0 z-60 dark:bg-base-900/80 fixed{}" hx-preserve x-show="filterOpen">'
            '<div id="changelist-filter-close" class="grow{}" x-on:click="filterOpen = false"></div>'
            '<div class="bg-white flex m-4 overflow-hidden rounded-default shadow-xs w-80 dark:bg-base-800{}">'
            '<div class="grow h-full overflow-auto relative{}">',
            wide["panel"], wide["close"], wide["box"], wide["scroll"],
        ),
        format_html('<{} class="flex flex-col h-full{}">', mark_safe('form id="filter-form" method="get"' if submit else "div"), wide["form"]),
    ]
    if submit and request is not None:
        used = {param for spec in cl.filter_specs for param in spec.used_parameters}
        parts += [format_html('<input type="hidden" name="{}" value="{}">', key, value) for key, value in request.GET.items() if key not in used]
    parts.append(format_html(
        '<div class="flex flex-col grow gap-4 overflow-auto *:mb-0" data-simplebar data-simplebar-direction="rtl">'
        '<div class="flex flex-col gap-4 px-3 py-2.5{} *:mb-0">', wide["list"],
    ))
    parts += [_filter(cl, spec) for spec in cl.filter_specs]
    parts += ["</div></div>", _actions(cl, wide["actions"]), f"</{'form' if submit else 'div'}></div></div></div>"]
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 - escaped parts


def unfold_panel(context) -> str:
    """Unfold's own template of the panel, rendered in `context` (the tests' reference)."""
    return _unfold_template(context.template.engine).render(context)


def _filter(cl, spec) -> str:
    if isinstance(spec, ReferenceFilter):
        choice = next(iter(spec.choices(cl)), {})
        if choice.get("html"):
            return choice["html"]
    return admin_list_filter(cl, spec)


def _actions(cl, wide: str) -> str:
    submit = getattr(cl.model_admin, "list_filter_submit", None)
    facets = cl.is_facets_optional
    if not (submit or facets or cl.has_active_filters):
        return ""
    parts = [format_html('<div class="bg-white border-t border-base-200 flex flex-col gap-2 px-3 py-2.5 dark:bg-base-800 dark:border-base-700{}">', wide)]
    if submit:
        parts.append(format_html('<button type="submit" class="{}{}">{}</button>', BUTTON, PRIMARY, gettext("Apply Filters")))
    if facets or cl.has_active_filters:
        parts.append('<span id="changelist-filter-extra-actions" class="flex flex-row flex-wrap gap-2 items-center">')
        if facets:
            if cl.add_facets:
                parts.append(_link(cl.remove_facet_link, "hidelink grow", gettext("Hide counts")))
            else:
                parts.append(_link(cl.add_facet_link, "viewlink grow", gettext("Show counts")))
        if cl.has_active_filters:
            parts.append(_link(cl.clear_all_filters_qs, "clearall grow", gettext("Clear all filters")))
        parts.append("</span>")
    parts.append("</div>")
    return "".join(str(part) for part in parts)


def _link(href, css: str, text: str) -> str:
    return format_html('<a href="{}" class="{}{} {}">{}</a>', href, BUTTON, DEFAULT, css, text)


@cache
def _unfold_template(engine) -> Template:
    return Template(UNFOLD_FILE.read_text(), origin=Origin(str(UNFOLD_FILE), NAME), name=NAME, engine=engine)
