"""The dashboard's part of the IR (`dashboard:` in resources.yaml): every figure and chart with
its resource, operation, field, grouping and label resolved; pure data."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Measure:
    """A figure (a card) or a chart: the count of a resource's rows or the sum of one of its
    number fields, for a chart grouped `by` a reference or `per_week` of a date field."""

    label: str
    resource: str
    op: str  # "count" or "sum"
    field: str | None = None  # the summed field; None for count
    unit: str = ""
    icon: str = ""
    by: str | None = None  # a chart's reference field: a bar per referenced row
    per_week: str | None = None  # a chart's date or datetime field: a point per week
    top: int = 0  # with by: the largest `top` bars
    weeks: int = 0  # with per_week: the last `weeks` weeks

    @property
    def kind(self) -> str:
        """'bar' or 'line' for a chart, 'figure' for a card."""
        return "bar" if self.by else "line" if self.per_week else "figure"


@dataclass(frozen=True)
class Dashboard:
    figures: tuple[Measure, ...] = ()
    charts: tuple[Measure, ...] = ()
    latest_imports: int = 0  # how many of the latest import runs to list
    lapsing_within_days: int = 0  # staff: tenants whose paid-until falls within this many days


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _measure(item, resources: dict, *, chart: bool) -> Measure:
    name, _, fname = (item.count or item.sum).partition(".")
    res = resources[name]
    op = "count" if item.count is not None else "sum"
    what = res.label_plural if op == "count" else res.field(fname).label
    if not chart:
        label = _capital(what) if op == "count" else f"Total {what}"
    elif item.by:
        label = f"{_capital(what)} per {res.field(item.by).label}"
    else:
        label = f"{_capital(what)} per week"
    return Measure(
        label=item.label or label,
        resource=name,
        op=op,
        field=fname or None,
        unit=item.unit or "",
        icon=getattr(item, "icon", None) or "",
        by=getattr(item, "by", None),
        per_week=getattr(item, "per_week", None),
        top=item.top if chart and item.by else 0,
        weeks=item.weeks if chart and item.per_week else 0,
    )


def build_dashboard(spec, resources) -> Dashboard:
    """The checked spec's dashboard over the IR's resources (for their labels)."""
    board = spec.dashboard
    by_name = {r.name: r for r in resources}
    return Dashboard(
        figures=tuple(_measure(f, by_name, chart=False) for f in board.figures),
        charts=tuple(_measure(c, by_name, chart=True) for c in board.charts),
        latest_imports=board.latest_imports,
        lapsing_within_days=board.lapsing_within_days if spec.security and spec.security.subscription else 0,
    )


def _covering(res, measure: Measure) -> tuple[str, ...]:
    """The index that makes a measure's aggregate an index-only scan: the tenant reference
    first (a tenant's rows are a range of it), then the grouping column, then the summed field."""
    tenant = res.tenant if res.tenant not in (None, "self") else None
    group = measure.by or measure.per_week
    columns = [c for c in (tenant, group, measure.field) if c]
    return tuple(dict.fromkeys(columns))


def dashboard_indexes(resources, dashboard: Dashboard) -> tuple:
    """The resources with the indexes their dashboard aggregates read added to `indexes`
    (charts' first; a figure's only when no chart's index already holds its columns behind the
    same tenant column), leaving out any an index or unique group already starts with."""
    out = []
    for res in resources:
        charts = [_covering(res, m) for m in dashboard.charts if m.resource == res.name]
        figures = [_covering(res, m) for m in dashboard.figures if m.resource == res.name and m.op == "sum"]
        wanted = list(dict.fromkeys(c for c in charts if len(c) > 1))
        for columns in figures:
            if not any(w[0] == columns[0] and set(columns) <= set(w) for w in wanted):
                wanted.append(columns)
        have = [*res.indexes, *res.unique_together]
        extra = tuple(w for w in dict.fromkeys(wanted) if not any(tuple(h[: len(w)]) == w for h in have))
        out.append(replace(res, indexes=res.indexes + extra) if extra else res)
    return tuple(out)
