"""IR → timba/generated/legacy.py: the seed's routes (`legacy:` sections) on one router, each a
one-line call into timba.runtime.legacy, which maps the seed's parameters and answers and uses
the shared services and selectors."""

from __future__ import annotations

from codegen.emit.resources import natural_lookup
from codegen.emit.source import Module, _wrapped, call, literal
from codegen.ir import Project, Resource

VERBS = {"create": "put", "get": "get", "update": "patch", "delete": "delete"}
DOCS = {
    "create": "Create {a} (the seed's PUT {path}).",
    "get": "Fetch one {label} by id (the seed's GET {path}), with its ETag; 304 when If-None-Match names it.",
    "update": "Change some fields of {a} (the seed's PATCH {path}). 412 when If-Match is stale.",
    "delete": "Delete {a} (the seed's DELETE {path}). 412 when If-Match is stale.",
    "collection": "The {plural} of one {by} (the seed's GET {path}).",
}


def lookups(project: Project, res: Resource) -> dict[str, str]:
    """Seed parameter → the field of the referenced row a non-integer value names it by (a
    role's `name`), for the aliases of references whose target has a single-field natural key."""
    by_key = {f.attname: f for f in res.fields}
    out = {}
    for seed, key in res.legacy.params:
        field = by_key.get(key)
        if field is not None and (field.is_reference or field.is_many):
            lookup = natural_lookup(project, field)
            if lookup != "pk":
                out[seed] = lookup
    return out


def _declaration(project: Project, res: Resource) -> str:
    leg = res.legacy
    ops = set(leg.operations)
    kwargs = {"out": f"{res.name}Out"}
    if "create" in ops:
        kwargs["create"] = f"{res.name}Create"
    if "update" in ops:
        kwargs["patch"] = f"{res.name}Patch"
    if ops - {"create"}:
        kwargs["id_params"] = literal(leg.id_params)
    if leg.params:
        kwargs["params"] = literal(dict(leg.params))
    many = tuple(f.name for f in res.input_fields if f.is_many)
    if many:
        kwargs["many"] = literal(many)
    names = lookups(project, res)
    if names:
        kwargs["lookups"] = literal(names)
    if leg.messages:
        kwargs["messages"] = _wrapped(dict(leg.messages), len("    messages="), 1, 100)
    if leg.collection_path:
        kwargs["collection_by"] = literal(leg.collection_by)
        kwargs["collection_params"] = literal(leg.collection_params)
        kwargs["collection_key"] = literal(leg.collection_key)
        kwargs["collection_max_items"] = literal(leg.collection_max_items)
    if ops - {"create"} or leg.collection_path:
        kwargs["id_range"] = literal(leg.id_range)
    linked = {op: f"seed_{res.snake}_{op}" for op in ("get", "update", "delete") if op in ops}
    if "create" in ops and linked:
        kwargs["links"] = literal(linked)
    return f"{res.snake}_seed = " + call("legacy.LegacyResource", res.name, **kwargs)


def _route(res: Resource, op: str) -> str:
    leg = res.legacy
    var = f"{res.snake}_seed"
    if op == "collection":
        verb, path, response = "get", leg.collection_path, f"{var}.listed"
    else:
        verb, path = VERBS[op], leg.path
        response = {"create": f"{{201: {var}.created}}", "get": f"{{200: {var}.answer, 304: None}}"}.get(
            op, "legacy.Message"
        )
    func = f"seed_{res.snake}_{'list' if op == 'collection' else op}"
    doc = DOCS[op].format(
        a=res.a_label, label=res.doc_label, plural=res.doc_label_plural, path=path,
        by=(leg.collection_by or "").removesuffix("_id").replace("_", " "),
    )
    decorator = call(
        f"@router.{verb}",
        literal(f"/{path}"),
        response=response,
        operation_id=literal(func),
        openapi_extra=f"{var}.doc({literal(op)})",
    )
    method = "collection" if op == "collection" else op
    # GET and PATCH set the ETag header on the response ninja answers with, a collection its Link
    with_response = op in {"get", "update", "collection"}
    params, args = ("request, response: HttpResponse", "request, response") if with_response else ("request", "request")
    return f'{decorator}\ndef {func}({params}):\n    """{doc}"""\n    return {var}.{method}({args})'


def emit_legacy(project: Project) -> dict[str, str]:
    mod = Module(
        "The seed's routes (`legacy:` in resources.yaml), served under /timba/ and /timbba/ by timba.urls."
    )
    mod.need("from ninja import Router")
    mod.add('router = Router(tags=["seed routes"])')
    for res in project.resources:
        leg = res.legacy
        if leg is None:
            continue
        # the module, not its names: a resource may be called Message
        mod.need("from timba.runtime import legacy", f"from timba.models import {res.name}")
        if {"get", "update"} & set(leg.operations) or leg.collection_path:
            mod.need("from django.http import HttpResponse")
        schemas = [f"{res.name}Out"]
        if "create" in leg.operations:
            schemas.append(f"{res.name}Create")
        if "update" in leg.operations:
            schemas.append(f"{res.name}Patch")
        mod.need(f"from timba.generated.schemas import {', '.join(schemas)}")
        mod.add(_declaration(project, res))
        for op in leg.operations:
            mod.add(_route(res, op))
        if leg.collection_path:
            mod.add(_route(res, "collection"))
    return {"timba/generated/legacy.py": mod.render()}
