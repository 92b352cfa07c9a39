"""IR → timba/generated/api.py: one django-ninja router per resource, thin functions that call
the shared services and selectors in timba.runtime."""

from __future__ import annotations

from codegen.emit.exports import export_imports, export_route
from codegen.emit.source import Module, call, indent, literal
from codegen.ir import Nested, Project, Resource


def _row_id(res: Resource) -> str:
    """The type of an `{id}` path parameter: an id of the resource's rows (its column's range)."""
    low, high = res.id_range
    return f"Annotated[int, Path(ge={literal(low)}, le={literal(high)})]"


def _links(project: Project, res: Resource) -> str:
    """`openapi_extra` of the create route: OpenAPI links from its 201 answer's `id` to the
    operations that take that id (get, update, replace, delete, and the seed routes' get,
    update and delete), and to the creates (REST and seed) of the rows that refer to it, for
    clients and for schemathesis' stateful tests."""
    ops = set(res.operations)
    targets = {"get": "get"} if "get" in ops else {}
    if "update" in ops:
        targets |= {"update": "update", "replace": "replace"}
    if "delete" in ops:
        targets["delete"] = "delete"
    linked = {name: f"{res.snake}_{op}" for name, op in targets.items()}
    leg = res.legacy
    seed = {f"seed_{op}": f"seed_{res.snake}_{op}" for op in ("get", "update", "delete") if leg and op in leg.operations}
    children = {}
    for child in project.resources:
        for field in child.input_fields:
            if field.is_reference and field.target == res.name:
                if "create" in child.operations:
                    children[f"{child.snake}_create"] = (f"{child.snake}_create", field.attname)
                if child.legacy and "create" in child.legacy.operations:
                    children[f"seed_{child.snake}_create"] = (f"seed_{child.snake}_create", field.attname)
    if not (linked or seed or children):
        return ""
    kw = {}
    if seed:
        kw |= {"seed": literal(seed), "seed_id": literal(leg.id_params[0])}
    if children:
        kw["children"] = literal(children)
    return call("created_links", literal(linked), **kw)


def _nested_route(project: Project, res: Resource, nested: Nested) -> str:
    """`GET /<plural>/{id}/<name>`: the child's list narrowed to one parent row, with the child's
    query parameters. The id is `{id}` unless the child's list has a parameter of that name."""
    child = project.resource(nested.child)
    taken = child.list_query_params
    pk = "id" if "id" not in taken else f"{res.snake}_id"
    while pk in taken:  # the child's list filters a field of that name too
        pk += "_"
    func, c = f"{res.snake}_{nested.name}_list", child.name
    return (
        f'@{res.snake}_router.get("/{res.plural}/{{{pk}}}/{nested.name}", response={c}Page, operation_id="{func}")\n'
        f"def {func}(request, {pk}: {_row_id(res)}, params: Query[{c}ListQuery]):\n"
        f'    """List the {child.doc_label_plural} of one {res.doc_label}, a page at a time (limit/offset or cursor), filtered and ordered as on /{child.plural}; 404 when there is no such {res.doc_label}."""\n'
        f"    rows = nested_list(request, model={c}, parent={res.name}, field={literal(nested.field)}, pk={pk})\n"
        f"    return list_page(request, rows, params, {c}Page)"
    )


def _import_route(project: Project, res: Resource) -> str:
    """`POST /<plural>/imports` (multipart): upload a file to import (timba.runtime.imports.http);
    staff may name the tenant the rows go to by its reference's `<name>_id`."""
    r, func = f"{res.snake}_router", f"{res.snake}_import"
    params, tenant = "file: File[UploadedFile]", "None"
    if res.tenant not in (None, "self"):
        field = res.field(res.tenant)
        low, high = project.resource(field.target).id_range
        params += f", {field.attname}: int = Form(None, ge={literal(low)}, le={literal(high)})"
        tenant = field.attname
    params += ", dry_run: bool = Form(False, description=DRY_RUN)"
    return (
        f'@{r}.post("/{res.plural}/imports", response={{202: ImportRunOut}}, operation_id="{func}", '
        f"openapi_extra=upload_openapi({literal(res.doc_label_plural)}))\n"
        f"def {func}(request, response: HttpResponse, {params}):\n"
        f'    """Upload a CSV, TSV, XLSX, XLS or ODS file of {res.doc_label_plural} to import: it is read and staged (a preview, nothing written), in-line when small, else as a job; 202 with Location, the run to GET, confirm, undo or cancel. Needs the import permission."""\n'
        f"    return import_start(request, response, model={res.name}, file=file, tenant={tenant}, dry_run=dry_run)"
    )


