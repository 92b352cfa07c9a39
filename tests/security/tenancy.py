"""The two-tenant world the security matrix runs in, read from resources.yaml (through the IR).

Everything here comes from the spec's `security:` section and each resource's `tenant:` and
`permissions:`, never from timba's code, so a new resource or role is covered without touching
the tests:

- `ROLE_SETS`: every role alone, a user holding all roles, and a platform superuser;
- `may(role_set, resource, op)`: what the spec says that role set may do;
- `cases(...)`: pytest params over resources × role sets with readable ids;
- `World`: clients A and B (active subscription, plenty of seats), rows owned by each (built by
  RowBuilder) and acting users of client A. Every text value of B's rows starts with `MARK`, so a
  page, body or file showing any of B's data is caught by `no_b_data`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest
from django.urls import reverse
from spec_rows import (
    PASSWORD,
    PROJECT,
    RESOURCES,
    RowBuilder,
    model_of,
    next_number,
    resource,
    scalar_value,
)

SECURITY = PROJECT.security
ROLES: tuple[str, ...] = SECURITY.roles
CHANNELS: dict[str, str] = dict(SECURITY.channels)
SUBSCRIPTION: dict = dict(SECURITY.subscription)
TENANT = PROJECT.resource(SECURITY.tenant)
AUTH_USER = PROJECT.auth_user
ROLE_FIELD = AUTH_USER.field(SECURITY.user_roles)  # security.user_roles: where a user's roles live
MARK = "qzbx"  # starts every text value of tenant B's rows; never in anything of tenant A
MARKABLE = {"string", "text", "email"}
BY_NAME = {res.name: res for res in RESOURCES}


@dataclass(frozen=True)
class RoleSet:
    """The roles a test user holds (`staff`: a platform superuser, who needs none)."""

    id: str
    roles: frozenset[str] = field(default_factory=frozenset)
    staff: bool = False

    def plus(self, role: str | None) -> RoleSet:
        """The same set with a channel's role added (staff need none)."""
        if self.staff or role is None:
            return self
        return RoleSet(self.id, self.roles | {role})


ROLE_SETS: tuple[RoleSet, ...] = (
    *(RoleSet(name, frozenset({name})) for name in ROLES),
    RoleSet("all", frozenset(ROLES)),
    RoleSet("staff", staff=True),
)


def may(rs: RoleSet, res, op: str) -> bool:
    """The spec's answer: staff pass everything, others need one of the roles listed for `op`."""
    return rs.staff or bool(rs.roles & set(dict(res.permissions).get(op, ())))


def cases(op: str, resources=RESOURCES, when=lambda res, rs: True) -> list:
    """(resource, role set) params for `op`, with ids like `Log-update-web`."""
    return [
        pytest.param(res, rs, id=f"{res.name}-{op}-{rs.id}")
        for res in resources
        for rs in ROLE_SETS
        if when(res, rs)
    ]


def tenant_owned(res) -> bool:
    return res.tenant is not None


def tenant_field(res):
    """The reference to the tenant (`client`), or None for the tenant itself and shared data."""
    return res.field(res.tenant) if res.tenant not in (None, "self") else None


def tenant_reference_fields(res) -> list:
    """Input references to tenant-owned rows other than the tenant field itself (a log's
    consignment): pointing one at another tenant's row must fail like a missing row."""
    own = tenant_field(res)
    return [
        f
        for f in res.input_fields
        if (f.is_reference or f.is_many) and tenant_owned(resource(f.target)) and f != own
    ]


def marked_value(f, n: int) -> str:
    """A text value of tenant B: MARK first (so truncation keeps it), then a unique counter."""
    if f.kind == "email":
        return f"{MARK}{n}@example.com"
    text = f"{MARK}{n}-{f.name}"
    return text[: f.max_length] if f.max_length else text


def no_b_data(response) -> None:
    assert MARK not in response.content.decode(), "the response shows tenant B's data"


def snapshot(row) -> dict:
    """Every stored column of `row`, re-read from the database."""
    fresh = type(row)._default_manager.get(pk=row.pk)
    return {f.attname: getattr(fresh, f.attname) for f in fresh._meta.concrete_fields}


