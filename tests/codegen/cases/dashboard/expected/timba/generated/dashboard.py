# generated from resources.yaml by codegen 0.1.0 — do not edit

"""The admin's dashboard declared in resources.yaml, registered into timba.runtime.dashboard when the admin loads."""

from timba.runtime.dashboard import Measure, register_dashboard

# the cards at the top: a count of a resource's rows or a sum of one of its fields
FIGURES = (
    Measure(label="Fields", resource="Field", op="count"),
    Measure(label="Harvests", resource="Harvest", op="count", icon="agriculture"),
    Measure(label="Total tonnes", resource="Harvest", op="sum", field="tonnes", unit="t"),
    Measure(label="Total crates", resource="Harvest", op="sum", field="crates"),
)

# the charts: grouped by a reference (bars, the largest first) or per week (a line)
CHARTS = (
    Measure(label="Tonnes per field", resource="Harvest", op="sum", field="tonnes", unit="t", by="field", top=5),
    Measure(label="Crop harvests per farm", resource="Harvest", op="count", by="farm", top=10),
    Measure(label="Crates picked", resource="Harvest", op="sum", field="crates", per_week="picked_on", weeks=26),
    Measure(label="Fields per week", resource="Field", op="count", per_week="created_at", weeks=12),
)

LATEST_IMPORTS = 0

# platform staff: tenants whose subscription ends within this many days, or is not active
LAPSING_WITHIN_DAYS = 30

register_dashboard(
    figures=FIGURES,
    charts=CHARTS,
    latest_imports=LATEST_IMPORTS,
    lapsing_within_days=LAPSING_WITHIN_DAYS,
)
