"""RFC 9457 problem details: the one shape of every API error.

`Problem` is raised by services; `install_handlers(api)` turns it and every other exception the
API can meet into `application/problem+json`, without tracebacks.
"""

import logging
from http import HTTPStatus

import orjson
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
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


def problem_response(status: int, detail: str, *, errors=None, title=None, headers=None) -> HttpResponse:
    body = {"type": "about:blank", "title": title or HTTPStatus(status).phrase, "status": status, "detail": detail}
    if errors is not None:
        body["errors"] = errors
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


def _validation(request, exc: NinjaValidationError):
    errors = [{"loc": _ninja_loc(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in exc.errors]
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
