"""Cross-reference checks that need the whole spec: names, reserved words, references,
per-type options. Each problem is `(loc, on_key, message)`; `load` turns it into a line."""

from __future__ import annotations

import keyword
import re

from codegen.field_types import MANY, ONE, field_type, names_taking
from codegen.naming import plural_of, snake_case
from codegen.spec.check_dashboard import check_dashboard
from codegen.spec.check_legacy import check_legacy
from codegen.spec.check_security import check_security
from codegen.spec.errors import did_you_mean
from codegen.spec.model import FILTER_OPERATORS, FieldSpec, ResourceSpec, SpecFile

RESOURCE_NAME = re.compile(r"^[A-Z][A-Za-z0-9]*$")
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
RESERVED_RESOURCES = {
    "Model", "Meta", "Manager", "QuerySet", "Schema", "Router", "Token", "Problem",
    # imported next to the models by generated api/admin/resources modules and the hooks module
    "Query", "PageParams", "ClassVar", "EntityAdmin", "EntityUserAdmin", "ImportExportMixin", "EntityResource",
    "ForeignKeyWidget", "ManyToManyWidget", "AdminMixin",
    # api.py would define entity_list()/extend_router over the runtime functions it calls
    "Entity", "Extend",
}
# Classes generated for each resource: `<Name><suffix>`, which must not be another resource.
GENERATED_SUFFIXES = ("Base", "Out", "Create", "Patch", "Page", "ListQuery", "Admin", "Resource", "Bulk", "BulkResult")
RESERVED_FIELDS = {
    "id", "pk", "objects", "save", "delete", "clean", "full_clean", "refresh_from_db", "meta",
    "check", "serializable_value", "validate_unique", "validate_constraints", "fields", "items",
    "created_at", "updated_at",  # owned by `timestamps`
    "derived_fields", "computed_fields", "computed_inputs", "auto_fields", "aggregate_fields",  # set on the generated base class
}
AUTH_USER_RESERVED = {
    "password", "last_login", "is_superuser", "groups", "user_permissions", "is_staff",
    "is_active", "date_joined", "first_name", "last_name",
}
AUTH_USER_REDECLARABLE = {"username", "email"}
# Query parameters every list route takes; a filter may not take one of these names.
LIST_CONTROLS = ("limit", "offset", "cursor", "order", "search", "fields")


def _a(word: str) -> str:
    """`an integer`, `a url`: type names that start with a u sound like "you"."""
    return f"an {word}" if word[:1] in "aeio" else f"a {word}"


def _applies_to(option: str) -> str:
    """`string, email and phone`: the types an option applies to, from the table."""
    names = names_taking(option)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _option_problems(loc, field: FieldSpec):
    """Options that do not apply to the field's type (codegen.field_types says which do) or
    contradict each other."""
    name, ftype = field.type, field_type(field.type)
    if field.max_length is not None and not ftype.takes("max_length"):
        yield (*loc, "max_length"), True, f"max_length applies to {_applies_to('max_length')}, not {name}"
    if (field.min is not None or field.max is not None) and not ftype.takes("min"):
        key = "min" if field.min is not None else "max"
        yield (*loc, key), True, f"{key} applies to {_applies_to(key)}, not {name}"
    if field.min is not None and field.max is not None and field.min > field.max:
        yield (*loc, "min"), True, f"min ({field.min}) is greater than max ({field.max})"
    if (field.max_digits is not None or field.decimal_places is not None) and not ftype.takes("max_digits"):
        yield loc, False, f"max_digits and decimal_places apply to {_applies_to('max_digits')} only"
    if ftype.default_digits:
        digits, places = ftype.default_digits
        if (field.max_digits or digits) < (field.decimal_places if field.decimal_places is not None else places):
            yield (*loc, "decimal_places"), True, "decimal_places cannot exceed max_digits"
    if ftype.takes("choices") and not field.choices:
        yield (*loc, "type"), False, f"a {name} field needs 'choices' (a list of values)"
    if field.choices and not ftype.takes("choices"):
        yield (*loc, "choices"), True, f"choices apply to {_applies_to('choices')} fields, not {name} (use type: choice)"
    if ftype.takes("to") and not field.to:
        yield (*loc, "type"), False, f"a {name} field needs 'to: <Resource>'"
    if field.to and not ftype.takes("to"):
        yield (*loc, "to"), True, f"'to' applies to {_applies_to('to')}, not {name}"
    if (field.on_delete or field.related_name) and not ftype.relation:
        yield loc, False, "on_delete and related_name apply to references only"
    if field.on_delete == "set_null" and field.required:
        yield (*loc, "on_delete"), True, "on_delete: set_null needs the reference to be optional (required: false)"
    if not ftype.column and (field.unique or field.on_delete or field.default is not None):
        yield loc, False, f"{name} take no unique, on_delete or default"
    if field.auto and ftype.relation != ONE:
        yield (*loc, "auto"), True, "auto: creator/editor applies to a reference to the auth user"
    if field.computed and (field.required or field.default is not None or ftype.relation):
        yield (*loc, "computed"), True, "a computed field is set by its hook: no required, default or relation"
    if field.computed_from and not field.computed:
        yield (*loc, "computed_from"), True, "computed_from names the inputs of a computed field: add computed: true"
    if field.default is not None and ftype.column:  # a link table has no default (reported above)
        yield from _default_problems(loc, field)


