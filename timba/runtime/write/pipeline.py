"""The steps of every write, in their fixed order (see the package docstring): `prepare` runs
steps 1 to 4 and returns a `Plan` (or raises the Problem that lists every item's errors);
`Plan.write` runs steps 5 and 6; `Plan.answer` is step 7. `save` and `delete` do it all in one
transaction, which holds the row and tenant locks of steps 1 and 4 until the write commits.

One item or many: the same steps, the same rules. A batch costs a constant number of queries
(per reference field, per unique group, per copied field), not a number per item; many-to-many
values of a batch are set with one query per field too.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cache

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError, Q, RestrictedError
from django.http import Http404
from django.utils import timezone

from timba.runtime import access, registry, versions
from timba.runtime.problems import Problem
from timba.runtime.selectors import visible_rows
from timba.runtime.write import (
    accounts,
    bulk_insert,
    columns,
    instances,
    keepers,
    propagation,
    references,
    seats,
    uniqueness,
)
from timba.runtime.write.items import assign, ids
from timba.runtime.write.report import problem

logger = logging.getLogger(__name__)
_active: ContextVar[bool] = ContextVar("timba_write_active", default=False)


def active() -> bool:
    """Whether the current code runs inside the pipeline's write (step 5 and 6)."""
    return _active.get()


@contextmanager
def _writing():
    token = _active.set(True)
    try:
        yield
    finally:
        _active.reset(token)


class Plan:
    """A prepared write: every item checked, nothing written yet."""

    def __init__(self, user, model, items, *, trusted: bool, batch: bool):
        self.user, self.model, self.items = user, model, items
        self.trusted, self.batch = trusted, batch

    # --- step 5 and 6 ------------------------------------------------------------------------

    def write(self) -> list:
        """Insert and update the rows, set their many-to-many values, refresh their derived
        children. Raises IntegrityError when a unique index refuses (`save` names the clash)."""
        model = self.model
        created = [i for i in self.items if not i.stored]
        updated = [i for i in self.items if i.stored]
        with _writing():
            if len(self.items) == 1:
                item = self.items[0]
                item.instance.save(update_fields=_changed([item]) if item.stored else None)
                for name, values in item.many.items():
                    getattr(item.instance, name).set(ids(values))
            else:
                self._insert(created)
                self._update(updated)
                self._set_many()
            refresh = propagation.parents_to_refresh(model, updated)
            if refresh:
                propagation.propagate(model, refresh)
            if accounts.applies(model):
                changed = [i.instance for i in updated if accounts.changes_password(i)]
                if changed:  # e.g. the tokens app revokes the other tokens of these users
                    registry.password_changed(changed, self.user)
        return [i.instance for i in self.items]

    def _insert(self, items) -> None:
        if not items:
            return
        bulk_insert.insert(self.model, [i.instance for i in items], self._find_pks)

    def _find_pks(self, rows) -> None:
        meta = self.model._meta
        for group in uniqueness.groups(self.model):
            attnames = [meta.get_field(n).attname for n in group]
            keys = [uniqueness.values(row, attnames) for row in rows]
            if all(k is not None for k in keys):
                found = uniqueness.matching(self.model, attnames, keys)
                for row, key in zip(rows, keys, strict=True):
                    row.pk = found[key].pk
                return
        raise RuntimeError(f"{self.model.__name__}: no unique key to find bulk-created rows by")

    def _update(self, items) -> None:
        if not items:
            return
        now = timezone.now()
        for item in items:
            for field in item.instance._meta.concrete_fields:
                if getattr(field, "auto_now", False):
                    setattr(item.instance, field.attname, now)
        self.model._default_manager.bulk_update([i.instance for i in items], _changed(items))

    def _set_many(self) -> None:
        """Many-to-many values of a batch: one query per field to read the links, one to drop
        the unwanted ones, one to add the missing ones."""
        for field in self.model._meta.many_to_many:
            owners = {i.instance.pk: set(ids(i.many[field.name])) for i in self.items if field.name in i.many}
            if not owners:
                continue
            through = field.remote_field.through
            source = through._meta.get_field(field.m2m_field_name()).attname
            target = through._meta.get_field(field.m2m_reverse_field_name()).attname
            links = through._default_manager.filter(**{f"{source}__in": owners})
            have: dict = {}
            for owner, other in links.values_list(source, target):
                have.setdefault(owner, set()).add(other)
            drop = Q()
            for owner, wanted in owners.items():
                extra = have.get(owner, set()) - wanted
                if extra:
                    drop |= Q(**{source: owner, f"{target}__in": extra})
            if drop:
                through._default_manager.filter(drop).delete()
            add = [through(**{source: o, target: t}) for o, wanted in owners.items() for t in wanted - have.get(o, set())]
            if add:
                through._default_manager.bulk_create(add)

    # --- step 7 ------------------------------------------------------------------------------

    def answer(self) -> list:
        """The rows as the API returns them. Read back only when they have many-to-many or
        aggregate values; otherwise as stored (decimals at their scale, datetimes in UTC)."""
        model = self.model
        if model._meta.many_to_many or getattr(model, "aggregate_fields", None):
            rows = visible_rows(self.user, model, trusted=self.trusted).in_bulk([i.instance.pk for i in self.items])
            return [rows[i.instance.pk] for i in self.items]
        return [_as_stored(i.instance) for i in self.items]


