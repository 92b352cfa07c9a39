"""The security matrix over import/export, generated from resources.yaml: every resource with
`import_export` × role sets.

Imports run as `timba.generated.resources.<Name>Resource().import_data(..., user=user)`, the
way the admin calls them, by a user of client A holding a role set the spec lets import: a sheet
naming client B still lands in A (staff: where the sheet says), a row carrying the natural key of
one of B's rows never changes it, and a reference to B's rows fails the row. The admin's import
and export screens answer 403 to role sets without the permission; an export holds A's rows only
and none of B's data; an upload through the admin's import (upload, preview, confirm) lands
in A as well, and a run of B's is a 404 to A's users.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from spec_rows import model_of

from timba.runtime.imports.descriptors import descriptor_for
from timba.runtime.imports.engine import stage
from timba.runtime.imports.mapping import map_columns

from .sheets import WITH_IE, dataset, errors_of, find_imported, import_sheet, plain_key, sheet_row
from .tenancy import (
    AUTH_USER,
    admin_url,
    cases,
    may,
    no_b_data,
    snapshot,
    tenant_field,
    tenant_reference_fields,
)

pytestmark = pytest.mark.django_db


def import_cases(tenant_users_only: bool) -> list:
    """Role sets the spec lets import; tenant_users_only: the tenant-owned resources and no staff."""

    def when(res, rs):
        if not may(rs, res, "import"):
            return False
        if tenant_users_only:
            return tenant_field(res) is not None and not rs.staff
        return rs.staff or tenant_field(res) is not None

    return cases("import", WITH_IE, when)


def expected_tenant(world, res, rs):
    """Where a sheet naming client B lands: B when staff may choose it, A otherwise."""
    return world.b if rs.staff and tenant_field(res).writable else world.a


@pytest.mark.parametrize("res,rs", import_cases(tenant_users_only=False))
def test_import_lands_in_callers_tenant(res, rs, world):
    rows = [sheet_row(world, res) for _ in range(2)]
    result = import_sheet(res, dataset(res, rows), world.actor(rs))
    assert not result.has_errors() and not result.has_validation_errors(), errors_of(result)
    assert result.totals["new"] == 2
    for row in rows:
        stored = find_imported(res, row)
        if tenant_field(res) is not None:
            assert world.tenant_id_of(res, stored) == expected_tenant(world, res, rs).pk


@pytest.mark.parametrize("res,rs", import_cases(tenant_users_only=True))
def test_import_cannot_update_other_tenants_row(res, rs, world):
    """A row with the natural key of one of B's rows (and naming client B) leaves B's row as it
    was; whatever it creates is A's."""
    theirs = world.row(res, "b")
    unchanged = snapshot(theirs)
    row = sheet_row(world, res)
    for name in res.import_key:
        if not res.field(name).is_reference:
            row[name] = getattr(theirs, name)
    import_sheet(res, dataset(res, [row]), world.actor(rs))
    assert snapshot(theirs) == unchanged
    others = model_of(res)._default_manager.filter(**plain_key(res, row)).exclude(pk=theirs.pk)
    assert world.tenant_ids(res, others.values_list("pk", flat=True)) <= {world.a.pk}


@pytest.mark.parametrize(
    "res,rs", cases("import", WITH_IE, lambda res, rs: not may(rs, res, "import"))
)
def test_import_without_the_import_permission_changes_nothing(res, rs, world):
    """A user whose roles lack `import` imports nothing — not even changes to A's own rows
    (a client's seats, say): the import fails as a whole, naming `<model>.import`."""
    mine, user = world.row(res, "a"), world.actor(rs)
    update = sheet_row(world, res)
    update.update({name: getattr(mine, name) for name in plain_key(res, update)})
    data = dataset(res, [sheet_row(world, res), update])
    manager, unchanged = model_of(res)._default_manager, snapshot(mine)
    before = manager.count()
    result = import_sheet(res, data, user)
    assert result.has_errors()
    assert any(f"{res.name.lower()}.import" in str(e.error) for e in result.base_errors)
    assert manager.count() == before and snapshot(mine) == unchanged


IMPORT_REFERENCES = [
    pytest.param(res, f, rs, id=f"{res.name}.{f.name}-{rs.id}")
    for res, rs in (p.values for p in import_cases(tenant_users_only=True))
    for f in tenant_reference_fields(res)
]


@pytest.mark.parametrize("res,field,rs", IMPORT_REFERENCES)
def test_import_reference_to_other_tenants_row_fails_the_row(res, field, rs, world):
    parent = world.row(field.target, "b")
    row = sheet_row(world, res, **{field.name: [parent] if field.is_many else parent})
    manager = model_of(res)._default_manager
    before = manager.count()
    result = import_sheet(res, dataset(res, [row]), world.actor(rs))
    assert result.has_errors() or result.has_validation_errors()
    assert manager.count() == before


