"""Writes shared by every resource: `entity_create`, `entity_update`, `entity_delete`.

Each write validates the row (field rules, references, the model's clean) before it touches the
database and reports problems as 422 (invalid) or 409 (conflict), naming the field. Unique rules
the database enforces with an index are left to it; when it refuses, Django's own checks name
the clashing fields in the 409 (`_write`).

Updates (PATCH and PUT) and deletes lock the row (`select_for_update`) and, when the route
passes its output schema `out`, honour the request's `If-Match` under that lock: a stale
version is a 412 and nothing is written (timba.runtime.versions).
"""

from contextlib import nullcontext
from datetime import UTC
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, models, transaction
from django.db.backends.utils import format_number
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone

from timba.runtime import access, versions
from timba.runtime.problems import Problem
from timba.runtime.selectors import entity_get, visible_rows

CONFLICT_CODES = {"unique", "unique_together", "seats"}


def _payload_name(model, name: str) -> str:
    """`client` → `client_id`: the key under which the API accepted the field."""
    if name == NON_FIELD_ERRORS:
        return name
    try:
        field = model._meta.get_field(name)
    except Exception:
        return name
    return field.attname if field.many_to_one else name


def validation_errors(model, exc: DjangoValidationError) -> tuple[list[dict], list[tuple[list[str], str]]]:
    """A model's ValidationError as (invalid-field errors `{loc, msg, type}`, conflicts
    `(payload names, message)`); locs are `["body", <payload name>]`."""
    conflicts, errors = [], []
    for name, field_errors in exc.error_dict.items():
        for error in field_errors:
            message = " ".join(error.messages)
            fields = (error.params or {}).get("unique_check") or ((name,) if name != NON_FIELD_ERRORS else ())
            if error.code in CONFLICT_CODES:
                conflicts.append(([_payload_name(model, f) for f in fields], message))
            else:
                errors.append({"loc": ["body", _payload_name(model, name)], "msg": message, "type": error.code or "invalid"})
    return errors, conflicts


def conflict_errors(conflicts) -> list[dict]:
    return [{"loc": ["body", name], "msg": m, "type": "unique"} for f, m in conflicts for name in f]


def _raise_for(model, exc: DjangoValidationError):
    errors, conflicts = validation_errors(model, exc)
    if errors:
        raise Problem(422, f"The {model._meta.verbose_name} is not valid.", errors=errors)
    if conflicts:
        fields, message = conflicts[0]
        raise Problem(409, f"{message} (field: {', '.join(fields)})" if fields else message, errors=conflict_errors(conflicts))


def _assign(instance, data: dict) -> dict:
    """Set plain and reference fields; return the many-to-many values to set after saving."""
    many = {}
    names = {f.name for f in instance._meta.many_to_many}
    for key, value in data.items():
        if key in names:
            many[key] = value
        elif key == "password":
            if value:
                instance.set_password(value)
            elif instance._state.adding:
                instance.set_unusable_password()
        else:
            if value == "" and instance._meta.get_field(key).null:
                value = None  # an empty optional unique text is NULL, so many rows may leave it empty
            setattr(instance, key, value)
    return many


def resolve_references(user, model, items: list[dict], *, fetch=()) -> tuple[dict, dict]:
    """Check the references of many payloads at once, one query per reference field: every
    referenced row must be one the caller can see (another tenant's consignment is reported
    exactly like a missing one). Returns ({field name: {pk: row}} for the reference fields named
    in `fetch`, {item index: [errors]})."""
    rows: dict[str, dict] = {}
    errors: dict[int, list[dict]] = {}
    for field in [*model._meta.many_to_many, *(f for f in model._meta.fields if f.many_to_one)]:
        key = field.name if field.many_to_many else field.attname
        wanted = []
        for data in items:
            value = data.get(key)
            wanted.append(set() if value is None else set(value) if field.many_to_many else {value})
        ids = set().union(*wanted)
        if not ids:
            continue
        target = field.related_model
        visible = access.scope(target._default_manager.filter(pk__in=ids), user)  # no aggregates: not shown
        if field.name in fetch:
            rows[field.name] = {row.pk: row for row in visible}
            found = set(rows[field.name])
        else:
            found = set(visible.values_list("pk", flat=True))
        for index, asked in enumerate(wanted):
            missing = sorted(asked - found)
            if missing:
                msg = f"No {target._meta.verbose_name} with id {missing[0]}."
                errors.setdefault(index, []).append({"loc": ["body", key], "msg": msg, "type": "does_not_exist"})
    return rows, errors


def attach(instance, parents: dict) -> None:
    """Give the instance the parent rows `resolve_references` fetched, so deriving fields from
    them (a log's client, from its consignment) costs no query."""
    for name, rows in parents.items():
        field = instance._meta.get_field(name)
        row = rows.get(getattr(instance, field.attname))
        if row is not None:
            setattr(instance, name, row)


