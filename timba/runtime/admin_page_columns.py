"""The columns a change list page loads: only what it shows, when that is known.

A page of fields (no computed column) reads of each row its key, its shown fields and, of each
joined reference, what the referenced row's `__str__` reads, when that is the generated one
(its model's `label_fields`). Of a million logs' page that leaves out the timestamps and keys
nobody sees, and most of each joined consignment. Where a column is computed (an admin method,
an aggregate, a callable: it may read any field), the list is editable, drag-sortable, has row
sections or row actions, or a template of the project's writes the rows, the page loads whole
rows, as Django's admin does.
"""

from __future__ import annotations

from django.contrib.admin.options import TO_FIELD_VAR
from django.core.exceptions import FieldDoesNotExist
from django.template import Engine

from timba.runtime.admin_stock_templates import is_unfolds_results_template, results_template
from timba.runtime.admin_table import writes_rows


def page_columns(model_admin, request) -> tuple[str, ...] | None:
    """The `only()` of the page's rows, or None to load them whole."""
    if not _rows_written_by_timba(model_admin, request):
        return None
    opts = model_admin.model._meta
    columns = [opts.pk.name]
    for name in model_admin.get_list_display(request):
        if name == "__str__":
            labels = label_fields(model_admin.model)
            if labels is None:
                return None
            columns += labels
            continue
        if not isinstance(name, str):
            return None
        try:
            field = opts.get_field(name)
        except FieldDoesNotExist:
            return None
        if not field.concrete or field.many_to_many:
            return None
        columns.append(name)
        if field.many_to_one:
            labels = label_fields(field.related_model)
            if labels is None:
                return None
            columns += [f"{name}__{label}" for label in labels]
    to_field = request.GET.get(TO_FIELD_VAR)
    if to_field:
        columns.append(to_field)
    return tuple(dict.fromkeys(columns))


def label_fields(model) -> tuple[str, ...] | None:
    """The fields `str(row)` reads: the generated model's `label_fields`, when its `__str__` is
    the generated one (a hand-written one may read anything: None)."""
    for klass in model.__mro__:
        if "__str__" in vars(klass):
            labels = vars(klass).get("label_fields")
            return tuple(labels) if labels is not None else None
    return None


def _rows_written_by_timba(model_admin, request) -> bool:
    """Whether the page's rows are written by timba.runtime.admin_table, which reads nothing of
    a row but its key and shown columns."""
    if not writes_rows(model_admin, model_admin.get_changelist(request)):
        return False
    return is_unfolds_results_template(results_template(Engine.get_default(), model_admin.model._meta))
