"""New, empty model instances for a batch, as `model()` makes them, at a fraction of its cost.

Model.__init__ walks every field and asks it for its default, for each of thousands of rows of
an import. The defaults that are plain values are taken once per model here and copied; the
callable ones (timezone.now, dict, a hook's) are called per row, as Django calls them. A model
with its own __init__ or with init signal receivers is built by `model()` itself.
"""

from __future__ import annotations

from functools import cache

from django.db.models import Model, signals
from django.db.models.base import ModelState


def new(model):
    """An unsaved instance of `model` with every field at its default, as `model()` returns it."""
    if type.__getattribute__(model, "__init__") is not Model.__init__ or _signalled(model):
        return model()
    plain, called = _defaults(model)
    instance = model.__new__(model)
    instance._state = ModelState()
    instance.__dict__.update(plain)
    for attname, field in called:
        instance.__dict__[attname] = field.get_default()
    return instance


def _signalled(model) -> bool:
    """Whether init receivers listen to `model` (asked again when receivers come or go)."""
    return _listened(model, len(signals.pre_init.receivers), len(signals.post_init.receivers))


@cache
def _listened(model, _pre: int, _post: int) -> bool:
    return signals.pre_init.has_listeners(model) or signals.post_init.has_listeners(model)


@cache
def _defaults(model) -> tuple[dict, tuple]:
    plain, called = {}, []
    for field in model._meta.concrete_fields:
        if field.has_default() and callable(field.default):
            called.append((field.attname, field))
        else:
            plain[field.attname] = field.get_default()
    return plain, tuple(called)
