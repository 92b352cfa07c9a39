"""The authentication both peers share, the same checks the generated API's BearerToken makes:
the token by its digest with the user, tenant and roles in one query (timba.runtime.auth.active_token), an active user, the API channel role, the tenant's
subscription, and the role permission for the operation."""

from timba.models import Log
from timba.runtime import access
from timba.runtime.auth import active_token


def bearer_user(request):
    """The user of `Authorization: Bearer <token>`, or None."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret:
        return None
    _row, user = active_token(secret.strip())
    if user is None:
        return None
    if not access.has_channel(user, "api") or access.subscription_problem(user) is not None:
        return None
    return user


def may(user, op: str) -> bool:
    return access.allowed(user, Log, op)