def _changed(items) -> list[str]:
    """The fields any of the stored items changes, and those stamped on every save (auto_now)."""
    meta = items[0].instance._meta
    names = []
    for field in meta.concrete_fields:
        if field.primary_key:
            continue
        if getattr(field, "auto_now", False) or any(
            field.attname not in i.before or getattr(i.instance, field.attname) != i.before[field.attname] for i in items
        ):  # a column missing from `before` (none taken) counts as changed
            names.append(field.name)
    return names


def _as_stored(instance):
    decimals, datetimes = _stored_forms(type(instance))
    values = instance.__dict__
    for attname, exponent in decimals:
        value = values.get(attname)
        if value is not None:
            values[attname] = Decimal(value).quantize(exponent, rounding=ROUND_HALF_EVEN)
    for attname in datetimes:
        value = values.get(attname)
        if value is not None and timezone.is_aware(value):
            values[attname] = value.astimezone(UTC)
    return instance


@cache
def _stored_forms(model) -> tuple[tuple, tuple]:
    """The columns whose value a database stores in a form of its own: decimals at their scale
    (as format_number rounds them), aware datetimes in UTC."""
    fields = model._meta.concrete_fields
    decimals = tuple((f.attname, Decimal(1).scaleb(-f.decimal_places)) for f in fields if isinstance(f, models.DecimalField))
    datetimes = tuple(f.attname for f in fields if isinstance(f, models.DateTimeField))
    return decimals, datetimes


# --- steps 1 to 4 ----------------------------------------------------------------------------


def _locate(user, model, items, *, out, trusted: bool) -> None:
    """Items naming a stored row by pk: lock it, fetch it as the caller may see it (404 like a
    missing one otherwise), and hold it to the version the caller read (412). Stored rows a
    caller hands in already loaded (a form's, an import's) are locked and must be in its scope
    too."""
    given = [i.instance.pk for i in items if i.instance is not None and i.stored]
    if given:
        rows = model._default_manager.select_for_update().filter(pk__in=given)
        mine = set((rows if trusted else access.scope(rows, user)).values_list("pk", flat=True))
        if set(given) - mine:
            raise Http404(f"No {model._meta.verbose_name} with id {sorted(set(given) - mine)[0]}.")
    named = [i for i in items if i.pk is not None and i.instance is None]
    if not named:
        return
    pks = [i.pk for i in named]
    which = {"pk": pks[0]} if len(pks) == 1 else {"pk__in": pks}  # `exact` knows the column's range
    list(model._default_manager.select_for_update().filter(**which).values_list("pk", flat=True))
    rows = {row.pk: row for row in visible_rows(user, model, trusted=trusted).filter(**which)}
    for item in named:
        row = rows.get(item.pk)
        if row is None:
            raise Http404(f"No {model._meta.verbose_name} with id {item.pk}.")
        versions.require_match(item.expected, out, row)
        item.instance, item.stored = row, True


def snapshot(instance) -> dict:
    """A stored row's column values, taken before a change: what changed, what must follow.
    Callers that change the row themselves before the pipeline sees it (a form, an import) take
    it first and hand it in as the item's `before`."""
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def stored_snapshot(instance) -> dict:
    """A row's column values as the database holds them, from the instance a write just stored:
    decimals at their scale, datetimes in UTC, as a read of the row returns them."""
    return snapshot(_as_stored(instance))


