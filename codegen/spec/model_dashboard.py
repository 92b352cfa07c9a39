"""The shape of the spec's `dashboard:` section (the admin's first page), as pydantic models.

Cross-references (resources, fields, their types) are checked by `codegen.spec.check_dashboard`.
The docstrings are the JSON Schema's descriptions (`codegen.schema`): write them for someone
editing resources.yaml.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Name = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    """A mapping of resources.yaml: unknown keys are errors (as codegen.spec.model's)."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class DashboardFigureSpec(Strict):
    """A number on a card at the top of the dashboard, over the rows the viewer may list (a
    tenant's own, every tenant's for platform staff): `{count: Log}` or `{sum: Log.volume}`."""

    count: Name | None = None
    """The number of rows of a resource (its CamelCase name)."""
    sum: Name | None = None
    """The total of a number field: `<Resource>.<field>`, e.g. `Log.volume`."""
    label: Name | None = None
    """The card's title; default: the resource's plural (count) or "Total <field>" (sum)."""
    unit: Name | None = None
    """Written after the number, e.g. `m³`."""
    icon: Name | None = None
    """A Material Symbols icon name shown on the card, e.g. `inventory_2`."""


class DashboardChartSpec(Strict):
    """A chart of a count or sum, grouped `by` a reference (a bar per referenced row, the largest
    first) or `per_week` of a date or datetime field (a line over the last weeks)."""

    count: Name | None = None
    """Count the rows of a resource (its CamelCase name)."""
    sum: Name | None = None
    """Add up a number field: `<Resource>.<field>`, e.g. `Log.volume`."""
    by: Name | None = None
    """A reference field of the resource: one bar per referenced row, e.g. `consignment`."""
    per_week: Name | None = None
    """A date or datetime field of the resource (`created_at` counts): one point per week."""
    top: Annotated[int, Field(ge=1, le=50)] = 10
    """With `by`: how many bars, the largest ones (1 to 50). Default: 10."""
    weeks: Annotated[int, Field(ge=1, le=104)] = 12
    """With `per_week`: how many weeks back, this one included (1 to 104). Default: 12."""
    label: Name | None = None
    """The chart's title; default: made from what it adds up and how it groups."""
    unit: Name | None = None
    """Written after the values on the axis, e.g. `m³`."""


class DashboardSpec(Strict):
    """The admin's first page: cards with figures, charts, the latest imports and, from
    `security.subscription`, the seats and subscription of the viewer's tenant (for platform
    staff: every tenant's, and the tenants whose subscription is lapsing)."""

    figures: list[DashboardFigureSpec] = []
    """The cards at the top, in order."""
    charts: list[DashboardChartSpec] = []
    """The charts below them, in order."""
    latest_imports: Annotated[int, Field(ge=0, le=50)] = 5
    """How many of the latest imports to list with their state (0 to 50; 0: none). Default: 5."""
    lapsing_within_days: Annotated[int, Field(ge=0, le=365)] = 14
    """Platform staff see the tenants whose paid-until date falls within this many days (or has
    passed), and those whose status is not active; needs security.subscription. Default: 14."""
