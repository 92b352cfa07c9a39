"""`entity_bulk`: the bulk upsert behind `POST /api/v1/<plural>/bulk` (`api: bulk:` in the spec).

Every item is a whole create payload. Its natural key (`bulk: key:`, a unique field or
unique_together group; derived fields such as a log's client come from the item's parent, the
tenant from a tenant user) names the row it updates; no such row means a new one. All or
nothing: every item is validated first, and any problem is a 422 (409 when every problem is a
conflict with other data) listing each failing item as `loc: ["body", "items", <index>, <field>]`,
with nothing written. Otherwise, in one transaction, new rows are inserted with `bulk_create` and
existing ones changed with `bulk_update`.

The number of queries does not grow with the items: one per reference field, two for the key
lookup, one per other unique constraint, the writes (split only by the backend's limit of
parameters per statement, e.g. SQLite's 999) and one to read the rows back. Two things stay per
item: resources whose rows have derived children (re-checked on every update, as a single save
would) and many-to-many values (set row by row).
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from timba.runtime import access
from timba.runtime.problems import Problem
from timba.runtime.selectors import visible_rows
from timba.runtime.services import (
    _assign,
    attach,
    clean_unchecked,
    conflict_errors,
    resolve_references,
    validation_errors,
)

CONFLICT_TYPES = {"unique"}  # clashes with stored rows; a duplicate inside the request is a 422


def _values(instance, attnames) -> tuple | None:
    values = tuple(getattr(instance, a) for a in attnames)
    return None if any(v is None for v in values) else values


def _matching(model, attnames, tuples, *, lock: bool = False) -> dict:
    """{values: row} of the stored rows holding one of `tuples` in `attnames`, in one query
    (one `__in` per column, then exact matches kept)."""
    if not tuples:
        return {}
    manager = model._default_manager
    queryset = manager.select_for_update() if lock else manager.all()
    wanted = set(tuples)
    rows = queryset.filter(**{f"{a}__in": {t[i] for t in wanted} for i, a in enumerate(attnames)})
    return {key: row for row in rows if (key := _values(row, attnames)) in wanted}


def _unique_groups(model, key: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Field-name groups that must be unique, other than the key (checked by the lookup)."""
    meta = model._meta
    groups = [(f.name,) for f in meta.concrete_fields if f.unique and not f.primary_key]
    groups += [tuple(g) for g in meta.unique_together]
    for constraint in meta.total_unique_constraints:
        groups.append(tuple(constraint.fields))
    out = []
    for group in groups:
        if set(group) != set(key) and group not in out:
            out.append(group)
    return out


def _payload_key(model, names) -> str:
    """The payload key to blame for a key or unique clash: the first field the caller sends."""
    fields = [model._meta.get_field(n) for n in names]
    writable = [f for f in fields if f.editable] or fields
    return writable[-1].attname if writable[-1].many_to_one else writable[-1].name


