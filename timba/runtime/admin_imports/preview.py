"""What the run page shows of a staged run: the mapping (each column with the field it went to,
the ignored columns, the required fields missing), the counts, a few rows of each kind (an
update with its old → new values), and the errors: one line per error (row, column, value,
reason) and, when there are many, grouped by kind."""

from __future__ import annotations

import re

from timba.import_runs.models import ImportRow
from timba.runtime.imports.engine import preview

SHOWN_ERRORS = 50
GROUP_FROM = 10  # this many errors or more are also shown grouped by kind
WHERE = re.compile(r"^Row \d+(, column '[^']*')?(, value '[^']*')?: ")  # the row and column are columns of their own


def shown(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)  # a spreadsheet's whole number, as it showed it
    return value


def reason(message: str) -> str:
    text = WHERE.sub("", message, count=1)
    return text[:1].upper() + text[1:]


def preview_context(run, descriptor) -> dict:
    data = preview(run)
    labels = {c.name: c.label for c in descriptor.columns}
    mapping = data.get("mapping") or {}
    columns = [
        {"heading": c["heading"], "field": c["field"], "label": labels.get(c["field"], c["field"]), "unit": c.get("unit"), "number": c["index"] + 1}
        for c in mapping.get("columns", [])
    ]
    headings = list(run.headings)
    samples = {}
    for action, rows in data["samples"].items():
        samples[action] = [
            {
                "row": r["row"],
                "cells": [shown(v) for v in (r["cells"] + [None] * (len(headings) - len(r["cells"])))[: len(headings)]],
                "changes": [(labels.get(f, f), old, new) for f, (old, new) in (r.get("changes") or {}).items()],
                "errors": r.get("errors", []),
            }
            for r in rows
        ]
    errors = []
    for row in ImportRow.objects.filter(run=run, action=ImportRow.Action.ERROR).order_by("number").only("number", "errors")[:SHOWN_ERRORS]:
        for e in row.errors:
            errors.append({"row": row.number, "column": e.get("column") or "", "value": "" if e.get("value") is None else e.get("value"),
                           "reason": reason(e.get("message", "")), "message": e.get("message", ""), "kind": e.get("kind", "")})
    return {
        "mapping_columns": columns,
        "ignored": mapping.get("ignored", []),
        "missing": [labels.get(name, name) for name in mapping.get("missing", [])],
        "counts": data["counts"],
        "headings": headings,
        "samples": samples,
        "sample_kinds": [(kind, title, samples.get(kind, [])) for kind, title in (("new", "New rows"), ("updated", "Updated rows"), ("unchanged", "Unchanged rows"))],
        "error_list": errors,
        "errors_shown": min(run.errors, SHOWN_ERRORS),
        "error_groups": data["errors"] if run.errors >= GROUP_FROM else [],
    }
