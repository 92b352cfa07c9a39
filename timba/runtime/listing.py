"""List routes: the filters, `?search=`, `?order=` and `?fields=` a resource declares under
`api:` in resources.yaml, applied to the rows `selectors.entity_list` returns (so the caller's
permission and tenant scope always hold), then paged by `pagination.entity_page`.

    ?type=hardwood                      exact
    ?type__in=hardwood,pinewood         in (comma-separated)
    ?created_at__gte=…&created_at__lte=…  range (inclusive)
    ?name__contains=oak                 contains (case-insensitive)
    ?search=oak                         any declared search field contains the text
    ?order=-created_at                  one whitelisted field, '-' for descending
    ?fields=id,name                     keep only these keys of each item

Any other query parameter is a 422 naming it.
"""

from datetime import datetime
from functools import reduce
from operator import or_

from django.core.exceptions import ValidationError
from django.db.models import IntegerField, Q
from django.utils import timezone

from timba.runtime.pagination import PageParams, entity_page
from timba.runtime.pagination import _problem as problem
from timba.runtime.problems import Problem

SUFFIX = {"exact": "", "in": "__in", "gte": "__gte", "lte": "__lte", "contains": "__contains"}


def filter_params(filters: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, str]]:
    """Query parameter → (field, lookup) for declared filters; `range` is __gte and __lte."""
    out = {}
    for name, operators in filters.items():
        for op in operators:
            for lookup in ("gte", "lte") if op == "range" else (op,):
                out[name + SUFFIX[lookup]] = (name, lookup)
    return out


def refuse_unknown(request, params: PageParams) -> None:
    """422 for a query parameter the list does not take, and for one given twice: each takes one
    value (an `in` filter's are comma-separated), so `?is_active=true&is_active=false` is no
    request the document describes."""
    known = type(params).model_fields
    unknown = [name for name in request.GET if name not in known]
    if unknown:
        msg = f"Unknown query parameter; this list takes {', '.join(known)}."
        errors = [{"loc": ["query", name], "msg": msg, "type": "extra_forbidden"} for name in unknown]
        raise Problem(422, f"The request is not valid: unknown query parameter {', '.join(unknown)}.", errors=errors)
    repeated = [name for name in request.GET if len(request.GET.getlist(name)) > 1]
    if repeated:
        msg = "Give this parameter once (an `__in` filter takes comma-separated values)."
        errors = [{"loc": ["query", name], "msg": msg, "type": "repeated"} for name in repeated]
        raise Problem(422, f"The request is not valid: {', '.join(repeated)} given more than once.", errors=errors)


def _in_values(model, param: str, name: str, raw: str) -> list:
    """The values of an `__in` list. Its pattern (generated from the spec: ids and integers
    within their column, choices, decimal digits, real dates) has been checked by the schema,
    so each part converts; text whose parts are all blank once stripped matches no row."""
    field = model._meta.get_field(name)
    target = field.target_field if field.many_to_many else field
    choices = {str(value) for value, _ in field.flatchoices} if field.choices else None
    values = []
    for part in (p.strip() for p in raw.split(",")):
        if not part:
            continue
        try:
            value = target.to_python(part)
            if isinstance(target, IntegerField):  # within the column (the database's range)
                target.run_validators(value)
        except ValidationError:
            raise problem(param, f"'{part}' is not a valid {name}.") from None
        if choices is not None and part not in choices:
            raise problem(param, f"'{part}' is not one of {', '.join(sorted(choices))}.")
        values.append(value)
    return values


def apply_filters(queryset, params: PageParams):
    model = queryset.model
    for param, (name, lookup) in filter_params(type(params).FILTERS).items():
        value = getattr(params, param, None)
        if value is None:
            continue
        field = model._meta.get_field(name)
        if isinstance(value, datetime) and timezone.is_naive(value):  # read in the site's time zone
            value = timezone.make_aware(value)
        if lookup == "in":
            value = _in_values(model, param, name, value)
        if field.many_to_many:  # a subquery, so that rows with several matches appear once
            matching = model._default_manager.filter(**{name + SUFFIX[lookup]: value}).values("pk")
            queryset = queryset.filter(pk__in=matching)
        else:
            column = field.attname if field.is_relation else name
            queryset = queryset.filter(**{column + ("__icontains" if lookup == "contains" else SUFFIX[lookup]): value})
    return queryset


def apply_search(queryset, params: PageParams):
    text = (getattr(params, "search", None) or "").strip()
    fields = type(params).SEARCH
    if not text or not fields:
        return queryset
    return queryset.filter(reduce(or_, (Q(**{f"{name}__icontains": text}) for name in fields)))


def list_page(request, queryset, params: PageParams, page_schema):
    """A page of `queryset` (from `selectors.entity_list`) filtered, searched and ordered as
    the query asks."""
    refuse_unknown(request, params)
    queryset = apply_search(apply_filters(queryset, params), params)
    chosen = getattr(params, "order", None)
    order = [chosen] if chosen else list(queryset.model._meta.ordering or ["pk"])
    return entity_page(request, queryset, params, order, page_schema, order_param=chosen or "")
