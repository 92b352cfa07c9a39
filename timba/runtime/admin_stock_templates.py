"""Whether the template in use is unfold's or Django's own file, not one of the project's.

The admin's Python writers (admin_table, admin_field_html, admin_filter_panel) write the markup
of those files, so each writes only where the file found under that name is the stock one; a
template the project puts in its place is rendered as it is."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import django
from unfold.templatetags import unfold_list

UNFOLD_TEMPLATES = Path(unfold_list.__file__).resolve().parent.parent / "templates"
DJANGO_FORM_TEMPLATES = Path(django.__file__).resolve().parent / "forms" / "templates"
RESULTS_TEMPLATE = "change_list_results.html"


def is_unfolds(template, name: str) -> bool:
    """Whether `template` (found under `name`) is unfold's own file."""
    return _is_file(template.origin.name, UNFOLD_TEMPLATES / name)


def is_djangos_form_template(template, name: str) -> bool:
    """Whether `template` (a form renderer's, found under `name`) is Django's own file."""
    return _is_file(template.origin.name, DJANGO_FORM_TEMPLATES / name)


def results_template(engine, opts):
    """The change list's results template as Django's admin tags find it: the model's, the
    app's, then the admin's."""
    app = opts.app_label.lower()
    return engine.select_template(
        [f"admin/{app}/{opts.model_name}/{RESULTS_TEMPLATE}", f"admin/{app}/{RESULTS_TEMPLATE}", f"admin/{RESULTS_TEMPLATE}"]
    )


def is_unfolds_results_template(template) -> bool:
    return is_unfolds(template, f"admin/{RESULTS_TEMPLATE}")


@cache
def _is_file(found: str, stock: Path) -> bool:
    return Path(found).resolve() == stock
