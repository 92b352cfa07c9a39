"""Imports as jobs (timba.runtime.imports.jobs): small work in-line, larger work queued and run
by a runner (here `run_job` in-process, and the background thread of a process without Celery);
progress, cancelling, a failing job and a lost one, and a redelivered job that runs once."""

from __future__ import annotations

import threading

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from spec_rows import model_of, resource

from tests.imports import engine_support as support
from tests.imports.engine_support import KEYED, csv_upload, importer, sheet
from timba.import_runs.models import ImportRow, ImportRun
from timba.runtime.imports import jobs
from timba.runtime.imports.errors import ImportFileError
from timba.runtime.imports.refusals import ImportRefused, RowsHaveErrors

clerk, roles, tenant = support.clerk, support.roles, support.tenant  # the fixtures these tests use
S = ImportRun.State


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.CELERY_BROKER_URL = ""


@pytest.fixture
def queued(monkeypatch):
    """Jobs are queued but no runner takes them: the test runs them with run_job."""
    taken = []
    monkeypatch.setattr(jobs, "_dispatch", lambda run: taken.append((run.pk, run.job_id)))
    return taken


def _upload(builder, tenant, res, count=3):
    headings, rows = sheet(res, builder, tenant, count)
    return csv_upload(headings, rows), headings, rows


def _stored_rows(model, run):
    return model.objects.filter(pk__in=ImportRow.objects.filter(run=run).exclude(target=None).values("target"))


@pytest.mark.django_db
@pytest.mark.parametrize("res", KEYED)
def test_small_work_runs_in_line(res, builder, clerk, tenant, superuser, settings):
    user, model = importer(res, clerk, superuser), model_of(res)
    upload, _, _ = _upload(builder, tenant, res)
    before = model.objects.count()
    run = jobs.start_import(user, model, upload, "rows.csv", tenant=tenant)
    assert run.state == S.STAGED and run.total == 3 and not run.job_id
    assert run.source == "" and not default_storage.exists(f"imports/{run.pk}")
    assert jobs.progress(run) | {"message": ""} == {"state": "staged", "done": 3, "total": 3, "errors": run.errors, "message": "", "percent": 100}
    if run.errors:  # a resource whose generated rows clash in this tenant: not for this test
        pytest.skip("the generated sheet has error rows")
    run = jobs.start_confirm(run, user)
    assert run.state == S.APPLIED and model.objects.count() == before + run.new
    run = jobs.start_undo(run, user)
    assert run.state == S.REVERTED and model.objects.count() == before


@pytest.mark.django_db
def test_a_large_file_is_staged_by_a_job(builder, clerk, tenant, settings, queued):
    settings.IMPORT_JOB_THRESHOLD_BYTES = 0
    settings.IMPORT_CHUNK_ROWS = 2
    res = resource("Log")
    upload, _, _ = _upload(builder, tenant, res, count=5)
    run = jobs.start_import(clerk, model_of(res), upload, "rows.csv")
    assert run.state == S.QUEUED and run.job_id and default_storage.exists(run.source)
    assert queued == [(run.pk, run.job_id)]
    assert jobs.progress(run)["state"] == "queued"
    seen = []
    original = jobs._Reporter.__call__

    def spy(self, done, total, errors):
        original(self, done, total, errors)
        seen.append(jobs.progress(ImportRun.objects.get(pk=self.run.pk)))

    jobs._Reporter.__call__ = spy
    try:
        assert jobs.run_job(run.pk, run.job_id) == S.STAGED
    finally:
        jobs._Reporter.__call__ = original
    assert [p["done"] for p in seen] == [2, 4, 5]
    assert {p["state"] for p in seen} == {"reading"}
    run.refresh_from_db()
    assert run.state == S.STAGED and run.total == 5 and run.source == ""
    assert jobs.progress(run)["percent"] == 100
    assert jobs.run_job(run.pk, run.job_id) == "skipped"  # a redelivery runs nothing


