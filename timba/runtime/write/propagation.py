"""Derived children: rows that copy a field of their parent (`derived_from`, a log's client from
its consignment). When the source changes, the copies follow, set-based: one UPDATE per copied
field for all the parents of a write, whatever their number of children, and on down to the
children's own derived children. Before the write, `clashes` refuses a change that would make a
child break one of its unique rules (moving a consignment to a client that already has one of
its barcodes), with one query per unique group of the child.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from django.db.models import Count, Exists, OuterRef, Subquery

from timba.runtime.write.uniqueness import groups


@cache
def copies(model) -> tuple[tuple, ...]:
    """(child model, its reference to `model`, the child's copied field, the source field of
    `model`) for every derived field of another model that copies from this one."""
    out = []
    for rel in model._meta.related_objects:
        if not rel.one_to_many:
            continue
        child = rel.related_model
        for name, (parent, source) in getattr(child, "derived_fields", {}).items():
            if parent == rel.field.name:
                out.append((child, rel.field, child._meta.get_field(name), model._meta.get_field(source)))
    return tuple(out)


def changed(items, source) -> list:
    """The stored items whose `source` value changes in this write."""
    return [
        i for i in items
        if i.ok and i.stored and source.attname in i.before and i.before[source.attname] != getattr(i.instance, source.attname)
    ]


def clashes(model, items) -> None:
    """Record a conflict on each item whose change would make a re-derived child clash."""
    for child, reference, target, source in copies(model):
        moving = changed(items, source)
        if not moving:
            continue
        by_value: dict = defaultdict(list)
        for item in moving:
            by_value[getattr(item.instance, source.attname)].append(item)
        for group in groups(child):
            if target.name not in group:
                continue
            others = [child._meta.get_field(n).attname for n in group if n != target.name]
            for value, movers in by_value.items():
                parents = [i.instance.pk for i in movers]
                moved = child._default_manager.filter(**{f"{reference.attname}__in": parents})
                holder = child._default_manager.filter(**{target.attname: value}, **{a: OuterRef(a) for a in others})
                clash = moved.filter(Exists(holder.exclude(**{f"{reference.attname}__in": parents}))).first()
                if clash is None and others:
                    twice = moved.order_by().values(*others).annotate(n=Count("pk")).filter(n__gt=1)
                    clash = moved.filter(**twice.values(*others).first()).first() if twice.exists() else None
                if clash is not None:
                    item = next(i for i in movers if i.instance.pk == getattr(clash, reference.attname))
                    msg = (
                        f"{child._meta.verbose_name} {clash} would clash: another {child._meta.verbose_name} "
                        f"of that {source.verbose_name} has the same {', '.join(group)}."
                    )
                    key = source.attname if source.many_to_one else source.name
                    item.fail(key, msg[:1].upper() + msg[1:], "unique")


def propagate(model, parent_pks) -> None:
    """Re-derive every copy of `model`'s fields held by the children of `parent_pks` (a list or
    a subquery of ids): one UPDATE per copied field, then the same one level down."""
    for child, reference, target, source in copies(model):
        rows = child._default_manager.filter(**{f"{reference.attname}__in": parent_pks})
        fresh = model._default_manager.filter(pk=OuterRef(reference.attname)).values(source.attname)[:1]
        rows.update(**{target.attname: Subquery(fresh)})
        if copies(child):
            propagate(child, child._default_manager.filter(**{f"{reference.attname}__in": parent_pks}).values("pk"))


def parents_to_refresh(model, items) -> list:
    """The pks of the stored items whose change some child copies."""
    pks = set()
    for _child, _reference, _target, source in copies(model):
        pks |= {i.instance.pk for i in changed(items, source)}
    return sorted(pks)
