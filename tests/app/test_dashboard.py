"""The admin's dashboard (`dashboard:` in resources.yaml), driven by what the spec declares: every
figure and chart is checked against the rows themselves, for a tenant admin (their tenant only)
and for platform staff (every tenant); charts group by their reference and per week; the
latest imports, seats and subscription; the lapsing tenants for staff; a figure of a resource
the viewer may not list stays hidden; the page's query count does not grow with the data; and
the page loads nothing from outside the site (no CDN is reachable)."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from dashboard_rows import fill, import_run, tenant_admin
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from security.tenancy import SUBSCRIPTION, TENANT, World, resource
from spec_rows import PROJECT, model_of

from timba.runtime import dashboard_figures
from timba.runtime.dashboard import board
from timba.runtime.registry import security as rules

pytestmark = pytest.mark.django_db
INDEX = "/admin/"
BOARD = PROJECT.dashboard


@pytest.fixture
def world(builder):
    return World(builder)


def expected(measure, rows) -> int | Decimal:
    """The figure worked out from the rows themselves, in Python."""
    if measure.op == "count":
        return rows.count()
    values = [v for v in rows.values_list(measure.field, flat=True) if v is not None]
    return sum(values, Decimal(0) if isinstance(values[0] if values else 0, Decimal) else 0)


def rows_seen(world, measure, label: str | None):
    res = resource(measure.resource)
    if label is None or res.tenant is None:
        return model_of(res)._default_manager.all()
    return world.rows_of(res, label)


def page(client, user):
    client.force_login(user)
    response = client.get(INDEX)
    assert response.status_code == 200, response.content[:300]
    return response


def test_the_spec_declares_a_dashboard():
    assert BOARD.figures and BOARD.charts, "resources.yaml declares no dashboard figures or charts"
    registered = [(m.label, m.resource, m.op, m.field) for m in (*board().figures, *board().charts)]
    assert registered == [(m.label, m.resource, m.op, m.field) for m in (*BOARD.figures, *BOARD.charts)]


@pytest.mark.parametrize("measure", BOARD.figures, ids=lambda m: m.label)
def test_a_tenant_admin_sees_their_own_figures(world, client, measure):
    fill(world, "a", 3)
    fill(world, "b", 2)
    admin = tenant_admin(world)
    shown = {f.measure.label: f for f in dashboard_figures.figures(admin, board().figures)}
    assert shown[measure.label].value == expected(measure, rows_seen(world, measure, "a"))
    response = page(client, admin)
    assert shown[measure.label].text in response.content.decode()


@pytest.mark.parametrize("measure", BOARD.figures, ids=lambda m: m.label)
def test_platform_staff_see_every_tenant_in_the_figures(world, superuser, measure):
    fill(world, "a", 3)
    fill(world, "b", 2)
    shown = {f.measure.label: f for f in dashboard_figures.figures(superuser, board().figures)}
    assert shown[measure.label].value == expected(measure, rows_seen(world, measure, None))


@pytest.mark.parametrize("measure", [c for c in BOARD.charts if c.by], ids=lambda m: m.label)
def test_a_chart_by_reference_has_the_largest_groups_first(world, measure):
    fill(world, "a", 7, groups=3)
    fill(world, "b", 4, groups=2)
    admin = tenant_admin(world)
    drawn = dashboard_figures.chart(admin, _runtime(measure))
    res = resource(measure.resource)
    rows = world.rows_of(res, "a")
    target = model_of(resource(res.field(measure.by).target))
    by_parent = {}
    for parent_id in set(rows.values_list(f"{measure.by}_id", flat=True)):
        by_parent[str(target._default_manager.get(pk=parent_id))] = expected(measure, rows.filter(**{f"{measure.by}_id": parent_id}))
    assert dict(zip(drawn.labels, drawn.values, strict=True)) == dict(
        sorted(by_parent.items(), key=lambda kv: -kv[1])[: measure.top]
    )
    assert list(drawn.values) == sorted(drawn.values, reverse=True)


@pytest.mark.parametrize("measure", [c for c in BOARD.charts if c.per_week], ids=lambda m: m.label)
def test_a_chart_per_week_puts_each_row_in_its_week(world, measure):
    fill(world, "a", 4)
    res = resource(measure.resource)
    rows = world.rows_of(res, "a")
    pks = list(rows.values_list("pk", flat=True))
    now = timezone.now()
    model_of(res)._default_manager.filter(pk__in=pks[:1]).update(**{measure.per_week: now - timedelta(weeks=2)})
    model_of(res)._default_manager.filter(pk__in=pks[1:2]).update(**{measure.per_week: now - timedelta(weeks=measure.weeks + 3)})
    admin = tenant_admin(world)
    drawn = dashboard_figures.chart(admin, _runtime(measure))
    assert len(drawn.values) == measure.weeks
    this_week = expected(measure, rows.filter(pk__in=pks[2:]))
    two_ago = expected(measure, rows.filter(pk__in=pks[:1]))
    assert drawn.values[-1] == this_week
    assert drawn.values[-3] == two_ago
    assert sum(drawn.values) == this_week + two_ago, "a row older than the chart's weeks was counted"


def _runtime(measure):
    return next(m for m in board().charts if m.label == measure.label)


def test_a_figure_of_a_resource_the_viewer_may_not_list_is_hidden(world, monkeypatch):
    admin = tenant_admin(world)
    hidden = BOARD.figures[0]
    monkeypatch.setitem(rules().permissions, hidden.resource, {})
    shown = [f.measure.label for f in dashboard_figures.figures(admin, board().figures)]
    assert hidden.label not in shown
    assert all(m.label in shown for m in BOARD.figures if m.resource != hidden.resource)


def test_a_tenant_admin_sees_seats_and_subscription(world, client):
    admin = tenant_admin(world)
    tenant_admin(world, "b")
    text = page(client, admin).content.decode()
    dashboard = page(client, admin).context["dashboard"]
    standing = dashboard["standing"]
    assert standing.tenant == world.a
    if SUBSCRIPTION.get("seats"):
        seat_model = model_of(resource(SUBSCRIPTION["seat_holders"]))
        used = seat_model.objects.filter(**{resource(SUBSCRIPTION["seat_holders"]).tenant: world.a}, is_active=True).count()
        assert standing.used == used and standing.seats == getattr(world.a, SUBSCRIPTION["seats"])
        assert re.search(rf">\s*{used}\s*<span[^>]*>\s*of {standing.seats}", text), "no 'used of seats' figure"
    assert standing.status_label in text
    assert dashboard["platform"] is None and dashboard["lapsing"] is None, "a tenant admin sees other tenants"


def _lapse(world, label: str, **values):
    tenant = world.tenants[label]
    model_of(TENANT)._default_manager.filter(pk=tenant.pk).update(**values)


@pytest.mark.skipif(not SUBSCRIPTION, reason="the spec declares no subscription")
def test_staff_see_the_tenants_whose_subscription_is_lapsing(world, client, superuser, builder):
    days = BOARD.lapsing_within_days
    inactive = next(v for v, _ in TENANT.field(SUBSCRIPTION["status"]).choices if v not in SUBSCRIPTION["active"])
    soon = builder.create(TENANT.name, **{SUBSCRIPTION["status"]: SUBSCRIPTION["active"][0],
                                          SUBSCRIPTION["paid_until"]: timezone.localdate() + timedelta(days=days)})
    later = builder.create(TENANT.name, **{SUBSCRIPTION["status"]: SUBSCRIPTION["active"][0],
                                           SUBSCRIPTION["paid_until"]: timezone.localdate() + timedelta(days=days + 1)})
    _lapse(world, "b", **{SUBSCRIPTION["status"]: inactive})
    dashboard = page(client, superuser).context["dashboard"]
    lapsing = {s.tenant.pk for s in dashboard["platform"].lapsing}
    assert lapsing == {soon.pk, world.b.pk}
    assert later.pk not in lapsing and world.a.pk not in lapsing
    assert dashboard["platform"].lapsing_count == 2
    assert dashboard["platform"].tenants == model_of(TENANT)._default_manager.count()
    text = page(client, superuser).content.decode()
    assert str(soon) in text and str(later) not in text.split('data-part="lapsing"')[1]


def test_the_latest_imports_with_their_state(world, client, superuser):
    admin = tenant_admin(world)
    other = tenant_admin(world, "b")
    mine = [import_run(world.a, admin, state) for state in ("applied", "failed", "staged")]
    theirs = import_run(world.b, other)
    text = page(client, admin).content.decode()
    for run in mine:
        assert run.file_name in text and run.get_state_display() in text
    assert theirs.file_name not in text
    staff_text = page(client, superuser).content.decode()
    assert theirs.file_name in staff_text and str(world.b) in staff_text
    assert len(page(client, superuser).context["dashboard"]["imports"]["rows"]) == min(4, BOARD.latest_imports)


def _queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(INDEX).status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["tenant admin", "staff"])
def test_the_query_count_does_not_grow_with_the_data(world, client, superuser, builder, who):
    admin = tenant_admin(world)
    viewer = admin if who == "tenant admin" else superuser
    fill(world, "a", 2)
    import_run(world.a, admin)
    small = _queries(client, viewer)
    fill(world, "a", 12, groups=6)
    fill(world, "b", 8, groups=4)
    for state in ("failed", "staged", "applied", "reverted", "queued", "applied"):
        import_run(world.a, admin, state)
        import_run(world.b, admin, state)
    for _ in range(3):
        tenant_admin(world)
        builder.create(TENANT.name)
    assert _queries(client, viewer) == small


ATTRIBUTE_URL = re.compile(r"""(?:src|href|action|data-src|srcset)\s*=\s*["']([^"']+)["']""", re.I)
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)""", re.I)
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)


