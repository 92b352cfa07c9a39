"""The one table of spec field types: what each `type:` of resources.yaml means to every target.

Like the serializer registry of Django's migration writer, each type is one entry, and the
emitters and spec checks read it instead of keeping their own sets of type names: the Django
model field, the schema type, extra validators, schema constraints, the options it takes, the
list filters it supports, how an empty optional value is stored, which defaults suit it.
Adding a type is one entry here plus a golden case (tests/codegen/test_field_types.py fails
for a type some target cannot handle).

codegen never imports Django: model fields, validators and widgets are source-code strings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

# How an optional field left empty is stored (`FieldType.empty`).
NULL = "null"  # NULL in the column
BLANK = "blank"  # "" in the column, or NULL when the field is unique (so many rows may be empty)
FALSE = "false"  # False: a boolean is never NULL, and defaults to False
NO_LINKS = "no links"  # no rows in the link table of a many-to-many relation
EMPTY_VALUES = (NULL, BLANK, FALSE, NO_LINKS)

# The type-specific options of a field (the rest, such as required, unique, default, label,
# apply to every type unless a check says otherwise).
TYPE_OPTIONS = (
    "max_length", "min", "max", "max_digits", "decimal_places", "choices", "to", "on_delete", "related_name",
)

# Relations (`FieldType.relation`).
ONE = "one"  # a ForeignKey: the payload key is `<name>_id`
MANY = "many"  # a ManyToManyField: the payload key is a list of ids under the field's name

# The integer columns (`FieldType.column_range`): Django's IntegerField, and the BigAutoField of
# every primary key (ids start at 1), which a reference's column holds too.
INTEGER_RANGE = (-2147483648, 2147483647)
ID_RANGE = (1, 9223372036854775807)

# An e-mail address as Django's EmailValidator accepts it, kept to ASCII and the dot-atom form
# (no quoted local part, no IDN or address-literal domain): `user@label(.label)*.tld`, where a
# label is 1-63 letters, digits and inner dashes and the tld 2-63 letters and inner dashes.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_ATOM = r"[-!#$%&'*+/=?^_`{|}~0-9A-Za-z]+"
_TLD = r"[A-Za-z](?:[A-Za-z-]{0,61}[A-Za-z])"
EMAIL_PATTERN = rf"^{_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})*\.{_TLD}$"
# A web address as Django's URLValidator accepts it, kept to http(s), host names and ports.
# After the host, anything but white space as any of the pattern's readers sees it: Python's `\s`
# (Django's validator) also holds \x1c-\x1f and \x85, ECMAScript's (the document's readers)
# \ufeff, so those are named; Rust's (pydantic) is within the two.
_NOT_SPACE = r"[^\s\x1c-\x1f\x85\ufeff]"
URL_PATTERN = rf"^https?://(?:{_LABEL}(?:\.{_LABEL})*\.{_TLD}|localhost)(?::[0-9]{{1,5}})?(?:[/?#]{_NOT_SPACE}*)?$"


def _is_bool(value) -> bool:
    return isinstance(value, bool)


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _is_str(value) -> bool:
    return isinstance(value, str)


@dataclass(frozen=True)
class FieldType:
    """One spec type. Every attribute is read by an emitter or a spec check; the optional ones
    matter only where another says so (a default max_length where max_length is an option)."""

    name: str  # the spec's `type:`
    # one line for someone writing resources.yaml: the JSON Schema's text for it (in editors)
    description: str = field(kw_only=True)
    model_field: str  # the Django model field class, as source: "models.CharField"
    schema_type: str  # the pydantic type of the value in API schemas: "str", "Decimal"
    filter_type: str  # the type of ?<field>= (exact) and range bounds; a reference's is its id
    filters: tuple[str, ...]  # the list filter operators it supports (spec.model.FILTER_OPERATORS)
    empty: str  # how an optional value left empty is stored: one of EMPTY_VALUES
    options: frozenset[str] = frozenset()  # the TYPE_OPTIONS that apply to it
    default_max_length: int | None = None  # the max_length when left out (max_length an option)
    default_digits: tuple[int, int] | None = None  # (max_digits, decimal_places) when left out
    validators: tuple[tuple[str, str], ...] = ()  # extra model validators: (source, its import)
    schema_imports: tuple[str, ...] = ()  # imports the schema type needs in schemas.py
    pattern: str | None = None  # a regex the value must match in API input
    required_nonempty: bool = False  # a required value may not be "" (schema min_length=1)
    textual: bool = False  # holds text: admin search may look in it
    searchable: bool = False  # `api: search:` (?search=) may look in it
    numeric: bool = False  # a number: a `sum:` aggregate may add it up
    whole_number: bool = False  # min/max bounds are written as ints in model validators
    # the whole numbers its column holds, (lowest, highest): every integer the API accepts for it
    # (a value, a reference's id, a filter) is held to them; None for a type that is no integer
    column_range: tuple[int, int] | None = None
    # the pydantic type of a value in a JSON body when stricter than schema_type (ISO text for
    # dates, never a Unix time); a decimal's is wrapped in DecimalText of its column
    input_type: str | None = None
    # a validator the value carries in a JSON body, after its bounds (a JSON integer, never `true`
    # or "5"; a many-reference's: each id), as source
    input_check: str | None = None
    # the pattern of an `in` filter's comma-separated values, as source: {low}/{high} stand for
    # the column's range, {max_digits}/{decimal_places} for a decimal's, {choices} for the choices
    list_pattern: str | None = None
    display: bool = False  # may name a row: __str__, the column an import names a reference by
    relation: str | None = None  # ONE or MANY for a reference to another resource, else None
    column: bool = True  # in the row's table (False: a link table): sortable, unique, a key
    import_widget: str | None = None  # a relation's django-import-export widget
    # how a spreadsheet export writes the value (timba.runtime.exports.cells.KINDS): text (escaped
    # against formulas), a number, a real date, a boolean, a reference by its natural key
    cell: str = "text"
    # accepts a spec `default:` value; None: the type takes no default
    accepts_default: Callable[[object], bool] | None = field(default=None, compare=False)

    def takes(self, option: str) -> bool:
        return option in self.options


_TEXT = {"schema_type": "str", "filter_type": "str", "empty": BLANK, "textual": True, "accepts_default": _is_str}
_LINE = {  # one line of text with a length limit
    **_TEXT,
    "filters": ("exact", "in", "contains"),
    "options": frozenset({"max_length"}),
    "searchable": True,
    "list_pattern": "text_list_pattern()",
}
_NUMBER = {"filters": ("exact", "in", "range"), "empty": NULL, "numeric": True}
_IDS = "int_list_pattern({low}, {high})"
_WHOLE = {"input_check": "JSON_INTEGER", "schema_imports": ("from timba.runtime.schemas import JSON_INTEGER",)}
_RELATION = {
    "schema_type": "int", "filter_type": "int", "filters": ("exact", "in"), "column_range": ID_RANGE,
    "list_pattern": _IDS, **_WHOLE,
}

TYPES: dict[str, FieldType] = {
    t.name: t
    for t in (
        FieldType(
            "string", "models.CharField", **_LINE,
            default_max_length=255, required_nonempty=True, display=True,
            description="One line of text: a name, a code, a number plate.",
        ),
        FieldType(
            "text", "models.TextField", **_TEXT, filters=("exact", "contains"), searchable=True,
            description="Text of any length, line breaks allowed: a note, an address.",
        ),
        FieldType(
            "email", "models.EmailField", **_LINE,
            default_max_length=254, display=True, pattern=EMAIL_PATTERN,
            description="An e-mail address (name@domain.tld).",
        ),
        FieldType(
            "phone", "models.CharField", **_LINE,
            default_max_length=20, pattern=r"^\+?[0-9 ()\-]{3,20}$",
            validators=(("phone_validator", "from timba.runtime.validators import phone_validator"),),
            description="A phone number: digits, spaces, brackets and dashes, optionally a leading +.",
        ),
        FieldType(
            "url", "models.URLField", **_LINE,
            default_max_length=200, pattern=URL_PATTERN,
            description="A web address starting with http:// or https://.",
        ),
        FieldType(
            "integer", "models.IntegerField", "int", "int", **_NUMBER,
            options=frozenset({"min", "max"}), whole_number=True, accepts_default=_is_int,
            column_range=INTEGER_RANGE, list_pattern=_IDS, **_WHOLE, cell="integer",
            description="A whole number.",
        ),
        FieldType(
            "decimal", "models.DecimalField", "Decimal", "Decimal", **_NUMBER,
            options=frozenset({"min", "max", "max_digits", "decimal_places"}), default_digits=(12, 3),
            schema_imports=("from decimal import Decimal",), accepts_default=_is_number,
            list_pattern="decimal_list_pattern({max_digits}, {decimal_places})", cell="decimal",
            description="An exact decimal number (a length, a volume, a price); a string in the API.",
        ),
        FieldType(
            "boolean", "models.BooleanField", "bool", "bool", ("exact",), FALSE, accepts_default=_is_bool,
            input_type="StrictBool", schema_imports=("from pydantic import StrictBool",), cell="boolean",
            description="True or false; false unless set.",
        ),
        FieldType(
            "date", "models.DateField", "date", "IsoDate", ("exact", "in", "range"), NULL,
            schema_imports=("from datetime import date", "from timba.runtime.schemas import IsoDate"),
            input_type="IsoDate", list_pattern="date_list_pattern()", cell="date",
            description="A calendar date (YYYY-MM-DD in the API).",
        ),
        FieldType(
            "datetime", "models.DateTimeField", "datetime", "IsoDateTime", ("exact", "range"), NULL,
            schema_imports=("from datetime import datetime", "from timba.runtime.schemas import IsoDateTime"),
            input_type="IsoDateTime", cell="datetime",
            description="A date and time (ISO 8601, UTC, in the API).",
        ),
        FieldType(
            "choice", "models.CharField", "str", "str", ("exact", "in"), BLANK,
            options=frozenset({"choices"}), textual=True, accepts_default=_is_str,
            list_pattern="choice_list_pattern({choices})",
            description="One value of a fixed list of choices.",
        ),
        FieldType(
            "reference", "models.ForeignKey", **_RELATION, empty=NULL,
            options=frozenset({"to", "on_delete", "related_name"}), relation=ONE,
            import_widget="ForeignKeyWidget", cell="reference",
            description="One row of another resource; `<name>_id` in the API.",
        ),
        FieldType(
            "many-references", "models.ManyToManyField", **{**_RELATION, "schema_type": "list[int]"},
            empty=NO_LINKS, options=frozenset({"to", "related_name"}), relation=MANY, column=False,
            import_widget="ManyToManyWidget", cell="many",
            description="Any number of rows of another resource; a list of ids in the API.",
        ),
    )
}


def field_type(name: str) -> FieldType:
    """The entry of a spec type name."""
    return TYPES[name]


def names_taking(option: str) -> list[str]:
    """The types an option applies to, in table order: for messages such as "max_length
    applies to string, email and phone"."""
    return [t.name for t in TYPES.values() if t.takes(option)]