class World:
    """Clients A and B with rows of every resource, built on demand and cached per tenant."""

    def __init__(self, builder: RowBuilder):
        self.builder = builder
        role_model = model_of(resource(ROLE_FIELD.target))
        self.roles = {name: role_model.objects.get_or_create(name=name)[0] for name in ROLES}
        self.tenants = {"a": self._tenant(marked=False), "b": self._tenant(marked=True)}
        self._rows: dict[tuple[str, str | None], object] = {}

    @property
    def a(self):
        return self.tenants["a"]

    @property
    def b(self):
        return self.tenants["b"]

    def _tenant(self, *, marked: bool):
        values = self._marks(TENANT) if marked else {}
        if SUBSCRIPTION:
            active = SUBSCRIPTION["active"]
            values[SUBSCRIPTION["status"]] = "active" if "active" in active else active[0]
            if SUBSCRIPTION.get("paid_until"):
                values[SUBSCRIPTION["paid_until"]] = date(2999, 12, 31)
            if SUBSCRIPTION.get("seats"):
                values[SUBSCRIPTION["seats"]] = 10_000
        return self.builder.create(TENANT, **values)

    def _marks(self, res) -> dict:
        return {
            f.name: marked_value(f, next_number()) for f in res.input_fields if f.kind in MARKABLE
        }

    def row(self, res, label: str = "a"):
        """The cached row of `res` owned by tenant `label` (shared resources: one row)."""
        res = resource(res) if isinstance(res, str) else res
        key = (res.name, label if tenant_owned(res) else None)
        if key not in self._rows:
            self._rows[key] = self.new_row(res, label)
        return self._rows[key]

    def parent(self, target, label: str = "a"):
        """A row to refer to: `label`'s for tenant-owned targets, a fresh shared one otherwise."""
        target = resource(target) if isinstance(target, str) else target
        return self.row(target, label) if tenant_owned(target) else self.builder.create(target)

    def new_row(self, res, label: str = "a"):
        """A fresh row of `res` owned by tenant `label` (the tenant itself for `self`): every
        reference to tenant-owned data points at that tenant's rows (derived fields follow)."""
        res = resource(res) if isinstance(res, str) else res
        if not tenant_owned(res):
            return self.builder.create(res)
        if res.tenant == "self":
            return self.tenants[label]
        values = self._marks(res) if label == "b" else {}
        for f in res.input_fields:
            if (
                (f.is_reference or f.is_many)
                and f.target != res.name
                and tenant_owned(resource(f.target))
            ):
                parent = self.row(f.target, label)
                values[f.name] = [parent] if f.is_many else parent
        return self.builder.create(res, **values)

    def tenant_id_of(self, res, row) -> int | None:
        return row.pk if res.tenant == "self" else getattr(row, f"{res.tenant}_id")

    def rows_of(self, res, label: str):
        """Every stored row of `res` owned by tenant `label`."""
        manager = model_of(res)._default_manager
        tid = self.tenants[label].pk
        return (
            manager.filter(pk=tid)
            if res.tenant == "self"
            else manager.filter(**{f"{res.tenant}_id": tid})
        )

    def tenant_ids(self, res, pks) -> set:
        """The tenants owning the rows with these ids."""
        if res.tenant == "self":
            return set(pks)
        return set(
            model_of(res)
            ._default_manager.filter(pk__in=pks)
            .values_list(f"{res.tenant}_id", flat=True)
        )

    def payload(self, res, label: str = "a", **overrides) -> dict:
        """A valid create body whose references to tenant-owned rows point at `label`'s rows."""
        refs = {}
        for f in res.input_fields:
            if (
                (f.is_reference or f.is_many)
                and f.target != res.name
                and tenant_owned(resource(f.target))
            ):
                parent = self.row(f.target, label)
                refs[f.attname] = [parent.pk] if f.is_many else parent.pk
        refs.update(overrides)
        return self.builder.payload(res, **refs)

    def admin_form(self, res, **rows) -> dict:
        """Add-form POST data: `rows` for the named references, A's rows for other tenant-owned
        parents, fresh shared parents and values elsewhere."""
        data = {}
        for f in res.input_fields:
            if f.name in rows:
                data[f.name] = str(rows[f.name].pk)
            elif f.is_reference or f.is_many:
                parent = self.parent(f.target)
                data[f.name] = [str(parent.pk)] if f.is_many else str(parent.pk)
            else:
                data[f.name] = str(scalar_value(f))
        return data

    def actor(self, rs: RoleSet, *, roles: frozenset[str] | None = None):
        """A user of client A holding `rs`'s roles (or exactly `roles`); staff: a superuser."""
        model = model_of(AUTH_USER)
        username = f"actor-{rs.id}-{next_number()}"
        if rs.staff:
            return model.objects.create_superuser(username=username, password=PASSWORD)
        held = rs.roles if roles is None else roles
        values = {
            "username": username,
            ROLE_FIELD.name: [self.roles[name] for name in sorted(held)],
        }
        if tenant_field(AUTH_USER) is not None:
            values[AUTH_USER.tenant] = self.a
        return self.builder.create(AUTH_USER, **values)


def admin_url(res, view: str, *args) -> str:
    """`admin:<view>` of the site (res None), else the resource's `admin:<app>_<model>_<view>`."""
    if res is None:
        return reverse(f"admin:{view}", args=args)
    meta = model_of(res)._meta
    if (
        view == "password"
    ):  # django's UserAdmin names this route after auth.User, whatever the model
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=args).replace(
            "/change/", "/password/"
        )
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args)


def choices_from_other_tenant(world: World, form) -> list[str]:
    """The names of the form fields whose choices include a row of tenant B."""
    leaks = []
    for name, form_field in form.fields.items():
        queryset = getattr(form_field, "queryset", None)
        target = BY_NAME.get(queryset.model.__name__) if queryset is not None else None
        if target is not None and tenant_owned(target):
            if queryset.filter(pk__in=world.rows_of(target, "b").values("pk")).exists():
                leaks.append(name)
    return leaks


def form_post_data(form) -> dict:
    """POST data re-sending a rendered admin form as it stands (split widgets as `<name>_<i>`)."""
    data = {}
    for bound in form:
        if bound.field.disabled:
            continue
        value, widget = bound.value(), bound.field.widget
        if hasattr(widget, "widgets"):
            parts = value if isinstance(value, list) else widget.decompress(value)
            data.update(
                {f"{bound.html_name}_{i}": "" if p is None else str(p) for i, p in enumerate(parts)}
            )
        elif isinstance(value, (list, tuple)):
            data[bound.html_name] = [str(getattr(v, "pk", v)) for v in value]
        elif value is not None:
            data[bound.html_name] = str(value)
    return data
