"""Step 4 for uniqueness: a batch may not repeat a unique value, and no row may take one that
another stored row holds.

Within the batch it is checked in Python, no query. Against the database, a unique rule that an
index enforces (a `unique` field, a field-only UniqueConstraint) is left to that index: no check
query before every write. When the database refuses, `stored` names the items and fields
that clash (one query per unique group) for the 409. Rules no index can enforce (a conditional
or expression constraint, a model's own validate_unique) are checked before the write with
Django's own checks.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connections, models


def groups(model) -> list[tuple[str, ...]]:
    """Every field-name group that must be unique (primary key aside)."""
    meta = model._meta
    out = [(f.name,) for f in meta.concrete_fields if f.unique and not f.primary_key]
    out += [tuple(g) for g in meta.unique_together]
    out += [tuple(c.fields) for c in meta.total_unique_constraints]
    return list(dict.fromkeys(out))


def database_enforces(model) -> bool:
    if model.validate_unique is not models.Model.validate_unique:
        return False
    return all(
        not isinstance(c, models.UniqueConstraint) or (c.fields and c.condition is None and not c.expressions)
        for c in model._meta.constraints
    )


def values(instance, attnames) -> tuple | None:
    found = tuple(getattr(instance, a) for a in attnames)
    return None if any(v is None for v in found) else found


def comparer(model, attnames):
    """A function of a key of `attnames` (a tuple of values) → the key as the database compares
    it. MySQL's and MariaDB's default collations ignore the letters' case, accents and trailing
    spaces, so that 'AB-1' and 'ab-1 ' are one key to the unique index: they must be one key to
    the checks before it too. Elsewhere (SQLite's and PostgreSQL's binary comparison) the key."""
    if connections[model._default_manager.db].vendor != "mysql":
        return _same
    texts = tuple(i for i, a in enumerate(attnames) if isinstance(model._meta.get_field(a), (models.CharField, models.TextField)))
    if not texts:
        return _same

    def comparable(key):
        if key is None:
            return None
        return tuple(_folded(v) if i in texts and isinstance(v, str) else v for i, v in enumerate(key))

    return comparable


def _same(key):
    return key


def _folded(text: str) -> str:
    if text.isascii():  # the usual key: no accents to take off
        return text.rstrip(" ").lower()
    decomposed = unicodedata.normalize("NFKD", text.rstrip(" "))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def payload_key(model, names) -> str:
    """The payload key to blame for a clash: the last field of the group the caller can send."""
    fields = [model._meta.get_field(n) for n in names]
    writable = [f for f in fields if f.editable] or fields
    return writable[-1].attname if writable[-1].many_to_one else writable[-1].name


def matching(model, attnames, wanted, *, lock: bool = False) -> dict:
    """{values: row} of the stored rows holding one of the tuples `wanted` in `attnames`, in one
    query (an `__in` per column, then exact matches kept)."""
    wanted = {w for w in wanted if w is not None}
    if not wanted:
        return {}
    manager = model._default_manager
    queryset = manager.select_for_update() if lock else manager.all()
    rows = queryset.filter(**{f"{a}__in": {t[i] for t in wanted} for i, a in enumerate(attnames)}).order_by()
    compare = comparer(model, attnames)
    by_form = {compare(w): w for w in sorted(wanted, key=repr)}  # 'ab-1' finds the stored 'AB-1' where the database says they are one
    return {by_form[form]: row for row in rows if (form := compare(values(row, attnames))) in by_form}


def _label(model, group) -> str:
    return ", ".join(model._meta.get_field(n).verbose_name for n in group)


def in_batch(model, items) -> None:
    """A later item repeating a unique value of an earlier one is that item's error."""
    if len(items) < 2:
        return
    meta = model._meta
    for group in groups(model):
        attnames = [meta.get_field(n).attname for n in group]
        compare = comparer(model, attnames)
        first: dict[tuple, int] = {}
        for item in items:
            if not item.ok:
                continue
            key = compare(values(item.instance, attnames))
            if key is None:
                continue
            if key in first:
                item.fail(payload_key(model, group), f"Same {_label(model, group)} as item {first[key]}; send each {meta.verbose_name} once.", "duplicate")
            else:
                first[key] = item.index


def stored(model, items) -> None:
    """Items whose unique values another stored row holds: one query per unique group (before a
    write that must show its errors first, or after the database refused one, to name them)."""
    meta = model._meta
    for group in groups(model):
        attnames = [meta.get_field(n).attname for n in group]
        # an upsert's key was looked up already, under lock: the row holding it is the item's own
        live = [i for i in items if i.ok and i.keyed != set(group)]
        if not live:
            continue
        taken = matching(model, attnames, [values(i.instance, attnames) for i in live])
        for item in live:
            other = taken.get(values(item.instance, attnames))
            if other is not None and other.pk != item.instance.pk:
                names = tuple(payload_key(model, (n,)) for n in group)
                msg = f"A {meta.verbose_name} with this {_label(model, group)} already exists."
                item.fail(payload_key(model, group), msg, "unique", fields=names)


def before_write(model, items) -> None:
    """The rules no index enforces, with Django's checks (per row; rare)."""
    if database_enforces(model):
        return
    for item in items:
        if not item.ok:
            continue
        try:
            item.instance.validate_unique()
            item.instance.validate_constraints()
        except ValidationError as exc:
            record(item, exc)


def record(item, exc: ValidationError) -> None:
    """A model ValidationError as the item's errors (uniqueness as conflicts)."""
    model = type(item.instance)
    for name, errors in exc.error_dict.items():
        for error in errors:
            message = " ".join(error.messages)
            key = None if name == NON_FIELD_ERRORS else payload_key(model, (name,)) if _is_field(model, name) else name
            check = (error.params or {}).get("unique_check")
            if error.code in {"unique", "unique_together"} or check:
                fields = tuple(payload_key(model, (n,)) for n in check) if check else ((key,) if key else ())
                item.fail(key or (fields[-1] if fields else None), message, "unique", fields=fields)
            else:
                item.fail(key, message, error.code or "invalid")


def _is_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except Exception:
        return False
    return True
