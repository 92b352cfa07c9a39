"""The preview of one batch of staged rows: each row's cells converted (timba.runtime.imports
.conversion), its references resolved by natural key (`lookups`, one query per reference field),
and the whole batch handed to the write pipeline's batch form (`write.prepare`, key matching
included: one query for the stored rows of the batch), whose errors are the import's: field
rules, uniqueness, seats, computed columns, the model's clean(). Nothing is written.

Each row becomes new, updated (with the old → new values of the fields that change, and the old
values an undo restores), unchanged, or an error, every error naming the row, the column, the
value and the reason. Two rows of one file with the same natural key are both errors, each
naming the other's row number, whichever batches they are in (`Duplicates`).
"""

from __future__ import annotations

import re

from django.db import transaction

from timba.runtime import write
from timba.runtime.imports import codec, conversion, lookups
from timba.runtime.imports.context import Context
from timba.runtime.imports.values import text as cell_text
from timba.runtime.problems import Problem
from timba.runtime.write import Item
from timba.runtime.write.items import ids
from timba.runtime.write.uniqueness import comparer, payload_key

NEW, UPDATED, UNCHANGED, ERROR = "new", "updated", "unchanged", "error"
ITEM = re.compile(r"\bitem (\d+)\b")


def error(number: int, heading: str | None, field: str | None, value, reason: str, kind: str) -> dict:
    """One error as a clerk reads it: the row, the column, the value and the reason."""
    reason = reason.rstrip(".")
    shown = "" if value in (None, "") else f"'{cell_text(codec.encode(value))}'"
    where = f"Row {number}" + (f", column '{heading}'" if heading else "")
    if reason[:1].isupper():  # a sentence of its own (the pipeline's)
        message = f"{where}{', value ' + shown if shown else ''}: {reason}."
    else:  # a predicate of the value ("is empty", "names no ...")
        message = f"{where}: {shown + ' ' if shown else ''}{reason}."
    return {"column": heading, "field": field, "value": codec.encode(value), "kind": kind, "message": message}


class Duplicates:
    """Natural keys seen so far in the file → the first row holding each; rows of earlier
    batches that turn out to be duplicates are fixed at the end (`late`)."""

    def __init__(self):
        self.first: dict = {}  # key → the first row number holding it
        self.late: dict[int, list[int]] = {}  # earlier row number → later row numbers
        self.shown: dict[int, str] = {}  # earlier row number → its key as shown


def _heading(ctx: Context, field: str | None) -> str | None:
    mapped = ctx.mapping.fields.get(field) if field else None
    return mapped.heading if mapped else None


def _label(ctx: Context, fields) -> str:
    return ", ".join(ctx.descriptor.column(f).label if any(c.name == f for c in ctx.descriptor.columns) else f for f in fields)