def _snapshot(item) -> None:
    item.before = snapshot(item.instance)


def _fill(user, model, item, *, creating: bool, trusted: bool) -> None:
    """Step 2: the payload's values, the tenant and the auto fields."""
    if item.instance is None:
        item.instance = instances.new(model)
    elif item.stored and not item.before:
        _snapshot(item)
    assign(item.instance, item.data)
    if not trusted:
        access.assign_tenant(item.instance, user)
        item.instance.set_auto_fields(user, creating=creating)


def _derive(model, items, parents) -> None:
    """Step 3: derived fields from their (attached) parents, computed fields from the hooks."""
    references.attach(items, parents)
    for item in items:
        if item.ok:
            try:
                item.instance.prepare()
            except (ArithmeticError, TypeError, ValueError) as exc:  # a hook that cannot compute
                item.fail(None, f"The computed values cannot be worked out from these values: {exc}.", "invalid")
                continue
            columns.quantize(item.instance)


def _match_keys(user, model, items, key, *, trusted: bool) -> list:
    """Upserts: the stored row holding each item's natural key (locked) becomes the row the item
    changes; a row the caller may not see is a conflict, and the item goes no further."""
    meta = model._meta
    attnames = [meta.get_field(n).attname for n in key]
    live = [i for i in items if i.ok and not i.stored]
    found = uniqueness.matching(model, attnames, [uniqueness.values(i.instance, attnames) for i in live], lock=True)
    for item in live:
        item.keyed = frozenset(key)
    if not found:
        return []
    pks = [row.pk for row in found.values()]
    allowed = set(pks) if trusted else set(access.scope(model._default_manager.filter(pk__in=pks), user).values_list("pk", flat=True))
    label = ", ".join(meta.get_field(n).verbose_name for n in key)
    matched, first = [], {}
    for item in live:
        row = found.get(uniqueness.values(item.instance, attnames))
        if row is None:
            continue
        if row.pk in first:  # the same stored row twice: the later item is the mistake
            item.fail(uniqueness.payload_key(model, key), f"Same {label} as item {first[row.pk]}; send each {meta.verbose_name} once.", "duplicate")
            continue
        first[row.pk] = item.index
        if row.pk not in allowed:
            item.fail(uniqueness.payload_key(model, key), f"A {meta.verbose_name} with this {label} already exists.", "unique", block=True)
            continue
        item.instance, item.stored = row, True
        _snapshot(item)
        matched.append(item)
    return matched


def _validate(model, items, *, check_stored: bool, values_checked: bool = False) -> None:
    """Step 4, for every item still in the running. `values_checked`: the per-value rules (field
    rules, computed values against their column, password rules) passed for these very payloads
    in an earlier prepare, and only the rules that read the database run again."""
    alias = model._default_manager.db
    for item in items:
        if not item.ok:
            continue
        instance = item.instance
        if values_checked:
            if accounts.applies(model):
                accounts.normalize(instance)
            continue
        columns.problems(item, alias)
        skip = [f.name for f in model._meta.fields if f.many_to_one and getattr(instance, f.attname) is not None]
        skip += list(instance.computed_fields)  # checked against their column above
        if accounts.applies(model):
            accounts.normalize(instance)
            if accounts.FIELD in item.sent:
                for message in accounts.problems(instance, item.password):
                    item.fail(accounts.FIELD, message, "password")
            skip.append(accounts.FIELD)  # a hash the pipeline sets once every check has passed
        try:
            instance.clean_fields(exclude=skip)
        except ValidationError as exc:
            uniqueness.record(item, exc)
    uniqueness.in_batch(model, items)
    if check_stored:  # a caller that shows errors before it writes (a form, an import preview)
        uniqueness.stored(model, items)
    uniqueness.before_write(model, items)
    propagation.clashes(model, items)
    seats.check(model, items)
    keepers.check(model, items)
    for item in items:
        if not item.ok:
            continue
        try:
            item.instance.clean()
        except ValidationError as exc:
            uniqueness.record(item, exc)


