"""Authentication for the REST API: bearer tokens, the token routes and a health check.

Every route needs `Authorization: Bearer <token>` (the API's default auth) except the ones
here marked `auth=None`: issuing a token, the health check, and the OpenAPI document and docs.
Failed logins are counted by django-axes, the same lockout the admin login uses.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import connection
from django.http import HttpResponse
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.security import HttpBearer

from timba.runtime import access
from timba.runtime.problems import Problem
from timba.runtime.schemas import InputSchema
from timba.tokens.models import ApiToken

TOUCH_EVERY = timedelta(minutes=5)


def active_token(secret: str):
    """(the live token with this secret, its active user), or (None, None). One query: the
    user's tenant and roles come with it (access.with_user_context)."""
    row = access.with_user_context(ApiToken.matching(secret), "user").first()
    if row is None or not row.user.is_active:
        return None, None
    return row, access.adopt_user_context(row, "user")


class BearerToken(HttpBearer):
    """Looks the token up by its digest; then the channel role and the subscription decide,
    unless `gate` is off (revoking one's own token is always allowed)."""

    def __init__(self, *, gate: bool = True):
        super().__init__()
        self.gate = gate

    def authenticate(self, request, token):
        row, user = active_token(token)
        if row is None:
            return None
        if not self.gate:
            request.user, request.api_token = user, row
            return user
        if not access.has_channel(user, "api"):
            raise access.channel_problem(user, "api")
        problem = access.subscription_problem(user)
        if problem is not None:
            raise problem
        if row.last_used_at is None or timezone.now() - row.last_used_at > TOUCH_EVERY:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        request.user = user
        request.api_token = user.api_token_in_use = row  # the writes it makes know their session
        return user


class TokenRequest(InputSchema):
    username: str
    password: str


class TokenOut(Schema):
    token: str
    token_type: str = "Bearer"
    expires_at: datetime


class Health(Schema):
    status: str


router = Router(tags=["auth"])


@router.post("/auth/token", auth=None, response={201: TokenOut}, operation_id="auth_token_create")
def auth_token_create(request, response: HttpResponse, payload: TokenRequest):
    """Exchange a username and password for a bearer token (shown once; keep it secret)."""
    user = authenticate(request, username=payload.username, password=payload.password)
    if getattr(request, "axes_locked_out", False):
        # answered here, as problem+json: left set, AxesMiddleware swaps in its own lockout page
        request.axes_locked_out = False
        minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
        raise Problem(
            429,
            f"Too many failed logins for this username; wait {minutes} minutes before trying again.",
            headers={"Retry-After": str(minutes * 60)},
        )
    if user is None:
        raise Problem(401, "Wrong username or password.", headers={"WWW-Authenticate": "Bearer"})
    if not access.has_channel(user, "api"):
        raise access.channel_problem(user, "api")
    problem = access.subscription_problem(user)
    if problem is not None:
        raise problem
    row, secret = ApiToken.issue(user)
    response["Cache-Control"] = "no-store"  # a secret: never kept by caches (RFC 6749 §5.1)
    return Status(201, {"token": secret, "expires_at": row.expires_at})


@router.delete("/auth/token", auth=BearerToken(gate=False), response={204: None}, operation_id="auth_token_delete")
def auth_token_delete(request):
    """Revoke the token this request was made with."""
    request.api_token.revoke()
    return Status(204, None)


@router.get("/health", auth=None, response=Health, operation_id="health")
def health(request):
    """Liveness and database reachability, for load balancers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"status": "ok"}
