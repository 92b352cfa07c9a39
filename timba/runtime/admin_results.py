"""The rows of a change list as unfold renders them, with the column headers worked out once
per page: unfold's `items_for_result` builds every header again for each row (each a checkbox
widget rendered through a template, and three sort links per column), a third of a page's time.

The functions are unfold's own (timba.templatetags.timba_changelist registers `result_list` as
`{% timba_result_list cl %}`), run with `result_headers` answering from the page's first answer;
unfold's module is left as it is. timba.runtime.admin_listing puts the tag in the page.
"""

from __future__ import annotations

import types

from unfold.templatetags import unfold_list

CACHE = "_timba_result_headers"


def headers_once(cl):
    headers = cl.__dict__.get(CACHE)
    if headers is None:
        headers = cl.__dict__[CACHE] = list(unfold_list.result_headers(cl))
    return iter(headers)


_names = {**vars(unfold_list), "result_headers": headers_once}


def _with_cached_headers(func):
    return types.FunctionType(func.__code__, _names, func.__name__, func.__defaults__, func.__closure__)


for _name in ("items_for_result", "results", "result_list"):
    _names[_name] = _with_cached_headers(getattr(unfold_list, _name))

result_list = _names["result_list"]