def prepare(
    user, model, items, *, perms=("create",), key=(), out=None, trusted: bool = False, batch: bool = False,
    check_stored: bool = False, values_checked: bool = False,
) -> Plan:
    """Steps 1 to 4. `perms` are the operations the caller needs (both create and update for an
    upsert); `key` the natural key that matches an item to a stored row (upserts); `out` the
    output schema whose ETag an item's `expected` is compared with; `check_stored` checks
    uniqueness against the stored rows before the write (else the indexes do, and `save`
    names the clash after the fact); `values_checked` skips the per-value rules of payloads an
    earlier prepare passed unchanged (an import's confirm of its preview). Raises the Problem (403,
    404, 412, 409 or 422) that lists every item's errors; for a batch, locations are
    `["body", "items", <index>, <field>]`."""
    if not trusted:
        for op in perms:
            access.require(user, model, op)
    for index, item in enumerate(items):
        item.index = index
    _locate(user, model, items, out=out, trusted=trusted)
    for item in items:
        _fill(user, model, item, creating=not item.stored, trusted=trusted)
    derived_parents = {parent for parent, _source in getattr(model, "derived_fields", {}).values()}
    parents = references.check(user, model, items, trusted=trusted)
    references.load_parents(model, [i for i in items if i.stored], parents, derived_parents)
    _derive(model, items, parents)
    if key:
        matched = _match_keys(user, model, items, key, trusted=trusted)
        for item in matched:
            _fill(user, model, item, creating=False, trusted=trusted)
        references.load_parents(model, matched, parents, derived_parents)
        _derive(model, matched, parents)
    _validate(model, items, check_stored=check_stored, values_checked=values_checked)
    failure = problem(model, items, batch=batch)
    if failure is not None:
        raise failure
    if accounts.applies(model):  # hashing is slow: only for a write that will happen
        for item in items:
            accounts.apply(item.instance, item.password, creating=not item.stored)
    return Plan(user, model, items, trusted=trusted, batch=batch)


def save(user, model, items, *, perms=("create",), key=(), out=None, trusted: bool = False, batch: bool = False) -> list:
    """Steps 1 to 7 in one transaction; the rows as answered, in item order."""
    plan = None
    try:
        with transaction.atomic():
            plan = prepare(user, model, items, perms=perms, key=key, out=out, trusted=trusted, batch=batch)
            plan.write()
    except IntegrityError as exc:  # a unique index refused: say which items clash, and how
        if plan is None:
            raise
        raise conflict(plan, exc) from exc
    return plan.answer()


def conflict(plan: Plan, exc: IntegrityError) -> Problem:
    """The 409 for a write the database refused (run after the failed transaction ended)."""
    for item in plan.items:
        item.errors, item.keyed = None, frozenset()  # the locks went with the transaction: look again
    uniqueness.stored(plan.model, plan.items)
    found = problem(plan.model, plan.items, batch=plan.batch)
    if found is not None:
        return found
    logger.warning("write refused by the database and no clash found to name: %s", exc)
    return Problem(409, f"The {plan.model._meta.verbose_name} conflicts with data written at the same time; try again.")


def delete(user, model, items, *, out=None, trusted: bool = False) -> None:
    """Delete stored rows: the delete permission, the caller's scope (404 otherwise) and the
    version they read (412), under a row lock; 409 when other rows still need them."""
    if not trusted:
        access.require(user, model, "delete")
    for index, item in enumerate(items):
        item.index = index
    with transaction.atomic():
        _locate(user, model, items, out=out, trusted=trusted)
        given = [i.instance.pk for i in items if i.instance is not None and not i.stored]
        if given and not trusted:
            mine = set(access.scope(model._default_manager.filter(pk__in=given), user).values_list("pk", flat=True))
            if set(given) - mine:
                raise Http404(f"No {model._meta.verbose_name} with id {sorted(set(given) - mine)[0]}.")
        keepers.check(model, items, deleting=True)
        refused = problem(model, items, batch=len(items) > 1, verb="deleted")
        if refused is not None:
            raise refused
        try:
            with transaction.atomic(), _writing():
                if len(items) == 1:
                    items[0].instance.delete()
                else:
                    model._default_manager.filter(pk__in=[i.instance.pk for i in items]).delete()
        except (ProtectedError, RestrictedError) as exc:
            rows = getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", ())
            blockers = ", ".join(sorted({row._meta.verbose_name_plural for row in rows}))
            raise Problem(409, f"The {model._meta.verbose_name} is still referenced by {blockers}; delete those first.") from exc
