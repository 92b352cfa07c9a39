"""Row versions for optimistic concurrency: `ETag` on reads, `If-Match` on writes (RFC 9110 §8.8.3, §13.1).

The ETag of a row is a strong validator: a hash of the row as the API returns it (its <Name>Out
JSON), so it changes whenever anything the client can see changes and works for resources
without timestamps. GET one answers `ETag: "<hash>"` (and 304 to a matching `If-None-Match`);
PATCH and PUT answer the new ETag. A PATCH, PUT or DELETE carrying `If-Match` is refused with
412 when no listed tag matches the row's current one (`*` matches any existing row); the
services check and write under a row lock (`select_for_update`), so two people editing the same
row cannot both win. Without `If-Match` the write proceeds as before (last write wins).
"""

from __future__ import annotations

import hashlib

from django.http import HttpResponse

from timba.runtime.problems import Problem


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


def check_if_match(request, out, instance) -> None:
    """412 unless the request's If-Match (when it sends one) names the row's current version."""
    header = request.headers.get("If-Match")
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
