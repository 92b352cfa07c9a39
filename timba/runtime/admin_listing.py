"""The admin's change lists at a million rows: a page costs the same few queries on any table.

- No COUNT: unfold's infinite paginator (Previous/Next) stands in for Django's, which counts
  the filtered rows for every page, and the full table too when `show_full_result_count` is on;
  a page's keys are read first from the table's indexes alone, then its rows (InfinitePaginator).
- An order an index serves: a clicked column alone (not followed by the default order), then
  the primary key that makes the order total, in the direction of the last sorted column
  (Django appends a descending one, so `ORDER BY name, id DESC` sorts the whole table however
  `name` is indexed), and none for a tenant user when the column is unique within a tenant; a
  reference column sorts by its key column (its own index), not by the referenced table's
  ordering through a join.
- References in the filter sidebar are autocompletes (timba.runtime.admin_reference_filter).
- Reference columns are joined in the page's own query (select_related), one per column, and
  a page of fields loads only what it shows (timba.runtime.admin_page_columns).
- Rendering: unfold's table written in Python (timba.runtime.admin_table: each column worked
  out once per page, not once per cell), and the selection checkbox without a template.
"""

from __future__ import annotations

from django.contrib.admin import helpers
from django.contrib.admin.options import ShowFacets
from django.contrib.admin.views.main import ORDER_VAR
from django.core.exceptions import FieldDoesNotExist
from django.forms.utils import flatatt
from django.template.loader import select_template
from django.template.response import TemplateResponse
from django.utils.html import format_html
from unfold import admin as unfold_admin
from unfold import paginator as unfold_paginator
from unfold.admin import ModelAdmin as UnfoldModelAdmin
from unfold.views import ChangeList

from timba.runtime import access, admin_filter_values
from timba.runtime.admin_page_columns import page_columns

CHECKBOX_ATTRS = flatatt(unfold_admin.checkbox.attrs)
CHANGE_LIST_TEMPLATE = "admin/timba_changelist/change_list.html"


class InfinitePaginator(unfold_paginator.InfinitePaginator):
    """unfold's paginator without a count (its templates know it by this class name, and then
    show Previous/Next and no "N results"), each page in two queries whatever its size: the
    page's keys from the table's own indexes (no join, so the database reads the ordering index
    up to the page and skips deep offsets inside it), then those rows with their joined
    references, only the columns the page shows (`columns`, from timba.runtime.admin_page_columns,
    None: whole rows). A queryset that aggregates (GROUP BY) is sliced as it is."""

    columns = None

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = self.object_list
        if any(getattr(a, "contains_aggregate", False) for a in rows.query.annotations.values()):
            return self._get_page(rows[bottom : bottom + self.per_page], number, self)
        keys = list(
            rows.prefetch_related(None).values_list("pk", flat=True)[
                bottom : bottom + self.per_page
            ]
        )
        rows = rows.filter(pk__in=keys)
        return self._get_page(rows.only(*self.columns) if self.columns else rows, number, self)


PAGING_ROWS = "_timba_paging_rows"  # the request's change list rows, while they are paged