def _default_problems(loc, field: FieldSpec):
    value, ftype = field.default, field_type(field.type)
    if ftype.accepts_default is None or not ftype.accepts_default(value):
        shown = repr(value) if isinstance(value, str) else str(value)
        yield (*loc, "default"), True, f"default {shown} does not suit {_a(field.type)} field"
    elif ftype.takes("choices") and field.choices and value not in field.choices:
        yield (*loc, "default"), True, f"default '{value}' is not one of the choices{did_you_mean(value, field.choices)}"


def _names_in(loc, names, fields, what, *, allow=(), signed=False):
    """Field names in a list; `signed` lists (orderings) may prefix a name with '-'."""
    valid = set(fields) | set(allow)
    for i, name in enumerate(names):
        bare = name[1:] if name.startswith("-") else name
        if bare != name and not signed and bare in valid:
            yield (*loc, i), False, f"{what} takes plain field names: '-{bare}' (descending) belongs in an ordering"
        elif bare not in valid:
            yield (*loc, i), False, f"{what} names unknown field '{bare}'{did_you_mean(bare, valid)}"


def _resource_problems(spec: SpecFile, name: str, res: ResourceSpec, names: set[str]):
    base = ("resources", name)
    if not RESOURCE_NAME.match(name):
        yield base, True, f"resource name '{name}' must be CamelCase letters and digits (e.g. 'Consignment')"
    elif name in RESERVED_RESOURCES or keyword.iskeyword(name):
        yield base, True, f"'{name}' is a reserved word; choose another resource name"
    for fname, field in res.fields.items():
        loc = (*base, "fields", fname)
        reserved = RESERVED_FIELDS | (AUTH_USER_RESERVED if res.auth_user else set())
        if not FIELD_NAME.match(fname) or "__" in fname or fname.endswith("_"):
            yield loc, True, f"field name '{fname}' must be snake_case (lowercase letters, digits, single underscores)"
        elif keyword.iskeyword(fname) or fname in reserved:
            hint = " (timestamps: true adds it)" if fname in {"created_at", "updated_at"} else ""
            yield loc, True, f"'{fname}' is a reserved word{hint}; choose another field name"
        if fname.endswith("_id") and fname[:-3] in res.fields and field_type(res.fields[fname[:-3]].type).relation == ONE:
            yield loc, True, f"'{fname}' clashes with the column of reference '{fname[:-3]}'"
        if field.to and field.to not in names:
            yield (*loc, "to"), True, f"reference to undeclared resource '{field.to}'{did_you_mean(field.to, names)}"
        yield from _option_problems(loc, field)
        for i, source in enumerate(field.computed_from):
            if source == fname:
                yield (*loc, "computed_from", i), False, f"'{fname}' cannot be computed from itself"
            elif source not in res.fields:
                yield (*loc, "computed_from", i), False, f"computed_from names unknown field '{source}'{did_you_mean(source, res.fields)}"
        if field.auto:
            users = [n for n, r in spec.resources.items() if r.auth_user]
            if field.to and users and field.to != users[0]:
                yield (*loc, "auto"), True, f"auto: {field.auto} needs a reference to the auth user '{users[0]}'"
            if not users:
                yield (*loc, "auto"), True, "auto: creator/editor needs a resource marked auth_user: true"
        if field.derived_from:
            yield from _derived_problems(spec, res, loc, field)
    yield from _names_in((*base, "ordering"), res.ordering, res.fields, "ordering", allow=_implicit(res), signed=True)
    for key in ("unique_together", "indexes"):
        for i, group in enumerate(getattr(res, key)):
            yield from _names_in((*base, key, i), group, res.fields, key)
            if len(set(group)) != len(group) or not group:
                yield (*base, key, i), False, f"{key} entry must list distinct fields"
    admin = (*base, "admin")
    for key in ("list_display", "filters", "ordering"):
        shown = set(res.aggregates) if key == "list_display" else set()  # a column may show an aggregate
        yield from _names_in(
            (*admin, key), getattr(res.admin, key), res.fields, f"admin {key}", allow=_implicit(res) | shown, signed=key == "ordering"
        )
    yield from _admin_search_problems(admin, res)
    yield from _list_problems(base, res)
    yield from _bulk_problems(base, res)
    yield from _aggregate_problems(spec, name, res)
    yield from _nested_problems(spec, name, res, names)
    ie = (*base, "import_export")
    yield from _names_in((*ie, "key"), res.import_export.key, res.fields, "import_export key")
    if res.import_export.key and set(res.import_export.key) <= set(res.fields):
        # rows are matched to stored ones on it: two stored rows sharing a key would leave one
        # of them updated at random
        yield from _unique_key((*ie, "key"), res, res.import_export.key, "import_export key")
    for fname in res.import_export.aliases:
        if fname not in res.fields:
            yield (*ie, "aliases", fname), True, f"aliases for unknown field '{fname}'{did_you_mean(fname, res.fields)}"
    yield from _unit_problems(ie, res)


