"""The shape of resources.yaml, as pydantic models: structure and value types only.

Cross-references (fields named in lists, targets of references, reserved words) are checked
afterwards by `codegen.spec.check`, which needs the whole document.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, field_validator

from codegen.field_types import TYPES

FIELD_TYPES = tuple(TYPES)  # the names of the table in codegen.field_types
OPERATIONS = ("list", "get", "create", "update", "delete")
ON_DELETE = ("cascade", "protect", "restrict", "set_null")
AUTO_VALUES = ("creator", "editor")
PERMISSION_OPS = (*OPERATIONS, "import", "export")
CHANNELS = ("api", "admin")
FILTER_OPERATORS = ("exact", "in", "range", "contains")

Name = Annotated[str, Field(min_length=1)]
# Strict, so that YAML's 1.0 is the number 1.0, never the boolean True, and 5 never the string "5".
Scalar = StrictBool | StrictInt | Decimal | StrictStr


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FieldSpec(Strict):
    type: Literal[FIELD_TYPES]  # type: ignore[valid-type]
    required: bool = False
    unique: bool = False
    index: bool = False
    max_length: Annotated[int, Field(gt=0)] | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    max_digits: Annotated[int, Field(gt=0, le=65)] | None = None
    decimal_places: Annotated[int, Field(ge=0, le=30)] | None = None
    default: Scalar | None = None
    choices: list[Name] | dict[Name, Name] | None = None
    to: Name | None = None
    on_delete: Literal[ON_DELETE] | None = None  # type: ignore[valid-type]
    related_name: Name | None = None
    computed: bool = False
    # the fields a computed value is worked out from, named when it does not fit its column
    computed_from: list[Name] = []
    derived_from: Name | None = None
    auto: Literal[AUTO_VALUES] | None = None  # type: ignore[valid-type]
    label: Name | None = None
    help: str | None = None


class BulkSpec(Strict):
    """`POST /api/v1/<plural>/bulk`: create-or-update many rows at once, matched on a natural key."""

    key: list[Name]  # fields of a unique field or unique_together group (derived fields allowed)
    max_items: Annotated[int, Field(gt=0, le=10000)] = 1000


class ApiSpec(Strict):
    operations: list[Literal[OPERATIONS]] = list(OPERATIONS)  # type: ignore[valid-type]
    # List query parameters: `?<field>=`, `?<field>__in=`, `?<field>__gte=/__lte=`, `?<field>__contains=`
    filters: dict[Name, list[Literal[FILTER_OPERATORS]]] = {}  # type: ignore[valid-type]
    ordering: list[Name] = []  # fields `?order=` accepts, ascending or with '-'
    search: list[Name] = []  # text fields `?search=` looks in
    bulk: BulkSpec | None = None
    # `GET /<plural>/{id}/<name>`: the rows of another resource that refer to one row of this
    # one, each named by the related_name of that reference (e.g. a client's `users`)
    nested: list[Name] = []


class AdminSpec(Strict):
    list_display: list[Name] = []
    search: list[Name] = []
    filters: list[Name] = []
    ordering: list[Name] = []


class ImportExportSpec(Strict):
    enabled: bool = True
    key: list[Name] = []
    aliases: dict[Name, list[Name]] = {}


LEGACY_OPERATIONS = ("create", "get", "update", "delete")


class LegacyCollectionSpec(Strict):
    """`GET <path>`: the rows of one parent, e.g. `consignments?client_id=3`."""

    path: Name
    by: Name  # the reference field the rows are filtered by; its parameter is required
    key: Name | None = None  # the answer is `{key: [...]}`; default: the path


class LegacySpec(Strict):
    """Seed-compatible routes under /timba/ and /timbba/ (see README, "Seed routes")."""

    path: Name  # one row: PUT creates, GET/PATCH/DELETE by id
    operations: list[Literal[LEGACY_OPERATIONS]] = list(LEGACY_OPERATIONS)  # type: ignore[valid-type]
    collection: LegacyCollectionSpec | None = None
    id_params: list[Name] = ["id"]  # parameter names that carry the row's id, first present wins
    params: dict[Name, Name] = {}  # seed parameter name -> field name
    messages: dict[Literal[LEGACY_OPERATIONS], str] = {}  # type: ignore[valid-type]


class AggregateSpec(Strict):
    """A read-only number computed over a reverse relation: `{count: logs}` or `{sum: logs.volume}`."""

    count: Name | None = None  # a reverse relation (the related_name of a reference to this resource)
    sum: Name | None = None  # `<reverse relation>.<numeric field of the related resource>`


class ResourceSpec(Strict):
    plural: Name | None = None
    label: Name | None = None
    auth_user: bool = False
    timestamps: bool = True
    fields: dict[Name, FieldSpec]
    unique_together: list[list[Name]] = []
    indexes: list[list[Name]] = []
    ordering: list[Name] = []
    api: ApiSpec = ApiSpec()
    admin: AdminSpec = AdminSpec()
    import_export: ImportExportSpec = ImportExportSpec(enabled=False)
    tenant: Name | None = None
    permissions: dict[Literal[PERMISSION_OPS], list[Name]] = {}  # type: ignore[valid-type]
    legacy: LegacySpec | None = None
    aggregates: dict[Name, AggregateSpec] = {}

    @field_validator("fields", mode="before")
    @classmethod
    def _type_shorthand(cls, value):
        """`contact: phone` is short for `contact: {type: phone}`."""
        if isinstance(value, dict):
            return {k: ({"type": v} if isinstance(v, str) else v) for k, v in value.items()}
        return value


class SubscriptionSpec(Strict):
    status: Name
    active: list[Name]
    paid_until: Name | None = None
    seats: Name | None = None
    seat_holders: Name | None = None


class SecuritySpec(Strict):
    tenant: Name
    roles: list[Name]
    # Where a user's roles live: the auth user's many-references field to the resource whose
    # rows are roles (`user_roles`), and that resource's unique string field holding the name
    # the rules and channels use (`role_name`).
    user_roles: Name | None = None
    role_name: Name | None = None
    channels: dict[Literal[CHANNELS], Name] = {}  # type: ignore[valid-type]
    subscription: SubscriptionSpec | None = None


class SpecFile(Strict):
    version: Literal[1]
    security: SecuritySpec | None = None
    resources: dict[Name, ResourceSpec]
