"""The authentication both peers share, the same checks the generated API's BearerToken makes:
the token by its digest with the user, tenant and roles in one query (access.with_user_context), an active user, the API channel role, the tenant's
subscription, and the role permission for the operation."""

from timba.models import Log
from timba.runtime import access
from timba.tokens.models import ApiToken


def bearer_user(request):
    """The user of `Authorization: Bearer <token>`, or None."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret:
        return None
    row = access.with_user_context(ApiToken.matching(secret.strip()), "user").first()
    if row is None or not row.user.is_active:
        return None
    user = access.adopt_user_context(row, "user")
    if not access.has_channel(user, "api") or access.subscription_problem(user) is not None:
        return None
    return user


def may(user, op: str) -> bool:
    return access.allowed(user, Log, op)