class Batch:
    """One batch of ImportRow objects (saved or not) classified in place."""

    def __init__(self, ctx: Context, rows, duplicates: Duplicates):
        self.ctx, self.rows, self.duplicates = ctx, rows, duplicates
        self.meta = ctx.model._meta
        self.values: list[dict] = []
        self.items: list[Item] = []
        self.prepared = None  # the pipeline's prepared write, when every row of the batch passed

    def run(self) -> None:
        for row in self.rows:
            row.action, row.errors, row.changes, row.previous, row.data, row.target, row.version = ERROR, [], {}, {}, {}, None, ""
        self._convert()
        self._resolve()
        items = self.items = self._items()
        self._check(items)
        self._duplicates(items)
        self._classify(items)

    # --- cells → values → references ---------------------------------------------------------

    def _convert(self) -> None:
        ctx = self.ctx
        fixed = ctx.tenant_id is not None and ctx.tenant_path not in (None, "self")
        for row in self.rows:
            values, issues = conversion.convert(ctx.mapping, (row.number, row.cells), convention=ctx.convention, date_order=ctx.date_order)
            for issue in issues:
                row.errors.append(error(row.number, issue.column, issue.field, issue.value, issue.message, "value"))
            if fixed:
                values.pop(ctx.tenant_path, None)  # the rows go to the run's tenant, whatever the sheet says
            self.values.append(values)

    def _resolve(self) -> None:
        ctx = self.ctx
        for mapped, column in ctx.mapping.pairs:
            if column.kind not in {"reference", "many-references"}:
                continue
            field = self.meta.get_field(column.name)
            many = column.kind == "many-references"
            texts = set()
            for values in self.values:
                value = values.get(column.name)
                if value:
                    texts.update(value if many else [value])
            resolver = lookups.Resolver(ctx.user, field, column, texts, tenant_id=ctx.tenant_id)
            for row, values in zip(self.rows, self.values, strict=True):
                value = values.get(column.name)
                if not value:
                    continue
                found = []
                for text in value if many else [value]:
                    pk, reason = resolver.resolve(text)
                    if reason:
                        row.errors.append(error(row.number, mapped.heading, column.name, text, reason, "reference"))
                    found.append(pk)
                if None in found:
                    values.pop(column.name)
                else:
                    values[column.name] = found if many else found[0]

    # --- the pipeline ------------------------------------------------------------------------

    def _items(self) -> list[Item]:
        ctx = self.ctx
        items = []
        for row, values in zip(self.rows, self.values, strict=True):
            failed = {e["field"] for e in row.errors}
            data = {}
            for name, value in values.items():
                if value is None or name in failed:
                    continue  # an empty cell leaves the field alone: its default, or what is stored
                field = self.meta.get_field(name)
                data[field.attname if field.many_to_one else name] = value
            if ctx.tenant_id is not None and ctx.tenant_path not in (None, "self") and ctx.tenant_path not in getattr(ctx.model, "derived_fields", {}):
                data[self.meta.get_field(ctx.tenant_path).attname] = ctx.tenant_id
            row.data = {k: codec.encode(v) for k, v in data.items()}
            items.append(Item.payload(ctx.model, data))
        return items

    def _check(self, items) -> None:
        ctx = self.ctx
        if not items:
            return
        try:
            with transaction.atomic():  # the key match locks the stored rows: for this batch only
                self.prepared = write.prepare(ctx.user, ctx.model, items, perms=("import",), key=ctx.key, batch=True, check_stored=True)
        except Problem:
            if not any(i.errors for i in items):
                raise  # not about the rows (a permission): the whole import is refused
        key_name = write_key(ctx)
        for row, item in zip(self.rows, items, strict=True):
            failed = {e["field"] for e in row.errors}
            for problem in item.errors or ():
                if problem["type"] == "duplicate" and problem["name"] == key_name:
                    continue  # said below, naming both rows
                name = self._field_of(problem["name"])
                if name in failed and name is not None:
                    continue  # its cell was already refused
                message = ITEM.sub(lambda m: f"row {self.rows[int(m.group(1))].number}", problem["msg"])
                value = self.values[item.index].get(name) if name else None
                if value is not None and self._relation(name):
                    value = _cell(row, ctx, name)  # the text the sheet gave, not the id
                row.errors.append(error(row.number, _heading(ctx, name), name, value, message, problem["type"]))

    def _relation(self, name: str) -> bool:
        try:
            return self.meta.get_field(name).is_relation
        except Exception:
            return False

    def _field_of(self, key: str | None) -> str | None:
        if not key:
            return None
        for field in self.meta.get_fields():
            if key in {field.name, getattr(field, "attname", None)}:
                return field.name
        return key

    def _duplicates(self, items) -> None:
        ctx = self.ctx
        if not ctx.key:
            return
        attnames = [self.meta.get_field(n).attname for n in ctx.key]
        seen = self.duplicates
        shown_fields = [n for n in ctx.key if n != ctx.tenant_path] or list(ctx.key)
        label, heading = _label(ctx, shown_fields), _heading(ctx, shown_fields[0]) if len(shown_fields) == 1 else None
        fixed = ctx.tenant_id is not None and ctx.tenant_path in ctx.key
        compare = comparer(ctx.model, attnames)  # one key where the database's unique index says so
        for row, item in zip(self.rows, items, strict=True):
            instance = item.instance
            if instance is None:
                continue
            key = tuple(getattr(instance, a) for a in attnames)
            if any(v is None or v == "" for v in key):
                continue
            shown = " / ".join(str(v) for n, v in zip(ctx.key, key, strict=True) if n in shown_fields)
            key = compare(key)
            if fixed:  # the tenant part is the same on every row: keep less in memory
                key = tuple(v for n, v in zip(ctx.key, key, strict=True) if n in shown_fields)
            first = seen.first.setdefault(key[0] if len(key) == 1 else key, row.number)
            if first == row.number:
                continue
            row.errors.append(error(row.number, heading, None, shown, f"is also the {label} of row {first}: a file may hold each {self.meta.verbose_name} once", "duplicate"))
            seen.late.setdefault(first, []).append(row.number)
            seen.shown[first] = shown  # the same key, so the same text
        mine = {row.number: row for row in self.rows}
        for first, later in list(seen.late.items()):
            if first in mine:  # the first row is in this batch: say it now
                mine[first].errors.append(first_duplicate(ctx, first, later, seen))
                del seen.late[first]

    # --- the outcome -------------------------------------------------------------------------

    def _classify(self, items) -> None:
        compared = self._compared_fields()
        updated = []
        for row, item in zip(self.rows, items, strict=True):
            if row.errors:
                row.action = ERROR
                continue
            if not item.stored:
                row.action = NEW
                continue
            row.target = item.instance.pk
            row.version = codec.fingerprint(item.before)
            changed = [f for f in compared if item.before.get(f.attname) != getattr(item.instance, f.attname)]
            row.previous = {f.attname: codec.encode(item.before.get(f.attname)) for f in changed if f.name in item.sent}
            row.changes = {f.name: [item.before.get(f.attname), getattr(item.instance, f.attname)] for f in changed}
            for name in item.many:
                row.changes[name] = [None, sorted(ids(item.many[name]))]
            row.action = UPDATED if changed or item.many else UNCHANGED
            updated.append((row, item))
        self._many_before(updated)
        self._shown(updated)

    def _compared_fields(self):
        model = self.ctx.model
        auto = set(getattr(model, "auto_fields", {}))
        derived, computed = set(getattr(model, "derived_fields", {})), set(getattr(model, "computed_fields", ()))
        sent = {c.field for c in self.ctx.mapping.columns} | derived | computed
        if self.ctx.tenant_id is not None and self.ctx.tenant_path:
            sent.add(self.ctx.tenant_path)
        return [
            f for f in self.meta.concrete_fields
            if f.name in sent and f.name not in auto and not f.primary_key and not getattr(f, "auto_now", False)
        ]

    def _many_before(self, updated) -> None:
        """The stored many-to-many values of the matched rows: one query per field."""
        for field in self.meta.many_to_many:
            rows = [(row, item) for row, item in updated if field.name in item.many]
            if not rows:
                continue
            through = field.remote_field.through
            source = through._meta.get_field(field.m2m_field_name()).attname
            target = through._meta.get_field(field.m2m_reverse_field_name()).attname
            have: dict = {}
            links = through._default_manager.filter(**{f"{source}__in": [r.target for r, _ in rows]}).values_list(source, target)
            for owner, other in links:
                have.setdefault(owner, set()).add(other)
            for row, _item in rows:
                old, new = sorted(have.get(row.target, set())), row.changes[field.name][1]
                if old == new:
                    del row.changes[field.name]
                    if not row.changes:
                        row.action, row.previous = UNCHANGED, {}
                else:
                    row.changes[field.name][0] = old
                    row.previous[field.name] = old

    def _shown(self, updated) -> None:
        """Old and new values as a clerk reads them: references by their name, one query per
        reference field for the old ones."""
        for field in [*(f for f in self.meta.fields if f.many_to_one), *self.meta.many_to_many]:
            wanted = set()
            for row, _item in updated:
                if field.name in row.changes:
                    for value in row.changes[field.name]:
                        wanted.update(value if isinstance(value, list) else [value])
            wanted.discard(None)
            names = {pk: str(obj) for pk, obj in field.related_model._default_manager.in_bulk(wanted).items()} if wanted else {}
            for row, _item in updated:
                if field.name in row.changes:
                    row.changes[field.name] = [
                        ", ".join(names.get(v, str(v)) for v in value) if isinstance(value, list) else names.get(value, value)
                        for value in row.changes[field.name]
                    ]
        for row, _item in updated:
            row.changes = {name: [codec.encode(old), codec.encode(new)] for name, (old, new) in row.changes.items()}


def write_key(ctx: Context) -> str | None:
    return payload_key(ctx.model, ctx.key) if ctx.key else None


def first_duplicate(ctx: Context, number: int, later: list[int], seen: Duplicates) -> dict:
    """The error of the first of several rows holding one key, naming the later ones."""
    shown_fields = [n for n in ctx.key if n != ctx.tenant_path] or list(ctx.key)
    heading = _heading(ctx, shown_fields[0]) if len(shown_fields) == 1 else None
    shown = seen.shown.get(number)
    rows = ", ".join(str(n) for n in later)
    plural = "s" if len(later) > 1 else ""
    reason = f"is also the {_label(ctx, shown_fields)} of row{plural} {rows}: a file may hold each {ctx.model._meta.verbose_name} once"
    return error(number, heading, None, shown, reason, "duplicate")


def _cell(row, ctx: Context, name: str):
    mapped = ctx.mapping.fields.get(name)
    if mapped is None or mapped.index >= len(row.cells):
        return None
    return row.cells[mapped.index]

