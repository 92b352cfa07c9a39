"""IR → timba/generated/dashboard.py: the admin's first page as data (figures, charts, how many
latest imports, the lapsing window), registered into timba.runtime.dashboard when the admin
loads; the runtime computes it for each viewer."""

from __future__ import annotations

from dataclasses import fields

from codegen.emit.source import Module, literal
from codegen.ir import Project
from codegen.ir_dashboard import Measure

DEFAULTS = {f.name: f.default for f in fields(Measure)}


def _measure(measure: Measure) -> str:
    """`Measure(label=..., ...)`, keyword arguments in declaration order, defaults left out."""
    args = [
        f"{f.name}={literal(getattr(measure, f.name))}"
        for f in fields(Measure)
        if f.name not in DEFAULTS or getattr(measure, f.name) != DEFAULTS[f.name]
    ]
    return f"Measure({', '.join(args)})"


def _tuple(name: str, measures: tuple[Measure, ...]) -> str:
    if not measures:
        return f"{name} = ()"
    return f"{name} = (\n" + "".join(f"    {_measure(m)},\n" for m in measures) + ")"


def emit_dashboard(project: Project) -> dict[str, str]:
    board = project.dashboard
    mod = Module(
        "The admin's dashboard declared in resources.yaml, registered into timba.runtime.dashboard when the admin loads."
    )
    mod.need("from timba.runtime.dashboard import register_dashboard")
    if board.figures or board.charts:
        mod.need("from timba.runtime.dashboard import Measure")
    mod.add("# the cards at the top: a count of a resource's rows or a sum of one of its fields\n" + _tuple("FIGURES", board.figures))
    mod.add("# the charts: grouped by a reference (bars, the largest first) or per week (a line)\n" + _tuple("CHARTS", board.charts))
    mod.add(f"LATEST_IMPORTS = {board.latest_imports}")
    mod.add(f"# platform staff: tenants whose subscription ends within this many days, or is not active\nLAPSING_WITHIN_DAYS = {board.lapsing_within_days}")
    mod.add(
        "register_dashboard(\n    figures=FIGURES,\n    charts=CHARTS,\n    latest_imports=LATEST_IMPORTS,\n"
        "    lapsing_within_days=LAPSING_WITHIN_DAYS,\n)"
    )
    return {"timba/generated/dashboard.py": mod.render()}