def _admin_search_problems(admin, res: ResourceSpec):
    """`admin: search:`, a list of fields or a mapping of field to match mode: known text fields."""
    search = res.admin.search
    if isinstance(search, dict):
        keys = list(search)
        for problem in _names_in((*admin, "search"), keys, res.fields, "admin search", allow=_implicit(res)):
            loc, fatal, msg = problem
            yield (*admin, "search", keys[loc[-1]]), fatal, msg
        entries = [((*admin, "search", fname), fname) for fname in keys]
        for fname, mode in search.items():
            if mode != "contains" and fname not in res.fields and fname in _implicit(res):
                yield (*admin, "search", fname), False, (
                    f"admin search '{fname}: {mode}' needs an index the spec can declare; '{fname}' is built in, so use contains"
                )
    else:
        yield from _names_in((*admin, "search"), search, res.fields, "admin search", allow=_implicit(res))
        entries = [((*admin, "search", i), fname) for i, fname in enumerate(search)]
    for loc, fname in entries:
        if fname in res.fields and not field_type(res.fields[fname].type).textual:
            yield loc, False, f"admin search needs a text field; '{fname}' is {res.fields[fname].type}"


def _unit_problems(ie, res: ResourceSpec):
    """`import_export: units:`: known number fields, unit names distinct once headings are
    normalised (case, spaces and punctuation ignored), as the import matches them."""
    for fname, units in res.import_export.units.items():
        loc = (*ie, "units", fname)
        if fname not in res.fields:
            yield loc, True, f"units for unknown field '{fname}'{did_you_mean(fname, res.fields)}"
            continue
        kind = res.fields[fname].type
        if not field_type(kind).numeric:
            yield loc, True, f"units apply to number fields (integer, decimal), not {kind}"
        seen: dict[str, str] = {}
        for unit in units:
            key = re.sub(r"[\W_]+", "", unit.lower())
            if not key:
                yield (*loc, unit), True, f"unit '{unit}' needs a letter or digit"
            elif key in seen:
                yield (*loc, unit), True, f"unit '{unit}' is the same heading as '{seen[key]}' (case, spaces and punctuation are ignored)"
            seen.setdefault(key, unit)