@pytest.mark.django_db
def test_a_large_confirm_and_undo_are_jobs(builder, clerk, tenant, settings, queued):
    res = resource("Log")
    model = model_of(res)
    upload, _, _ = _upload(builder, tenant, res, count=4)
    run = jobs.start_import(clerk, model, upload, "rows.csv")
    settings.IMPORT_JOB_THRESHOLD_ROWS = 1
    settings.IMPORT_CHUNK_ROWS = 3
    before = model.objects.count()
    run = jobs.start_confirm(run, clerk)
    assert run.state == S.APPLYING and run.job_kind == "confirm" and run.progress_total == 4
    with pytest.raises(ImportRefused):
        jobs.start_confirm(run, clerk)  # already on its way
    assert jobs.run_job(run.pk, run.job_id) == S.APPLIED
    assert model.objects.count() == before + 4
    run = jobs.start_undo(run, clerk)
    assert run.state == S.REVERTING
    assert jobs.run_job(run.pk, run.job_id) == S.REVERTED
    assert model.objects.count() == before


@pytest.mark.django_db
def test_refusals_that_need_no_work_come_at_once(builder, clerk, tenant, settings, queued):
    res = resource("Log")
    model = model_of(res)
    headings, rows = sheet(res, builder, tenant, 3)
    rows[1][headings.index("length")] = "long"
    run = jobs.start_import(clerk, model, csv_upload(headings, rows), "rows.csv")
    settings.IMPORT_JOB_THRESHOLD_ROWS = 0
    with pytest.raises(RowsHaveErrors):
        jobs.start_confirm(run, clerk)
    run = jobs.start_confirm(run, clerk, skip_errors=True)
    assert run.state == S.APPLYING and run.skip_errors
    assert jobs.run_job(run.pk, run.job_id) == S.APPLIED


@pytest.mark.django_db
@pytest.mark.parametrize("threshold", [0, 10**9], ids=["job", "in-line"])
def test_a_bad_file_is_refused_before_anything_is_stored(clerk, threshold, settings, queued):
    settings.IMPORT_JOB_THRESHOLD_BYTES = threshold
    upload = csv_upload(["nothing", "known"], [["a", "b"]])
    with pytest.raises(ImportFileError) as refused:
        jobs.start_import(clerk, model_of(resource("Log")), upload, "rows.csv")
    assert refused.value.status == 400
    assert not ImportRun.objects.exists() and not queued
    assert not default_storage.exists("imports") or not default_storage.listdir("imports")[1]


@pytest.mark.django_db
def test_cancel_a_queued_or_staged_run(builder, clerk, tenant, settings, queued):
    settings.IMPORT_JOB_THRESHOLD_BYTES = 0
    res = resource("Log")
    upload, _, _ = _upload(builder, tenant, res)
    run = jobs.start_import(clerk, model_of(res), upload, "rows.csv")
    run = jobs.cancel(run, clerk)
    assert run.state == S.CANCELLED
    assert jobs.run_job(run.pk, run.job_id) == "skipped"
    with pytest.raises(ImportRefused):
        jobs.cancel(run, clerk)
    settings.IMPORT_JOB_THRESHOLD_BYTES = 10**9
    staged = jobs.start_import(clerk, model_of(res), _upload(builder, tenant, res)[0], "rows.csv")
    assert jobs.cancel(staged, clerk).state == S.CANCELLED
    with pytest.raises(ImportRefused):
        jobs.start_confirm(staged, clerk)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["stage", "confirm"])
def test_cancel_a_running_job_writes_nothing(kind, builder, clerk, tenant, settings, queued, monkeypatch):
    settings.IMPORT_CHUNK_ROWS = 1
    res = resource("Log")
    model = model_of(res)
    if kind == "stage":
        settings.IMPORT_JOB_THRESHOLD_BYTES = 0
    run = jobs.start_import(clerk, model, _upload(builder, tenant, res, count=4)[0], "rows.csv")
    if kind == "confirm":
        settings.IMPORT_JOB_THRESHOLD_ROWS = 0
        run = jobs.start_confirm(run, clerk)
    before = model.objects.count()
    original = jobs._Reporter.__call__

    def cancel_after_the_first_batch(self, done, total, errors):
        original(self, done, total, errors)
        if done == 1:
            jobs.cancel(ImportRun.objects.get(pk=self.run.pk), clerk)

    monkeypatch.setattr(jobs._Reporter, "__call__", cancel_after_the_first_batch)
    assert jobs.run_job(run.pk, run.job_id) == S.CANCELLED
    run.refresh_from_db()
    assert run.state == S.CANCELLED and "nothing was written" in run.message
    assert model.objects.count() == before


