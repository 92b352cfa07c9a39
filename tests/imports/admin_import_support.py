"""Helpers for the admin import tests (tests/imports/test_admin_import_*.py): the pages' URLs,
an upload through the import page, and who imports a resource in a generic test."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from spec_rows import RESOURCES, model_of

from tests.imports.engine_support import csv_upload, importer
from timba.runtime import access

IMPORTED = [r for r in RESOURCES if r.import_export]
KEYED = [r for r in IMPORTED if r.import_key]


@pytest.fixture(autouse=True)
def kept_dir(settings, tmp_path):
    """Refused uploads are kept in the test's own directory."""
    settings.IMPORT_KEPT_DIR = str(tmp_path / "kept")


def url(res, view: str = "import", *args) -> str:
    return reverse(f"admin:timba_{res.name.lower()}_{view}", args=args)


def csv_bytes(headings, rows) -> bytes:
    return csv_upload(headings, rows).getvalue()


def tenant_choice(res, user, tenant) -> dict:
    """Staff name the tenant of a tenant-owned resource's rows on the form."""
    path = access.tenant_path(model_of(res))
    if access.is_staff(user) and path not in (None, "self"):
        return {"tenant": str(tenant.pk)}
    return {}


def upload(client, res, content: bytes, name: str = "rows.csv", **data):
    return client.post(url(res), {"import_file": SimpleUploadedFile(name, content), **data})


def run_of(response):
    """The run a successful upload redirected to."""
    from timba.import_runs.models import ImportRun

    assert response.status_code == 302, getattr(response, "context", None) and response.context.get("form").errors
    return ImportRun.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))


def logged_in(client, user):
    client.force_login(user)
    return client


__all__ = ["IMPORTED", "KEYED", "csv_bytes", "importer", "kept_dir", "logged_in", "run_of", "tenant_choice", "upload", "url"]
