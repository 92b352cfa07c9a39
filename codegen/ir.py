"""The intermediate representation: every name, default and relation resolved; pure data.

Emitters read only this, never the raw spec, so naming rules and defaults live in one place.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from codegen.field_types import BLANK, ID_RANGE, MANY, NULL, ONE, FieldType, field_type
from codegen.ir_dashboard import Dashboard, build_dashboard, dashboard_indexes
from codegen.naming import plural_of, snake_case
from codegen.spec.check import field_kinds, reverse_relations
from codegen.spec.check_security import role_label
from codegen.spec.model import FILTER_OPERATORS, OPERATIONS, RoleSpec, SpecFile

PAGE_PARAMS = ("limit", "offset", "cursor", "fields")  # timba.runtime.pagination.PageParams


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    label: str
    help: str
    required: bool
    unique: bool
    index: bool
    max_length: int | None
    min: Decimal | None
    max: Decimal | None
    max_digits: int | None
    decimal_places: int | None
    default: object
    choices: tuple[tuple[str, str], ...]
    target: str | None  # resource name of a reference
    on_delete: str | None
    related_name: str | None
    computed: bool
    computed_from: tuple[str, ...]
    derived_from: tuple[str, str] | None
    auto: str | None

    @property
    def field_type(self) -> FieldType:
        """The entry of the field's type in codegen.field_types."""
        return field_type(self.kind)

    @property
    def is_reference(self) -> bool:
        return self.field_type.relation == ONE

    @property
    def is_many(self) -> bool:
        return self.field_type.relation == MANY

    @property
    def attname(self) -> str:
        """The name in API payloads: `client_id` for a reference, the field name otherwise
        (a many-reference is a list of ids under its own name)."""
        return f"{self.name}_id" if self.is_reference else self.name

    @property
    def bounds(self) -> tuple[int | Decimal | None, int | Decimal | None]:
        """The lowest and highest value API input may give (None: no bound): the spec's min and
        max, narrowed to the range of the column for an integer; a reference's (and each id of
        a many-reference's) is the range of the target's ids."""
        low, high = self.min, self.max
        column = self.field_type.column_range
        if column is None:
            return low, high
        low = column[0] if low is None else max(math.ceil(low), column[0])  # a whole bound, rounded inwards
        high = column[1] if high is None else min(math.floor(high), column[1])
        return low, high

    @property
    def writable(self) -> bool:
        """Accepted from API input: computed, derived and auto-set fields are not."""
        return not (self.computed or self.derived_from or self.auto)

    @property
    def blank(self) -> bool:
        """May be left empty (Django's `blank`): an optional field, except a choice with a
        default, which always holds one of its choices (leaving it out takes the default); ""
        is none of them, and would be a row the API could not return."""
        return not self.required and not (self.choices and self.default is not None)

    @property
    def nullable(self) -> bool:
        """Stored as NULL when empty: optional numbers, dates and references, and optional
        unique text (so that many rows may leave it empty); other optional text is ""."""
        empty = self.field_type.empty
        if self.required or empty not in {NULL, BLANK}:
            return False
        return self.unique or empty == NULL


@dataclass(frozen=True)
class ListFilter:
    """One filtered field of a list route and its operators, in spec order."""

    name: str
    kind: str
    operators: tuple[str, ...]
    choices: tuple[str, ...]
    # the whole numbers the filtered column holds (an id's, a reference's: the ids'), whatever
    # the field's min/max: a filter value beyond them can match nothing and is refused
    column_range: tuple[int, int] | None = None
    digits: tuple[int, int] | None = None  # a decimal column's (max_digits, decimal_places)

    @property
    def params(self) -> tuple[tuple[str, str], ...]:
        """(query parameter, operator) pairs: `type`, `type__in`, `created_at__gte`/`__lte`, `name__contains`."""
        out = []
        for op in self.operators:
            if op == "exact":
                out.append((self.name, op))
            elif op == "range":
                out += [(f"{self.name}__gte", "gte"), (f"{self.name}__lte", "lte")]
            else:
                out.append((f"{self.name}__{op}", op))
        return tuple(out)


