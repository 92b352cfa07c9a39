"""The admin's import on the engine, parametrised over every resource whose spec enables
import/export: upload → preview (mapping, counts, samples) → confirm (all-or-nothing, or the
valid rows explicitly) → undo; the error file; the template; a refused file kept with its name;
another tenant's run is a 404; a lapsed tenant cannot import."""

from __future__ import annotations

import io
from datetime import timedelta

import openpyxl
import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone
from spec_rows import model_of

from tests.imports import admin_import_support
from tests.imports import engine_support as support
from tests.imports.admin_import_support import (
    IMPORTED,
    KEYED,
    csv_bytes,
    importer,
    logged_in,
    run_of,
    tenant_choice,
    upload,
    url,
)
from tests.imports.engine_support import sheet
from timba.import_runs.models import ImportRun
from timba.runtime import access
from timba.runtime.imports.descriptors import descriptor_for

clerk, roles, tenant, other_tenant = support.clerk, support.roles, support.tenant, support.other_tenant  # the fixtures
kept_dir = admin_import_support.kept_dir  # the fixture
pytestmark = pytest.mark.django_db
ALL = [pytest.param(r, id=r.name) for r in IMPORTED]
WITH_KEY = [pytest.param(r, id=r.name) for r in KEYED]


def staged(client, res, user, builder, tenant, count=3, *, extra=None):
    headings, rows = sheet(res, builder, tenant, count)
    if extra:
        headings, rows = [*headings, extra], [[*r, "x"] for r in rows]
    return run_of(upload(client, res, csv_bytes(headings, rows), **tenant_choice(res, user, tenant))), headings, rows


@pytest.mark.parametrize("res", ALL)
def test_the_import_page_renders_with_the_template_link(res, client, clerk, superuser):
    user = importer(res, clerk, superuser)
    page = logged_in(client, user).get(url(res))
    assert page.status_code == 200
    assert url(res, "import_template").encode() in page.content
    tenanted = access.tenant_path(model_of(res)) not in (None, "self")  # a shared table has no tenant to choose
    assert ("tenant" in page.context["form"].fields) == (access.is_staff(user) and tenanted)


@pytest.mark.parametrize("res", ALL)
def test_upload_previews_the_mapping_and_counts_and_writes_nothing(res, client, clerk, superuser, builder, tenant):
    user = importer(res, clerk, superuser)
    client = logged_in(client, user)
    before = model_of(res)._default_manager.count()
    run, headings, _ = staged(client, res, user, builder, tenant, extra="Remarks")
    assert model_of(res)._default_manager.count() == before
    page = client.get(url(res, "import_run", run.pk))
    assert page.status_code == 200 and b"Traceback" not in page.content
    assert page.context["counts"] == {"new": 3, "updated": 0, "unchanged": 0, "errors": 0}
    assert [c["heading"] for c in page.context["mapping_columns"]] == headings[:-1]
    assert [c["heading"] for c in page.context["ignored"]] == ["Remarks"]
    assert len(page.context["samples"]["new"]) == 3
    assert b"Remarks" in page.content and b"data-import-all" not in page.content  # the Import button is live


@pytest.mark.parametrize("res", WITH_KEY)
def test_all_or_nothing_is_refused_with_errors_and_skipping_imports_the_valid_rows(res, client, clerk, superuser, builder, tenant):
    user = importer(res, clerk, superuser)
    client = logged_in(client, user)
    headings, rows = sheet(res, builder, tenant, 3)
    rows.append(list(rows[0]))  # the first row's key again: rows 2 and 5 are errors
    run = run_of(upload(client, res, csv_bytes(headings, rows), **tenant_choice(res, user, tenant)))
    page = client.get(url(res, "import_run", run.pk))
    assert page.context["counts"]["errors"] == 2 and page.context["counts"]["new"] == 2
    assert {e["row"] for e in page.context["error_list"]} == {2, 5}
    assert b"data-import-all-why" in page.content and b"skip the errors" in page.content
    manager, before = model_of(res)._default_manager, model_of(res)._default_manager.count()
    refused = client.post(url(res, "import_confirm", run.pk), follow=True)
    assert manager.count() == before
    assert any("nothing was imported" in str(m) for m in refused.context["messages"])
    done = client.post(url(res, "import_confirm", run.pk), {"skip_errors": "1"}, follow=True)
    assert manager.count() == before + 2
    run.refresh_from_db()
    assert run.state == ImportRun.State.APPLIED and run.skip_errors
    assert b"data-result" in done.content


@pytest.mark.parametrize("res", WITH_KEY)
def test_the_error_file_downloads_with_an_errors_column(res, client, clerk, superuser, builder, tenant):
    user = importer(res, clerk, superuser)
    client = logged_in(client, user)
    headings, rows = sheet(res, builder, tenant, 2)
    rows.append(list(rows[0]))
    run = run_of(upload(client, res, csv_bytes(headings, rows), **tenant_choice(res, user, tenant)))
    response = client.get(url(res, "import_errors", run.pk))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].endswith("Errors") and "row 4" in text.lower()


