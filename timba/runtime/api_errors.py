"""ApiProblemMiddleware: everywhere but the admin (and static files), errors that happen outside
django-ninja's handlers (an unknown route, a method the route lacks, a body that is too large or
not JSON) are answered as RFC 9457 problem+json too, never as Django's HTML pages: under
/api/, under the seed's /timba/ and /timbba/ (whose problems also carry the seed's `error`
key), and on any other path. The admin at /admin/ keeps Django's HTML."""

from functools import cache

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from timba.runtime.problems import CONTENT_TYPE, problem_response

API_PREFIX = "/api/"
SEED_PREFIXES = ("/timba/", "/timbba/")  # the seed's routes: problems carry its `error` key too
BODY_METHODS = {"POST", "PUT", "PATCH"}
UPLOAD_SUFFIX = "/imports"  # POST /api/v1/<plural>/imports takes a file: multipart, up to IMPORT_MAX_FILE_BYTES
UPLOAD_MARGIN = 1024 * 1024  # the multipart framing and form fields around the file
DETAILS = {
    404: "No route matches this path; see {docs}.",
    405: "This route does not accept the {method} method; see {docs}.",
}


@cache
def html_prefixes() -> tuple[str, ...]:
    """The paths that keep Django's HTML errors: the admin's and the static files'."""
    try:
        admin = reverse("admin:index")
    except NoReverseMatch:
        admin = "/admin/"
    return tuple(p for p in (admin, settings.STATIC_URL and "/" + settings.STATIC_URL.lstrip("/")) if p)


def _docs(path: str) -> str:
    seed = next((p for p in SEED_PREFIXES if path.startswith(p)), None)
    return f"{seed}docs" if seed else "/api/v1/docs"


def _problem(request, status: int, detail: str, headers=None):
    seed = request.path.startswith(SEED_PREFIXES)
    return problem_response(status, detail, headers=headers, extra={"error": detail} if seed else None)


class ApiProblemMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(html_prefixes()):
            return self.get_response(request)
        refused = self._refuse(request)
        if refused is not None:
            return refused
        response = self.get_response(request)
        kind = response.get("Content-Type", "")
        if response.status_code >= 400 and not kind.startswith((CONTENT_TYPE, "application/json")):
            detail = DETAILS.get(response.status_code, "The request failed.").format(
                method=request.method, docs=_docs(request.path)
            )
            headers = {"Allow": response["Allow"]} if response.has_header("Allow") else None
            return _problem(request, response.status_code, detail, headers=headers)
        return response

    @staticmethod
    def _refuse(request):
        """413 for a body over DATA_UPLOAD_MAX_MEMORY_SIZE, whatever the method (the seed's
        routes read bodies on GET too); 415 for a body that is not JSON on POST, PUT and PATCH.
        An upload route (.../imports under /api/) takes multipart/form-data instead (a body without
        its file is the route's 422, after authentication), up to IMPORT_MAX_FILE_BYTES (the
        import's reader answers 413 past it)."""
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        upload = request.path.startswith(API_PREFIX) and request.path.rstrip("/").endswith(UPLOAD_SUFFIX)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if upload:
            limit = getattr(settings, "IMPORT_MAX_FILE_BYTES", 50 * 1024 * 1024) + UPLOAD_MARGIN
        if limit is not None and length > limit:
            return _problem(request, 413, f"The body has {length} bytes; the limit is {limit}.")
        if request.method not in BODY_METHODS or upload:  # an upload's form: the route (after auth) reads it
            return None
        kind = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        if length and kind != "application/json":
            return _problem(request, 415, f"Send the body as application/json, not {kind or 'an unnamed type'}.")
        return None
