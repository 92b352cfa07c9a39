"""The security model of resources.yaml applied: who may do which operation (roles), which rows
they see (tenant scope), and whether their tenant's subscription lets them in.

Every path that touches data (API selectors and services, admin, import/export) asks here, so
the rules are enforced identically everywhere. Platform staff (active superusers) pass all.
"""

from django.db import connections
from django.db.models import IntegerField
from django.db.models.expressions import RawSQL
from django.utils import timezone

from timba.runtime.problems import Problem
from timba.runtime.registry import security as rules

CHANNEL_HELP = {"api": "API tokens", "admin": "the admin"}


def is_staff(user) -> bool:
    return bool(user and user.is_active and user.is_superuser)


def _roles_field(user_model):
    """The many-to-many field of the auth user that holds its roles (`security.user_roles`)."""
    name = rules().user_roles
    if not name:
        return None
    try:
        field = user_model._meta.get_field(name)
    except Exception:
        return None
    return field if field.many_to_many else None


def role_names(user) -> frozenset[str]:
    """The names of the user's roles, read once per user object."""
    if user is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_timba_roles", None)
    if cached is None:
        field = _roles_field(user.__class__)
        held = getattr(user, field.name).values_list(rules().role_name, flat=True) if field else ()
        cached = frozenset(held)
        user._timba_roles = cached
    return cached


def with_user_context(queryset, path: str):
    """`queryset` (of rows whose `path` is a user, e.g. tokens' `user`) extended so that the
    user, their tenant and which of the spec's roles they hold come in its one query; call
    `adopt_user_context` on each row fetched. Saves role_names() and subscription_problem()
    a query each on every API request.

    The roles come as a bit mask (bit i: the user holds spec.ROLES[i]) from a plain correlated
    subquery: standard SQL on every database, and cheap for the ORM to compile, which matters
    more here than the database's work (Exists() per role took the ORM ~2 ms per request)."""
    user_model = queryset.model._meta.get_field(path).related_model
    tenant = tenant_path(user_model)
    if tenant and tenant != "self":
        queryset = queryset.select_related(f"{path}__{tenant}")
    field = _roles_field(user_model)
    roles = rules().roles
    if field is None or not roles:
        return queryset
    connection = connections[queryset.db]
    q = connection.ops.quote_name
    through = field.remote_field.through._meta
    role = field.related_model._meta
    source = through.get_field(field.m2m_field_name()).column
    target = through.get_field(field.m2m_reverse_field_name()).column
    outer = f"{q(queryset.model._meta.db_table)}.{q(queryset.model._meta.get_field(path).column)}"
    cases = " ".join(f"WHEN %s THEN {1 << i}" for i in range(len(roles)))
    name = f"r.{q(role.get_field(rules().role_name).column)}"
    if connection.vendor == "mysql":  # its collations ignore case and trailing spaces: compare the bytes
        name = f"CAST({name} AS BINARY)"
    sql = (
        f"SELECT COALESCE(SUM(DISTINCT CASE {name} {cases} ELSE 0 END), 0) "
        f"FROM {q(through.db_table)} ur INNER JOIN {q(role.db_table)} r ON ur.{q(target)} = r.{q(role.pk.column)} "
        f"WHERE ur.{q(source)} = {outer}"
    )
    return queryset.annotate(_timba_roles_mask=RawSQL(sql, roles, output_field=IntegerField()))


def adopt_user_context(row, path: str):
    """The user at `path` of a row from `with_user_context`, its role names remembered. Only the
    spec's roles are read: they are the only ones permissions and channels name."""
    user = getattr(row, path)
    mask = getattr(row, "_timba_roles_mask", None)
    if mask is not None:
        user._timba_roles = frozenset(name for i, name in enumerate(rules().roles) if int(mask) >> i & 1)
    return user


def allowed_roles(model, op: str) -> tuple[str, ...]:
    return tuple(rules().permissions.get(model.__name__, {}).get(op, ()))


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
    role = rules().channels.get(channel)
    return bool(user and user.is_active and role and role in role_names(user))


def channel_problem(user, channel: str) -> Problem:
    role = rules().channels.get(channel, "?")
    return Problem(403, f"Using {CHANNEL_HELP[channel]} needs the '{role}' role; ask an administrator of your account for it.")


def tenant_path(model) -> str | None:
    # `user.__class__`, not `type(user)`: request.user is a lazy proxy that only forwards __class__
    return rules().tenant_paths.get(model.__name__)


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


def visible(row, user) -> bool | None:
    """Whether `scope` keeps the loaded `row` for the user, by the same rule; None when the rule
    needs the database (a tenant reached through another table, or a row loaded without its
    tenant column)."""
    if is_staff(user):
        return True
    path = tenant_path(type(row))
    if path is None:
        return user is not None and user.is_active
    tid = tenant_id(user)
    if tid is None:
        return False
    if path == "self":
        return row.pk == tid
    if "__" in path or f"{path}_id" in row.get_deferred_fields():
        return None
    return getattr(row, f"{path}_id") == tid


def assign_tenant(instance, user) -> None:
    """Tenant-owned rows of a tenant user always belong to the user's tenant."""
    path = tenant_path(type(instance))
    if is_staff(user) or path in (None, "self") or path in getattr(instance, "derived_fields", {}):
        return
    setattr(instance, f"{path}_id", tenant_id(user))


def subscription_problem(user) -> Problem | None:
    """A 402 when the user's tenant may not use the product now, else None."""
    subscription = rules().subscription
    path = tenant_path(user.__class__) if user is not None else None
    if not subscription or is_staff(user) or not path or tenant_id(user) is None:
        return None
    tenant = getattr(user, path)
    status = getattr(tenant, subscription["status"])
    if status not in subscription["active"]:
        return Problem(
            402,
            f"The subscription of {tenant} is {status}; renew it (or ask platform staff) to use the API again.",
            title="Payment Required",
        )
    paid_until = getattr(tenant, subscription["paid_until"], None) if "paid_until" in subscription else None
    if paid_until is not None and paid_until < timezone.localdate():
        return Problem(
            402,
            f"The subscription of {tenant} was paid until {paid_until:%Y-%m-%d}; pay the next period to continue.",
            title="Payment Required",
        )
    return None


def holds_seats(model) -> bool:
    """Whether rows of `model` take seats of their tenant's plan (`subscription.seat_holders`)."""
    subscription = rules().subscription
    return bool(subscription.get("seats")) and subscription.get("seat_holders") == model.__name__
