"""The security model of resources.yaml applied: who may do which operation (roles), which rows
they see (tenant scope), and whether their tenant's subscription lets them in.

Every path that touches data (API selectors and services, admin, import/export) asks here, so
the rules are enforced identically everywhere. Platform staff (active superusers) pass all.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone

from timba.generated import security as spec
from timba.runtime.problems import Problem

CHANNEL_HELP = {"api": "API tokens", "admin": "the admin"}


def is_staff(user) -> bool:
    return bool(user and user.is_active and user.is_superuser)


def role_names(user) -> frozenset[str]:
    """The names of the user's roles, read once per user object."""
    if user is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_timba_roles", None)
    if cached is None:
        cached = frozenset(user.roles.values_list("name", flat=True)) if hasattr(user, "roles") else frozenset()
        user._timba_roles = cached
    return cached


def allowed_roles(model, op: str) -> tuple[str, ...]:
    return tuple(spec.PERMISSIONS.get(model.__name__, {}).get(op, ()))


def allowed(user, model, op: str) -> bool:
    if is_staff(user):
        return True
    if user is None or not user.is_active:
        return False
    return bool(role_names(user) & set(allowed_roles(model, op)))


def require(user, model, op: str) -> None:
    if allowed(user, model, op):
        return
    roles = allowed_roles(model, op)
    who = f"one of the roles {', '.join(roles)}" if roles else "platform staff"
    raise Problem(403, f"Missing permission {model._meta.model_name}.{op}: it needs {who}.")


def has_channel(user, channel: str) -> bool:
    """Whether the user may use a channel (`api` or `admin`): it needs the channel's role."""
    if is_staff(user):
        return True
    role = spec.CHANNELS.get(channel)
    return bool(user and user.is_active and role and role in role_names(user))


def channel_problem(user, channel: str) -> Problem:
    role = spec.CHANNELS.get(channel, "?")
    return Problem(403, f"Using {CHANNEL_HELP[channel]} needs the '{role}' role; ask your client admin for it.")


def tenant_path(model) -> str | None:
    # `user.__class__`, not `type(user)`: request.user is a lazy proxy that only forwards __class__
    return spec.TENANT_PATHS.get(model.__name__)


def tenant_id(user):
    """The id of the tenant the user belongs to (None for platform staff and strangers)."""
    path = tenant_path(user.__class__) if user is not None else None
    if not path or not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, f"{path}_id", None)


def tenant_of(user):
    """The tenant row the user belongs to, or None."""
    path = tenant_path(user.__class__) if user is not None else None
    return getattr(user, path) if path and tenant_id(user) is not None else None


def scope(queryset, user):
    """Only the rows the user may see: their tenant's, or all for staff and shared data."""
    if is_staff(user):
        return queryset
    path = tenant_path(queryset.model)
    if path is None:
        return queryset if user is not None and user.is_active else queryset.none()
    tid = tenant_id(user)
    if tid is None:
        return queryset.none()
    return queryset.filter(pk=tid) if path == "self" else queryset.filter(**{f"{path}_id": tid})


def assign_tenant(instance, user) -> None:
    """Tenant-owned rows of a tenant user always belong to the user's tenant."""
    path = tenant_path(type(instance))
    if is_staff(user) or path in (None, "self") or path in getattr(instance, "derived_fields", {}):
        return
    setattr(instance, f"{path}_id", tenant_id(user))


def subscription_problem(user) -> Problem | None:
    """A 402 when the user's tenant may not use the product now, else None."""
    rules = spec.SUBSCRIPTION
    path = tenant_path(user.__class__) if user is not None else None
    if not rules or is_staff(user) or not path or tenant_id(user) is None:
        return None
    tenant = getattr(user, path)
    status = getattr(tenant, rules["status"])
    if status not in rules["active"]:
        return Problem(
            402,
            f"The subscription of {tenant} is {status}; renew it (or ask platform staff) to use the API again.",
            title="Payment Required",
        )
    paid_until = getattr(tenant, rules["paid_until"], None) if "paid_until" in rules else None
    if paid_until is not None and paid_until < timezone.localdate():
        return Problem(
            402,
            f"The subscription of {tenant} was paid until {paid_until:%Y-%m-%d}; pay the next period to continue.",
            title="Payment Required",
        )
    return None


def check_seats(instance) -> None:
    """Creating (or re-activating) a seat holder beyond the tenant's seats is refused."""
    rules = spec.SUBSCRIPTION
    model = type(instance)
    if not rules.get("seats") or rules.get("seat_holders") != model.__name__:
        return
    path = tenant_path(model)
    tid = getattr(instance, f"{path}_id", None)
    if tid is None or not getattr(instance, "is_active", True):
        return
    tenant = getattr(instance, path)
    seats = getattr(tenant, rules["seats"])
    holders = model._default_manager.filter(**{f"{path}_id": tid})
    if hasattr(model, "is_active"):
        holders = holders.filter(is_active=True)
    if instance.pk is not None:
        holders = holders.exclude(pk=instance.pk)
    if seats is not None and holders.count() >= seats:
        raise ValidationError(
            f"{tenant} uses all {seats} seats of its plan; deactivate a user or ask platform staff for more seats.",
            code="seats",
        )

