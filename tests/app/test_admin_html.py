"""The change list's parts written in Python write what unfold's templates would, parametrised
over every resource of the spec: the table (timba.runtime.admin_table), a reference filter's
field (timba.runtime.admin_field_html), and the chosen row of a reference filter labelled from
the row its field checked (timba.runtime.admin_reference_filter). Whatever they do not write
(an editable or sortable list, row sections or actions, an overridden template) is unfold's.

Each page is rendered twice, once as it is and once with the Python part switched off, and the
two answers compared (whitespace between tags aside, as a browser reads them).
"""

from __future__ import annotations

import pytest
from admin_pages import (
    changelist_url,
    comparable,
    each,
    each_reference_filter,
    lookup,
    model_admin,
    reference_filters,
)
from django.contrib.admin.widgets import AutocompleteSelect
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils.safestring import mark_safe
from spec_rows import model_of
from unfold.sections import BaseSection

from timba.runtime import admin_reference_filter, admin_table
from timba.runtime.admin_reference_filter import ChosenAutocompleteSelect

pytestmark = pytest.mark.django_db


def page(client, res, params=None) -> str:
    response = client.get(changelist_url(res), params or {})
    assert response.status_code == 200, (params, response.status_code)
    return response.content.decode()


def variants(res, rows) -> list[dict]:
    """The first page, each column sorted both ways and two at once, a search, each reference filter (a row's
    parent, and a key no row has), a page with no rows, a popup."""
    out = [{}, {"_popup": "1"}, {"q": "no-row-has-this-zq"}]
    out += [{"o": f"{sign}{i}"} for i in range(1, len(res.admin_list) + 1) for sign in ("", "-")]
    out += [{"o": f"{len(res.admin_list)}.-1"}] if len(res.admin_list) > 1 else []  # two sorted columns
    if res.admin_search and res.admin_search[0] in {f.name for f in res.fields}:
        out.append({"q": str(getattr(rows[-1], res.admin_search[0]))[:3]})
    for name in reference_filters(res):
        field = model_of(res)._meta.get_field(name)
        parent = field.related_model._default_manager.order_by("pk").first()
        out += [{lookup(res, name): parent.pk}] if parent is not None else []
        out.append({lookup(res, name): 987654321})
    return out


@pytest.mark.parametrize("res", each())
def test_the_table_is_what_unfolds_template_writes(res, staff_client, builder, monkeypatch):
    rows = [builder.create(res) for _ in range(3)]
    for params in variants(res, rows):
        ours = page(staff_client, res, params)
        with monkeypatch.context() as patch:
            patch.setattr(admin_table.Table, "supported", property(lambda self: False))
            theirs = page(staff_client, res, params)
        assert comparable(ours) == comparable(theirs), params


@pytest.mark.parametrize("res", each())
def test_the_table_is_written_in_python(res, staff_client, builder, monkeypatch):
    """Not one template render per row: the rows' markup comes from admin_table."""
    for _ in range(3):
        builder.create(res)
    written = []
    original = admin_table.Table.render
    monkeypatch.setattr(admin_table.Table, "render", lambda self: written.append(self) or original(self))
    page(staff_client, res)
    assert len(written) == 1


@pytest.mark.parametrize("res,name", each_reference_filter())
def test_a_reference_filters_field_is_what_unfolds_template_writes(res, name, staff_client, builder, monkeypatch):
    row = builder.create(res)
    parent = getattr(row, name)
    chosen = parent.all().first() if hasattr(parent, "all") else parent
    for value in (None, chosen and chosen.pk, 987654321, "not-a-key"):
        params = {} if value is None else {lookup(res, name): value}
        response = staff_client.get(changelist_url(res), params)
        ours = response.content.decode()
        with monkeypatch.context() as patch:
            patch.setattr(admin_reference_filter, "select_html", lambda bound: None)
            theirs = staff_client.get(changelist_url(res), params).content.decode()
        assert comparable(ours) == comparable(theirs), params


@pytest.mark.parametrize("res,name", each_reference_filter())
def test_the_chosen_row_is_labelled_from_the_row_the_field_checked(res, name, staff_client, builder, monkeypatch):
    """Django's widget fetches the chosen row again; the filter labels it from the row its field
    fetched to check the value: the same options, one query fewer on the referenced table."""
    row = builder.create(res)
    parent = getattr(row, name)
    chosen = parent.all().first() if hasattr(parent, "all") else parent
    params = {lookup(res, name): chosen.pk}
    table = model_of(res)._meta.get_field(name).related_model._meta.db_table

    def render():
        with CaptureQueriesContext(connection) as queries:
            html = page(staff_client, res, params)
        return html, [q["sql"] for q in queries.captured_queries if f"FROM {connection.ops.quote_name(table)}" in q["sql"]]

    ours, our_queries = render()
    with monkeypatch.context() as patch:
        patch.setattr(ChosenAutocompleteSelect, "optgroups", AutocompleteSelect.optgroups)
        theirs, their_queries = render()
    assert comparable(ours) == comparable(theirs)
    assert str(chosen) in ours
    assert len(our_queries) == len(their_queries) - 1, (our_queries, their_queries)


@pytest.mark.parametrize("res", each())
def test_what_the_table_does_not_write_is_unfolds(res, staff_client, builder, monkeypatch, tmp_path, settings):
    """Expandable row sections or a results template of the model's own are rendered by
    unfold's template, as they would be without timba."""
    builder.create(res)
    model = model_of(res)

    class Section(BaseSection):
        def render(self):
            return mark_safe("<p>a row section of its own</p>")

    with monkeypatch.context() as patch:
        patch.setattr(type(model_admin(res)), "list_sections", [Section], raising=False)
        assert "<p>a row section of its own</p>" in page(staff_client, res)
    folder = tmp_path / "admin" / "timba" / model._meta.model_name
    folder.mkdir(parents=True)
    (folder / "change_list_results.html").write_text("<p>the model's own results</p>")
    templates = [{**settings.TEMPLATES[0], "DIRS": [str(tmp_path)]}]
    with override_settings(TEMPLATES=templates):
        assert "the model's own results" in page(staff_client, res)


@pytest.mark.parametrize("res,name", each_reference_filter())
def test_a_chosen_row_the_page_holds_costs_no_query(res, name, staff_client, builder):
    """The page's rows join the references they show: the filter's chosen row is taken from them
    (no query on the referenced table); one no row of the page references, or that the page does
    not show, is fetched once."""
    field = model_of(res)._meta.get_field(name)
    if not field.many_to_one:
        pytest.skip("a many-reference: the page's rows do not join it")
    joined = name in model_admin(res).list_display
    table = connection.ops.quote_name(field.related_model._meta.db_table)

    def queries_on_the_referenced_table(parent):
        with CaptureQueriesContext(connection) as queries:
            html = page(staff_client, res, {lookup(res, name): parent.pk})
        assert str(parent) in html  # the chosen row, labelled
        return [q["sql"] for q in queries.captured_queries if f"FROM {table}" in q["sql"]]

    row = builder.create(res)
    assert len(queries_on_the_referenced_table(getattr(row, name))) == (0 if joined else 1)
    lonely = builder.create(res.field(name).target)  # referenced by no row
    assert len(queries_on_the_referenced_table(lonely)) == 1