def _static_path(url: str) -> Path | None:
    from django.conf import settings

    prefix = "/" + settings.STATIC_URL.lstrip("/")
    if not url.startswith(prefix):
        return None
    found = finders.find(url[len(prefix):].split("?")[0])
    return Path(found) if found else None


@pytest.mark.parametrize("who", ["tenant admin", "staff"])
def test_the_dashboard_loads_nothing_from_outside_the_site(world, client, superuser, who):
    admin = tenant_admin(world)
    fill(world, "a", 3, groups=2)
    import_run(world.a, admin)
    text = page(client, admin if who == "tenant admin" else superuser).content.decode()
    urls = ATTRIBUTE_URL.findall(text)
    assert any("chart" in u and u.endswith(".js") for u in urls), "the charts' script is not the site's own"
    assert 'class="chart"' in text, "no chart is drawn"
    outside = [u for u in urls if EXTERNAL.match(u)]
    assert not outside, f"the page refers to other sites: {outside}"
    for url in urls:  # the stylesheets it loads, e.g. the fonts', point inside the site too
        path = _static_path(url)
        if path is not None and path.suffix == ".css":
            external = [u for u in CSS_URL.findall(path.read_text(encoding="utf-8", errors="ignore")) if EXTERNAL.match(u)]
            assert not external, f"{url} loads {external}"
        if path is None and not url.startswith(("/", "#", "?", "javascript:")):
            pytest.fail(f"unexpected reference {url!r}")


