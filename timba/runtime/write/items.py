"""One row of a write: what the caller sent, and what the pipeline learns about it on the way."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Any

from timba.runtime.write import accounts

CONFLICTS = {"unique", "seats", "last_admin"}  # problems with other rows (409), not with the input (422)
NOTHING = MappingProxyType({})  # the shared empty default: a batch of many items allocates little


@dataclass(eq=False, slots=True)
class Item:
    """`data` holds payload values by payload key (`client_id`, `roles`); a caller that builds
    the row itself (an admin form, an import) passes `instance` and says which fields it set in
    `sent`. `pk` (with `expected`, the If-Match it was read at) names a stored row to change."""

    data: dict = field(default_factory=lambda: NOTHING)
    instance: Any = None
    pk: Any = None
    expected: str | None = None
    many: dict = field(default_factory=lambda: NOTHING)  # many-to-many field name -> ids or rows
    password: str | None = None  # the auth user's raw password; "" means none
    sent: set | frozenset = frozenset()  # field names the caller set: their references are checked
    index: int = 0
    errors: list | None = None
    stored: bool = False  # changes a row that exists
    before: dict = field(default_factory=lambda: NOTHING)  # the stored row's column values before the change
    blocked: bool = False  # failed its scope check: nothing more is checked
    keyed: frozenset = frozenset()  # the natural key looked up for it under lock (upserts): no other row holds it

    @classmethod
    def payload(cls, model, data: dict, *, index: int = 0, pk=None, expected: str | None = None) -> Item:
        """An item from API input: many-to-many values and the auth user's password set apart."""
        by_key, many_names, has_password = _payload_keys(model)
        if not many_names and not has_password:  # every key is a column: nothing to set apart
            return cls(data=data, sent={by_key.get(key, key) for key in data}, index=index, pk=pk, expected=expected)
        plain, many, password = {}, {}, None
        for key, value in data.items():
            if key in many_names:
                many[key] = value
            elif key == accounts.FIELD and has_password:
                password = value
            else:
                plain[key] = value
        names = {by_key.get(key, key) for key in plain} | set(many) | ({accounts.FIELD} if password else set())
        return cls(data=plain, many=many, password=password, sent=names, index=index, pk=pk, expected=expected)

    def fail(self, name: str | None, msg: str, type_: str, *, fields: tuple[str, ...] = (), block: bool = False) -> None:
        """Record a problem with the payload key `name` (None: the row as a whole); `fields` are
        all the keys a conflict involves (a unique group)."""
        if self.errors is None:
            self.errors = []
        self.errors.append({"name": name, "msg": msg, "type": type_, "fields": fields or ((name,) if name else ())})
        self.blocked = self.blocked or block

    @property
    def ok(self) -> bool:
        return not self.errors and not self.blocked

    @property
    def conflicting(self) -> bool:
        return bool(self.errors) and all(e["type"] in CONFLICTS for e in self.errors)


@cache
def _payload_keys(model) -> tuple[dict[str, str], frozenset[str], bool]:
    """({payload key (a field's name or its column's attname: `client_id`): field name}, the
    many-to-many field names, whether the model takes a password)."""
    names = {}
    for f in model._meta.concrete_fields:
        names[f.attname] = names[f.name] = f.name
    return names, frozenset(f.name for f in model._meta.many_to_many), accounts.applies(model)


def assign(instance, data: dict) -> None:
    """Set plain and reference values. An empty optional text that is stored as NULL (a unique
    one, so that many rows may leave it empty) becomes None."""
    for key, value in data.items():
        if value == "":
            try:
                if instance._meta.get_field(key).null:
                    value = None
            except Exception:
                pass
        setattr(instance, key, value)


def ids(values) -> list:
    """Many-to-many values (ids, rows or a queryset) as a list of ids."""
    return [getattr(v, "pk", v) for v in values]
