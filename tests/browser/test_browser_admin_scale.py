"""A big change list in a real browser: the resources whose admin search reads an index (`admin:
search: {<field>: prefix|exact}`, the spec's large tables: the logs) filled with
BROWSER_SCALE_ROWS rows (default 1,000,000: about a minute on SQLite or MariaDB, most of it the
seeding and the flush after; set it lower for a quick run), as platform staff.

The rows are copies of one built row, made by INSERT ... SELECT doublings in SQL (the searched
field numbered so every unique rule holds). The page runs the same number of queries at that
size as with one row, and page 1, a deep page, a search, a reference filter and a sorted column
each load with a full page of rows; a deep page runs as many queries as page 1. The first
reference filter is then used through its autocomplete: typed, picked, applied. Screenshots in var/artifacts/browser/<test>/.
"""

from __future__ import annotations

import os

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from spec_rows import PASSWORD, PROJECT, model_of

ROWS = int(os.environ.get("BROWSER_SCALE_ROWS", "1000000"))
PER_PAGE = 50
SCALED = [r for r in PROJECT.resources if any(mode != "contains" for _, mode in r.admin_search_modes)]
pytestmark = pytest.mark.skipif(not SCALED, reason="no resource's admin search reads an index")


def _text(sql: str) -> str:
    return f"CAST({sql} AS CHAR)" if connection.vendor == "mysql" else f"CAST({sql} AS TEXT)"


def _concat(a: str, b: str) -> str:
    return f"CONCAT({a}, {b})" if connection.vendor == "mysql" else f"({a} || {b})"


def double_up(model, key: str, rows: int) -> None:
    """Copies the table's rows into itself until it holds `rows`, `key` numbered k1, k2, ... in
    the copies (the other columns as they were)."""
    qn = connection.ops.quote_name
    table, pk = qn(model._meta.db_table), qn(model._meta.pk.column)
    columns = [f.column for f in model._meta.concrete_fields if not f.primary_key]
    key_column = model._meta.get_field(key).column
    have = model._default_manager.count()
    with connection.cursor() as cur:
        while have < rows:
            step = min(have, rows - have)
            number = _text(f"({have} + ROW_NUMBER() OVER (ORDER BY {pk}))")
            select = [_concat("'k'", number) if c == key_column else qn(c) for c in columns]
            cur.execute(
                f"INSERT INTO {table} ({', '.join(qn(c) for c in columns)}) "  # noqa: S608 - names from the model
                f"SELECT {', '.join(select)} FROM {table} ORDER BY {pk} LIMIT {step}"
            )
            have += step
    assert model._default_manager.count() == rows


def changelist_queries(client, url: str) -> int:
    client.get(url)  # warm: session, content types
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def cases(res, row, needle: str) -> list[tuple[str, str]]:
    """(label, query string): page 1, a search, each reference filter, a sorted column."""
    key = _key(res)
    out = [("page 1", ""), ("search", f"?q={needle}")]
    for f in res.fields:
        if f.is_reference and f.name in res.admin_filters:
            out.append((f"filter {f.name}", f"?{f.name}__id__exact={getattr(row, f.attname)}"))
    out.append(("sorted", f"?o=-{1 + res.admin_list.index(key) if key in res.admin_list else 1}"))
    return out


def _key(res) -> str:
    return next(name for name, mode in res.admin_search_modes if mode != "contains")


@pytest.mark.parametrize("res", SCALED, ids=lambda r: r.name)
def test_a_big_changelist_loads_and_its_query_count_holds(res, builder, client, django_user_model, admin_login, page, shots):
    staff = django_user_model.objects.create_superuser(username="scale-admin", email="s@example.com", password=PASSWORD)
    client.force_login(staff)
    row = builder.create(res)
    url = f"/admin/timba/{res.name.lower()}/"
    counted = cases(res, row, str(getattr(row, _key(res))))  # each shows the row: a page with rows
    small = {label: changelist_queries(client, url + query) for label, query in counted}
    double_up(model_of(res), _key(res), ROWS)
    big = {label: changelist_queries(client, url + query) for label, query in counted}
    assert big == small, (small, big)  # the same queries with one row and with ROWS
    deep = f"?p={min(500, ROWS // PER_PAGE)}"
    assert changelist_queries(client, url + deep) == big["page 1"]

    admin_login(staff)
    for label, query in [*cases(res, row, "k1"), ("deep page", deep)]:
        page.goto(url + query)
        shown = page.locator("#result_list tbody tr").count()
        assert shown == PER_PAGE, (label, shown)
        if label.startswith("filter "):  # the autocomplete shows the chosen row
            name = label.removeprefix("filter ")
            chosen = page.locator(f"select[name={name}__id__exact] option:checked")
            assert chosen.inner_text().strip() == str(getattr(row, name)), label
        shots(f"{res.plural} {label}")
    assert "9999999999" not in page.locator("body").inner_text()  # the paginator's stand-in count never shows

    # the first reference filter, used as a person would: open the filters, type, pick, apply
    name = next((f.name for f in res.fields if f.is_reference and f.name in res.admin_filters), None)
    if name is not None:
        parent = getattr(row, name)
        page.goto(url)
        page.locator("a", has_text="Filters").first.click()
        select = page.locator(f"select[name={name}__id__exact]")
        select.locator("xpath=following-sibling::span[contains(@class, 'select2')]").first.click()
        page.locator(".select2-search__field").last.fill(str(parent)[:4])
        page.locator(".select2-results__option", has_text=str(parent)).first.click()
        shots(f"{res.plural} filter by autocomplete")
        with page.expect_navigation():
            page.get_by_role("button", name="Apply Filters").click()
        assert f"{name}__id__exact={parent.pk}" in page.url, page.url
        assert page.locator("#result_list tbody tr").count() == PER_PAGE
        shots(f"{res.plural} filtered by autocomplete")
