"""Reads shared by every resource: `entity_list`, `entity_get` and `nested_list`.

Every read goes through `entity_queryset`, which checks the caller's permission for the
operation and narrows the rows to the caller's tenant (timba.runtime.access).
"""

from django.http import Http404

from timba.runtime import access, aggregates


def visible_rows(user, model, *, trusted: bool = False):
    """The rows of `model` that `user` may see (every row for a trusted caller: code without a
    user), with many-to-many values prefetched and the spec's aggregates (`aggregate_fields`)
    annotated in the same query."""
    many = [f.name for f in model._meta.many_to_many]
    queryset = model._default_manager.all()
    if many:
        queryset = queryset.prefetch_related(*many)
    if trusted:
        return aggregates.annotate(queryset)
    return aggregates.annotate(access.scope(queryset, user), user)


def entity_queryset(request, *, model, op: str):
    access.require(request.user, model, op)
    return visible_rows(request.user, model)


def entity_list(request, *, model):
    queryset = entity_queryset(request, model=model, op="list")
    return queryset.order_by(*(model._meta.ordering or ["pk"]), "pk")


def entity_get(request, *, model, pk, op: str = "get"):
    """One visible row; another tenant's row is a 404 like a missing one, so existence never leaks."""
    instance = entity_queryset(request, model=model, op=op).filter(pk=pk).first()
    if instance is None:
        raise Http404(f"No {model._meta.verbose_name} with id {pk}.")
    return instance


def nested_list(request, *, model, parent, field: str, pk):
    """The rows of `model` whose reference `field` points at the `parent` row `pk`, for
    `GET /<parents>/{id}/<children>` (`api: nested:`): the child's `entity_list`, so its list
    permission and tenant scope hold, and the parent's get permission, narrowed to that parent. A parent the caller may not see
    (missing, or another tenant's) is a 404 like a missing one, whatever its children; the
    check costs one query, and the rows stay one query whatever the page size."""
    queryset = entity_list(request, model=model)
    access.require(request.user, parent, "get")  # a parent one may not read is not listed either
    if not access.scope(parent._default_manager.filter(pk=pk), request.user).exists():
        raise Http404(f"No {parent._meta.verbose_name} with id {pk}.")
    return queryset.filter(**{model._meta.get_field(field).attname: pk})
