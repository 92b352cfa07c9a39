"""The request id: taken from an incoming `X-Request-ID` when it is well formed (1-128 of
letters, digits and `-_.:`; what a proxy or another service sends), else a new UUID4 hex. It is
returned as the `X-Request-ID` response header and carried by every log line written while the
request runs (timba.runtime.logs reads `current()`), so one id ties a client's report, the
access log and the app's logs together. Imports nothing from Django: gunicorn's master loads
the log formatter, which reads this module, before any settings exist."""

import re
import uuid
from contextvars import ContextVar

HEADER = "X-Request-ID"
META_KEY = "HTTP_X_REQUEST_ID"
WELL_FORMED = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_current: ContextVar[str | None] = ContextVar("request_id", default=None)


def current() -> str | None:
    """The id of the request this thread is serving, or None outside a request."""
    return _current.get()


def accept_or_create(incoming: str | None) -> str:
    if incoming and WELL_FORMED.match(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """First in MIDDLEWARE, so even a redirect or an error page carries the header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = accept_or_create(request.META.get(META_KEY))
        request.request_id = request_id
        request.META[META_KEY] = request_id  # what gunicorn's access log sees as {x-request-id}i
        token = _current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[HEADER] = request_id
        return response
