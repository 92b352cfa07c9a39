"""The admin's first page (unfold's `DASHBOARD_CALLBACK`): the dashboard declared in
resources.yaml computed for the viewer, as the template admin/timba_dashboard/index.html draws
it with unfold's components (cards, bar and line charts on the Chart.js unfold ships in its
static files, tables, progress bars, labels).

A tenant user sees their tenant's figures and charts, its latest imports, seats and
subscription; platform staff the same across tenants, and the tenants whose subscription is
lapsing. Every part comes from aggregate queries (timba.runtime.dashboard_figures and
dashboard_tenants), a fixed number per page.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.contrib import admin
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from timba.import_runs.models import ImportRun
from timba.runtime import access
from timba.runtime.dashboard import board
from timba.runtime.dashboard_figures import Chart, chart, figures, number_text, places, visible
from timba.runtime.dashboard_tenants import platform_standing, tenant_standing
from timba.runtime.imports.context import model_named
from timba.runtime.registry import security as rules

# the label variant of an import run's state: done, failed, waiting for a person, in progress
STATE_VARIANTS = {
    "applied": "success", "failed": "danger", "cancelled": "danger", "staged": "warning",
    "queued": "info", "reading": "info", "applying": "info", "reverting": "info",
}
PRIMARY = "var(--color-primary-600)"


def changelist_url(model, query: str = "") -> str | None:
    if model not in admin.site._registry:
        return None
    try:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    except NoReverseMatch:
        return None
    return url + query


def change_url(obj) -> str | None:
    try:
        return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return None


def chart_json(drawn: Chart) -> dict:
    """The `data` of unfold's chart components: labels and one dataset, in the theme's colour."""
    measure = drawn.measure
    values = [float(v) for v in drawn.values]
    dataset = {"label": measure.label, "data": values, "displayYAxis": True}
    if measure.unit:
        dataset["suffixYAxis"] = measure.unit
    if measure.kind == "bar":
        dataset |= {"backgroundColor": PRIMARY, "maxBarThickness": 48}
    else:
        dataset |= {"borderColor": PRIMARY, "backgroundColor": PRIMARY, "fill": False, "tension": 0.3}
    return {"labels": list(drawn.labels), "datasets": [dataset]}


def _charts(user, measures) -> list[dict]:
    out = []
    for measure in measures:
        if not visible(user, measure):
            continue
        drawn = chart(user, measure)
        out.append({
            "label": measure.label,
            "kind": measure.kind,
            "data": json.dumps(chart_json(drawn)),
            "total": number_text(drawn.total, places(measure)),
            "unit": measure.unit,
            "empty": not any(drawn.values),
        })
    return out


def _figures(user, measures) -> list[dict]:
    return [
        {"label": f.measure.label, "text": f.text, "unit": f.measure.unit, "icon": f.measure.icon,
         "href": changelist_url(f.measure.model)}
        for f in figures(user, measures)
    ]


def latest_imports(user, count: int) -> list[dict]:
    """The latest import runs the user may see (as the import runs' admin scopes them), newest
    first, with the tenant's name for staff: two queries at most."""
    if count <= 0:
        return []
    from timba.runtime.admin_imports.runs import importable  # the admin's own scope for runs

    runs = ImportRun.objects.select_related("user").order_by("-created_at", "-pk")
    staff = access.is_staff(user)
    if not staff:
        tenant = access.tenant_id(user)
        runs = runs.filter(tenant_id=tenant, resource__in=importable(user)) if tenant is not None else runs.none()
    runs = list(runs[:count])
    names = {}
    if staff and rules().tenant:
        ids = {r.tenant_id for r in runs if r.tenant_id is not None}
        names = model_named(rules().tenant)._default_manager.in_bulk(ids) if ids else {}
    return [
        {"run": run, "state": run.get_state_display(), "variant": STATE_VARIANTS.get(run.state, ""),
         "tenant": str(names.get(run.tenant_id, "")) if staff else "", "href": change_url(run)}
        for run in runs
    ]


def _cache_key(user, declared) -> str:
    """Figures differ by tenant (staff: all) and by the roles that decide which are visible;
    a changed declaration (another deploy) never reads the old ones."""
    scope = "staff" if access.is_staff(user) else f"tenant-{access.tenant_id(user)}-{'.'.join(sorted(access.role_names(user)))}"
    digest = hashlib.sha256(repr(declared).encode()).hexdigest()[:16]
    return f"timba:dashboard:{digest}:{scope}"


def aggregates(user, declared) -> dict:
    """The figures and charts (the part that reads many rows), kept in the default cache for
    DASHBOARD_CACHE_SECONDS (0: computed on every view), per tenant and roles."""
    seconds = int(getattr(settings, "DASHBOARD_CACHE_SECONDS", 0) or 0)

    def compute() -> dict:
        return {"figures": _figures(user, declared.figures), "charts": _charts(user, declared.charts), "as_of": timezone.now()}

    if seconds <= 0:
        return compute()
    key = _cache_key(user, declared)
    try:
        kept = cache.get(key)
    except Exception:  # noqa: BLE001 - an unreachable cache costs a recomputation, never the page
        return compute()
    if kept is None:
        kept = compute()
        try:
            cache.set(key, kept, seconds)
        except Exception:  # noqa: BLE001 - as above
            pass
    return kept


def dashboard_context(user) -> dict:
    declared = board()
    staff = access.is_staff(user)
    heavy = aggregates(user, declared)
    imports = latest_imports(user, declared.latest_imports)
    standing = tenant_standing(user)
    platform = platform_standing(declared.lapsing_within_days) if staff else None
    return {
        "staff": staff,
        "tenant": access.tenant_of(user) if not staff else None,
        "figures": heavy["figures"],
        "charts": heavy["charts"],
        "as_of": heavy["as_of"],
        "show_imports": declared.latest_imports > 0,
        "imports": imports_table(imports, staff=staff),
        "standing": standing,
        "paid_until": paid_text(standing) if standing else "",
        "platform": platform,
        "lapsing": lapsing_table(platform) if platform else None,
        "lapsing_within_days": declared.lapsing_within_days,
    }


def dashboard_callback(request, context: dict) -> dict:
    """unfold's DASHBOARD_CALLBACK: the index page's context with the viewer's dashboard."""
    context["dashboard"] = dashboard_context(request.user)
    context["dashboard"]["adds"] = quick_adds(context.get("app_list", ()))
    return context


def quick_adds(app_list) -> list[dict]:
    """An "Add …" button for each model of the product's apps the viewer may add to."""
    from timba.runtime.admin_site import SECURITY_APPS

    return [
        {"label": str(m["model"]._meta.verbose_name), "href": m["add_url"]}
        for app in app_list
        if app["app_label"] not in SECURITY_APPS
        for m in app["models"]
        if m.get("add_url")
    ]


def _label(text: str, variant: str = "") -> str:
    return render_to_string("unfold/helpers/label.html", {"text": text, "variant": variant})


def imports_table(rows: list[dict], *, staff: bool) -> dict:
    """unfold's table component: one row per import run, the state as a coloured label."""
    headers = ["run", *(["tenant"] if staff else []), "resource", "state", "new · updated · errors", "by", "started"]
    out = []
    for row in rows:
        run = row["run"]
        name = run.file_name or f"#{run.pk}"
        link = format_html('<a class="text-primary-600 dark:text-primary-500" href="{}">{}</a>', row["href"], name) if row["href"] else name
        counts = f"{run.new:,} · {run.updated:,} · {run.errors:,}"
        when = format_html('<span class="whitespace-nowrap">{}</span>', f"{timezone.localtime(run.created_at):%d %b %H:%M}")
        cells = [link, *([row["tenant"]] if staff else []), _resource_label(run.resource), mark_safe(_label(row["state"], row["variant"])),  # noqa: S308 - rendered by the label template, escaped there
                 counts, str(run.user or ""), when]
        out.append(cells)
    return {"headers": headers, "rows": out}


def _resource_label(name: str) -> str:
    try:
        return str(model_named(name)._meta.verbose_name_plural).capitalize()
    except LookupError:
        return name


def lapsing_table(platform) -> dict:
    """Platform staff's table of lapsing tenants: name (to its change page), status, paid until, seats."""
    out = []
    for standing in platform.lapsing:
        tenant = standing.tenant
        url = change_url(tenant)
        name = format_html('<a class="text-primary-600 dark:text-primary-500" href="{}">{}</a>', url, tenant) if url else str(tenant)
        status = mark_safe(_label(standing.status_label, "success" if standing.active else "danger"))  # noqa: S308 - escaped by the label template
        paid = paid_text(standing)
        seats = "" if standing.seats is None else f"{standing.used or 0} of {standing.seats}"
        out.append([name, status, paid, seats])
    return {"headers": ["tenant", "status", "paid until", "seats used"], "rows": out}


def paid_text(standing) -> str:
    """`2026-12-14 (in 13 days)`, `2026-11-20 (11 days ago)`, `2026-12-01 (today)` or `no end`."""
    if standing.paid_until is None:
        return "no end"
    days = standing.days_left
    plural = "s" if abs(days) != 1 else ""
    when = "today" if days == 0 else f"in {days} day{plural}" if days > 0 else f"{-days} day{plural} ago"
    return f"{standing.paid_until:%Y-%m-%d} ({when})"