def test_the_figures_are_kept_per_tenant_for_a_while(world, client, settings):
    from django.core.cache import cache

    settings.DASHBOARD_CACHE_SECONDS = 60
    cache.clear()
    fill(world, "a", 3)
    fill(world, "b", 1)
    first, other = tenant_admin(world), tenant_admin(world, "b")
    computed = _queries(client, first)
    kept = page(client, first).context["dashboard"]["figures"]
    assert _queries(client, first) < computed, "the second view counted the rows again"
    fill(world, "a", 2)
    assert page(client, first).context["dashboard"]["figures"] == kept, "kept figures are served until they expire"
    theirs = {f["label"]: f["text"] for f in page(client, other).context["dashboard"]["figures"]}
    for measure in BOARD.figures:
        fresh = dashboard_figures.figures(other, [m for m in board().figures if m.label == measure.label])[0]
        assert theirs[measure.label] == fresh.text, "another tenant was shown the first one's figures"
    cache.clear()
    assert page(client, first).context["dashboard"]["figures"] != kept


@pytest.mark.parametrize("measure", [*BOARD.charts, *(f for f in BOARD.figures if f.op == "sum")], ids=lambda m: m.label)
def test_each_aggregate_has_an_index_holding_its_columns(measure):
    """The columns an aggregate reads (tenant reference, grouping field, summed field) lead an
    index of the table, so it is an index-only scan of the viewer's rows."""
    model = model_of(resource(measure.resource))
    path = resource(measure.resource).tenant
    tenant = model._meta.get_field(path).column if path not in (None, "self") else None
    wanted = [model._meta.get_field(n).column for n in (measure.by or measure.per_week, measure.field) if n]
    indexes = [[model._meta.get_field(f).column for f in index.fields] for index in model._meta.indexes]
    assert any(
        (tenant is None or index[0] == tenant) and set(wanted) <= set(index) for index in indexes
    ), f"no index of {model._meta.db_table} holds {tenant}, {wanted}: {indexes}"