def _router(project: Project, res: Resource) -> list[str]:
    r, n, p = f"{res.snake}_router", res.name, res.plural
    blocks = [f'{r} = Router(tags=["{p}"])']
    ops = set(res.operations)
    if "list" in ops:
        blocks.append(
            f'@{r}.get("/{p}", response={n}Page, operation_id="{res.snake}_list")\n'
            f"def {res.snake}_list(request, params: Query[{n}ListQuery]):\n"
            f'    """List {res.doc_label_plural}, a page at a time (limit/offset or cursor), filtered and ordered as asked."""\n'
            f"    return list_page(request, entity_list(request, model={n}), params, {n}Page)"
        )
    if res.bulk_key:  # before /{id}, which would otherwise take "bulk" for an id
        blocks.append(
            f'@{r}.post("/{p}/bulk", response={n}BulkResult, operation_id="{res.snake}_bulk")\n'
            f"def {res.snake}_bulk(request, payload: {n}Bulk):\n"
            f'    """Create or update up to {res.bulk_max_items} {res.doc_label_plural} at once, matched on ({", ".join(res.bulk_key)}); all or nothing: any invalid item is a 422 (409 for a conflict) naming its index, and nothing is written. Needs the create and update permissions."""\n'
            f"    data = [item.model_dump() for item in payload.items]\n"
            f"    return entity_bulk(request.user, model={n}, items=data, key={literal(res.bulk_key)})"
        )
    if res.import_export:  # before /{id} too
        blocks.append(export_route(res))
        blocks.append(_import_route(project, res))
    if "get" in ops:
        blocks.append(
            f'@{r}.get("/{p}/{{id}}", response={{200: {n}Out, 304: None}}, operation_id="{res.snake}_get", openapi_extra=versions.marked(versions.READ))\n'
            f"def {res.snake}_get(request, id: {_row_id(res)}, response: HttpResponse):\n"
            f'    """Fetch one {res.doc_label} by id, with its ETag; 304 when If-None-Match names it."""\n'
            f"    return versions.answer_get(request, response, {n}Out, entity_get(request, model={n}, pk=id))"
        )
    blocks += [_nested_route(project, res, nested) for nested in res.nested]
    if "create" in ops:
        links = _links(project, res)
        extra = f", openapi_extra={res.snake}_created_links" if links else ""
        if links:  # the OpenAPI links of its 201 answer, for clients and stateful tests
            blocks.append(f"{res.snake}_created_links = {links}")
        blocks.append(
            f'@{r}.post("/{p}", response={{201: {n}Out}}, operation_id="{res.snake}_create"{extra})\n'
            f"def {res.snake}_create(request, payload: {n}Create):\n"
            f'    """Create {res.a_label}."""\n'
            f"    return Status(201, entity_create(request.user, model={n}, data=payload.model_dump()))"
        )
    if "update" in ops:
        blocks.append(
            f'@{r}.patch("/{p}/{{id}}", response={n}Out, operation_id="{res.snake}_update", openapi_extra=versions.marked(versions.WRITE))\n'
            f"def {res.snake}_update(request, id: {_row_id(res)}, payload: {n}Patch, response: HttpResponse):\n"
            f'    """Change some fields of {res.a_label}; keys left out stay as they are. 412 when If-Match is stale."""\n'
            f"    data = payload.model_dump(exclude_unset=True)\n"
            f"    row = entity_update(request.user, model={n}, pk=id, data=data, expected=versions.if_match(request), out={n}Out)\n"
            f"    return versions.tagged(response, {n}Out, row)"
        )
        blocks.append(
            f'@{r}.put("/{p}/{{id}}", response={n}Out, operation_id="{res.snake}_replace", openapi_extra=versions.marked(versions.WRITE))\n'
            f"def {res.snake}_replace(request, id: {_row_id(res)}, payload: {n}Create, response: HttpResponse):\n"
            f'    """Replace {res.a_label}: the body is a whole create payload, keys left out take their defaults. 412 when If-Match is stale."""\n'
            f"    data = payload.model_dump()\n"
            f"    row = entity_replace(request.user, model={n}, pk=id, data=data, expected=versions.if_match(request), out={n}Out)\n"
            f"    return versions.tagged(response, {n}Out, row)"
        )
    if "delete" in ops:
        blocks.append(
            f'@{r}.delete("/{p}/{{id}}", response={{204: None}}, operation_id="{res.snake}_delete", openapi_extra=versions.marked(versions.WRITE))\n'
            f"def {res.snake}_delete(request, id: {_row_id(res)}):\n"
            f'    """Delete {res.a_label}. 412 when If-Match is stale."""\n'
            f"    entity_delete(request.user, model={n}, pk=id, expected=versions.if_match(request), out={n}Out)\n"
            f"    return Status(204, None)"
        )
    return blocks


