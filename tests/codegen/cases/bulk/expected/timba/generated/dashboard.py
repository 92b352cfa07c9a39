# generated from resources.yaml by codegen 0.1.0 — do not edit

"""The admin's dashboard declared in resources.yaml, registered into timba.runtime.dashboard when the admin loads."""

from timba.runtime.dashboard import register_dashboard

# the cards at the top: a count of a resource's rows or a sum of one of its fields
FIGURES = ()

# the charts: grouped by a reference (bars, the largest first) or per week (a line)
CHARTS = ()

LATEST_IMPORTS = 5

# platform staff: tenants whose subscription ends within this many days, or is not active
LAPSING_WITHIN_DAYS = 0

register_dashboard(
    figures=FIGURES,
    charts=CHARTS,
    latest_imports=LATEST_IMPORTS,
    lapsing_within_days=LAPSING_WITHIN_DAYS,
)
