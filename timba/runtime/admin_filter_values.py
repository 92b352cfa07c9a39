"""A change list's filter values the database can compare: a whole number past what the
filtered column holds (a key typed into the URL, `?consignment__id__exact=99999999999999999999`)
is a bad lookup, which the admin answers as it answers `?consignment__id__exact=abc` (its
"?e=1" page), not a database error (SQLite cannot even take it as a parameter: a 500)."""

from __future__ import annotations

from django.contrib.admin.options import IncorrectLookupParameters
from django.db import connections, models


def check(filter_specs, using: str) -> None:
    """Raise IncorrectLookupParameters for a filter value out of its integer column's range."""
    ops = connections[using].ops
    for spec in filter_specs:
        field = getattr(spec, "field", None)
        if field is None:
            continue
        target = field.target_field if field.is_relation else field
        if not isinstance(target, models.IntegerField):  # AutoField and BigAutoField included
            continue
        low, high = ops.integer_field_range(target.get_internal_type())
        for values in spec.used_parameters.values():
            for value in values if isinstance(values, list | tuple) else [values]:
                for part in str(value).split(","):  # an `__in` lookup's list
                    try:
                        number = int(part)
                    except ValueError:
                        continue  # not a number: the filter's own check answers it
                    if (low is not None and number < low) or (high is not None and number > high):
                        raise IncorrectLookupParameters(f"{number} is out of range for {field.name}")