def csv_format(res, kind: str) -> str:
    """The index of CSV among the admin's import or export formats."""
    model_admin = admin.site._registry[model_of(res)]
    titles = [f().get_title() for f in getattr(model_admin, f"get_{kind}_formats")()]
    return str(titles.index("csv"))


# import_export warns about its own get_valid_export_item_pks() when export_items are posted
@pytest.mark.filterwarnings("ignore:The 'get_valid_export_item_pks:DeprecationWarning")
@pytest.mark.parametrize("res,rs", cases("export", WITH_IE))
def test_admin_export_has_only_own_rows(res, rs, admin_as, world):
    client, held = admin_as(rs)
    mine, theirs = world.row(res, "a"), world.row(res, "b")
    response = client.post(
        admin_url(res, "export"), {"format": csv_format(res, "export"), "resource": "0"}
    )
    if not may(held, res, "export"):
        assert (
            response.status_code == 403 and client.get(admin_url(res, "export")).status_code == 403
        )
        return
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    body = response.getvalue()  # streamed (timba.runtime.exports): read once
    ids = {int(r["id"]) for r in csv.DictReader(io.StringIO(body.decode("utf-8-sig")))}
    assert mine.pk in ids and (theirs.pk in ids) == held.staff
    if not held.staff:
        assert world.tenant_ids(res, ids) == {world.a.pk}
        no_b_data(HttpResponse(body))
        picked = {
            "format": csv_format(res, "export"),
            "resource": "0",
            "export_items": [mine.pk, theirs.pk],
        }
        response = client.post(
            admin_url(res, "export"), picked
        )  # as the changelist's export action
        ids = {
            int(r["id"]) for r in csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig")))
        }
        assert ids == {mine.pk}


@pytest.mark.parametrize("res,rs", cases("import", WITH_IE))
def test_admin_import_upload_lands_in_callers_tenant(res, rs, admin_as, world):
    """Upload and confirm a sheet naming client B through the admin's import (upload, preview,
    confirm): 403 without the import permission, else the rows are the caller's (staff: where
    the sheet says), and the pages never show a traceback."""
    client, held = admin_as(rs)
    row = sheet_row(world, res)
    upload = SimpleUploadedFile(
        "sheet.csv", dataset(res, [row]).export("csv").encode(), content_type="text/csv"
    )
    response = client.post(admin_url(res, "import"), {"import_file": upload})
    if not may(held, res, "import"):
        assert (
            response.status_code == 403 and client.get(admin_url(res, "import")).status_code == 403
        )
        assert client.get(admin_url(res, "import_template")).status_code == 403
        return
    assert response.status_code == 302, response.context and response.context["form"].errors
    preview = client.get(response["Location"])
    assert preview.status_code == 200 and b"Traceback" not in preview.content
    run = preview.context["run"]
    assert preview.context["counts"]["errors"] == 0, preview.context["error_list"]
    response = client.post(admin_url(res, "import_confirm", run.pk))
    assert response.status_code == 302, response.content[:300]
    run.refresh_from_db()
    assert run.state == "applied", run.message
    if tenant_field(res) is not None:
        assert (
            world.tenant_id_of(res, find_imported(res, row)) == expected_tenant(world, res, held).pk
        )
    if not held.staff:  # the preview shows the file's own cells; the result nothing of B's
        no_b_data(client.get(admin_url(res, "import_run", run.pk)))


@pytest.mark.parametrize("res,rs", import_cases(tenant_users_only=True))
def test_admin_import_run_of_another_tenant_is_a_404(res, rs, admin_as, world):
    """A run staged by one of B's users is a 404 to A's, on every page of the run."""
    model = model_of(res)
    b_user = world.actor(rs)
    b_user.__class__._default_manager.filter(pk=b_user.pk).update(**{f"{tenant_field(AUTH_USER).name}_id": world.b.pk})
    b_user.refresh_from_db()
    descriptor = descriptor_for(model)
    mapping = map_columns([c.label for c in descriptor.columns], descriptor)
    run = stage(b_user, model, iter([]), mapping=mapping)
    client, _ = admin_as(rs)
    for view in ("import_run", "import_progress", "import_errors"):
        assert client.get(admin_url(res, view, run.pk)).status_code == 404, view
    for view in ("import_confirm", "import_undo", "import_cancel"):
        assert client.post(admin_url(res, view, run.pk)).status_code == 404, view