class ScaledChangeList(ChangeList):
    def get_results(self, request):
        setattr(request, PAGING_ROWS, self.queryset)
        try:
            super().get_results(request)
        finally:
            delattr(request, PAGING_ROWS)

    def __init__(self, request, model, *args, **kwargs):
        self.scope_columns = _fixed_by_scope(request.user, model)
        super().__init__(request, model, *args, **kwargs)

    def get_filters(self, request):
        found = super().get_filters(request)
        admin_filter_values.check(found[0], self.root_queryset.db)  # a key past its column's range
        return found

    def get_ordering(self, request, queryset):
        if ORDER_VAR in self.params:
            # a clicked column, then the key: Django would add the default order between them,
            # which no single index holds
            queryset = queryset.order_by()
        return super().get_ordering(request, queryset)

    def get_ordering_field_columns(self):
        # unfold's row rendering asks for it once per row (its headers, per row): work it out once
        if not hasattr(self, "_ordering_field_columns"):
            self._ordering_field_columns = super().get_ordering_field_columns()
        return self._ordering_field_columns

    def get_query_string(self, new_params=None, remove=None):
        # ...and three sort links per column per row: each distinct one is built once
        key = repr((sorted((new_params or {}).items()), remove))
        cache = self.__dict__.setdefault("_query_strings", {})
        if key not in cache:
            cache[key] = super().get_query_string(new_params, remove)
        return cache[key]

    def get_ordering_field(self, field_name):
        try:
            field = self.lookup_opts.get_field(field_name)
        except (FieldDoesNotExist, TypeError):
            return super().get_ordering_field(field_name)
        if field.many_to_one and field.name == field_name:
            return field.attname  # the key column, which has an index; never a join's ordering
        return super().get_ordering_field(field_name)

    def _get_deterministic_ordering(self, ordering):
        # a tenant user's rows share one tenant: a unique (tenant, a) makes `a` a total order,
        # which that unique index reads as it is (an id after it would sort the tenant's rows)
        fixed = [column for column in self.scope_columns if column not in ordering]
        ordering = [part for part in super()._get_deterministic_ordering([*ordering, *fixed]) if part not in fixed]
        if len(ordering) > 1 and ordering[-1] == "-pk" and not _descending(ordering[-2]):
            ordering[-1] = "pk"  # `a, id` reads an index on a (which ends in the key) forwards
        return ordering


def _fixed_by_scope(user, model) -> tuple[str, ...]:
    """The columns the user's scope holds to one value: a tenant user's reference to the tenant."""
    path = access.tenant_path(model)
    if access.is_staff(user) or path in (None, "self") or "__" in path:
        return ()
    try:
        return (model._meta.get_field(path).attname,)
    except FieldDoesNotExist:
        return ()


def _descending(part) -> bool:
    if isinstance(part, str):
        return part.startswith("-")
    return bool(getattr(part, "descending", False))  # an OrderBy expression


class ScaledListMixin:
    """The change list settings of timba.runtime.admin.EntityAdmin."""

    paginator = InfinitePaginator
    show_full_result_count = False
    show_facets = ShowFacets.NEVER  # a facet is a COUNT per choice over the filtered rows
    list_disable_select_all = True  # "select all N" needs N, which is never counted
    list_filter_submit = True  # unfold renders form filters (the autocompletes) inside a form

    def get_changelist(self, request, **kwargs):
        return ScaledChangeList

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        paginator = super().get_paginator(request, queryset, per_page, orphans, allow_empty_first_page)
        if getattr(request, PAGING_ROWS, None) is queryset:  # the change list's own page, no other list
            paginator.columns = page_columns(self, request)
        return paginator

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        if isinstance(response, TemplateResponse) and not response.is_rendered and response.context_data.get("cl"):
            # the same page, its table from timba.runtime.admin_results (headers once per page)
            response.context_data["timba_change_list_base"] = select_template(_names(response.template_name))
            response.template_name = CHANGE_LIST_TEMPLATE
        return response

    def action_checkbox(self, obj):
        """unfold's selection checkbox, as the same HTML, without a template render per row."""
        return format_html(
            '<input type="checkbox" name="{}" value="{}"{}>',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            CHECKBOX_ATTRS,
        )

    action_checkbox.short_description = UnfoldModelAdmin.action_checkbox.short_description

    def get_list_select_related(self, request):
        if self.list_select_related is not False:
            return self.list_select_related
        return tuple(
            name for name in self.get_list_display(request) if _is_reference(self.model, name)
        )


def _names(template_name) -> list[str]:
    return [template_name] if isinstance(template_name, str) else list(template_name)


def _is_reference(model, name) -> bool:
    if not isinstance(name, str):
        return False
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return field.many_to_one and field.name == name