def emit_api(project: Project) -> dict[str, str]:
    mod = Module("django-ninja routers for every resource, mounted under /api/v1/ by timba.urls.")
    mod.need(
        "from django.http import HttpResponse",
        "from ninja import Query, Router, Status",
        "from timba.runtime import versions",
        "from timba.runtime.listing import list_page",
        "from timba.runtime.selectors import entity_get, entity_list",
        "from timba.runtime.services import entity_create, entity_delete, entity_replace, entity_update",
    )
    if any(res.bulk_key for res in project.resources):
        mod.need("from timba.runtime.services import entity_bulk")
    if any(res.nested for res in project.resources):
        mod.need("from timba.runtime.selectors import nested_list")
    if any(res.import_export for res in project.resources):
        mod.need(
            "from ninja import File, UploadedFile",
            "from ninja import Form",
            "from timba.runtime.imports.http import DRY_RUN, ImportRunOut, import_start, upload_openapi",
        )
    if any(res.nested or {"get", "update", "delete"} & set(res.operations) for res in project.resources):
        mod.need("from ninja import Path", "from typing import Annotated")
    if any("create" in res.operations and _links(project, res) for res in project.resources):
        mod.need("from timba.runtime.api import created_links")
    for res in project.resources:
        mod.need(f"from timba.models import {res.name}", f"from timba.hooks import {res.snake} as {res.snake}_hooks")
        suffixes = ("Create", "ListQuery", "Out", "Page", "Patch") if "list" in res.operations else ("Create", "Out", "Page", "Patch")
        suffixes += ("Bulk", "BulkResult") if res.bulk_key else ()
        names = sorted(f"{res.name}{s}" for s in suffixes)
        mod.need(f"from timba.generated.schemas import {', '.join(names)}")
        mod.need(*export_imports(res))
        for block in _router(project, res):
            mod.add(block)
    routers = "\n".join(f"({r.snake}_hooks, {r.snake}_router)," for r in project.resources)
    mod.add("ROUTERS = [\n" + indent(routers) + "\n]")
    mod.add(
        "def register(api):\n"
        '    """Mount every router on `api`, after the hooks module of each resource added its own\n'
        '    endpoints (`extend_router(router)`, when it defines one)."""\n'
        "    for hooks, router in ROUTERS:\n"
        '        extend = getattr(hooks, "extend_router", None)\n'
        "        if extend is not None:\n"
        "            extend(router)\n"
        '        api.add_router("/", router)'
    )
    return {"timba/generated/api.py": mod.render()}