@dataclass(frozen=True)
class Aggregate:
    """A read-only number over a reverse relation (`aggregates:`), annotated by the runtime in
    the same query as the rows (one correlated subquery per aggregate)."""

    name: str
    op: str  # "count" or "sum"
    relation: str  # the reverse relation: the related_name of a reference to this resource
    field: str | None  # the summed field of the related resource; None for count
    kind: str  # "integer" or "decimal": the type of the value
    source: str  # the related resource

    @property
    def path(self) -> str:
        return f"{self.relation}.{self.field}" if self.field else self.relation

    @property
    def description(self) -> str:
        if self.op == "count":
            return f"Number of {self.relation} (read-only)"
        return f"Sum of {self.relation} {self.field}; 0 when there are none (read-only)"


@dataclass(frozen=True)
class Nested:
    """A nested collection (`api: nested:`): `GET /<parent plural>/{id}/<name>` lists the rows
    of `child` whose reference `field` points at that parent row."""

    name: str  # the related_name of the reference: `users`
    child: str  # the resource listed: `User`
    field: str  # its reference to the parent: `client`


@dataclass(frozen=True)
class Legacy:
    """The seed-compatible routes of one resource (`legacy:`), defaults filled in."""

    path: str
    operations: tuple[str, ...]
    id_params: tuple[str, ...]
    params: tuple[tuple[str, str], ...]  # (seed parameter, payload key: `client_id`, `roles`, `name`)
    messages: tuple[tuple[str, str], ...]  # (operation, success message) for create/update/delete
    collection_path: str | None
    collection_by: str | None  # payload key of the reference the collection is filtered by
    collection_key: str | None
    collection_params: tuple[str, ...]  # parameters that carry the `by` id, the payload key first
    collection_max_items: int = 0  # the most rows one answer of the collection holds (a page)
    id_range: tuple[int, int] = ID_RANGE  # the ids the id (and `by`) parameters may carry


