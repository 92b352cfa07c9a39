"""RFC 9457 problem details: the one shape of every API error.

`Problem` is raised by services; `install_handlers(api)` turns it and every other exception the
API can meet into `application/problem+json`, without tracebacks.
"""

import logging
from http import HTTPStatus

import orjson
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404, HttpResponse
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

logger = logging.getLogger("timba.api")
CONTENT_TYPE = "application/problem+json"


class Problem(Exception):
    """An error with an HTTP status, a one-line detail and, for validation, per-field errors."""

    def __init__(self, status: int, detail: str, *, errors: list[dict] | None = None, title: str | None = None, headers: dict | None = None):
        super().__init__(detail)
        self.headers = headers
        self.status = status
        self.detail = detail
        self.errors = errors
        self.title = title or HTTPStatus(status).phrase


def problem_response(status: int, detail: str, *, errors=None, title=None, headers=None, extra=None) -> HttpResponse:
    """The problem+json answer; `extra` members go beside the standard ones (the seed's `error`)."""
    body = {"type": "about:blank", "title": title or HTTPStatus(status).phrase, "status": status, "detail": detail}
    if errors is not None:
        body["errors"] = errors
    body.update(extra or {})
    response = HttpResponse(orjson.dumps(body), status=status, content_type=CONTENT_TYPE)
    for key, value in (headers or {}).items():
        response[key] = value
    return response


def _ninja_loc(loc) -> list:
    # ninja reports ("body", "payload", "field"); callers know the body only by its fields.
    loc = list(loc)
    if len(loc) >= 2 and loc[0] == "body":
        del loc[1]
    return loc


LONG_PATTERN = 80  # a pattern longer than this is named, not quoted, in a problem's message


def message(error: dict) -> str:
    """pydantic's message, without quoting a long pattern (an e-mail address's, the ids an `__in`
    list may hold): the OpenAPI document gives it."""
    pattern = (error.get("ctx") or {}).get("pattern")
    if error.get("type") == "string_pattern_mismatch" and isinstance(pattern, str) and len(pattern) > LONG_PATTERN:
        return "String should match the pattern the OpenAPI document gives for it"
    return error.get("msg", "")


def _validation(request, exc: NinjaValidationError):
    errors = [{"loc": _ninja_loc(e.get("loc", ())), "msg": message(e), "type": e.get("type", "")} for e in exc.errors]
    where = ", ".join(".".join(str(p) for p in e["loc"]) for e in errors[:3])
    return problem_response(422, f"The request is not valid: {where}.", errors=errors)


def _http_error(request, exc: HttpError):
    headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, AuthenticationError) else None
    return problem_response(exc.status_code, str(exc), headers=headers)


def _problem(request, exc: Problem):
    return problem_response(exc.status, exc.detail, errors=exc.errors, title=exc.title, headers=exc.headers)


def _not_found(request, exc):
    detail = str(exc) if isinstance(exc, Http404) and str(exc) else "The resource was not found."
    return problem_response(404, detail)


def _django_validation(request, exc: DjangoValidationError):
    return problem_response(422, "; ".join(exc.messages), errors=[{"loc": ["body"], "msg": m, "type": "invalid"} for m in exc.messages])


def _integrity(request, exc: IntegrityError):
    logger.warning("integrity error on %s %s: %s", request.method, request.path, exc)
    return problem_response(409, "The change conflicts with existing data (a unique or reference rule).")


def _permission(request, exc):
    return problem_response(403, str(exc) or "You do not have permission to do this.")


def _too_big(request, exc):
    """A body Django refuses to read (past DATA_UPLOAD_MAX_MEMORY_SIZE without a Content-Length
    the middleware could check)."""
    return problem_response(413, f"The body is larger than the limit of {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes.")


def _unexpected(request, exc: Exception):
    logger.exception("unhandled error on %s %s", request.method, request.path)
    return problem_response(500, "An unexpected error occurred; it has been logged.")


def install_handlers(api) -> None:
    api.add_exception_handler(Exception, _unexpected)
    api.add_exception_handler(NinjaValidationError, _validation)
    api.add_exception_handler(HttpError, _http_error)
    api.add_exception_handler(Problem, _problem)
    api.add_exception_handler(Http404, _not_found)
    api.add_exception_handler(ObjectDoesNotExist, _not_found)
    api.add_exception_handler(DjangoValidationError, _django_validation)
    api.add_exception_handler(IntegrityError, _integrity)
    api.add_exception_handler(PermissionDenied, _permission)
    api.add_exception_handler(RequestDataTooBig, _too_big)


# --- OpenAPI: the problem responses each operation can give -------------------------------

PROBLEM_SCHEMA = {
    "title": "Problem",
    "description": "RFC 9457 problem details; seed routes (/timba/...) also carry an `error` key.",
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "description": "Per-field problems of a 422 (and of some 409s)",
            "items": {
                "type": "object",
                "properties": {
                    "loc": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
                    "msg": {"type": "string"},
                    "type": {"type": "string"},
                },
                "required": ["loc", "msg", "type"],
            },
        },
    },
    "required": ["type", "title", "status", "detail"],
}
PROBLEM_HELP = {
    400: "The body cannot be parsed as JSON",
    401: "No valid bearer token (or, for the token route, wrong credentials)",
    402: "The tenant's subscription does not allow using the API now",
    403: "The caller lacks the permission or channel role for this operation",
    404: "No such row, or one the caller may not see",
    409: "The change conflicts with existing data (unique or reference rule)",
    412: "If-Match names a version that is no longer current",
    413: "The body is too large",
    415: "The body is not application/json",
    422: "The request is not valid; `errors` names each field",
    429: "Too many requests (the rate limit) or failed logins; retry after Retry-After seconds",
}
MUTATIONS = {"post", "put", "patch", "delete"}


def problem_statuses(path: str, method: str, operation: dict) -> list[int]:
    """The problem statuses an operation can answer with, read from its shape: whether it is
    secured, has an id in its path, changes data or takes a body, and which API serves it.
    412 is not among them: `versions.document_versions` declares it where If-Match is checked."""
    secured = bool(operation.get("security"))
    legacy = not path.startswith("/api/")
    body = "requestBody" in operation
    out = {429}  # every operation is rate limited (timba/runtime/throttles.py)
    if operation.get("parameters") or body or legacy:
        out.add(422)
    if secured:
        out |= {401, 402, 403}
    elif body:  # the token route: credentials refused
        out.add(401)
    if "{" in path or (legacy and method != "put"):
        out.add(404)
    if secured and method in MUTATIONS:
        out.add(409)
    if body or (legacy and method in {"put", "patch"}):
        out.add(400)
    if legacy:  # the seed's routes read a JSON body whatever the method (its clients send one on GET)
        out |= {400, 413}
    if body:
        out |= {413, 415}
    return sorted(out)  # 304 and 412 come from versions.document_versions, with their ETag header


def document_problems(schema: dict) -> dict:
    """Declare a `Problem` component and, on every operation, the problem+json responses it can
    give (see `problem_statuses`); responses the operation already declares are kept."""
    schema.setdefault("components", {}).setdefault("schemas", {}).setdefault("Problem", PROBLEM_SCHEMA)
    content = {CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            declared = {str(code) for code in responses}  # ninja's own keys are ints
            for status in problem_statuses(path, method, operation):
                if str(status) not in declared:
                    responses[status] = {"description": PROBLEM_HELP[status], "content": content}
    return schema
