"""The admin's change lists stay cheap on big tables (timba.runtime.admin_listing), parametrised
over every resource of the spec, as a platform superuser.

A page runs the same number of queries whatever its size (no query per row: reference columns
are joined), never counts the table, orders by the primary key in the direction of the sorted
column, searches each field the way `admin: search:` declares it (contains, prefix, exact), and
reference filters are autocompletes that filter the rows. The table is unfold's, its headers
worked out once per page.
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
from django.contrib.admin import helpers
from django.db import connection
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext
from spec_rows import RESOURCES, model_of, next_number
from unfold.admin import checkbox as unfold_checkbox
from unfold.templatetags import unfold_list

from timba.runtime.admin_listing import ScaledListMixin
from timba.runtime.admin_reference_filter import ReferenceFilter

pytestmark = pytest.mark.django_db
PAGE_SIZES = (5, 50)


def each_search():
    return [pytest.param(r, name, mode, id=f"{r.name}-{name}-{mode}") for r in RESOURCES for name, mode in r.admin_search_modes]


def get(client, res, params=None):
    response = client.get(changelist_url(res), params or {})
    assert response.status_code == 200, (params, response.status_code, response.content[:300])
    return response


def table_queries(res, queries) -> list[str]:
    table = model_of(res)._meta.db_table
    return [q["sql"] for q in queries.captured_queries if table in q["sql"]]


def _variants(res, rows) -> list[dict]:
    """The plain list, sorted by every column descending, a search matching many rows, a filter."""
    out = [{}] + [{"o": f"-{i}"} for i in range(1, len(res.admin_list) + 1)]
    if res.admin_search:
        name = res.admin_search[0]
        if name in {f.name for f in res.fields}:
            out.append({"q": str(getattr(rows[-1], name))[:3]})
    for name in reference_filters(res):
        field = model_of(res)._meta.get_field(name)
        parent = field.related_model._default_manager.order_by("pk").first()
        if parent is not None:
            out.append({f"{name}__{field.target_field.name}__exact": parent.pk})
    return out


@pytest.mark.parametrize("res", each())
def test_query_count_is_the_same_for_every_page_size(res, staff_client, builder, monkeypatch):
    model = model_of(res)
    rows = [builder.create(res) for _ in range(max(PAGE_SIZES) + 5 - model._default_manager.count())]
    rows = rows or list(model._default_manager.all())
    target = model_admin(res)
    for params in _variants(res, rows):
        get(staff_client, res, params)  # warm caches (session, roles, content types)
        counts = {}
        for size in PAGE_SIZES:
            monkeypatch.setattr(target, "list_per_page", size)
            with CaptureQueriesContext(connection) as queries:
                response = get(staff_client, res, params)
            shown = len(response.context["cl"].result_list)
            assert shown == size or (params and shown <= size), (params, size, shown)
            counts[size] = len(queries)
        assert len(set(counts.values())) == 1, (res.name, params, counts)


@pytest.mark.parametrize("res", each())
def test_changelist_never_counts_the_table(res, staff_client, builder):
    rows = [builder.create(res) for _ in range(3)]
    for params in _variants(res, rows) + [{"p": 2}]:
        with CaptureQueriesContext(connection) as queries:
            get(staff_client, res, params)
        counting = [sql for sql in table_queries(res, queries) if "COUNT(*)" in sql.upper() or "__count" in sql]
        assert counting == [], (params, counting)


@pytest.mark.parametrize("res", each())
def test_the_order_ends_in_the_primary_key_the_same_way(res, staff_client, builder):
    """`ORDER BY a, id` (or `a DESC, id DESC`) is what an index on a serves; Django's own
    tie-break, a descending id after an ascending column, sorts the whole table."""
    builder.create(res)
    for i in range(1, len(res.admin_list) + 1):
        for sign in ("", "-"):
            cl = get(staff_client, res, {"o": f"{sign}{i}"}).context["cl"]
            order = [part for part in cl.queryset.query.order_by if isinstance(part, str)]
            if len(order) > 1 and order[-1].lstrip("-") == "pk":
                assert order[-2].startswith("-") == order[-1].startswith("-"), order
            if len(order) == len(cl.queryset.query.order_by):  # a column on the row's own fields
                assert len(order) <= 2, order  # the column, then the key: no default order between


@pytest.mark.parametrize("res", each())
def test_the_selection_checkbox_is_unfolds(res, staff_client, builder):
    row = builder.create(res)
    cl = get(staff_client, res).context["cl"]
    if "action_checkbox" in cl.list_display:
        ours = parse_html(model_admin(res).action_checkbox(row))
        assert ours == parse_html(unfold_checkbox.render(helpers.ACTION_CHECKBOX_NAME, str(row.pk)))


@pytest.mark.parametrize("res", each())
def test_reference_columns_are_joined_in_the_page_query(res, staff_client):
    cl = get(staff_client, res).context["cl"]
    references = [n for n in res.admin_list if n in {f.name for f in res.fields if f.is_reference}]
    assert set(cl.queryset.query.select_related or {}) >= set(references)


@pytest.mark.parametrize("res,name,mode", each_search())
def test_search_matches_the_declared_way(res, name, mode, staff_client, builder):
    field = res.field(name)
    row = builder.create(res)
    value = str(getattr(row, name))
    needle = value if mode == "exact" else value.split()[0][: max(len(value) - 2, 1)]
    inner = f"z{next_number()}{needle}"[: field.max_length or 200]  # the needle inside, not at the start
    other = builder.create(res, **{name: inner})
    with CaptureQueriesContext(connection) as queries:
        cl = get(staff_client, res, {"q": f'"{needle}"' if " " in needle else needle}).context["cl"]  # one term
    found = {obj.pk for obj in cl.result_list}
    assert row.pk in found
    assert (other.pk in found) == (mode == "contains" and needle in inner)
    # the LIKE pattern as the database got it, its escapes (doubled in MySQL's log) taken out
    searched = [sql.replace("\\", "") for sql in table_queries(res, queries)]
    searched = [sql for sql in searched if needle in sql]
    assert searched, table_queries(res, queries)
    sql = searched[-1]
    starts_anywhere = f"%{needle}" in sql
    if mode == "contains":
        assert starts_anywhere, sql
    else:
        assert not starts_anywhere, sql  # LIKE 'x%' or LIKE 'x': an index on the field serves it
        assert (f"{needle}%" in sql) == (mode == "prefix"), sql


@pytest.mark.parametrize("res,name", each_reference_filter())
def test_reference_filter_is_an_autocomplete_that_filters(res, name, staff_client, builder):
    field = model_of(res)._meta.get_field(name)
    if field.many_to_many:  # a many-reference: one parent each
        parents = [builder.create(res.field(name).target) for _ in range(2)]
        rows = [builder.create(res, **{name: [parent]}) for parent in parents]
    else:  # a reference (perhaps derived): the parents the rows were built with
        rows = [builder.create(res), builder.create(res)]
        parents = [getattr(row, name) for row in rows]
    assert parents[0] != parents[1]
    lookup = f"{name}__{field.target_field.name}__exact"
    response = get(staff_client, res, {lookup: parents[0].pk})
    cl = response.context["cl"]
    assert {obj.pk for obj in cl.result_list} == {rows[0].pk}
    spec = next(s for s in cl.filter_specs if getattr(s, "field_path", None) == name)
    assert isinstance(spec, ReferenceFilter)
    form = next(iter(spec.choices(cl)))["form"]
    widget = form[lookup].field.widget
    assert "autocomplete" in widget.get_url()
    assert str(parents[0]) in str(form[lookup])  # the chosen row, labelled
    assert list(form.fields[lookup].queryset.filter(pk=parents[1].pk)) == [parents[1]]


@pytest.mark.parametrize("res", each())
def test_the_table_is_unfolds_with_its_headers_worked_out_once(res, staff_client, builder, monkeypatch):
    for _ in range(3):
        builder.create(res)
    calls = []
    original = unfold_list.result_headers
    monkeypatch.setattr(unfold_list, "result_headers", lambda cl: calls.append(cl) or original(cl))
    ours = get(staff_client, res).content.decode()
    assert len(calls) == 1  # unfold's own rendering asks once per row, and once more
    monkeypatch.setattr(ScaledListMixin, "changelist_view", lambda self, request, extra_context=None: super(
        ScaledListMixin, self).changelist_view(request, extra_context))
    theirs = get(staff_client, res).content.decode()
    assert len(calls) > 3
    assert comparable(ours) == comparable(theirs)


def _shows_only_fields(res) -> bool:
    target = model_admin(res)
    names = {f.name for f in model_of(res)._meta.get_fields()}
    return all(isinstance(n, str) and n in names for n in target.list_display) and not target.list_editable


@pytest.mark.parametrize("res", each())
def test_a_page_of_fields_loads_only_what_it_shows(res, staff_client, builder):
    """A page whose columns are all fields reads of its rows the key, those fields and a joined
    row's label (timba.runtime.admin_page_columns); a page with a computed column reads whole
    rows. Either way no row is read again (the page-size test holds the query count)."""
    from timba.runtime.admin_page_columns import label_fields

    for _ in range(3):
        builder.create(res)
    model = model_of(res)
    with CaptureQueriesContext(connection) as queries:
        get(staff_client, res)
    table = connection.ops.quote_name(model._meta.db_table)
    rows = [q["sql"] for q in queries.captured_queries if f"FROM {table}" in q["sql"] and " IN (" in q["sql"]]
    assert len(rows) == 1, rows
    selected = rows[0].split(f" FROM {table}")[0]
    shown = set(model_admin(res).list_display)
    hidden = [f for f in model._meta.concrete_fields if f.name not in shown and not f.primary_key]
    for field in hidden:
        column = f"{table}.{connection.ops.quote_name(field.column)}"
        if _shows_only_fields(res) and all(label_fields(model._meta.get_field(n).related_model) is not None
                                            for n in shown if model._meta.get_field(n).many_to_one):
            assert column not in selected, (field.name, selected)
        else:
            assert column in selected, (field.name, selected)


def test_a_hand_written_str_is_read_whole():
    """`label_fields` holds for the generated `__str__` only: a model whose `__str__` is its own
    may read any field, so a joined row of it is loaded whole."""
    from timba.runtime.admin_page_columns import label_fields

    for res in RESOURCES:
        model = model_of(res)
        base = next(k for k in model.__mro__ if "__str__" in vars(k))
        assert label_fields(model) == (tuple(vars(base)["label_fields"]) if "label_fields" in vars(base) else None)
    generated = type("Generated", (), {"__str__": lambda self: self.name, "label_fields": ("name",)})
    assert label_fields(type("Hooks", (generated,), {})) == ("name",)  # a subclass keeping it
    assert label_fields(type("Hooks", (generated,), {"__str__": lambda self: self.code})) is None


@pytest.mark.parametrize("res,name", each_reference_filter())
def test_a_page_filtered_to_one_parent_costs_the_same_queries_for_every_size(res, name, staff_client, builder, monkeypatch):
    """Every row of the page references the filter's chosen row: whatever the filter reads of
    them (a column the page did not load, say) must not cost a query per row."""
    field = model_of(res)._meta.get_field(name)
    if field.many_to_many:
        parent = builder.create(res.field(name).target)
        for _ in range(max(PAGE_SIZES) + 2):
            builder.create(res, **{name: [parent]})
    else:
        first = builder.create(res)
        parent = getattr(first, name)
        derived = res.field(name).derived_from  # (reference, its field): set through the reference
        same = {derived[0]: getattr(first, derived[0])} if derived else {name: parent}
        for _ in range(max(PAGE_SIZES) + 1):
            builder.create(res, **same)
    params = {f"{name}__{field.target_field.name}__exact": parent.pk}
    target = model_admin(res)
    get(staff_client, res, params)
    counts = {}
    for size in PAGE_SIZES:
        monkeypatch.setattr(target, "list_per_page", size)
        with CaptureQueriesContext(connection) as queries:
            shown = len(get(staff_client, res, params).context["cl"].result_list)
        assert shown == size, (size, shown)
        counts[size] = len(queries)
    assert len(set(counts.values())) == 1, counts


@pytest.mark.parametrize("res,name", each_reference_filter())
def test_a_key_past_its_columns_range_is_a_bad_lookup_not_a_500(res, name, staff_client):
    """A key the column cannot hold, typed into the URL, is answered as a malformed one is
    (the admin's ?e=1 page); the largest key the column holds is a filter that finds nothing."""
    from django.db import connection

    field = model_of(res)._meta.get_field(name)
    _, high = connection.ops.integer_field_range(field.target_field.get_internal_type())
    for value, answer in ((high + 1, 302), (10**20, 302), ("abc", 302), (high, 200)):
        response = staff_client.get(changelist_url(res), {lookup(res, name): value})
        assert response.status_code == answer, (value, response.status_code)
        if answer == 302:
            assert response["Location"].endswith("?e=1")
