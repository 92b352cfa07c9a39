"""The cells of a change list's table (timba.runtime.admin_table): each column worked out once
per page (its opening tag, how its value is read and shown, the change link's and selection
checkbox's markup around the row's key), each cell then written from its row alone, as unfold's
`items_for_result` would write it."""

from __future__ import annotations

import datetime
import html
from types import SimpleNamespace
from urllib.parse import quote as url_quote

from django.contrib.admin.templatetags.admin_list import _coerce_field_name
from django.contrib.admin.utils import (
    FieldIsAForeignKeyColumnName,
    _get_non_gfk_field,
    lookup_field,
    quote,
)
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.html import conditional_escape, format_html
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from unfold import utils as unfold_display
from unfold.templatetags import unfold_list

KEY = "TIMBA0ROW0KEY"  # stands for a row's key in a page's markup (URL-safe, never escaped)
LINK_CLASSES = " ".join(unfold_list.LINK_CLASSES)


class Column:
    """One column of the page: its cells' opening tag, how a row's value is read and shown,
    worked out once; each cell then only reads its row."""

    def __init__(self, table, index: int, name, label, link_tag):
        self.table, self.name, self.link_tag = table, name, link_tag
        self.classes = [f"field-{_coerce_field_name(name, index)}", *unfold_list.ROW_CLASSES]
        self.label = label if link_tag or index != 0 else gettext("Select record")
        try:
            field = _get_non_gfk_field(table.cl.opts, name)
        except (FieldDoesNotExist, FieldIsAForeignKeyColumnName):
            field = None
        self.field = None if field is None or field.auto_created else field  # else: looked up per row
        self.attr = None  # a callable column's callable, when it is the same for every row
        if self.field is None:
            if name == "action_checkbox":
                self.classes = unfold_list.CHECKBOX_CLASSES
            if field is None and callable(name):
                self.attr = name
            elif field is None and name != "__str__" and hasattr(table.admin, name):
                self.attr = getattr(table.admin, name)
        else:
            if isinstance(field, models.DateField | models.TimeField | models.ForeignKey):
                self.classes = [*self.classes, "nowrap"]
            self.show = _field_display(field, table.empty)
        self.opening = self._opening(self.classes)
        self.closing = f"</{link_tag or 'td'}>"
        self.checkbox = _checkbox(table.admin) if name == "action_checkbox" and self.attr is not None else None

    def _opening(self, classes) -> str:
        return format_html('<{} class="{}" data-label="{}">', self.link_tag or "td", mark_safe(" ".join(classes)), self.label)

    def cell(self, row) -> str:
        if self.checkbox is not None:
            before, after = self.checkbox
            return f"{self.opening}{before}{html.escape(str(row.pk))}{after}{self.closing}"
        shown, dated = self.value(row)
        opening = self._opening([*self.classes, "nowrap"]) if dated else self.opening
        shown = _escape(shown)
        if self.link_tag:
            shown = self.linked(row, shown)
        return f"{opening}{shown}{self.closing}"

    def value(self, row) -> tuple[object, bool]:
        """What the cell shows of `row`, as unfold's `items_for_result` works it out, and whether
        it is a callable's date or time (its cell does not wrap)."""
        field, empty = self.field, self.table.empty
        try:
            if field is not None:
                value = getattr(row, self.name)
            elif self.attr is not None:
                attr = self.attr
                value = attr(row)
            else:
                _, attr, value = lookup_field(self.name, row, self.table.admin)
        except ObjectDoesNotExist:
            return empty, False
        if field is not None:
            if isinstance(field.remote_field, models.ManyToOneRel):
                if value is None:
                    return empty, False
                return (value if hasattr(value, "__html__") else str(value)), False
            return self.show(value), False
        empty = getattr(attr, "empty_value_display", empty)
        if getattr(attr, "label", False):
            shown = unfold_display.display_for_label(value, empty, attr.label)
        elif getattr(attr, "dropdown", False):
            shown = unfold_display.display_for_dropdown(row, self.name, value, empty)
        elif getattr(attr, "header", False):
            shown = unfold_display.display_for_header(value, empty)
        else:
            shown = unfold_display.display_for_value(value, empty, getattr(attr, "boolean", False))
        return shown, isinstance(value, datetime.date | datetime.time)

    def linked(self, row, shown) -> str:
        cl, url = self.table.cl, self.table.change_url
        if url is None:
            return shown
        before, after = url
        key = url_quote(str(quote(getattr(row, cl.pk_attname))), safe=RFC3986_SUBDELIMS + "/~:@")
        popup = ""
        if cl.is_popup:
            popup = format_html(' data-popup-opener="{}"', row.serializable_value(str(cl.to_field) if cl.to_field else cl.pk_attname))
        return f'<a href="{before}{html.escape(key)}{after}" class="{LINK_CLASSES}" {popup}>{shown}</a>'


def _checkbox(admin) -> tuple[str, str] | None:
    """The selection checkbox of timba.runtime.admin_listing (its markup around the row's key),
    when it is the admin's; another admin's is called per row."""
    from timba.runtime.admin_listing import ScaledListMixin

    if getattr(type(admin), "action_checkbox", None) is not ScaledListMixin.action_checkbox:
        return None
    before, _, after = str(admin.action_checkbox(SimpleNamespace(pk=KEY))).partition(KEY)
    return before, after


def _field_display(field, empty):
    """`unfold.utils.display_for_field` for one field, its number format looked up once (the
    page's language) where the field is a plain number; any other field asks it per value."""
    numeric = isinstance(field, models.DecimalField | models.IntegerField | models.FloatField)
    money = unfold_display.MoneyField is not None and isinstance(field, unfold_display.MoneyField)
    if not numeric or money or getattr(field, "flatchoices", None):
        return lambda value: unfold_display.display_for_field(value, field, empty)
    places = field.decimal_places if isinstance(field, models.DecimalField) else None
    language = get_language()
    decimal, grouping, thousands = (
        get_format(name, language, use_l10n=True) for name in ("DECIMAL_SEPARATOR", "NUMBER_GROUPING", "THOUSAND_SEPARATOR")
    )

    def show(value):
        if value is None or value == "":
            return empty
        return numberformat.format(value, decimal, places, grouping, thousands, use_l10n=True)

    return show


def _escape(value) -> str:
    """`conditional_escape`, without its lazy-string checks for a plain string."""
    if type(value) is str:
        return html.escape(value)
    return conditional_escape(value)