def entity_bulk(request, *, model, items: list[dict], key: tuple[str, ...]):
    user = request.user
    access.require(user, model, "create")
    access.require(user, model, "update")
    meta = model._meta
    key_attnames = [meta.get_field(n).attname for n in key]
    blame = _payload_key(model, key)
    errors: dict[int, list[dict]] = {}

    def fail(index: int, name: str, msg: str, type_: str) -> None:
        errors.setdefault(index, []).append({"loc": ["body", "items", index, name], "msg": msg, "type": type_})

    with transaction.atomic():
        derived_parents = {parent for parent, _source in getattr(model, "derived_fields", {}).values()}
        parents, ref_errors = resolve_references(user, model, items, fetch=derived_parents)
        for index, problems in ref_errors.items():
            for error in problems:
                fail(index, error["loc"][-1], error["msg"], error["type"])

        # The natural key of every item: its own values, its derived fields and its tenant.
        fresh, fresh_many, keys = [], [], []
        for data in items:
            instance = model()
            fresh_many.append(_assign(instance, data))
            attach(instance, parents)
            access.assign_tenant(instance, user)
            instance.prepare()
            fresh.append(instance)
            keys.append(_values(instance, key_attnames))

        stored = _matching(model, key_attnames, [k for k in keys if k is not None], lock=True)
        ids = [row.pk for row in stored.values()]
        visible = set(access.scope(model._default_manager.filter(pk__in=ids), user).values_list("pk", flat=True)) if ids else set()

        first: dict[tuple, int] = {}
        instances, many_values, created, updated = [], [], [], []
        key_label = ", ".join(key)
        for index, (data, instance, values) in enumerate(zip(items, fresh, keys, strict=True)):
            if values is not None:
                if values in first:
                    fail(index, blame, f"Same {key_label} as item {first[values]}; send each {meta.verbose_name} once.", "duplicate")
                    continue
                first[values] = index
            row = stored.get(values) if values is not None else None
            if row is not None and row.pk not in visible:
                fail(index, blame, f"A {meta.verbose_name} with this {key_label} already exists.", "unique")
                continue
            if row is not None:
                instance = row
                many = _assign(instance, data)
                attach(instance, parents)
                access.assign_tenant(instance, user)
            else:
                many = fresh_many[index]
            instance.set_auto_fields(user, creating=row is None)
            try:  # references were checked above, uniqueness is checked below for all items at once
                clean_unchecked(instance)
            except DjangoValidationError as exc:
                invalid, conflicts = validation_errors(model, exc)
                for error in [*invalid, *conflict_errors(conflicts)]:
                    fail(index, error["loc"][-1], error["msg"], error["type"])
                continue
            instances.append((index, instance))
            many_values.append(many)
            (updated if row is not None else created).append(instance)

        for group in _unique_groups(model, key):
            attnames = [meta.get_field(n).attname for n in group]
            label = ", ".join(group)
            taken = _matching(model, attnames, [v for _i, inst in instances if (v := _values(inst, attnames)) is not None])
            seen: dict[tuple, int] = {}
            for index, instance in instances:
                values = _values(instance, attnames)
                if values is None:
                    continue
                other = taken.get(values)
                if values in seen:
                    fail(index, _payload_key(model, group), f"Same {label} as item {seen[values]}.", "duplicate")
                elif other is not None and other.pk != instance.pk:
                    fail(index, _payload_key(model, group), f"A {meta.verbose_name} with this {label} already exists.", "unique")
                seen.setdefault(values, index)

        if errors:
            flat = [error for index in sorted(errors) for error in errors[index]]
            status = 409 if all(e["type"] in CONFLICT_TYPES for e in flat) else 422
            where = ", ".join(str(i) for i in sorted(errors)[:10]) + (", …" if len(errors) > 10 else "")
            raise Problem(status, f"{len(errors)} of {len(items)} {meta.verbose_name_plural} cannot be saved (items {where}); nothing was written.", errors=flat)

        now = timezone.now()
        stamped = [f.attname for f in meta.concrete_fields if getattr(f, "auto_now", False)]
        for instance in updated:
            for attname in stamped:
                setattr(instance, attname, now)
        columns = [f.name for f in meta.concrete_fields if not f.primary_key and not getattr(f, "auto_now_add", False)]
        try:
            with transaction.atomic():
                if created:
                    model._default_manager.bulk_create(created)
                if updated:
                    model._default_manager.bulk_update(updated, columns)
                if any(instance.pk is None for instance in created):  # no RETURNING on this backend
                    found = _matching(model, key_attnames, [_values(i, key_attnames) for i in created])
                    for instance in created:
                        instance.pk = found[_values(instance, key_attnames)].pk
                for (_index, instance), many in zip(instances, many_values, strict=True):
                    for name, ids_ in many.items():
                        if ids_ is not None:
                            getattr(instance, name).set(ids_)
        except IntegrityError as exc:  # a concurrent write won the race the checks above lost
            raise Problem(409, f"The {meta.verbose_name_plural} conflict with existing data: {exc}") from exc

        pks = [instance.pk for _index, instance in instances]
        rows = visible_rows(user, model).in_bulk(pks)
        return {"created": len(created), "updated": len(updated), "items": [rows[pk] for pk in pks]}