@pytest.mark.django_db
def test_a_failing_job_says_so_and_writes_nothing(builder, clerk, tenant, settings, queued, monkeypatch):
    res = resource("Log")
    model = model_of(res)
    run = jobs.start_import(clerk, model, _upload(builder, tenant, res, count=3)[0], "rows.csv")
    settings.IMPORT_JOB_THRESHOLD_ROWS = 0
    settings.IMPORT_CHUNK_ROWS = 1
    run = jobs.start_confirm(run, clerk)
    before = model.objects.count()
    from timba.runtime.imports import apply

    calls = []
    real = apply._apply

    def fail_on_the_second_batch(ctx, batch):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk on fire")
        real(ctx, batch)

    monkeypatch.setattr(apply, "_apply", fail_on_the_second_batch)
    assert jobs.run_job(run.pk, run.job_id) == S.FAILED
    run.refresh_from_db()
    assert run.state == S.FAILED and "disk on fire" in run.message
    assert model.objects.count() == before
    assert jobs.progress(run)["state"] == "failed"


@pytest.mark.django_db
@pytest.mark.parametrize("state, after", [(S.READING, S.FAILED), (S.APPLYING, S.FAILED), (S.REVERTING, S.APPLIED)])
def test_a_job_without_a_heartbeat_is_reconciled_when_read(state, after, builder, clerk, tenant, settings):
    settings.IMPORT_JOB_STALE_SECONDS = 60
    res = resource("Log")
    run = jobs.start_import(clerk, model_of(res), _upload(builder, tenant, res)[0], "rows.csv")
    recent = timezone.now() - timezone.timedelta(seconds=30)
    ImportRun.objects.filter(pk=run.pk).update(state=state, job_id="j1", job_started_at=recent, heartbeat_at=recent)
    assert jobs.progress(run)["state"] == state  # alive
    old = timezone.now() - timezone.timedelta(seconds=120)
    ImportRun.objects.filter(pk=run.pk).update(job_started_at=old, heartbeat_at=old)
    shown = jobs.progress(run)
    assert shown["state"] == after and "nothing was" in shown["message"]


@pytest.mark.django_db(transaction=True)
def test_without_celery_a_background_thread_runs_the_job(builder, clerk, tenant, settings):
    settings.IMPORT_JOB_THRESHOLD_BYTES = 0
    settings.IMPORT_JOB_THRESHOLD_ROWS = 0
    res = resource("Log")
    model = model_of(res)
    run = jobs.start_import(clerk, model, _upload(builder, tenant, res, count=4)[0], "rows.csv")
    _join(run)
    run.refresh_from_db()
    assert run.state == S.STAGED and run.total == 4
    run = jobs.start_confirm(run, clerk)
    _join(run)
    assert jobs.progress(run)["state"] == "applied"
    assert _stored_rows(model, run).count() == 4


def _join(run) -> None:
    for thread in threading.enumerate():
        if thread.name == f"import-{run.pk}":
            thread.join(timeout=60)
            assert not thread.is_alive()


@pytest.mark.django_db
def test_an_undo_job_refused_leaves_the_run_applied(builder, clerk, tenant, settings, queued):
    res = resource("Log")
    model = model_of(res)
    run = jobs.start_confirm(jobs.start_import(clerk, model, _upload(builder, tenant, res, count=2)[0], "rows.csv"), clerk)
    assert run.state == S.APPLIED
    changed = _stored_rows(model, run).first()
    model.objects.filter(pk=changed.pk).update(length="9.5")  # changed since the import
    settings.IMPORT_JOB_THRESHOLD_ROWS = 0
    run = jobs.start_undo(run, clerk)
    assert run.state == S.REVERTING
    assert jobs.run_job(run.pk, run.job_id) == S.APPLIED
    run.refresh_from_db()
    assert run.state == S.APPLIED and "cannot be undone" in run.message
    assert _stored_rows(model, run).count() == 2
