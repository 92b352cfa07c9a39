"""The shape of resources.yaml, as pydantic models: structure and value types only.

Cross-references (fields named in lists, targets of references, reserved words) are checked
afterwards by `codegen.spec.check`, which needs the whole document.

The docstrings of the models and of their fields are the descriptions of the spec's JSON Schema
(`codegen.schema`, resources.schema.json), which editors show on hover and completion: write
them for someone editing resources.yaml.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, field_validator

from codegen.field_types import TYPES
from codegen.spec.model_dashboard import DashboardSpec

FIELD_TYPES = tuple(TYPES)  # the names of the table in codegen.field_types
OPERATIONS = ("list", "get", "create", "update", "delete")
ON_DELETE = ("cascade", "protect", "restrict", "set_null")
AUTO_VALUES = ("creator", "editor")
PERMISSION_OPS = (*OPERATIONS, "import", "export")
CHANNELS = ("api", "admin")
FILTER_OPERATORS = ("exact", "in", "range", "contains")
SEARCH_MODES = ("contains", "prefix", "exact")

Name = Annotated[str, Field(min_length=1)]
# Strict, so that YAML's 1.0 is the number 1.0, never the boolean True, and 5 never the string "5".
Scalar = StrictBool | StrictInt | Decimal | StrictStr
# A `type:` value; codegen.schema describes each one from its entry in codegen.field_types.
FieldTypeName = Literal[FIELD_TYPES]  # type: ignore[valid-type]


class Strict(BaseModel):
    """A mapping of resources.yaml: unknown keys are errors; attribute docstrings describe the keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class FieldSpec(Strict):
    """One field of a resource: a column of its table (a link table for many-references), a key
    of its API schemas, an admin form field and an import/export column."""

    type: FieldTypeName
    """What the field holds. `name: phone` is short for `name: {type: phone}`."""
    required: bool = False
    """A value must be given (API, admin, imports) and is never empty. Default: false."""
    unique: bool = False
    """No two rows may hold the same value (a unique index; a clash is a 409). Default: false."""
    index: bool = False
    """Give the column a database index (a unique field has one already). Default: false."""
    max_length: Annotated[int, Field(gt=0)] | None = None
    """The most characters the value may have (string, email, phone, url); default: the type's."""
    min: Decimal | None = None
    """The smallest value allowed (integer and decimal fields)."""
    max: Decimal | None = None
    """The largest value allowed (integer and decimal fields)."""
    max_digits: Annotated[int, Field(gt=0, le=65)] | None = None
    """A decimal's digits in all, before and after the point (1 to 65); default: the type's."""
    decimal_places: Annotated[int, Field(ge=0, le=30)] | None = None
    """A decimal's digits after the point (0 to 30, at most max_digits); default: the type's."""
    default: Scalar | None = None
    """The value of a new row when none is given: one that suits the type (for a choice field,
    one of its choices). Dates, datetimes and references take none."""
    choices: list[Name] | dict[Name, Name] | None = None
    """A choice field's values: a list (`[hardwood, pinewood]`, labels made from the values) or
    a mapping of value to label (`{past_due: Past due}`)."""
    to: Name | None = None
    """The resource a reference or many-references field points to (its CamelCase name)."""
    on_delete: Literal[ON_DELETE] | None = None  # type: ignore[valid-type]
    """What deleting the referenced row does to this one: `cascade` deletes it too, `protect` and
    `restrict` refuse the delete (`restrict` allows it when this row is deleted in the same
    cascade), `set_null` empties the reference (optional references only). Default: cascade
    when required, else set_null."""
    related_name: Name | None = None
    """The name of the reverse relation on the target, e.g. `logs` on Consignment for
    Log.consignment: what `aggregates` and `api: nested` name."""
    computed: bool = False
    """Set by the hook `compute_<field>()` of the model (timba/hooks/), never from input.
    Default: false."""
    computed_from: list[Name] = []
    """The fields a computed value is worked out from, named when it does not fit its column
    (a 422 on these fields)."""
    derived_from: Name | None = None
    """Copied from a parent row: `<reference>.<field of its target>`, e.g. `consignment.client`;
    kept in step when the parent changes, never from input."""
    auto: Literal[AUTO_VALUES] | None = None  # type: ignore[valid-type]
    """A reference to the auth user set from the caller: `creator` when the row is created,
    `editor` on every write."""
    label: Name | None = None
    """The field's human name (its verbose_name: admin labels, messages); default: its name
    with spaces."""
    help: str | None = None
    """Help text: the admin form's help text and the API schema's description."""


class BulkSpec(Strict):
    """`POST /api/v1/<plural>/bulk`: create-or-update many rows at once, matched on a natural key."""

    key: list[Name]
    """The fields rows are matched on: a unique field or a unique_together group (derived
    fields allowed)."""
    max_items: Annotated[int, Field(gt=0, le=10000)] = 1000
    """The most items one request may send (1 to 10000). Default: 1000."""