def _implicit(res: ResourceSpec) -> set[str]:
    extra = {"id"} | ({"created_at", "updated_at"} if res.timestamps else set())
    return extra | ({"username", "email", "is_active", "is_staff", "last_login"} if res.auth_user else set())


def field_kinds(res: ResourceSpec) -> dict[str, str]:
    """The type of every field a list may filter or sort on: declared and implicit ones."""
    kinds = {"id": "integer"}
    if res.timestamps:
        kinds |= {"created_at": "datetime", "updated_at": "datetime"}
    if res.auth_user:
        kinds |= {"username": "string", "email": "email", "is_active": "boolean", "is_staff": "boolean",
                  "last_login": "datetime"}
    return kinds | {name: field.type for name, field in res.fields.items()}


def _list_problems(base, res: ResourceSpec):
    """`api: filters/ordering/search`: known fields, operators that suit the field's type."""
    loc = (*base, "api")
    api = res.api
    kinds = field_kinds(res)
    if (api.filters or api.ordering or api.search) and "list" not in api.operations:
        yield loc, True, "filters, ordering and search apply to the list operation, which api operations leave out"
    for fname, ops in api.filters.items():
        where = (*loc, "filters", fname)
        if fname not in kinds:
            yield where, True, f"api filters names unknown field '{fname}'{did_you_mean(fname, kinds)}"
            continue
        if fname in LIST_CONTROLS:
            yield where, True, f"a filter on '{fname}' would clash with the list parameter ?{fname}="
        supported = field_type(kinds[fname]).filters
        for i, op in enumerate(ops):
            if op not in supported:
                suits = ", ".join(o for o in FILTER_OPERATORS if o in supported)
                yield (*where, i), False, f"filter '{op}' does not suit {_a(kinds[fname])} field ('{fname}' takes {suits})"
        if len(set(ops)) != len(ops) or not ops:
            yield where, True, f"filters for '{fname}' must list distinct operators"
    for i, fname in enumerate(api.ordering):
        bare = fname[1:] if fname.startswith("-") else fname
        if bare != fname and bare in kinds:
            yield (*loc, "ordering", i), False, f"api ordering takes plain field names: ?order= accepts '{bare}' and '-{bare}'"
        elif bare not in kinds:
            yield (*loc, "ordering", i), False, f"api ordering names unknown field '{bare}'{did_you_mean(bare, kinds)}"
        elif not field_type(kinds[bare]).column:
            yield (*loc, "ordering", i), False, f"api ordering cannot sort on {kinds[bare]} field '{bare}'"
    for i, fname in enumerate(api.search):
        if fname not in kinds:
            yield (*loc, "search", i), False, f"api search names unknown field '{fname}'{did_you_mean(fname, kinds)}"
        elif not field_type(kinds[fname]).searchable:
            yield (*loc, "search", i), False, f"api search needs a text field; '{fname}' is {kinds[fname]}"


def _bulk_problems(base, res: ResourceSpec):
    """`api: bulk:`: a key of known, distinct fields that together are unique (a unique field or a
    unique_together group), on a resource whose API creates and updates."""
    bulk = res.api.bulk
    if bulk is None:
        return
    loc = (*base, "api", "bulk")
    key = bulk.key
    unknown = False
    for i, fname in enumerate(key):
        if fname not in res.fields:
            unknown = True
            yield (*loc, "key", i), False, f"bulk key names unknown field '{fname}'{did_you_mean(fname, res.fields)}"
        elif not field_type(res.fields[fname].type).column:
            unknown = True
            yield (*loc, "key", i), False, f"bulk key cannot use {res.fields[fname].type} field '{fname}'"
    if not key or len(set(key)) != len(key):
        yield (*loc, "key"), True, "bulk key must list distinct fields"
    elif not unknown:
        yield from _unique_key((*loc, "key"), res, key, "bulk key")
    missing = [op for op in ("create", "update") if op not in res.api.operations]
    if missing:
        yield loc, True, f"bulk creates and updates rows, but api operations leave out {' and '.join(missing)}"


