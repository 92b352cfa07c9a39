"""A write's problems as the API answers them: the items' errors in one RFC 9457 Problem.

One row: 422 `{loc: ["body", <field>]}` (409 when every problem is a conflict with other rows,
naming the fields in the detail). A batch: every failing item, `loc: ["body", "items", <index>,
<field>]`, with nothing written (409 when every problem is a conflict)."""

from __future__ import annotations

from timba.runtime.problems import Problem

SHOWN_ITEMS = 10


def _loc(prefix: list, name) -> list:
    return [*prefix, name] if name else list(prefix)


def _entries(prefix: list, errors: list[dict]) -> list[dict]:
    out = []
    for error in errors:
        names = error["fields"] if error["type"] in {"unique"} and error["fields"] else (error["name"],)
        out += [{"loc": _loc(prefix, name), "msg": error["msg"], "type": error["type"]} for name in names]
    return out


def problem(model, items, *, batch: bool, verb: str = "saved") -> Problem | None:
    failing = [i for i in items if i.errors]
    if not failing:
        return None
    meta = model._meta
    if batch:
        entries = [e for item in failing for e in _entries(["body", "items", item.index], item.errors)]
        status = 409 if all(i.conflicting for i in failing) else 422
        where = ", ".join(str(i.index) for i in failing[:SHOWN_ITEMS]) + (", …" if len(failing) > SHOWN_ITEMS else "")
        first = failing[0].errors[0]["msg"].rstrip(".")
        detail = f"{len(failing)} of {len(items)} {meta.verbose_name_plural} cannot be {verb} (items {where}; item {failing[0].index}: {first}); nothing was written."
        return Problem(status, detail, errors=entries)
    item = failing[0]
    if item.conflicting:
        first = item.errors[0]
        fields = first["fields"]
        detail = f"{first['msg']} (field: {', '.join(fields)})" if fields else first["msg"]
        return Problem(409, detail, errors=_entries(["body"], item.errors))
    missing = all(e["type"] == "does_not_exist" for e in item.errors)
    title = "refers to rows that do not exist" if missing else "is not valid"
    return Problem(422, f"The {meta.verbose_name} {title}.", errors=_entries(["body"], item.errors))
