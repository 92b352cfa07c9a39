"""What an import needs to know about a resource, registered by the generated code when the
app loads (timba/generated/imports.py, from resources.yaml through the IR): its importable
columns with their labels, aliases, kinds, whether required, units and referenced resource,
its natural key and its tenant path. The runtime reads them only from here."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal


@dataclass(frozen=True)
class Column:
    name: str  # the field
    label: str
    kind: str  # the spec's field type: string, decimal, date, reference, ...
    required: bool = False
    aliases: tuple[str, ...] = ()
    units: tuple[tuple[str, Decimal], ...] = ()  # (unit, factor to the stored value)
    choices: tuple[tuple[str, str], ...] = ()  # (value, label) of a choice field
    target: str | None = None  # the resource a reference names
    lookup: str | None = None  # the target's field a sheet names it by ("pk": its id)


@dataclass(frozen=True)
class Descriptor:
    resource: str  # the model's class name
    label: str
    key: tuple[str, ...]  # the natural key rows are matched on; () for none
    tenant: str | None  # the tenant reference, "self" on the tenant, None for shared data
    columns: tuple[Column, ...]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


_descriptors: dict[str, Descriptor] = {}


def register(resource: str, *, label: str, key=(), tenant=None, columns=()) -> Descriptor:
    """Called by the generated imports module on import; units' factors may be given as text."""
    cols = tuple(replace(c, units=tuple((u, Decimal(str(f))) for u, f in c.units)) for c in columns)
    descriptor = Descriptor(resource=resource, label=label, key=tuple(key), tenant=tenant, columns=cols)
    _descriptors[resource] = descriptor
    return descriptor


def descriptor_for(model_or_name) -> Descriptor:
    name = model_or_name if isinstance(model_or_name, str) else model_or_name._meta.object_name
    try:
        return _descriptors[name]
    except KeyError:
        raise LookupError(
            f"no import is registered for {name}: the generated imports module registers one per "
            "resource whose spec enables import/export, when the app loads"
        ) from None


def registered() -> dict[str, Descriptor]:
    return dict(_descriptors)
