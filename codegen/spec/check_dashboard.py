"""Checks of the `dashboard:` section: each figure and chart counts a declared resource or sums
one of its number fields, and a chart groups by a reference or per week of a date. Problems
are `(loc, on_key, message)` like `check`."""

from __future__ import annotations

from codegen.field_types import ONE, field_type
from codegen.spec import check  # imported by it: its field_kinds is read at check time
from codegen.spec.errors import did_you_mean
from codegen.spec.model import SpecFile

WEEKLY = ("date", "datetime")


def _measure(spec: SpecFile, loc, item, declared: set[str], what: str):
    """Problems of `count:`/`sum:`; yields nothing more once the resource is unknown."""
    if (item.count is None) == (item.sum is None):
        yield loc, True, f"a {what} takes exactly one of 'count: <Resource>' or 'sum: <Resource>.<field>'"
        return
    op = "count" if item.count is not None else "sum"
    where = (*loc, op)
    name, _, fname = (item.count or item.sum).partition(".")
    if op == "count" and fname:
        yield where, False, f"count takes a resource name, e.g. '{name}'; to add up '{fname}' use sum"
        return
    if op == "sum" and not fname:
        yield where, False, f"sum takes '<Resource>.<field>', e.g. '{name}.<number field>'"
        return
    if name not in spec.resources:
        if name not in declared:  # a resource that failed its own checks is reported there
            yield where, False, f"undeclared resource '{name}'{did_you_mean(name, declared)}"
        return
    if op == "sum":
        kinds = check.field_kinds(spec.resources[name])
        numeric = [n for n, k in kinds.items() if field_type(k).numeric and n != "id"]
        if fname not in kinds:
            yield where, False, f"{name} has no field '{fname}'{did_you_mean(fname, kinds)}"
        elif fname not in numeric:
            yield where, False, f"sum needs a number field; {name}.{fname} is {kinds[fname]}{did_you_mean(fname, numeric)}"


def _grouping(spec: SpecFile, loc, chart):
    if (chart.by is None) == (chart.per_week is None):
        yield loc, True, "a chart takes exactly one of 'by: <reference field>' or 'per_week: <date field>'"
        return
    name = (chart.count or chart.sum or "").partition(".")[0]
    res = spec.resources.get(name)
    if res is None:
        return
    kinds = check.field_kinds(res)
    if chart.by is not None:
        references = [n for n, f in res.fields.items() if field_type(f.type).relation == ONE]
        if chart.by not in references:
            what = f"is {kinds[chart.by]}" if chart.by in kinds else "is not a field"
            yield (*loc, "by"), False, (
                f"by needs a reference field of {name}; '{chart.by}' {what}{did_you_mean(chart.by, references)}"
            )
    else:
        dates = [n for n, k in kinds.items() if k in WEEKLY]
        if kinds.get(chart.per_week) not in WEEKLY:
            what = f"is {kinds[chart.per_week]}" if chart.per_week in kinds else "is not a field"
            yield (*loc, "per_week"), False, (
                f"per_week needs a date or datetime field of {name}; '{chart.per_week}' {what}"
                f"{did_you_mean(chart.per_week, dates)}"
            )
    if chart.per_week is not None and "top" in chart.model_fields_set:
        yield (*loc, "top"), True, "top is the number of bars of a chart by a reference; this one is per week (use weeks)"
    if chart.by is not None and "weeks" in chart.model_fields_set:
        yield (*loc, "weeks"), True, "weeks applies to a chart per week; this one is by a reference (use top)"


def check_dashboard(spec: SpecFile, declared: set[str]):
    board = spec.dashboard
    for i, figure in enumerate(board.figures):
        yield from _measure(spec, ("dashboard", "figures", i), figure, declared, "figure")
    for i, chart in enumerate(board.charts):
        loc = ("dashboard", "charts", i)
        yield from _measure(spec, loc, chart, declared, "chart")
        yield from _grouping(spec, loc, chart)
    subscription = spec.security.subscription if spec.security else None
    if "lapsing_within_days" in board.model_fields_set and subscription is None:
        yield ("dashboard", "lapsing_within_days"), True, "lapsing_within_days needs security.subscription (status, paid_until)"