def _unique_key(loc, res: ResourceSpec, key, what: str):
    """A key rows are matched on is unique: a unique field or a unique_together group."""
    groups = [set(g) for g in res.unique_together] + [{n} for n, f in res.fields.items() if f.unique]
    if set(key) not in groups:
        options = [", ".join(g) for g in res.unique_together] + [n for n, f in res.fields.items() if f.unique]
        hint = f" (unique here: {'; '.join(options)})" if options else " (declare it in unique_together or mark the field unique)"
        yield loc, True, f"{what} [{', '.join(key)}] is not unique: it must be a unique field or a unique_together group{hint}"


def reverse_relations(spec: SpecFile, name: str, relation: str = ONE) -> dict[str, tuple[str, str]]:
    """The reverse relations of a resource: {related_name: (resource, field)} for every field
    whose type is a `relation` (ONE: reference, MANY: many-references) to it that declares a
    related_name."""
    out = {}
    for other_name, other in spec.resources.items():
        for fname, field in other.fields.items():
            if field_type(field.type).relation == relation and field.to == name and field.related_name:
                out.setdefault(field.related_name, (other_name, fname))
    return out


def _aggregate_problems(spec: SpecFile, name: str, res: ResourceSpec):
    """`aggregates:`: names free on the model, one of count/sum over a reverse relation, and a
    numeric field of the related resource to sum."""
    base = ("resources", name, "aggregates")
    reverse = reverse_relations(spec, name)
    taken = set(res.fields) | _implicit(res) | set(reverse)
    for aname, agg in res.aggregates.items():
        loc = (*base, aname)
        if not FIELD_NAME.match(aname) or "__" in aname or aname.endswith("_"):
            yield loc, True, f"aggregate name '{aname}' must be snake_case (lowercase letters, digits, single underscores)"
        elif keyword.iskeyword(aname) or aname in RESERVED_FIELDS:
            yield loc, True, f"'{aname}' is a reserved word; choose another aggregate name"
        elif aname in taken:
            yield loc, True, f"aggregate '{aname}' clashes with a field or relation of {name}; choose another name"
        if (agg.count is None) == (agg.sum is None):
            yield loc, True, "an aggregate takes exactly one of 'count: <relation>' or 'sum: <relation>.<field>'"
            continue
        op = "count" if agg.count is not None else "sum"
        where = (*loc, op)
        path = agg.count if op == "count" else agg.sum
        parts = path.split(".")
        if op == "count" and len(parts) != 1:
            yield where, False, f"count takes a reverse relation name, e.g. '{parts[0]}'"
            continue
        if op == "sum" and len(parts) != 2:
            yield where, False, "sum takes '<relation>.<field>', e.g. 'logs.volume'"
            continue
        relation = parts[0]
        if relation not in reverse:
            known = ", ".join(sorted(reverse)) or "none: declare related_name on a reference to " + name
            yield where, False, (
                f"'{relation}' is not a reverse relation of {name}{did_you_mean(relation, reverse)}"
                f" (reverse relations: {known})"
            )
            continue
        if op == "sum":
            other_name = reverse[relation][0]
            fields = field_kinds(spec.resources[other_name])
            fname = parts[1]
            if fname not in fields:
                yield where, False, f"{other_name} has no field '{fname}'{did_you_mean(fname, fields)}"
            elif not field_type(fields[fname]).numeric:
                numeric = [n for n, k in fields.items() if field_type(k).numeric and n != "id"]
                yield where, False, (
                    f"sum needs a numeric field; {other_name}.{fname} is {fields[fname]}{did_you_mean(fname, numeric)}"
                )


