"""Row versions for optimistic concurrency: `ETag` on reads, `If-Match` on writes (RFC 9110 §8.8.3, §13.1).

The ETag of a row is a strong validator: a hash of the row as the API returns it (its <Name>Out
JSON), so it changes whenever anything the client can see changes and works for resources
without timestamps. GET one answers `ETag: "<hash>"` (and 304 to a matching `If-None-Match`);
PATCH and PUT answer the new ETag. A PATCH, PUT or DELETE carrying `If-Match` is refused with
412 when no listed tag matches the row's current one (`*` matches any existing row); the
services check and write under a row lock (`select_for_update`), so two people editing the same
row cannot both win. Without `If-Match` the write proceeds as before (last write wins).

`document_versions` declares all of this in an OpenAPI document: the `If-None-Match` / `If-Match`
header parameters, the `ETag` response header and the 304 / 412 responses, on the operations
that really read or check versions (marked `x-timba-versions` by the route: see `marked`).
"""

from __future__ import annotations

import hashlib

from django.http import HttpResponse

from timba.runtime.problems import CONTENT_TYPE, PROBLEM_HELP, PROBLEM_SCHEMA, Problem

MARK = "x-timba-versions"  # an operation's openapi_extra key: READ or WRITE, removed from the document
READ, WRITE = "read", "write"


def etag_of(out, instance) -> str:
    """The quoted strong ETag of `instance` as serialised by the output schema `out`."""
    body = out.from_orm(instance).model_dump_json()
    return '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'


def _tags(header: str) -> list[str]:
    """The entity tags of an If-Match / If-None-Match list, weak ones marked by their W/ prefix."""
    return [tag.strip() for tag in header.split(",") if tag.strip()]


def matches(header: str, current: str, *, weak: bool = False) -> bool:
    """Does the header's tag list name `current`? Strong comparison unless `weak` (If-None-Match)."""
    for tag in _tags(header):
        if tag == "*":
            return True
        if tag.startswith("W/"):
            if weak and tag[2:] == current:
                return True
            continue
        if tag == current:
            return True
    return False


def if_match(request) -> str | None:
    """The request's If-Match header, which a route hands to the write as the version it expects."""
    return request.headers.get("If-Match")


def require_match(header: str | None, out, instance) -> None:
    """412 unless `header` (an If-Match value, when the caller sent one) names the row's current
    version, the ETag of `instance` as `out` serialises it."""
    if header is None or out is None:
        return
    current = etag_of(out, instance)
    if not matches(header, current):
        name = instance._meta.verbose_name
        raise Problem(
            412,
            f"The {name} changed since it was read (If-Match does not match its current ETag); "
            f"fetch it again, reapply the change and retry.",
            headers={"ETag": current},
        )


def tagged(response: HttpResponse, out, instance):
    """Set the row's ETag on the response ninja will answer with; return the row."""
    response["ETag"] = etag_of(out, instance)
    return instance


def answer_get(request, response: HttpResponse, out, instance):
    """The row with its ETag, or an empty 304 when the client's If-None-Match already names it."""
    current = etag_of(out, instance)
    header = request.headers.get("If-None-Match")
    if header is not None and matches(header, current, weak=True):
        not_modified = HttpResponse(status=304)
        not_modified["ETag"] = current
        return not_modified
    response["ETag"] = current
    return instance


# --- OpenAPI: the conditional headers and responses ----------------------------------------

IF_NONE_MATCH = {
    "in": "header",
    "name": "If-None-Match",
    "required": False,
    "schema": {"type": "string"},
    "description": 'ETags the client holds (`"<etag>"`, a comma-separated list, or `*`): the answer is an '
    "empty 304 when one names the current version.",
}
IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": False,
    "schema": {"type": "string"},
    "description": 'The ETag the change is based on (`"<etag>"`, a comma-separated list, or `*` for any '
    "existing row): 412 and nothing written when it is no longer current. Without it the write is "
    "unconditional.",
}
ETAG = {"description": "The row's current version (a strong ETag)", "required": True, "schema": {"type": "string"}}
NOT_MODIFIED = "Not modified: If-None-Match names the current version; no body"


def marked(kind: str) -> dict:
    """`openapi_extra` for a route that reads (READ: answers the ETag, 304 to If-None-Match) or
    checks (WRITE: If-Match, 412) row versions; a hand-written route that does so passes it too."""
    return {MARK: kind}


def _response(responses: dict, status: int, default: dict) -> dict:
    """The response declared for `status` (ninja's keys are ints, a rendered document's text)."""
    for code, response in responses.items():
        if str(code) == str(status):
            return response
    responses[status] = default
    return default


def _with_header(operation: dict, parameter: dict) -> None:
    parameters = operation.get("parameters") or []
    name = parameter["name"].lower()
    if not any(p.get("in") == "header" and str(p.get("name", "")).lower() == name for p in parameters):
        operation["parameters"] = [*parameters, dict(parameter)]  # a new list: ninja may share the old one


def _tag(response: dict) -> None:
    response["headers"] = {**response.get("headers", {}), "ETag": dict(ETAG)}


def document_versions(schema: dict) -> dict:
    """Declare on every operation that reads or checks versions its conditional
    header parameter, the ETag it answers, and its 304 or 412 (only routes marked by `marked`:
    a route of another shape is never promised a check it does not make); drop the marks."""
    problem = {CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            kind = operation.pop(MARK, None)  # set by `marked`; unmarked routes make no version promise
            responses = operation["responses"]
            if kind == READ:
                _with_header(operation, IF_NONE_MATCH)
                _tag(_response(responses, 200, {"description": "OK"}))
                not_modified = _response(responses, 304, {})
                not_modified.pop("content", None)
                not_modified["description"] = NOT_MODIFIED
                _tag(not_modified)
            elif kind == WRITE:
                _with_header(operation, IF_MATCH)
                if method != "delete":
                    for code, response in responses.items():
                        if str(code).startswith("2"):
                            _tag(response)
                _tag(_response(responses, 412, {"description": PROBLEM_HELP[412], "content": problem}))
                schema.setdefault("components", {}).setdefault("schemas", {}).setdefault("Problem", PROBLEM_SCHEMA)
    return schema
