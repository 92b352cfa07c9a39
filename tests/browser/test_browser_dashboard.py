"""The dashboard in a real browser: a tenant admin and a platform admin sign in and land on it;
its cards show the spec's figures, Chart.js (from the site's own static files) draws every chart,
the latest imports and the subscription are there, staff see the lapsing tenants and the
"Security" section, and no request leaves the site. Screenshots in var/artifacts/browser/."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from dashboard_rows import BOARD, fill, import_run, tenant_admin
from django.utils import timezone
from security.tenancy import SUBSCRIPTION, TENANT, World

from timba.runtime.admin_site import SECURITY_SECTION

pytestmark = pytest.mark.django_db(transaction=True)

CHARTS_DRAWN = """() => Array.from(document.querySelectorAll('canvas.chart')).map(
    c => { const chart = window.Chart && Chart.getChart(c); return chart ? chart.data.datasets[0].data.length : -1; })"""


@pytest.fixture
def world(builder, roles):
    return World(builder)


def _requests_outside(page, live_server) -> list[str]:
    """Every request the page makes that does not go to the live server, recorded as it runs."""
    site = urlsplit(live_server.url).netloc
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if urlsplit(r.url).scheme in {"http", "https"} and urlsplit(r.url).netloc != site else None)
    return outside


def _assert_dashboard(page, shots, label: str) -> None:
    page.wait_for_selector("#timba-dashboard")
    page.wait_for_function("() => document.querySelectorAll('canvas.chart').length === 0 || (window.Chart && Array.from(document.querySelectorAll('canvas.chart')).every(c => Chart.getChart(c)))")
    for figure in BOARD.figures:
        assert page.locator(f'[data-figure="{figure.label}"]').count() == 1, f"no card for {figure.label}"
    drawn = page.evaluate(CHARTS_DRAWN)
    assert drawn and all(n > 0 for n in drawn), f"charts not drawn by Chart.js: {drawn}"
    assert page.locator("[data-chart]").count() == len(BOARD.charts)
    shots(label)


def test_a_tenant_admin_sees_their_dashboard_first(world, admin_login, page, shots, live_server):
    admin = tenant_admin(world)
    fill(world, "a", 40, groups=6, weeks=10)
    fill(world, "b", 5, groups=2)
    for state, new in (("applied", 120), ("failed", 0), ("staged", 35), ("applied", 8)):
        import_run(world.a, admin, state, new=new)
    other = import_run(world.b, admin)
    outside = _requests_outside(page, live_server)
    admin_login(admin)
    assert page.url.endswith("/admin/"), page.url
    _assert_dashboard(page, shots, "tenant admin dashboard")
    text = page.locator("#timba-dashboard").inner_text()
    assert str(world.a) in text
    assert other.file_name not in text, "another tenant's import is shown"
    assert "applied" in text.lower() and "failed" in text.lower()
    if SUBSCRIPTION:
        assert page.locator('[data-part="subscription"]').count() == 1
        assert page.locator('[data-figure="Seats"]').count() == (1 if SUBSCRIPTION.get("seats") else 0)
    assert page.locator('[data-part="lapsing"]').count() == 0
    assert SECURITY_SECTION not in page.locator("#nav-sidebar-inner, nav").first.inner_text()
    assert not outside, f"requests left the site: {outside}"


def test_a_platform_admin_sees_every_tenant_and_the_lapsing_ones(world, admin_login, superuser, builder, page, shots, live_server):
    admin = tenant_admin(world)
    fill(world, "a", 25, groups=4, weeks=8)
    fill(world, "b", 15, groups=3, weeks=5)
    import_run(world.a, admin, "applied", new=250)
    import_run(world.b, admin, "failed", new=0, errors=12)
    lapsing = []
    if SUBSCRIPTION:
        status, active = SUBSCRIPTION["status"], SUBSCRIPTION["active"]
        inactive = next(v for v, _ in TENANT.field(status).choices if v not in active)
        lapsing.append(builder.create(TENANT.name, **{status: inactive}))
        if SUBSCRIPTION.get("paid_until"):
            soon = timezone.localdate() + timedelta(days=max(BOARD.lapsing_within_days - 1, 0))
            lapsing.append(builder.create(TENANT.name, **{status: active[0], SUBSCRIPTION["paid_until"]: soon}))
    outside = _requests_outside(page, live_server)
    admin_login(superuser)
    assert page.url.endswith("/admin/"), page.url
    _assert_dashboard(page, shots, "platform admin dashboard")
    text = page.locator("#timba-dashboard").inner_text()
    assert str(world.a) in text and str(world.b) in text, "the imports name their tenants"
    for tenant in lapsing:
        assert str(tenant) in page.locator('[data-part="lapsing"]').inner_text()
    assert SECURITY_SECTION in page.locator("body").inner_text()
    page.locator('[data-part="lapsing"]').scroll_into_view_if_needed()
    shots("lapsing tenants", full_page=False)
    assert not outside, f"requests left the site: {outside}"
