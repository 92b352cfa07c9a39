"""One row of a write: what the caller sent, and what the pipeline learns about it on the way."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from timba.runtime.write import passwords

CONFLICTS = {"unique", "seats"}  # problems with other rows (409), not with the input itself (422)


@dataclass(eq=False)
class Item:
    """`data` holds payload values by payload key (`client_id`, `roles`); a caller that builds
    the row itself (an admin form, an import) passes `instance` and says which fields it set in
    `sent`. `pk` (with `expected`, the If-Match it was read at) names a stored row to change."""

    data: dict = field(default_factory=dict)
    instance: Any = None
    pk: Any = None
    expected: str | None = None
    many: dict = field(default_factory=dict)  # many-to-many field name -> ids or rows
    password: str | None = None  # the auth user's raw password; "" means none
    sent: set = field(default_factory=set)  # field names the caller set: their references are checked
    index: int = 0
    errors: list = field(default_factory=list)
    stored: bool = False  # changes a row that exists
    before: dict = field(default_factory=dict)  # the stored row's column values before the change
    blocked: bool = False  # failed its scope check: nothing more is checked

    @classmethod
    def payload(cls, model, data: dict, *, index: int = 0, pk=None, expected: str | None = None) -> Item:
        """An item from API input: many-to-many values and the auth user's password set apart."""
        many_names = {f.name for f in model._meta.many_to_many}
        plain, many, password = {}, {}, None
        for key, value in data.items():
            if key in many_names:
                many[key] = value
            elif key == passwords.FIELD and passwords.applies(model):
                password = value
            else:
                plain[key] = value
        by_key = _field_names(model)
        names = {by_key.get(key, key) for key in plain} | set(many) | ({passwords.FIELD} if password else set())
        return cls(data=plain, many=many, password=password, sent=names, index=index, pk=pk, expected=expected)

    def fail(self, name: str | None, msg: str, type_: str, *, fields: tuple[str, ...] = (), block: bool = False) -> None:
        """Record a problem with the payload key `name` (None: the row as a whole); `fields` are
        all the keys a conflict involves (a unique group)."""
        self.errors.append({"name": name, "msg": msg, "type": type_, "fields": fields or ((name,) if name else ())})
        self.blocked = self.blocked or block

    @property
    def ok(self) -> bool:
        return not self.errors and not self.blocked

    @property
    def conflicting(self) -> bool:
        return bool(self.errors) and all(e["type"] in CONFLICTS for e in self.errors)


@cache
def _field_names(model) -> dict[str, str]:
    """Payload key (a field's name or its column's attname: `client_id`) → field name."""
    out = {}
    for f in model._meta.concrete_fields:
        out[f.attname] = out[f.name] = f.name
    return out


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
