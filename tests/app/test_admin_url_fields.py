"""A web address typed in an admin form without a scheme is https, in every entity admin (Django
6's default; 5.2 warns about the change on every form with a URL field otherwise)."""

from __future__ import annotations

import warnings

import pytest
from django.contrib import admin
from django.db import models
from django.test import RequestFactory

from timba.runtime.admin import EntityAdmin

ADMINS = [pytest.param(a, id=type(a).__name__) for a in admin.site._registry.values() if isinstance(a, EntityAdmin)]


@pytest.mark.parametrize("model_admin", ADMINS)
def test_a_bare_address_is_https_without_a_warning(model_admin, superuser):
    field = models.URLField(max_length=200, blank=True)
    field.set_attributes_from_name("site")
    field.model = model_admin.model  # as if declared on it (never added to the model)
    request = RequestFactory().get("/")
    request.user = superuser
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        form_field = model_admin.formfield_for_dbfield(field, request)
    assert form_field.clean("example.com/a") == "https://example.com/a"
