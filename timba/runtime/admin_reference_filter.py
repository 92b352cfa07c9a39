"""A reference in a change list's filter sidebar, at any size of the referenced table: an
autocomplete (unfold's AutocompleteSelectFilter) over the referenced admin's search, not a list
of every referenced row (RelatedOnlyFieldListFilter's DISTINCT over the whole table).

- The user's tenant's rows only: the field offers, checks and labels the chosen value from them.
- At most one query for the chosen row: the label comes from the row the field fetched when it
  checked the value (Django's widget would fetch it again), none when nothing is chosen, and
  none when the page's rows hold it already (joined, and kept by the user's scope).
- Its field is written by timba.runtime.admin_field_html, where that writes what unfold's
  templates would.
"""

from __future__ import annotations

from django.contrib.admin.widgets import AutocompleteSelect
from django.db.models.manager import BaseManager
from django.forms import ModelChoiceField
from django.utils.safestring import mark_safe
from unfold.contrib.filters.admin import AutocompleteSelectFilter
from unfold.contrib.filters.forms import AutocompleteDropdownForm

from timba.runtime import access
from timba.runtime.admin_field_html import select_html


class ChosenAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete select, its one option (the chosen row) from `chosen`, the row the
    form's field fetched when it checked the value."""

    chosen = None

    def optgroups(self, name, value, attr=None):
        values = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        key = self.field.remote_field.model._meta.pk.attname
        by_key = getattr(self.field.remote_field, "field_name", key) in (key, "pk", None)
        if self.is_required or self.allow_multiple_selected or not by_key:
            return super().optgroups(name, value, attr)
        chosen = self.chosen
        if values and (chosen is None or values != [str(chosen.pk)]):
            return super().optgroups(name, value, attr)
        options = [self.create_option(name, "", "", False, 0)]
        if values:
            options.append(self.create_option(name, chosen.pk, self.choices.field.label_from_instance(chosen), set(values), 1))
        return [(None, options, 0)]


class KnownRowsChoiceField(ModelChoiceField):
    """Django's ModelChoiceField, a value among `known` (rows already loaded, each one its
    queryset holds) taken from there instead of fetched again."""

    known: dict[str, object] = {}

    def to_python(self, value):
        if value not in self.empty_values and not self.to_field_name and str(value) in self.known:
            return self.known[str(value)]
        return super().to_python(value)


class ScopedAutocompleteForm(AutocompleteDropdownForm):
    """The filter's field offers (and labels the chosen value from) the user's tenant's rows only."""

    field = KnownRowsChoiceField
    widget = ChosenAutocompleteSelect

    def __init__(self, request, name, *args, **kwargs):
        super().__init__(request, name, *args, **kwargs)
        self.name = name
        field = self.fields[name]
        field.queryset = access.scope(field.queryset.all(), request.user)

    def clean(self):
        cleaned = super().clean()
        widget = self.fields[self.name].widget
        if isinstance(widget, ChosenAutocompleteSelect):
            widget.chosen = cleaned.get(self.name)
        return cleaned


class ReferenceFilter(AutocompleteSelectFilter):
    """A reference in the filter sidebar: an autocomplete over the referenced admin's search,
    which the referenced admin scopes to the user's tenant."""

    form_class = ScopedAutocompleteForm
    template = "admin/timba_changelist/reference_filter.html"

    def choices(self, changelist):
        for choice in super().choices(changelist):
            for field in choice["form"].fields.values():
                if isinstance(field, KnownRowsChoiceField):
                    field.known = self._known(changelist, field.queryset.model)
            fields = [select_html(bound) for bound in choice["form"]]
            yield {**choice, "html": None if None in fields else mark_safe("".join(fields))}  # noqa: S308 - escaped parts

    def _known(self, changelist, model) -> dict[str, object]:
        """The chosen row, when a row of the page references it through this filter's field (the
        page joins its references) and the user's scope keeps it: no query to check and label it."""
        field, value = self.field, self.value()
        stock = type(model._default_manager).get_queryset is BaseManager.get_queryset
        if not (field.many_to_one and value and stock and model is field.related_model):
            return {}
        rows = list(changelist.result_list)
        if not rows or field.attname in rows[0].get_deferred_fields() or not field.is_cached(rows[0]):
            return {}  # the page does not join this reference (or left its column out): no row holds it
        for row in rows:
            if str(getattr(row, field.attname)) == str(value):
                chosen = getattr(row, field.name)
                if chosen is not None and access.visible(chosen, self.request.user):
                    return {str(chosen.pk): chosen}
                return {}
        return {}
