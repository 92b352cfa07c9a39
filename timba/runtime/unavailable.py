"""The database is unreachable: 503 with Retry-After, never a 500 and never a hang.

An error counts as the database being unreachable when it is an InterfaceError (a connection
already closed) or an OperationalError with one of the connection error codes below (MySQL and
MariaDB: cannot connect, server gone away, connection lost, shutting down, too many
connections). Other database errors stay 500s. How long a connect may take is the MySQL
`connect_timeout` option (DATABASE_CONNECT_TIMEOUT in timba/settings.py).

- django-ninja's APIs (/api/v1/, the seed routes): `timba.runtime.api.configured` registers
  `ninja_handler`, a 503 problem+json (the seed's routes add their `error` key as usual).
- everywhere else, including errors raised in middleware (sessions, the admin's user):
  `server_error` is the project's handler500; a 503 problem+json, or a short HTML page under
  the admin, when the cause is the database, and Django's 500 page otherwise.
The broken connection is not kept: Django closes a connection that had an error when the
request ends, and CONN_HEALTH_CHECKS pings a reused one first, so requests succeed again as soon
as the database answers.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.views import defaults

from timba.runtime.api_errors import SEED_PREFIXES, html_prefixes
from timba.runtime.problems import problem_response

logger = logging.getLogger("timba.db")

RETRY_AFTER_SECONDS = 5
DETAIL = "The database is unavailable; retry after a few seconds."
# CR_CONNECTION_ERROR, CR_CONN_HOST_ERROR, CR_SERVER_GONE_ERROR, CR_SERVER_LOST, CR_SERVER_LOST_EXTENDED,
# ER_CON_COUNT_ERROR, ER_SERVER_SHUTDOWN, ER_CONNECTION_KILLED (MariaDB), CR_UNKNOWN_HOST
CONNECTION_CODES = {2002, 2003, 2006, 2013, 2055, 1040, 1053, 1927, 2005}


def is_unavailable(exc: BaseException | None) -> bool:
    """Whether `exc` (or what it was raised from) says the database cannot be reached."""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, InterfaceError):
            return True
        if isinstance(exc, OperationalError) and exc.args and exc.args[0] in CONNECTION_CODES:
            return True
        exc, seen = exc.__cause__, seen + 1
    return False


def _log(request, exc) -> None:
    logger.error("database unavailable on %s %s: %s", request.method, request.path, exc)


def unavailable_response(request) -> HttpResponse:
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    if request.path.startswith(html_prefixes()):
        response = HttpResponse(
            "<!doctype html><title>Service unavailable</title><h1>Service unavailable</h1>"
            f"<p>{DETAIL}</p>", status=503, content_type="text/html; charset=utf-8")
        response["Retry-After"] = headers["Retry-After"]
        return response
    extra = {"error": DETAIL} if request.path.startswith(SEED_PREFIXES) else None
    return problem_response(503, DETAIL, headers=headers, extra=extra)


def ninja_handler(request, exc: Exception):
    """The NinjaAPI handler of OperationalError and InterfaceError: 503 when unreachable,
    otherwise the API's answer to any unexpected error."""
    if is_unavailable(exc):
        _log(request, exc)
        return problem_response(503, DETAIL, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    logger.exception("unhandled error on %s %s", request.method, request.path)
    return problem_response(500, "An unexpected error occurred; it has been logged.")


def install(api) -> None:
    api.add_exception_handler(OperationalError, ninja_handler)
    api.add_exception_handler(InterfaceError, ninja_handler)


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """handler500: Django calls it inside the `except` of the error, so the error is at hand."""
    exc = sys.exc_info()[1]
    if is_unavailable(exc):
        _log(request, exc)
        return unavailable_response(request)
    return defaults.server_error(request, template_name)
