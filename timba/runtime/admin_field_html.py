"""A select field of a form (a change list's reference filter), written in Python: the markup of
unfold's `unfold/helpers/field.html` around Django's `select.html`, without the dozen template
renders (the field, its label, errors and help, the widget, its attributes, each option) that
cost about a millisecond a field.

It writes only what those templates would: a field whose widget or templates are not the stock
ones (another widget template, an overridden `field.html`) gets None, and the caller renders the
templates. tests/app/test_admin_html.py holds the two renderings equal.
"""

from __future__ import annotations

from functools import cache

from django.forms.boundfield import BoundField
from django.template.loader import get_template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from timba.runtime.admin_stock_templates import is_djangos_form_template, is_unfolds

FIELD_TEMPLATE = "unfold/helpers/field.html"
SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def select_html(bound: BoundField) -> str | None:
    """The field as `{% include "unfold/helpers/field.html" %}` writes it, or None when that
    would not be the stock templates' markup."""
    widget = bound.field.widget
    if (
        getattr(widget, "input_type", None) in ("checkbox", "hidden")
        or widget.template_name != SELECT
        or widget.option_template_name != OPTION
        or bound.field.localize
        or not _stock_templates(bound.form.renderer)
    ):
        return None
    attrs = bound.build_widget_attrs({}, widget)
    if bound.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound.auto_id)
    context = widget.get_context(bound.html_name, bound.value(), attrs)["widget"]
    errors = bound.errors
    options = []
    for group_name, group, _ in context["optgroups"]:
        items = "".join(
            format_html('<option value="{}"{}>{}</option>', str(option["value"]), _attrs(option["attrs"]), option["label"])
            for option in group
        )
        options.append(format_html('<optgroup label="{}">{}</optgroup>', group_name, items) if group_name else items)
    required = '<span class="text-red-600 dark:text-red-500">*</span>' if bound.field.required else ""
    label = format_html(
        '<label for="{}" class="block font-semibold text-important">{}{}</label>',
        bound.id_for_label,
        bound.label,
        mark_safe(required),
    )
    select = format_html('<select name="{}"{}>{}</select>', context["name"], _attrs(context["attrs"]), mark_safe("".join(options)))
    parts = [format_html('<div class="{}flex flex-col group mb-4"><div class="flex flex-col gap-2">', "errors " if errors else ""), label, select, "</div>"]
    if errors:
        items = "".join(format_html("<li>{}</li>", error) for error in errors)
        parts.append(format_html('<div class="mt-2 text-red-600 text-xs dark:text-red-500"><ul>{}</ul></div>', mark_safe(items)))
    if bound.help_text:
        parts.append(format_html('<div class="leading-relaxed mt-2 text-xs">{}</div>', mark_safe(bound.help_text)))
    parts.append("</div>")
    return mark_safe("".join(str(part) for part in parts))


def _attrs(attrs: dict) -> str:
    """Django's `attrs.html`: ` name="value"`, a bare ` name` for True, nothing for False."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(format_html(" {}", name) if value is True else format_html(' {}="{}"', name, str(value)))
    return mark_safe("".join(out))


@cache
def _stock_templates(renderer) -> bool:
    """Whether the field, select and option templates found are unfold's and Django's own files."""
    return (
        is_unfolds(get_template(FIELD_TEMPLATE).template, FIELD_TEMPLATE)
        and is_djangos_form_template(renderer.get_template(SELECT), SELECT)
        and is_djangos_form_template(renderer.get_template(OPTION), OPTION)
    )
