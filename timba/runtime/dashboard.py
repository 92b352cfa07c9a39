"""What the admin's first page shows (`dashboard:` in resources.yaml), registered by the
generated code when the app loads (timba/generated/dashboard.py): the figures on cards, the
charts, how many of the latest imports to list and, for platform staff, how close to its
paid-until date a tenant's subscription must be to count as lapsing.

The runtime reads it only from here; `timba.runtime.dashboard_figures` and
`dashboard_tenants` compute it for one viewer, and `dashboard_page` hands it to the template.
"""

from __future__ import annotations

from dataclasses import dataclass

from timba.runtime.imports.context import model_named


@dataclass(frozen=True)
class Measure:
    """A figure or a chart: the count of a resource's rows, or the sum of one of its fields;
    a chart groups it `by` a reference (bars) or `per_week` of a date field (a line)."""

    label: str
    resource: str  # the model's class name
    op: str  # "count" or "sum"
    field: str | None = None
    unit: str = ""
    icon: str = ""
    by: str | None = None
    per_week: str | None = None
    top: int = 0
    weeks: int = 0

    @property
    def kind(self) -> str:
        """'bar' or 'line' for a chart, 'figure' for a card."""
        return "bar" if self.by else "line" if self.per_week else "figure"

    @property
    def model(self):
        return model_named(self.resource)


@dataclass(frozen=True)
class Board:
    figures: tuple[Measure, ...] = ()
    charts: tuple[Measure, ...] = ()
    latest_imports: int = 0
    lapsing_within_days: int = 0


_board = Board()


def register_dashboard(**declared) -> Board:
    """Called by the generated dashboard module on import."""
    global _board
    _board = Board(**declared)
    return _board


def board() -> Board:
    return _board