@dataclass(frozen=True)
class Resource:
    name: str  # model class name: Log
    snake: str  # log
    plural: str  # logs
    label: str
    label_plural: str
    auth_user: bool
    timestamps: bool
    fields: tuple[Field, ...]
    unique_together: tuple[tuple[str, ...], ...]
    indexes: tuple[tuple[str, ...], ...]
    ordering: tuple[str, ...]
    operations: tuple[str, ...]
    list_filters: tuple[ListFilter, ...]
    list_ordering: tuple[str, ...]  # fields ?order= accepts, each ascending or descending
    list_search: tuple[str, ...]
    admin_list: tuple[str, ...]
    admin_search: tuple[str, ...]
    admin_filters: tuple[str, ...]
    admin_ordering: tuple[str, ...]
    import_export: bool
    import_key: tuple[str, ...]
    import_aliases: tuple[tuple[str, tuple[str, ...]], ...]
    tenant: str | None  # "self", the reference field to the tenant, or None (shared by all)
    permissions: tuple[tuple[str, tuple[str, ...]], ...]  # (operation, roles allowed)
    legacy: Legacy | None = None
    aggregates: tuple[Aggregate, ...] = ()
    bulk_key: tuple[str, ...] = ()  # `api: bulk:`: the natural key of POST /<plural>/bulk; () for none
    bulk_max_items: int = 0
    nested: tuple[Nested, ...] = ()  # `api: nested:`, in spec order
    # `import_export: units:`: (field, ((unit, factor to the stored value), ...)), in spec order
    import_units: tuple[tuple[str, tuple[tuple[str, Decimal], ...]], ...] = ()
    # `admin: search:` as (field, mode): contains, prefix or exact; admin_search names the same fields
    admin_search_modes: tuple[tuple[str, str], ...] = ()

    @property
    def doc_label(self) -> str:
        """The label, safe inside a generated docstring."""
        return _doc_safe(self.label)

    @property
    def doc_label_plural(self) -> str:
        return _doc_safe(self.label_plural)

    @property
    def a_label(self) -> str:
        """`a log`, `an item`: the label with its indefinite article, docstring-safe."""
        word = self.label.lower()
        # a vowel letter, except where it sounds like "you" (a user, a unit, a euro)
        article = "an" if word[:1] in "aeiou" and not word.startswith(("u", "eu")) or word.startswith("und") else "a"
        return f"{article} {self.doc_label}"

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def output_names(self) -> tuple[str, ...]:
        """The keys of `<Name>Out`, in its order: what `?fields=` may name."""
        names = ["id", *(f.attname for f in self.fields)]
        names += ["is_active", "is_staff"] if self.auth_user else []
        names += ["created_at", "updated_at"] if self.timestamps else []
        return tuple(names + [a.name for a in self.aggregates])

    @property
    def id_range(self) -> tuple[int, int]:
        """The ids of its rows (the BigAutoField primary key): what an `{id}` in a path, a seed
        route's id parameter and a reference to it may carry."""
        return ID_RANGE

    @property
    def list_query_params(self) -> frozenset[str]:
        """Every query parameter of the list route (`<Name>ListQuery`): the page's own, the
        filters' and `order`/`search` when declared."""
        names = {param for flt in self.list_filters for param, _ in flt.params} | set(PAGE_PARAMS)
        return frozenset(names | ({"order"} if self.list_ordering else set()) | ({"search"} if self.list_search else set()))

    @property
    def input_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.writable)

    @property
    def readonly_names(self) -> tuple[str, ...]:
        names = [f.name for f in self.fields if not f.writable]
        return tuple(names + (["created_at", "updated_at"] if self.timestamps else []))


@dataclass(frozen=True)
class Security:
    tenant: str | None
    roles: tuple[str, ...]
    channels: tuple[tuple[str, str], ...]
    subscription: tuple[tuple[str, object], ...]  # status, active, paid_until, seats, seat_holders
    user_roles: str | None = None  # the auth user's many-references field holding its roles
    role_name: str | None = None  # the field of the role resource holding a role's name
    admin_role: str | None = None  # every tenant keeps an active user holding this role
    # (name, label, description) of every role, in spec order: what the admin shows for a role
    role_labels: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class Project:
    resources: tuple[Resource, ...]
    security: Security
    dashboard: Dashboard = Dashboard()  # `dashboard:`: the admin's first page

    @property
    def auth_user(self) -> Resource | None:
        return next((r for r in self.resources if r.auth_user), None)

    def resource(self, name: str) -> Resource:
        return next(r for r in self.resources if r.name == name)