@pytest.mark.parametrize("res", ALL)
def test_confirm_then_undo(res, client, superuser, builder, tenant):
    client = logged_in(client, superuser)
    manager = model_of(res)._default_manager
    before = manager.count()
    run, _, _ = staged(client, res, superuser, builder, tenant, 2)
    done = client.post(url(res, "import_confirm", run.pk), follow=True)
    assert manager.count() == before + 2
    assert any("Imported: 2 new" in str(m) for m in done.context["messages"])
    assert done.context["undoable"] and b"Undo this import" in done.content
    undone = client.post(url(res, "import_undo", run.pk), follow=True)
    assert manager.count() == before
    run.refresh_from_db()
    assert run.state == ImportRun.State.REVERTED and b"Undo this import" not in undone.content


@pytest.mark.parametrize("res", ALL)
def test_a_refused_undo_shows_the_reason(res, client, superuser, builder, tenant, settings):
    client = logged_in(client, superuser)
    run, _, _ = staged(client, res, superuser, builder, tenant, 1)
    client.post(url(res, "import_confirm", run.pk))
    ImportRun.objects.filter(pk=run.pk).update(finished_at=timezone.now() - timedelta(days=365))
    page = client.post(url(res, "import_undo", run.pk), follow=True)
    assert any("can no longer be undone" in str(m) for m in page.context["messages"])
    assert b"Undo this import" not in page.content


@pytest.mark.parametrize("res", ALL)
def test_the_template_is_an_xlsx_with_the_headers(res, client, clerk, superuser):
    user = importer(res, clerk, superuser)
    response = logged_in(client, user).get(url(res, "import_template"))
    assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    first = book.worksheets[0]
    heads = [c.value for c in first[1]]
    expected = [c.label for c in descriptor_for(model_of(res)).columns]
    assert [h for h in expected if h in heads] == heads and set(expected) - set(heads) <= {access.tenant_path(model_of(res))}
    column = next(c for c in descriptor_for(model_of(res)).columns if c.label == heads[0])
    assert first.cell(row=1, column=1).comment is not None
    for alias in column.aliases:
        assert alias in first.cell(row=1, column=1).comment.text
    assert book.sheetnames[1] == "Columns"


@pytest.mark.parametrize("res", WITH_KEY)
def test_the_template_filled_in_imports(res, client, clerk, superuser, builder, tenant):
    user = importer(res, clerk, superuser)
    client = logged_in(client, user)
    book = openpyxl.load_workbook(io.BytesIO(client.get(url(res, "import_template")).content))
    heads = [c.value for c in book.worksheets[0][1]]
    headings, rows = sheet(res, builder, tenant, 1)
    for row in rows:
        book.worksheets[0].append([row[headings.index(h)] if h in headings else None for h in heads])
    out = io.BytesIO()
    book.save(out)
    run = run_of(upload(client, res, out.getvalue(), "filled.xlsx", **tenant_choice(res, user, tenant)))
    assert run.new == 1 and run.errors == 0


@pytest.mark.parametrize("res", ALL)
def test_a_refused_file_keeps_its_name_and_can_be_sent_again(res, client, clerk, superuser, builder, tenant):
    user = importer(res, clerk, superuser)
    client = logged_in(client, user)
    page = upload(client, res, b"\n \n", "empty.csv")
    assert page.status_code == 200 and b"Traceback" not in page.content
    assert page.context["form"].errors["import_file"] == ["The file holds no rows: it is empty or blank."]
    assert page.context["kept_name"] == "empty.csv" and b"Choose another file" in page.content
    token = page.context["form"]["kept"].value()
    again = client.post(url(res), {"kept": token})
    assert again.context["form"].errors["import_file"] == ["The file holds no rows: it is empty or blank."]
    fresh = client.get(url(res) + "?another=1")
    assert not fresh.context["kept_name"]


TENANT_COLUMN_REQUIRED = [
    pytest.param(r, id=r.name)
    for r in IMPORTED
    if access.tenant_path(model_of(r)) not in (None, "self")
    and any(c.name == access.tenant_path(model_of(r)) and c.required for c in descriptor_for(model_of(r)).columns)
]


@pytest.mark.parametrize("res", TENANT_COLUMN_REQUIRED)
def test_staff_without_a_tenant_column_choose_the_tenant_for_the_kept_file(res, client, superuser, builder, tenant):
    client = logged_in(client, superuser)
    headings, rows = sheet(res, builder, tenant, 2)  # no tenant column
    page = upload(client, res, csv_bytes(headings, rows), "mine.csv")
    assert page.status_code == 200 and "Required column missing" in page.context["form"].errors["import_file"][0]
    assert page.context["kept_name"] == "mine.csv"
    token = page.context["form"]["kept"].value()
    run = run_of(client.post(url(res), {"kept": token, "tenant": str(tenant.pk)}))
    assert run.file_name == "mine.csv" and run.tenant_id == tenant.pk and run.new == 2


