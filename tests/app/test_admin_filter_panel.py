"""The change list's filter panel written in Python (timba.runtime.admin_filter_panel) is what
unfold's own template writes, parametrised over every resource: no filter chosen, each filter
chosen (so "Clear all filters" shows), a search kept beside the filters, and with the panel as a
sheet or wide (unfold's `list_filter_sheet`) and with or without its submit button."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest
from admin_pages import changelist_url, comparable, each, model_admin
from django.contrib import admin
from django.urls import reverse

from timba.runtime import admin_filter_panel

pytestmark = pytest.mark.django_db


def chosen_filters(res, staff_client) -> list[dict]:
    """The query of each filter's first choice, as the panel offers it (or a row's key)."""
    cl = staff_client.get(changelist_url(res)).context["cl"]
    out = []
    for spec in cl.filter_specs:
        for choice in spec.choices(cl):
            if "form" in choice:
                field = spec.field
                parent = field.related_model._default_manager.order_by("pk").first()
                if parent is not None:
                    out.append({spec.lookup_kwarg: parent.pk})
                break
            if not choice.get("selected") and choice.get("query_string", "?") != "?":
                out.append(dict(parse_qsl(choice["query_string"].lstrip("?"))))
                break
    return out


@pytest.mark.parametrize("res", each(lambda res: model_admin(res).list_filter))
@pytest.mark.parametrize("sheet,submit", [(True, True), (False, True), (True, False)])
def test_the_filter_panel_is_what_unfolds_template_writes(res, sheet, submit, staff_client, builder, monkeypatch):
    for _ in range(2):
        builder.create(res)
    target = type(model_admin(res))
    monkeypatch.setattr(target, "list_filter_sheet", sheet, raising=False)
    monkeypatch.setattr(target, "list_filter_submit", submit, raising=False)
    url = changelist_url(res)
    variants = [{}, {"q": "a"}, *chosen_filters(res, staff_client)]
    variants += [{**variants[-1], "q": "a"}] if len(variants) > 2 else []
    for params in variants:
        ours = staff_client.get(url, params).content.decode()
        with monkeypatch.context() as patch:
            patch.setattr(admin_filter_panel, "render", admin_filter_panel.unfold_panel)
            theirs = staff_client.get(url, params).content.decode()
        assert 'id="changelist-filter"' in ours, (params, staff_client.get(url, params).status_code)
        assert comparable(ours) == comparable(theirs), params


def plain_admins():
    """Registered admins that are Django's, not unfold's (django-axes' logs), with filters."""
    from unfold.admin import ModelAdmin as UnfoldModelAdmin

    return [
        pytest.param(model, id=model.__name__)
        for model, model_admin in admin.site._registry.items()
        if model_admin.list_filter and not isinstance(model_admin, UnfoldModelAdmin)
    ]


@pytest.mark.parametrize("model", plain_admins())
def test_a_plain_django_admins_panel_is_unfolds_too(model, staff_client, monkeypatch):
    """An admin without unfold's settings (its sheet and submit button unset) gets the panel
    unfold's template would give it."""
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    ours = staff_client.get(url)
    assert ours.status_code == 200
    with monkeypatch.context() as patch:
        patch.setattr(admin_filter_panel, "render", admin_filter_panel.unfold_panel)
        theirs = staff_client.get(url).content.decode()
    assert comparable(ours.content.decode()) == comparable(theirs)
