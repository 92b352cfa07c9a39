"""Reads shared by every resource: `entity_list` and `entity_get`.

Every read goes through `entity_queryset`, the single place where tenant scope will apply.
"""

from django.http import Http404


def entity_queryset(request, *, model):
    many = [f.name for f in model._meta.many_to_many]
    queryset = model._default_manager.all()
    if many:
        queryset = queryset.prefetch_related(*many)
    return queryset


def entity_list(request, *, model):
    return entity_queryset(request, model=model).order_by(*(model._meta.ordering or ["pk"]), "pk")


def entity_get(request, *, model, pk):
    instance = entity_queryset(request, model=model).filter(pk=pk).first()
    if instance is None:
        raise Http404(f"No {model._meta.verbose_name} with id {pk}.")
    return instance