def _nested_problems(spec: SpecFile, name: str, res: ResourceSpec, names: set[str]):
    """`api: nested:`: each name the related_name of a reference to this resource, from a
    resource that lists; the route `/<plural>/{id}/<name>` and its operation id free. `names`
    holds every declared resource: when some failed the structural check, their references are
    unknown, so a name not found is not reported (their own problems are)."""
    nested = res.api.nested
    if not nested:
        return
    loc = ("resources", name, "api", "nested")
    reverse = reverse_relations(spec, name)
    many = reverse_relations(spec, name, MANY)
    snakes = {snake_case(other): f"the list operation of {other}" for other in spec.resources}
    for other_name, other in spec.resources.items():  # A's nested b_c and A_b's nested c would both be a_b_c
        if other_name != name:
            snakes |= {f"{snake_case(other_name)}_{r}": f"nested '{r}' of {other_name}" for r in other.api.nested}
    known = ", ".join(sorted(reverse)) or f"none: declare related_name on a reference to {name}"
    if len(set(nested)) != len(nested):
        yield loc, True, "api nested must list distinct relations"
    for i, rel in enumerate(nested):
        where = (*loc, i)
        if not FIELD_NAME.match(rel) or "__" in rel or keyword.iskeyword(rel):
            yield where, False, f"nested name '{rel}' must be a snake_case related_name (lowercase letters, digits, single underscores)"
        elif rel in reverse:
            child_name = reverse[rel][0]
            child = spec.resources[child_name]
            if "list" not in child.api.operations:
                yield where, False, (
                    f"'{rel}' lists {child_name} rows, but {child_name}'s api operations leave out list"
                )
            operation = f"{snake_case(name)}_{rel}"
            if operation in snakes:
                yield where, False, (
                    f"nested '{rel}' would generate {operation}_list, already {snakes[operation]};"
                    " choose another related_name"
                )
        elif rel in many:
            other, fname = many[rel]
            yield where, False, (
                f"'{rel}' is the related_name of many-references field {other}.{fname}; nested collections"
                f" follow references only (reverse relations: {known})"
            )
        elif names <= set(spec.resources):
            yield where, False, (
                f"'{rel}' is not a reverse relation of {name}{did_you_mean(rel, reverse)} (reverse relations: {known})"
            )


def _derived_problems(spec, res, loc, field):
    parts = field.derived_from.split(".")
    where = (*loc, "derived_from")
    if len(parts) != 2:
        yield where, True, "derived_from takes '<reference>.<field>', e.g. 'consignment.client'"
        return
    parent_name, parent_field = parts
    parent = res.fields.get(parent_name)
    if parent is None or field_type(parent.type).relation != ONE:
        references = [n for n, f in res.fields.items() if field_type(f.type).relation == ONE]
        yield where, True, f"'{parent_name}' is not a reference of this resource{did_you_mean(parent_name, references)}"
        return
    target = spec.resources.get(parent.to)
    if target is None:
        return
    source = target.fields.get(parent_field)
    wanted = _a(field.type) + (f" to {field.to}" if field.to else "")
    if source is None:
        yield where, True, f"{parent.to} has no field '{parent_field}'{did_you_mean(parent_field, target.fields)}"
    elif source.type != field.type or source.to != field.to:
        yield where, True, f"{parent.to}.{parent_field} is not {wanted}"


def check_spec(spec: SpecFile, declared: set[str] | None = None):
    """Problems of a structurally valid spec. `declared` names every resource of the document
    when `spec` holds only the ones that passed the structural check."""
    names = declared or set(spec.resources)
    problems = []
    plurals: dict[str, str] = {}
    lowered: dict[str, str] = {}
    for name, res in spec.resources.items():
        problems += _resource_problems(spec, name, res, names)
        plural = res.plural or plural_of(snake_case(name))
        if plural in plurals:
            problems.append((("resources", name), True, f"plural '{plural}' is already used by {plurals[plural]}"))
        plurals[plural] = name
        if name.lower() in lowered:
            problems.append((("resources", name), True, f"'{name}' differs only in case from {lowered[name.lower()]}"))
        lowered[name.lower()] = name
        for suffix in GENERATED_SUFFIXES:
            stem = name[: -len(suffix)]
            if name.endswith(suffix) and stem in names:
                problems.append((("resources", name), True, f"'{name}' clashes with the class generated for {stem} ({stem}{suffix})"))
    problems += check_security(spec, names)
    problems += check_legacy(spec)
    problems += check_dashboard(spec, names)
    auth = [n for n, r in spec.resources.items() if r.auth_user]
    for extra in auth[1:]:
        problems.append((("resources", extra, "auth_user"), True, f"only one resource can be the auth user; {auth[0]} already is"))
    return problems