@pytest.mark.parametrize("res", ALL)
def test_another_tenants_run_is_a_404(res, client, builder, tenant, other_tenant, roles, superuser):
    mine = support.make_user(builder, tenant, support.spec.ROLES, roles)
    theirs = support.make_user(builder, other_tenant, support.spec.ROLES, roles)
    if not access.allowed(mine, model_of(res), "import"):
        pytest.skip(f"a tenant's users may not import {res.name}")
    client = logged_in(client, theirs)
    run, _, _ = staged(client, res, theirs, builder, other_tenant, 1)
    client = logged_in(client, mine)
    for view in ("import_run", "import_progress", "import_errors"):
        assert client.get(url(res, view, run.pk)).status_code == 404, view
    for view in ("import_confirm", "import_undo", "import_cancel"):
        assert client.post(url(res, view, run.pk)).status_code == 404, view
    assert ImportRun.objects.get(pk=run.pk).state == ImportRun.State.STAGED
    other = next((r for r in IMPORTED if r.name != res.name), None)
    if other is not None:  # a run is reached through its own resource only
        assert logged_in(client, theirs).get(url(other, "import_run", run.pk)).status_code in (403, 404)


@pytest.mark.parametrize("res", ALL)
def test_a_lapsed_tenant_cannot_import(res, client, builder, roles):
    lapsed = support.make_tenant(builder, paid_until=timezone.localdate() - timedelta(days=1))
    user = support.make_user(builder, lapsed, support.spec.ROLES, roles)
    client = logged_in(client, user)
    headings, rows = sheet(res, builder, lapsed, 1)
    before = model_of(res)._default_manager.count()
    assert client.get(url(res)).status_code == 403
    assert upload(client, res, csv_bytes(headings, rows)).status_code == 403
    assert client.get(url(res, "import_template")).status_code == 403
    assert model_of(res)._default_manager.count() == before and not ImportRun.objects.exists()


@pytest.mark.parametrize("res", ALL)
def test_a_running_job_shows_a_progress_bar_that_polls(res, client, superuser, builder, tenant):
    client = logged_in(client, superuser)
    run, _, _ = staged(client, res, superuser, builder, tenant, 2)
    ImportRun.objects.filter(pk=run.pk).update(state="applying", progress_done=1, progress_total=2, progress_errors=0)
    page = client.get(url(res, "import_run", run.pk))
    assert b"data-import-progress" in page.content and b"timba/import_progress.js" in page.content
    assert url(res, "import_progress", run.pk).encode() in page.content
    state = client.get(url(res, "import_progress", run.pk)).json()
    assert state["state"] == "applying" and state["running"] and state["done"] == 1 and state["total"] == 2
    ImportRun.objects.filter(pk=run.pk).update(state="staged")
    assert client.get(url(res, "import_progress", run.pk)).json()["running"] is False


def test_the_progress_script_is_the_apps_own_static_file():
    found = finders.find("timba/import_progress.js")
    assert found and "XMLHttpRequest" in open(found).read()


@pytest.mark.parametrize("res", WITH_KEY)
def test_data_changed_since_the_preview_shows_the_new_preview_with_a_message(res, client, superuser, builder, tenant):
    """Two previews of one file; the first is imported, so the second's new rows exist now: its
    confirm writes nothing and shows its new preview."""
    client = logged_in(client, superuser)
    headings, rows = sheet(res, builder, tenant, 2)
    content = csv_bytes(headings, rows)
    first = run_of(upload(client, res, content, **tenant_choice(res, superuser, tenant)))
    second = run_of(upload(client, res, content, **tenant_choice(res, superuser, tenant)))
    client.post(url(res, "import_confirm", first.pk))
    manager = model_of(res)._default_manager
    count = manager.count()
    page = client.post(url(res, "import_confirm", second.pk), follow=True)
    assert manager.count() == count
    assert any("new preview" in str(m) for m in page.context["messages"]), [str(m) for m in page.context["messages"]]
    assert page.context["run"].state == ImportRun.State.STAGED and page.context["counts"]["new"] == 0


@pytest.mark.parametrize("res", ALL)
def test_a_large_upload_is_a_job_whose_page_shows_its_progress(res, client, superuser, builder, tenant, settings, tmp_path):
    settings.IMPORT_JOB_THRESHOLD_BYTES, settings.MEDIA_ROOT = 1, str(tmp_path / "media")
    client = logged_in(client, superuser)
    headings, rows = sheet(res, builder, tenant, 2)
    run = run_of(upload(client, res, csv_bytes(headings, rows), **tenant_choice(res, superuser, tenant)))
    assert run.state == "queued"  # its runner starts when the request's transaction commits
    page = client.get(url(res, "import_run", run.pk))
    assert page.context["running"] and b"data-import-progress" in page.content and b"data-confirm" not in page.content
    assert client.get(url(res, "import_progress", run.pk)).json()["state"] == "queued"
    cancelled = client.post(url(res, "import_cancel", run.pk), follow=True)
    assert cancelled.context["run"].state == "cancelled" and b"nothing was written" in cancelled.content
