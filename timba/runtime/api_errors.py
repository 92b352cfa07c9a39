"""ApiProblemMiddleware: under /api/, errors that happen outside django-ninja's handlers (an
unknown route, a method the route lacks, a body that is too large or not JSON) are answered as
RFC 9457 problem+json too, never as Django's HTML pages."""

from django.conf import settings

from timba.runtime.problems import CONTENT_TYPE, problem_response

API_PREFIX = "/api/"
BODY_METHODS = {"POST", "PUT", "PATCH"}
DETAILS = {
    404: "No API route matches this path; see /api/v1/docs.",
    405: "This route does not accept the {method} method; see /api/v1/docs.",
}


class ApiProblemMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        refused = self._refuse(request)
        if refused is not None:
            return refused
        response = self.get_response(request)
        kind = response.get("Content-Type", "")
        if response.status_code >= 400 and not kind.startswith((CONTENT_TYPE, "application/json")):
            detail = DETAILS.get(response.status_code, "The request failed.").format(method=request.method)
            headers = {"Allow": response["Allow"]} if response.has_header("Allow") else None
            return problem_response(response.status_code, detail, headers=headers)
        return response

    @staticmethod
    def _refuse(request):
        if request.method not in BODY_METHODS:
            return None
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and length > limit:
            return problem_response(413, f"The body has {length} bytes; the limit is {limit}.")
        kind = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        if length and kind != "application/json":
            return problem_response(415, f"Send the body as application/json, not {kind or 'an unnamed type'}.")
        return None
