"""Step 1 for references: every row a write points at must be one the caller may see. One query
per reference field for the whole batch; another tenant's row is reported exactly like a
missing one, and an item that names one is blocked (checked no further)."""

from __future__ import annotations

from timba.runtime import access
from timba.runtime.write.items import ids


def relations(model):
    return [*(f for f in model._meta.fields if f.many_to_one), *model._meta.many_to_many]


def _asked(item, field) -> set:
    if field.many_to_many:
        return set(ids(item.many.get(field.name) or ())) if field.name in item.many else set()
    if field.name not in item.sent:
        return set()
    value = getattr(item.instance, field.attname)
    return set() if value is None else {value}


def check(user, model, items, *, trusted: bool) -> dict[str, dict]:
    """Block the items that name rows the caller may not see; return {field name: {pk: row}} of
    the rows fetched for the references (not the many-to-many ones), so that deriving fields
    from them or counting the seats of their tenant costs no query. Trusted writes (code
    without a user) are not scoped."""
    parents: dict[str, dict] = {}
    for field in relations(model):
        wanted = {item: _asked(item, field) for item in items if not item.blocked}
        asked = set().union(*wanted.values()) if wanted else set()
        if not asked:
            continue
        target = field.related_model
        which = {"pk": next(iter(asked))} if len(asked) == 1 else {"pk__in": asked}
        rows = target._default_manager.filter(**which).order_by()  # no aggregates, no order: not shown
        if not trusted:
            rows = access.scope(rows, user)
        if field.many_to_one:
            parents[field.name] = {row.pk: row for row in rows}
            found = set(parents[field.name])
        else:
            found = set(rows.values_list("pk", flat=True))
        key = field.name if field.many_to_many else field.attname
        for item, want in wanted.items():
            missing = sorted(want - found, key=str)
            if missing:
                item.fail(key, f"No {target._meta.verbose_name} with id {missing[0]}.", "does_not_exist", block=True)
    return parents


def load_parents(model, items, parents: dict[str, dict], names: set[str]) -> None:
    """Fetch, in one query per field, the parents of stored rows that the caller did not send
    (a PATCH that leaves the consignment alone still re-derives from it)."""
    for name in names:
        field = model._meta.get_field(name)
        have = parents.setdefault(name, {})
        wanted = {getattr(i.instance, field.attname) for i in items if i.ok} - set(have) - {None}
        if wanted:
            have.update(field.related_model._default_manager.in_bulk(wanted))


def attach(items, parents: dict[str, dict]) -> None:
    for item in items:
        for name, rows in parents.items():
            field = item.instance._meta.get_field(name)
            row = rows.get(getattr(item.instance, field.attname))
            if row is not None:
                setattr(item.instance, name, row)