class ApiSpec(Strict):
    """The resource's REST API under /api/v1/<plural>."""

    operations: list[Literal[OPERATIONS]] = list(OPERATIONS)  # type: ignore[valid-type]
    """The routes it has: `list`, `get`, `create`, `update` (PATCH and PUT), `delete`. Default: all."""
    filters: dict[Name, list[Literal[FILTER_OPERATORS]]] = {}  # type: ignore[valid-type]
    """List query parameters, per field: `exact` (`?<field>=`), `in` (`?<field>__in=`), `range`
    (`?<field>__gte=`/`__lte=`), `contains` (`?<field>__contains=`)."""
    ordering: list[Name] = []
    """The fields `?order=` accepts, each ascending or with '-'."""
    search: list[Name] = []
    """The text fields `?search=` looks in."""
    bulk: BulkSpec | None = None
    """Bulk upsert at `POST /api/v1/<plural>/bulk`; none when left out."""
    nested: list[Name] = []
    """`GET /<plural>/{id}/<name>`: the rows of another resource that refer to one row of this
    one, each named by the related_name of that reference (e.g. a client's `users`)."""


class AdminSpec(Strict):
    """The resource's admin (django-unfold) change list."""

    list_display: list[Name] = []
    """The columns of the change list. Default: id."""
    search: list[Name] | dict[Name, Literal[SEARCH_MODES]] = []  # type: ignore[valid-type]
    """The text fields the admin's search box looks in: a list (the text found anywhere in the
    value, `contains`), or a mapping of field to how the text matches: `contains`, `prefix` (the
    value starts with it) or `exact` (the whole value, case aside). `prefix` and `exact` read an
    index on the field (one is generated when no index starts with it): the way to search a
    natural key in a table of millions, where `contains` reads every row."""
    filters: list[Name] = []
    """The fields of the change list's filter sidebar."""
    ordering: list[Name] = []
    """The change list's order, '-' for descending. Default: the resource's ordering."""


class ImportExportSpec(Strict):
    """Import and export of rows in the admin (django-import-export)."""

    enabled: bool = True
    """Offer import and export. Default: true when import_export is given, false when left out."""
    key: list[Name] = []
    """The fields an imported row is matched on to update a stored one: a unique field or a
    unique_together group. None: rows are only created."""
    aliases: dict[Name, list[Name]] = {}
    """Other column headings accepted for a field on import, e.g. `{contact: [phone, telephone]}`."""
    units: dict[Name, dict[Name, Annotated[Decimal, Field(gt=0)]]] = {}
    """Units a number field's column may be given in on import, by field: unit -> factor to the
    stored value, e.g. `{length: {m: 1, cm: 0.01, mm: 0.001}}`. A heading naming a unit in brackets
    ("Length (cm)", "L [mm]") multiplies each value by its factor; a field that declares units
    refuses a heading in another unit, and a heading without one is in the stored unit."""


LEGACY_OPERATIONS = ("create", "get", "update", "delete")


class LegacyCollectionSpec(Strict):
    """`GET <path>`: the rows of one parent, e.g. `consignments?client_id=3`."""

    path: Name
    """The collection's path under /timba/ and /timbba/."""
    by: Name
    """The reference field the rows are filtered by; its parameter is required."""
    key: Name | None = None
    """The answer is `{key: [...]}`; default: the path."""
    max_items: Annotated[int, Field(gt=0, le=10000)] = 1000
    """The most rows one answer holds (1 to 10000): a longer collection is answered a page at a
    time (`limit`, `offset` or `cursor`, as the REST lists take them), with a `Link: <…>;
    rel="next"` header while more remain. Default: 1000."""


class LegacySpec(Strict):
    """Seed-compatible routes under /timba/ and /timbba/ (see README, "Seed routes")."""

    path: Name
    """The path of one row: PUT creates, GET/PATCH/DELETE by id."""
    operations: list[Literal[LEGACY_OPERATIONS]] = list(LEGACY_OPERATIONS)  # type: ignore[valid-type]
    """The seed routes it has. Default: all four."""
    collection: LegacyCollectionSpec | None = None
    """A route listing the rows of one parent; none when left out."""
    id_params: list[Name] = ["id"]
    """The parameter names that carry the row's id; the first present wins. Default: [id]."""
    params: dict[Name, Name] = {}
    """Seed parameter name -> field name, e.g. `{con_id: consignment}`."""
    messages: dict[Literal[LEGACY_OPERATIONS], str] = {}  # type: ignore[valid-type]
    """The success message per operation; default: "<Label> created successfully" and so on."""


class AggregateSpec(Strict):
    """A read-only number computed over a reverse relation: `{count: logs}` or `{sum: logs.volume}`."""

    count: Name | None = None
    """The number of rows of a reverse relation (the related_name of a reference to this resource)."""
    sum: Name | None = None
    """The total of a numeric field over a reverse relation: `<reverse relation>.<field>`."""


