"""Helpers for the admin change-list tests (not a test module): each resource's change list,
its admin, its reference filters (parametrised over the spec), and a page compared as a browser
reads it."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.urls import reverse
from spec_rows import RESOURCES, model_of

from timba.runtime.admin_reference_filter import ReferenceFilter


def changelist_url(res) -> str:
    return reverse(f"admin:timba_{res.name.lower()}_changelist")


def model_admin(res):
    return admin.site._registry[model_of(res)]


def each(predicate=lambda res: True):
    return [pytest.param(r, id=r.name) for r in RESOURCES if predicate(r)]


def reference_filters(res) -> list[str]:
    return [item[0] for item in model_admin(res).list_filter if isinstance(item, tuple) and item[1] is ReferenceFilter]


def each_reference_filter():
    return [pytest.param(r, name, id=f"{r.name}-{name}") for r in RESOURCES for name in reference_filters(r)]


def lookup(res, name) -> str:
    """The change list's query parameter of the reference filter on `name`."""
    return f"{name}__{model_of(res)._meta.get_field(name).target_field.name}__exact"


def comparable(html: str) -> str:
    """The page as a browser reads it: no CSRF token (new each answer), whitespace collapsed,
    class lists as their tokens."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    html = re.sub(r'class="([^"]*)"', lambda m: 'class="' + " ".join(m.group(1).split()) + '"', html)
    html = re.sub(r"\s+", " ", html)
    return re.sub(r"\s*(<|>)\s*", r"\1", html)