def _doc_safe(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"').replace("\n", " ")


def _choices(raw) -> tuple[tuple[str, str], ...]:
    if not raw:
        return ()
    if isinstance(raw, dict):
        return tuple((str(k), str(v)) for k, v in raw.items())
    return tuple((str(v), str(v).replace("_", " ").capitalize()) for v in raw)


def _admin_search_modes(res) -> tuple[tuple[str, str], ...]:
    search = res.admin.search
    return tuple(search.items()) if isinstance(search, dict) else tuple((name, "contains") for name in search)


def _admin_indexed(res) -> set[str]:
    """Fields the admin reads through an index that no declaration provides: `prefix` and
    `exact` search fields, and the first field of the change list's order, when no index
    (unique, `index: true`, a reference's, a unique_together or `indexes` group) starts with it."""
    leading = {g[0] for g in (*res.unique_together, *res.indexes) if g}
    leading |= {n for n, f in res.fields.items() if f.unique or f.index or f.type == "reference"}
    wanted = [n for n, mode in _admin_search_modes(res) if mode != "contains"]
    order = tuple(res.admin.ordering) or tuple(res.ordering)
    if order:
        wanted.append(order[0].lstrip("-"))
    columns = {n for n, f in res.fields.items() if field_type(f.type).column and not field_type(f.type).relation}
    return {n for n in wanted if n in columns and n not in leading}


def _field(name: str, spec, admin_indexed: bool = False) -> Field:
    kind = spec.type
    ftype = field_type(kind)
    max_digits, places = None, None
    if ftype.takes("max_digits"):
        max_digits = spec.max_digits or ftype.default_digits[0]
        places = ftype.default_digits[1] if spec.decimal_places is None else spec.decimal_places
    choices = _choices(spec.choices)
    max_length = (spec.max_length or ftype.default_max_length) if ftype.takes("max_length") else None
    if ftype.takes("choices"):  # a column as wide as the longest value
        max_length = max(len(v) for v, _ in choices)
    on_delete = None
    if ftype.takes("on_delete"):
        on_delete = spec.on_delete or ("cascade" if spec.required else "set_null")
    return Field(
        name=name,
        kind=kind,
        label=spec.label or name.replace("_", " "),
        help=spec.help or "",
        required=spec.required and not spec.computed,
        unique=spec.unique,
        index=spec.index or admin_indexed,
        max_length=max_length,
        min=spec.min,
        max=spec.max,
        max_digits=max_digits,
        decimal_places=places,
        default=spec.default,
        choices=choices,
        target=spec.to,
        on_delete=on_delete,
        related_name=spec.related_name,
        computed=spec.computed,
        computed_from=tuple(spec.computed_from),
        derived_from=tuple(spec.derived_from.split(".")) if spec.derived_from else None,
        auto=spec.auto,
    )


def build(spec: SpecFile) -> Project:
    resources = []
    for name, res in spec.resources.items():
        snake = snake_case(name)
        label = res.label or snake.replace("_", " ")
        plural = res.plural or plural_of(snake)
        ie = res.import_export
        resources.append(
            Resource(
                name=name,
                snake=snake,
                plural=plural,
                label=label,
                label_plural=plural_of(label) if not res.plural else plural.replace("_", " "),
                auth_user=res.auth_user,
                timestamps=res.timestamps,
                fields=tuple(_field(n, f, n in _admin_indexed(res)) for n, f in res.fields.items()),
                unique_together=tuple(tuple(g) for g in res.unique_together),
                indexes=tuple(tuple(g) for g in res.indexes),
                ordering=tuple(res.ordering) or ("id",),
                operations=tuple(op for op in OPERATIONS if op in res.api.operations),
                list_filters=_list_filters(res),
                list_ordering=tuple(res.api.ordering),
                list_search=tuple(res.api.search),
                admin_list=tuple(res.admin.list_display) or ("id",),
                admin_search=tuple(res.admin.search),
                admin_search_modes=_admin_search_modes(res),
                admin_filters=tuple(res.admin.filters),
                admin_ordering=tuple(res.admin.ordering) or tuple(res.ordering) or ("id",),
                import_export=ie.enabled,
                import_key=tuple(ie.key),
                import_aliases=tuple((k, tuple(v)) for k, v in ie.aliases.items()),
                tenant=res.tenant,
                permissions=tuple((op, tuple(roles)) for op, roles in sorted(res.permissions.items())),
                legacy=_legacy(res, label),
                aggregates=_aggregates(spec, name, res),
                bulk_key=tuple(res.api.bulk.key) if res.api.bulk else (),
                bulk_max_items=res.api.bulk.max_items if res.api.bulk else 0,
                nested=_nested(spec, name, res),
                import_units=tuple((f, tuple(units.items())) for f, units in ie.units.items()),
            )
        )
    dashboard = build_dashboard(spec, resources)
    # the indexes the dashboard's aggregates read, so each is an index-only scan
    return Project(resources=dashboard_indexes(resources, dashboard), security=_security(spec), dashboard=dashboard)


def _aggregates(spec: SpecFile, name: str, res) -> tuple[Aggregate, ...]:
    reverse = reverse_relations(spec, name)
    out = []
    for aname, agg in res.aggregates.items():
        if agg.count is not None:
            relation, field, kind = agg.count, None, "integer"
        else:
            relation, field = agg.sum.split(".")
            kind = field_kinds(spec.resources[reverse[relation][0]])[field]
        out.append(Aggregate(name=aname, op="count" if agg.count is not None else "sum", relation=relation,
                             field=field, kind=kind, source=reverse[relation][0]))
    return tuple(out)


def _nested(spec: SpecFile, name: str, res) -> tuple[Nested, ...]:
    reverse = reverse_relations(spec, name)
    return tuple(Nested(name=rel, child=reverse[rel][0], field=reverse[rel][1]) for rel in res.api.nested)


def _list_filters(res) -> tuple[ListFilter, ...]:
    kinds = field_kinds(res)
    out = []
    for name, ops in res.api.filters.items():
        field = res.fields.get(name)
        choices = tuple(v for v, _ in _choices(field.choices)) if field is not None else ()
        ordered = tuple(op for op in FILTER_OPERATORS if op in ops)
        column = ID_RANGE if name == "id" else field_type(kinds[name]).column_range  # the primary key's
        resolved = _field(name, field) if field is not None else None
        digits = (resolved.max_digits, resolved.decimal_places) if resolved and resolved.max_digits else None
        out.append(ListFilter(name=name, kind=kinds[name], operators=ordered, choices=choices,
                              column_range=column, digits=digits))
    return tuple(out)


LEGACY_VERBS = {"create": "created", "update": "updated", "delete": "deleted"}


def _legacy(res, label: str) -> Legacy | None:
    spec = res.legacy
    if spec is None:
        return None
    fields = {name: _field(name, f) for name, f in res.fields.items()}
    params = tuple((seed, fields[name].attname) for seed, name in spec.params.items())
    ops = tuple(op for op in ("create", "get", "update", "delete") if op in spec.operations)
    messages = tuple(
        (op, spec.messages.get(op) or f"{label[:1].upper()}{label[1:]} {LEGACY_VERBS[op]} successfully")
        for op in ops
        if op in LEGACY_VERBS
    )
    coll = spec.collection
    by = fields[coll.by].attname if coll else None
    return Legacy(
        path=spec.path,
        operations=ops,
        id_params=tuple(spec.id_params),
        params=params,
        messages=messages,
        collection_path=coll.path if coll else None,
        collection_by=by,
        collection_key=(coll.key or coll.path) if coll else None,
        collection_params=(by, *(seed for seed, name in spec.params.items() if coll and name == coll.by and seed != by))
        if coll
        else (),
        collection_max_items=coll.max_items if coll else 0,
    )


def _role_labels(roles) -> tuple[tuple[str, str, str], ...]:
    described = roles if isinstance(roles, dict) else {name: RoleSpec() for name in roles}
    return tuple((name, role_label(name, role), " ".join((role.description or "").split())) for name, role in described.items())


def _security(spec: SpecFile) -> Security:
    sec = spec.security
    if sec is None:  # no roles declared: only platform staff may do anything
        return Security(tenant=None, roles=(), channels=(), subscription=())
    sub = sec.subscription
    subscription = ()
    if sub is not None:
        subscription = tuple(
            (key, tuple(value) if isinstance(value, list) else value)
            for key, value in sub.model_dump().items()
            if value is not None
        )
    return Security(
        tenant=sec.tenant,
        roles=tuple(sec.roles),
        role_labels=_role_labels(sec.roles),
        channels=tuple(sorted(sec.channels.items())),
        subscription=subscription,
        user_roles=sec.user_roles,
        role_name=sec.role_name,
        admin_role=sec.admin_role,
    )