class ResourceSpec(Strict):
    """One entity: a model, its API, admin, import/export and security rules. The key is its
    CamelCase name (the model's class name)."""

    plural: Name | None = None
    """The plural in URLs and labels (`/api/v1/<plural>`); default: made from the name."""
    label: Name | None = None
    """The human name (admin, messages); default: the name in lower case with spaces."""
    auth_user: bool = False
    """This resource is the AUTH_USER_MODEL (true on exactly one resource). Default: false."""
    timestamps: bool = True
    """Add created_at and updated_at. Default: true."""
    fields: dict[Name, FieldSpec]
    """The fields, by snake_case name: a type name alone (`contact: phone`) or a mapping of options."""
    unique_together: list[list[Name]] = []
    """Groups of fields whose values together are unique, e.g. `[[client, barcode]]`."""
    indexes: list[list[Name]] = []
    """Groups of fields that get a database index, e.g. `[[consignment, barcode]]`."""
    ordering: list[Name] = []
    """The default order of rows, '-' for descending. Default: [id]."""
    api: ApiSpec = ApiSpec()
    """The REST API. Default: every operation, no filters."""
    admin: AdminSpec = AdminSpec()
    """The admin change list."""
    import_export: ImportExportSpec = ImportExportSpec(enabled=False)
    """Import and export in the admin; off when left out."""
    tenant: Name | None = None
    """The path to the tenant: `self` on the tenant resource, else the reference field to it;
    none for data every tenant shares."""
    permissions: dict[Literal[PERMISSION_OPS], list[Name]] = {}  # type: ignore[valid-type]
    """The roles allowed each operation (`list`, `get`, `create`, `update`, `delete`, `import`,
    `export`); an operation left out is for platform staff only."""
    legacy: LegacySpec | None = None
    """Seed-compatible routes under /timba/ and /timbba/; none when left out."""
    aggregates: dict[Name, AggregateSpec] = {}
    """Read-only numbers over reverse relations, by output name, e.g. `{log_count: {count: logs}}`."""

    @field_validator("fields", mode="before", json_schema_input_type=dict[Name, FieldTypeName | FieldSpec])
    @classmethod
    def _type_shorthand(cls, value):
        """`contact: phone` is short for `contact: {type: phone}`."""
        if isinstance(value, dict):
            return {k: ({"type": v} if isinstance(v, str) else v) for k, v in value.items()}
        return value


class SubscriptionSpec(Strict):
    """Whether a tenant may use the product now: its status and paid-until date, and its seats."""

    status: Name
    """The tenant's choice field holding its subscription status."""
    active: list[Name]
    """The statuses that let the tenant's users in; any other is a 402."""
    paid_until: Name | None = None
    """The tenant's date field after which its users get a 402."""
    seats: Name | None = None
    """The tenant's integer field limiting how many seat holders it may have (409 beyond)."""
    seat_holders: Name | None = None
    """The resource whose rows take a seat (e.g. User); needed with seats."""


class RoleSpec(Strict):
    """How the admin presents one role: its label and what holding it lets a user do."""

    label: Name | None = None
    """The role's name as people read it (e.g. `Web admin`); default: the name with spaces, capitalised."""
    description: str | None = None
    """What a user holding the role may do, in a sentence: shown beside the role in the admin's user form."""


class SecuritySpec(Strict):
    """Who may do what: the tenant, the role names the rules use, where roles live, the role
    each channel needs and the subscription rules."""

    tenant: Name
    """The resource whose rows are tenants (the paying customers)."""
    roles: list[Name] | dict[Name, RoleSpec]
    """The role names permissions and channels may use (roles are rows of the role resource): a
    list (`[web, mobile]`), or a mapping of name to its label and description
    (`{web: {label: Web admin, description: Opens the admin}}`, `{}` for the defaults) that the admin shows."""
    user_roles: Name | None = None
    """The auth user's many-references field holding a user's roles."""
    role_name: Name | None = None
    """The unique string field of the role resource holding the name the rules and channels match."""
    channels: dict[Literal[CHANNELS], Name] = {}  # type: ignore[valid-type]
    """The role a user needs for each channel: `admin` and `api`."""
    admin_role: Name | None = None
    """The role of a tenant's administrators: every tenant keeps at least one active user holding
    it, so its last holder cannot be deleted, deactivated or lose the role."""
    subscription: SubscriptionSpec | None = None
    """Subscription rules; none when left out."""


class SpecFile(Strict):
    """resources.yaml: the whole spec, from which `python -m codegen generate` writes the models,
    API, admin, import/export and security rules."""

    version: Literal[1]
    """The spec language's version: 1."""
    security: SecuritySpec | None = None
    """Tenants, roles, channels and subscriptions; none: only platform staff may do anything."""
    resources: dict[Name, ResourceSpec]
    """The resources, by CamelCase name."""
    dashboard: DashboardSpec = DashboardSpec()
    """The admin's first page: figures, charts, latest imports, seats and subscriptions."""