def clean_unchecked(instance) -> None:
    """`full_clean` without what is checked elsewhere: references (the payload's by
    `resolve_references`, in the caller's scope; the others were set by the server or read
    from the database) and uniqueness (the database's indexes, or a batch check in bulk)."""
    checked = [f.name for f in instance._meta.fields if f.many_to_one and getattr(instance, f.attname) is not None]
    instance.full_clean(exclude=checked, validate_unique=False, validate_constraints=False)


def _validate(model, instance, data: dict, user) -> None:
    """Every field rule and the model's clean(): 422 (or 409 for the seats rule). References
    are checked once, by `resolve_references` (the caller's tenant scope included), so the
    model's own existence query per reference is skipped; uniqueness is left to the database
    (see `_write`)."""
    references = [f for f in model._meta.fields if f.many_to_one]
    parents, errors = resolve_references(user, model, [data], fetch={f.name for f in references if f.attname in data})
    if errors:
        raise Problem(422, f"The {model._meta.verbose_name} refers to rows that do not exist.", errors=errors[0])
    attach(instance, parents)
    try:
        clean_unchecked(instance)
        if not _database_enforces_uniqueness(model):
            instance.validate_unique()
            instance.validate_constraints()
    except DjangoValidationError as exc:
        _raise_for(model, exc)


def _database_enforces_uniqueness(model) -> bool:
    """Whether every unique rule of `model` is an index the database enforces: `unique` fields
    and field-only UniqueConstraints. A conditional or expression constraint (which MySQL cannot
    build) or a validate_unique of the model's own is checked before the write instead."""
    if model.validate_unique is not models.Model.validate_unique:
        return False
    return all(
        not isinstance(c, models.UniqueConstraint) or (c.fields and c.condition is None and not c.expressions)
        for c in model._meta.constraints
    )


def _write(model, instance, many: dict) -> None:
    """Save the row and its many-to-many values in one transaction. A unique constraint is the
    database's to enforce (no check query before every write); when it refuses, the same
    checks Django would have made name the clashing fields in the 409."""
    try:
        with transaction.atomic():
            instance.save()
            for name, ids in many.items():
                if ids is not None:
                    getattr(instance, name).set(ids)
    except IntegrityError as exc:
        try:
            instance.validate_unique()
            instance.validate_constraints()
        except DjangoValidationError as clash:
            _raise_for(model, clash)
        raise Problem(409, f"The {model._meta.verbose_name} conflicts with existing data: {exc}") from exc


def _save(request, model, instance, data: dict, *, creating: bool):
    user = request.user
    many = _assign(instance, data)
    access.assign_tenant(instance, user)
    instance.set_auto_fields(user, creating=creating)
    with transaction.atomic() if access.holds_seats(model) else nullcontext():  # the seat check's lock
        _validate(model, instance, data, user)
        _write(model, instance, many)
    if model._meta.many_to_many or getattr(model, "aggregate_fields", None):
        return visible_rows(user, model).get(pk=instance.pk)  # related ids and aggregates: read back
    return _as_stored(instance)


def _as_stored(instance):
    """The saved row as the database now holds it, without reading it back: every other value
    is already what was written, and decimals are put at their column's scale exactly as Django
    wrote them (`format_number`), so the answer equals a later GET."""
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if value is None:
            continue
        if isinstance(field, models.DecimalField):
            setattr(instance, field.attname, Decimal(format_number(value, field.max_digits, field.decimal_places)))
        elif isinstance(field, models.DateTimeField) and timezone.is_aware(value):
            setattr(instance, field.attname, value.astimezone(UTC))  # read back in UTC, whatever was sent
    return instance


def entity_create(request, *, model, data: dict):
    access.require(request.user, model, "create")
    return _save(request, model, model(), data, creating=True)


def _locked(request, *, model, pk, op: str, out):
    """Within the caller's transaction: lock the row, fetch it as the caller may see it (403/404
    as for any read) and check If-Match against its current version."""
    list(model._default_manager.select_for_update().filter(pk=pk).values_list("pk", flat=True))
    instance = entity_get(request, model=model, pk=pk, op=op)
    versions.check_if_match(request, out, instance)
    return instance


def entity_update(request, *, model, pk, data: dict, out=None):
    """PATCH: set the keys of `data`, leave the others as they are."""
    with transaction.atomic():
        instance = _locked(request, model=model, pk=pk, op="update", out=out)
        return _save(request, model, instance, data, creating=False)


def entity_replace(request, *, model, pk, data: dict, out=None):
    """PUT: `data` is a whole create payload (its defaults filled in), so every writable field
    is replaced; the update permission applies."""
    return entity_update(request, model=model, pk=pk, data=data, out=out)


def entity_delete(request, *, model, pk, out=None) -> None:
    with transaction.atomic():
        instance = _locked(request, model=model, pk=pk, op="delete", out=out)
        try:
            with transaction.atomic():
                instance.delete()
        except (ProtectedError, RestrictedError) as exc:
            rows = getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", ())
            blockers = ", ".join(sorted({row._meta.verbose_name_plural for row in rows}))
            raise Problem(409, f"The {model._meta.verbose_name} is still referenced by {blockers}; delete those first.") from exc
