# generated from resources.yaml by codegen 0.1.0 — do not edit

"""The admin's dashboard declared in resources.yaml, registered into timba.runtime.dashboard when the admin loads."""

from timba.runtime.dashboard import Measure, register_dashboard

# the cards at the top: a count of a resource's rows or a sum of one of its fields
FIGURES = (
    Measure(label="Consignments", resource="Consignment", op="count", icon="local_shipping"),
    Measure(label="Timber logs", resource="Log", op="count", icon="forest"),
    Measure(label="Total volume", resource="Log", op="sum", field="volume", unit="m³", icon="deployed_code"),
)

# the charts: grouped by a reference (bars, the largest first) or per week (a line)
CHARTS = (
    Measure(label="Volume per consignment", resource="Log", op="sum", field="volume", unit="m³", by="consignment", top=10),
    Measure(label="Volume per week", resource="Log", op="sum", field="volume", unit="m³", per_week="created_at", weeks=12),
)

LATEST_IMPORTS = 5

# platform staff: tenants whose subscription ends within this many days, or is not active
LAPSING_WITHIN_DAYS = 14

register_dashboard(
    figures=FIGURES,
    charts=CHARTS,
    latest_imports=LATEST_IMPORTS,
    lapsing_within_days=LAPSING_WITHIN_DAYS,
)
