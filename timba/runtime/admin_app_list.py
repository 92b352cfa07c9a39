"""The admin's app list (the sidebar's and the index's models), kept per what decides it.

Django builds it on every admin page: for each registered model its permissions, then two
reversed URLs and its translated name (about 0.6 ms a page). What it shows follows from the
viewer's answers to the permission questions (each model's module permission and its add,
change, delete and view permissions, which the user's roles and their tenant's subscription
decide), whether they are platform staff, the language and the app asked for; the rest is the
registry and the URLconf, fixed for the process. So a list is kept per process under those
answers, which are asked again on every page (cheap: no query), and each caller gets its own
copy. tests/app/test_admin_index.py holds the kept list equal to a fresh one.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from django.utils.translation import get_language

from timba.runtime import access

KEPT = 256

_kept: OrderedDict[tuple, list[dict]] = OrderedDict()
_lock = threading.Lock()


def app_list(site, request, app_label, build) -> list[dict]:
    """`build(request, app_label)` (the site's own), or the kept list for the same answers."""
    key = _answers(site, request, app_label)
    with _lock:
        kept = _kept.get(key)
        if kept is not None:
            _kept.move_to_end(key)
    if kept is None:
        kept = build(request, app_label)
        with _lock:
            _kept[key] = kept
            while len(_kept) > KEPT:
                _kept.popitem(last=False)
    return [{**app, "models": [{**model, "perms": dict(model["perms"])} for model in app["models"]]} for app in kept]


def forget() -> None:
    """Drop every kept list (tests)."""
    with _lock:
        _kept.clear()


def _answers(site, request, app_label) -> tuple:
    permissions = []
    for model, model_admin in site._registry.items():
        if app_label and model._meta.app_label != app_label:
            continue
        module = model_admin.has_module_permission(request)
        perms = tuple(sorted(model_admin.get_model_perms(request).items())) if module else ()
        permissions.append((model._meta.label, module, perms))
    return (id(site), app_label, get_language(), access.is_staff(request.user), tuple(permissions))
