"""List items straight from the database, as the API's `<Name>Out` schema would give them.

A page of a list is read with `.values()` (the schema's columns and aggregates, in the same
query as before), its many-to-many ids with one more query for the whole page, and handed to
orjson as plain dicts: no model instance, resolver call or schema object per row. The JSON is
the one the schema gives for the same rows (`tests/app/test_rows.py` compares both for every
resource the spec declares). A schema field that is neither a column, an aggregate nor a
many-to-many (a hand-written resolver, say) makes `plan_for` answer None, and the caller falls
back to validating instances through the schema.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from django.core.exceptions import FieldDoesNotExist

from timba.runtime import db_json


class RowPlan:
    """How to read the items of one `<Name>Out` for one model."""

    def __init__(self, model, names: list[str], columns: dict[str, str], many: dict, scales: dict[str, Decimal]):
        self.model = model
        self.names = names  # the schema's field names, in its order
        self.columns = columns  # field name -> .values() key (a column's attname or an annotation)
        self.many = many  # field name -> the many-to-many model field
        self.scales = scales  # decimal aggregates -> the quantum of the summed field

    def rows(self, queryset, names: list[str] | None = None, extra: tuple[str, ...] = (), *,
             start: int = 0, stop: int | None = None) -> list[dict]:
        """The items of the ordered `queryset`, rows `start` to `stop`, with the fields `names`
        (all by default) in the schema's order. Columns the database can write as JSON text
        come as that text (timba.runtime.db_json). The keys in `extra` (sort keys for a cursor)
        are read as well and kept under their own names, for the caller to drop."""
        names = self.names if names is None else [n for n in self.names if n in names]
        keys = [self.columns[n] for n in names if n in self.columns]
        many = [n for n in names if n in self.many]
        wanted = list(dict.fromkeys([*keys, *extra, *(("pk",) if many else ())]))
        rendered = db_json.expressions(self.model, queryset.db)
        texts = {f"_json_{key}": rendered[key] for key in wanted if key in rendered}
        select = [f"_json_{key}" if key in rendered else key for key in wanted]
        queryset = queryset.prefetch_related(None)
        if texts:
            queryset = queryset.annotate(**texts)
        fetched = [dict(zip(wanted, row, strict=True)) for row in queryset.values_list(*select)[start:stop]]
        if not many and not self.scales.keys() & set(names) and all(self.columns[n] == n for n in names):
            return fetched  # already the items, keys in the schema's order
        ids = {name: self._many_ids(self.many[name], [row["pk"] for row in fetched]) for name in many}
        items = []
        for row in fetched:
            item = {}
            for name in names:
                if name in self.many:
                    item[name] = ids[name].get(row["pk"], [])
                    continue
                value = row[self.columns[name]]
                if name in self.scales:
                    value = Decimal(value or 0).quantize(self.scales[name])
                item[name] = value
            for key in extra:
                item.setdefault(key, row[key])
            items.append(item)
        return items

    def _many_ids(self, field, pks: list) -> dict:
        """{row pk: [related ids, in the related model's order]} for the rows `pks`, one query."""
        if not pks:
            return {}
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        related = field.related_model
        order = [f"-{target}__{o[1:]}" if o.startswith("-") else f"{target}__{o}" for o in related._meta.ordering]
        pairs = (
            through._default_manager.filter(**{f"{source}__in": pks})
            .order_by(*order, target)
            .values_list(f"{source}_id", f"{target}_id")
        )
        out: dict = {}
        for pk, other in pairs:
            out.setdefault(pk, []).append(other)
        return out


@cache
def plan_for(model, out) -> RowPlan | None:
    """The RowPlan of `out` for `model`, or None when a field needs the schema's own code."""
    from timba.runtime.aggregates import decimal_places

    aggregates = getattr(model, "aggregate_fields", None) or {}
    names, columns, many, scales = list(out.model_fields), {}, {}, {}
    m2m = {f.name for f in model._meta.many_to_many}  # their generated resolvers are done here
    for name in names:
        if name in aggregates:
            columns[name] = name
            places = decimal_places(model, name)
            if places is not None:
                scales[name] = Decimal(1).scaleb(-places)
            continue
        if hasattr(out, f"resolve_{name}") and name not in m2m:
            return None  # a resolver of its own: only the schema knows the value
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            field = next((f for f in model._meta.concrete_fields if f.attname == name), None)
            if field is None:
                return None
        if field.many_to_many:
            many[name] = field
        elif getattr(field, "concrete", False) and not field.one_to_many and field.attname == name:
            columns[name] = field.attname
        else:
            return None
    return RowPlan(model, names, columns, many, scales)
