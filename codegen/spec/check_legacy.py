"""Checks of each resource's `legacy:` section (the seed-compatible routes): URL paths that are
valid and distinct, parameters that name real fields (an alias of a many-reference, which the
answers echo as `<alias>_id`, must not hide an output field), operations the api offers. Problems are
`(loc, on_key, message)` like `check`."""

from __future__ import annotations

import re

from codegen.field_types import MANY, ONE, field_type
from codegen.spec.errors import did_you_mean
from codegen.spec.model import ResourceSpec, SpecFile

PATH = re.compile(r"^[a-z][a-z0-9_-]*$")
PARAM = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Paths the legacy API serves itself.
RESERVED_PATHS = {"docs", "openapi", "openapi.json"}
# The query parameters a collection pages with (timba.runtime.legacy, as the REST lists).
PAGE_PARAMS = ("limit", "offset", "cursor")


def _path(loc, value, taken: dict[str, str], owner: str):
    if not PATH.match(value):
        yield loc, False, f"legacy path '{value}' must be one URL segment of lowercase letters, digits, '-' or '_'"
    elif value in RESERVED_PATHS:
        yield loc, False, f"legacy path '{value}' is reserved for the API's documentation"
    elif value in taken:
        yield loc, False, f"legacy path '{value}' is already used by {taken[value]}"
    else:
        taken[value] = owner


def _params(loc, names, what):
    for i, name in enumerate(names):
        if not PARAM.match(name):
            yield (*loc, i), False, f"{what} '{name}' must be a plain parameter name (letters, digits, '_')"
    if len(set(names)) != len(names):
        yield loc, False, f"{what} must be distinct"


def _output_names(res: ResourceSpec) -> set[str]:
    """The keys of the resource's API output: implicit fields, fields (a reference as
    `<name>_id`) and aggregates."""
    names = {"id", "created_at", "updated_at", "is_active", "is_staff", *res.aggregates}
    for fname, spec in res.fields.items():
        names |= {fname, f"{fname}_id"} if field_type(spec.type).relation == ONE else {fname}
    return names


def _resource(name: str, res: ResourceSpec, taken: dict[str, str]):
    legacy = res.legacy
    base = ("resources", name, "legacy")
    yield from _path((*base, "path"), legacy.path, taken, name)
    ops = legacy.operations
    if len(set(ops)) != len(ops):
        yield (*base, "operations"), False, "legacy operations must be distinct"
    for i, op in enumerate(ops):
        if op not in res.api.operations:
            yield (*base, "operations", i), False, f"legacy {op} needs the api operation '{op}', which api operations leave out"
    by_id = [op for op in ops if op != "create"]
    yield from _params((*base, "id_params"), legacy.id_params, "id_params")
    if by_id and not legacy.id_params:
        yield (*base, "id_params"), False, f"legacy {by_id[0]} needs at least one id parameter"
    writable = {f for f, spec in res.fields.items() if not (spec.computed or spec.derived_from or spec.auto)}
    for param, field in legacy.params.items():
        where = (*base, "params", param)
        if not PARAM.match(param):
            yield where, True, f"legacy parameter '{param}' must be a plain name (letters, digits, '_')"
        elif param in legacy.id_params:
            yield where, True, f"'{param}' is already an id parameter (id_params)"
        if field not in res.fields:
            yield where, False, f"legacy parameter '{param}' names unknown field '{field}'{did_you_mean(field, res.fields)}"
        elif field not in writable:
            yield where, False, (
                f"'{field}' is set by the server (computed, derived or auto), so '{param}' cannot set it; "
                "leave it out (parameters the resource does not take are ignored)"
            )
        elif field_type(res.fields[field].type).relation == MANY and f"{param}_id" in _output_names(res):
            yield where, True, (
                f"the seed's answers carry '{param}_id' for '{param}' (the first of '{field}'), "
                f"which would hide the output field '{param}_id'; choose another parameter name"
            )
    for op in legacy.messages:
        if op == "get":
            yield (*base, "messages", op), True, "get answers with the row itself and takes no message"
        elif op not in ops:
            yield (*base, "messages", op), True, f"a message for {op}, which legacy operations leave out"
    coll = legacy.collection
    if coll is not None:
        cloc = (*base, "collection")
        yield from _path((*cloc, "path"), coll.path, taken, name)
        if "list" not in res.api.operations:
            yield cloc, True, "a legacy collection needs the api operation 'list', which api operations leave out"
        references = [f for f, spec in res.fields.items() if field_type(spec.type).relation == ONE]
        if coll.by not in references:
            yield (*cloc, "by"), False, f"collection 'by' must name a reference field; '{coll.by}' is not{did_you_mean(coll.by, references)}"
        if coll.key is not None and not PARAM.match(coll.key):
            yield (*cloc, "key"), False, f"collection key '{coll.key}' must be a plain name (letters, digits, '_')"
        for param in legacy.params:
            if param in PAGE_PARAMS:
                yield (*base, "params", param), True, (
                    f"'{param}' is a page parameter of the collection ({', '.join(PAGE_PARAMS)}); choose another name"
                )


def check_legacy(spec: SpecFile):
    taken: dict[str, str] = {}
    for name, res in spec.resources.items():
        if res.legacy is not None:
            yield from _resource(name, res, taken)
