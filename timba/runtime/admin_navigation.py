"""The admin's sidebar, rendered once for what it shows and kept: unfold's
`unfold/helpers/navigation.html` (site branding, the app list by permission, the viewer's menu)
costs about two milliseconds of template rendering on every admin page, and is the same from
page to page for one viewer.

A rendering is kept under the digest of everything that template reads: the site's settings as
unfold's `each_context` gives them, the app list the viewer may see (their permissions, and so
their roles and their tenant's subscription), which of its entries the page's path makes active,
the viewer's name, email, avatar and password kind, the language and the browser's platform
(its shortcut hint). Any change of these is another key, so a kept rendering is never stale; the
kept ones are per process and bounded (the least recently used goes first). The logout form's
CSRF token is the only part of the page's request in it: it is kept as a placeholder and each
answer gets its own token. tests/app/test_admin_navigation.py holds it equal to unfold's.

TimbaAdminSite puts it in the page through unfold's `templates.navigation` hook.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

import orjson
from django.template.defaultfilters import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

TEMPLATE = "unfold/helpers/navigation.html"
HOOK = "admin/timba_navigation.html"
KEPT = 256  # renderings kept per process
TOKEN = "timba0csrf0token0placeholder"  # noqa: S105 - stands for the answer's CSRF token
# what the navigation templates read of the page's context (unfold's and Django's each_context)
CONTEXT_KEYS = (
    "available_apps",
    "sidebar_navigation",
    "sidebar_command_search",
    "sidebar_show_all_applications",
    "sidebar_show_search",
    "site_title",
    "site_header",
    "site_subheader",
    "site_url",
    "site_dropdown",
    "site_logo",
    "site_icon",
    "site_symbol",
    "branding",
    "element_classes",
    "extra_userlinks",
    "account_links",
    "show_languages",
    "languages_list",
    "languages_action",
    "language_flags",
    "redirect_to",
    "theme",
    "has_permission",
    "is_popup",
    "is_nav_sidebar_enabled",
)

_kept: OrderedDict[bytes, str] = OrderedDict()
_lock = threading.Lock()


def render(context) -> str:
    """The sidebar of the page `context` renders, from the kept renderings when one fits."""
    token = context.get("csrf_token")
    if not token or str(token) == "NOTPROVIDED":
        return _render(context)  # no CSRF middleware: unfold's own answer
    key = _key(context)
    with _lock:
        html = _kept.get(key)
        if html is not None:
            _kept.move_to_end(key)
    if html is None:
        with context.push(csrf_token=TOKEN):
            html = _render(context)
        with _lock:
            _kept[key] = html
            while len(_kept) > KEPT:
                _kept.popitem(last=False)
    return mark_safe(html.replace(TOKEN, str(token)))  # noqa: S308 - a rendered template and a token


def forget() -> None:
    """Drop every kept rendering (tests)."""
    with _lock:
        _kept.clear()


def _render(context) -> str:
    return context.template.engine.get_template(TEMPLATE).render(context)


def _key(context) -> bytes:
    request = context["request"]
    user = context.get("user") or request.user
    path = request.path
    apps = context.get("available_apps") or []
    encoded = urlencode(path)
    active = [
        [app.get("app_url", "") in path, [bool(m.get("admin_url")) and m["admin_url"] in encoded for m in app.get("models", ())]]
        for app in apps
    ]
    viewer = [
        getattr(user, "pk", None),
        user.get_username() if hasattr(user, "get_username") else "",
        getattr(user, "email", ""),
        user.get_full_name() if hasattr(user, "get_full_name") else "",
        user.has_usable_password() if hasattr(user, "has_usable_password") else False,
        getattr(user, "avatar_url", None),
    ]
    facts = [
        id(context.template.engine),  # templates of another configuration (a test's) are another page
        viewer,
        active,
        get_language(),
        "Macintosh" in request.META.get("HTTP_USER_AGENT", ""),
        [context.get(name) for name in CONTEXT_KEYS],
    ]
    return hashlib.blake2b(orjson.dumps(facts, default=str, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)).digest()
