"""Large exports as jobs (timba.runtime.exports.jobs), for every resource the spec exports: more
than EXPORT_JOB_THRESHOLD_ROWS rows from `GET /api/v1/<plural>/export`, or any number from
`POST /api/v1/<plural>/exports`, answer 202 with Location; the job (run here by `run_job`, and
by the background thread of a process without Celery) reports rows done of total chunk by chunk;
`GET /api/v1/exports/{id}` shows it and, once done, a download link whose file holds what the
streamed export holds. Cancelling (queued, and mid-job), a failing job, a lost one, expiry, and
another tenant (404 on every route). The admin's export above the threshold goes to a progress
page, then the download."""

from __future__ import annotations

import threading
from datetime import timedelta

import orjson
import pytest
from django.contrib import admin
from django.core.files.storage import default_storage
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from spec_rows import RESOURCES, assert_problem, model_of

from timba.import_runs.models import ExportRun
from timba.runtime.exports import chunks, jobs

from .export_support import (
    API_ROLE,
    FORMATS,
    WITH_IE,
    export_url,
    read_xlsx,
    roles_for,
    tenant_client,
)

pytestmark = pytest.mark.django_db
S = ExportRun.State
EACH = [pytest.param(r, fmt, id=f"{r.name}-{fmt}") for r in RESOURCES if r.import_export for fmt in FORMATS]
TENANTED = [pytest.param(r, id=r.name) for r in RESOURCES if r.import_export and r.tenant not in (None, "self")]


@pytest.fixture(autouse=True)
def _settings(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.CELERY_BROKER_URL = ""
    settings.EXPORT_JOB_THRESHOLD_ROWS = 2


@pytest.fixture
def queued(monkeypatch):
    """Jobs are queued but no runner takes them: the test runs them with run_job."""
    taken = []
    monkeypatch.setattr(jobs, "_dispatch", lambda run: taken.append((run.pk, run.job_id)))
    return taken


def _start(api, res, **params):
    answer = api.get(export_url(res), **params)
    assert answer.status_code == 202, answer.content[:500]
    body = orjson.loads(answer.content)
    assert answer["Location"] == f"/api/v1/exports/{body['id']}"
    return answer["Location"], body


def _cells(fmt: str, body: bytes):
    """The file's rows as values (XLSX bytes differ by their zip's timestamps, not their cells)."""
    if fmt == "csv":
        return body
    return [[cell.value for cell in row.values()] for row in read_xlsx(body)]


def _content(response) -> bytes:
    return b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content


@pytest.mark.parametrize("res,fmt", EACH)
def test_a_large_export_is_a_job_whose_file_equals_the_streamed_one(api, builder, queued, settings, res, fmt):
    for _ in range(3):
        builder.create(res)
    location, body = _start(api, res, format=fmt)
    assert body["state"] == "queued" and body["download"] is None and body["format"] == fmt
    assert body["file_name"].startswith(f"{res.plural}-") and body["file_name"].endswith(f".{fmt}")
    assert jobs.run_job(*queued[0]) == S.DONE
    shown = orjson.loads(api.get(location).content)
    assert shown["state"] == "done" and shown["download"] == f"{location}/file"
    total = model_of(res)._default_manager.count()
    assert shown["progress"] == {"done": total, "total": total, "percent": 100}
    downloaded = api.get(shown["download"])
    assert downloaded.status_code == 200
    assert downloaded["Content-Disposition"] == f'attachment; filename="{body["file_name"]}"'
    content = _content(downloaded)
    assert shown["size"] == len(content)
    settings.EXPORT_JOB_THRESHOLD_ROWS = 10_000
    streamed = api.get(export_url(res), format=fmt)
    assert streamed.status_code == 200 and isinstance(streamed, StreamingHttpResponse)
    assert _cells(fmt, content) == _cells(fmt, streamed.getvalue())


@pytest.mark.parametrize("res", [p for p in WITH_IE if p.values[0].list_search])
def test_the_job_keeps_the_lists_search(api, builder, queued, res):
    name = res.list_search[0]
    wanted = [builder.create(res, **{name: f"needle{i}"}) for i in range(3)]
    other = builder.create(res)
    location, _ = _start(api, res, format="csv", search="needle")
    jobs.run_job(*queued[0])
    body = _content(api.get(f"{location}/file")).decode("utf-8-sig")
    ids = {line.split(",")[0] for line in body.splitlines()[1:]}
    assert ids == {str(r.pk) for r in wanted} and str(other.pk) not in ids


@pytest.mark.parametrize("res", [WITH_IE[0]])
def test_at_or_under_the_threshold_the_export_streams(api, builder, res):
    builder.create(res)
    if model_of(res)._default_manager.count() > 2:
        pytest.skip("the fixtures already hold more rows than the threshold")
    answer = api.get(export_url(res), format="csv")
    assert answer.status_code == 200 and isinstance(answer, StreamingHttpResponse)
    assert not ExportRun.objects.exists()


@pytest.mark.parametrize("res", [p for p in WITH_IE])
def test_post_exports_always_starts_a_job(api, builder, queued, res):
    builder.create(res)
    answer = api.client.post(f"/api/v1/{res.plural}/exports?format=xlsx", content_type="application/json", headers=api.headers)
    assert answer.status_code == 202, answer.content[:500]
    body = orjson.loads(answer.content)
    assert answer["Location"] == f"/api/v1/exports/{body['id']}" and body["state"] == "queued"
    assert jobs.run_job(*queued[0]) == S.DONE
    assert orjson.loads(api.get(answer["Location"]).content)["state"] == "done"


@pytest.mark.parametrize("res", [WITH_IE[0]])
def test_progress_is_reported_chunk_by_chunk(api, builder, queued, monkeypatch, res):
    for _ in range(5):
        builder.create(res)
    monkeypatch.setattr(chunks, "CHUNK_SIZE", 2)
    seen = []
    report = jobs._report

    def watched(run, done, total):
        report(run, done, total)
        seen.append((done, total, orjson.loads(api.get(f"/api/v1/exports/{run.pk}").content)["progress"]))

    monkeypatch.setattr(jobs, "_report", watched)
    location, _ = _start(api, res, format="csv")
    jobs.run_job(*queued[0])
    total = model_of(res)._default_manager.count()
    assert [done for done, _, _ in seen] == [0, *range(2, total, 2), total]
    assert all(t == total for _, t, _ in seen)
    middle = seen[1][2]
    assert middle["done"] == 2 and middle["total"] == total and 0 < middle["percent"] < 100
    assert orjson.loads(api.get(location).content)["progress"]["percent"] == 100


@pytest.mark.parametrize("res", [WITH_IE[0]])
def test_a_queued_export_is_cancelled_at_once_and_never_runs(api, builder, queued, res):
    for _ in range(3):
        builder.create(res)
    location, _ = _start(api, res, format="csv")
    cancelled = api.delete(location)
    assert cancelled.status_code == 202 and orjson.loads(cancelled.content)["state"] == "cancelled"
    assert jobs.run_job(*queued[0]) == "skipped"
    assert_problem(api.get(f"{location}/file"), 409)
    assert_problem(api.delete(location), 409)


@pytest.mark.parametrize("res", [WITH_IE[0]])
def test_a_running_export_stops_before_its_next_chunk_and_keeps_no_file(api, builder, queued, monkeypatch, res):
    for _ in range(5):
        builder.create(res)
    monkeypatch.setattr(chunks, "CHUNK_SIZE", 2)
    report = jobs._report

    def cancel_after_first_chunk(run, done, total):
        report(run, done, total)
        if done == 2:
            assert api.delete(f"/api/v1/exports/{run.pk}").status_code == 202

    monkeypatch.setattr(jobs, "_report", cancel_after_first_chunk)
    location, _ = _start(api, res, format="xlsx")
    assert jobs.run_job(*queued[0]) == S.CANCELLED
    shown = orjson.loads(api.get(location).content)
    assert shown["state"] == "cancelled" and shown["progress"]["done"] == 2 and shown["download"] is None
    assert not default_storage.exists("exports") or not default_storage.listdir("exports")[1]


@pytest.mark.parametrize("res", [WITH_IE[0]])
def test_a_failing_export_says_so_and_keeps_no_file(api, builder, queued, monkeypatch, res):
    for _ in range(3):
        builder.create(res)

    def broken(table, rows):
        yield b"id\r\n"
        raise RuntimeError("disk full")

    monkeypatch.setitem(jobs.WRITERS, "csv", broken)
    location, _ = _start(api, res, format="csv")
    assert jobs.run_job(*queued[0]) == S.FAILED
    shown = orjson.loads(api.get(location).content)
    assert shown["state"] == "failed" and "disk full" in shown["message"] and shown["download"] is None
    assert "failed" in assert_problem(api.get(f"{location}/file"), 409)["detail"]


@pytest.mark.parametrize("res", [WITH_IE[0]])
def test_a_job_whose_worker_was_lost_reads_failed(api, builder, queued, settings, res):
    for _ in range(3):
        builder.create(res)
    location, body = _start(api, res, format="csv")
    old = timezone.now() - timedelta(seconds=settings.IMPORT_JOB_STALE_SECONDS + 5)
    ExportRun.objects.filter(pk=body["id"]).update(state=S.RUNNING, job_started_at=old, heartbeat_at=old)
    shown = orjson.loads(api.get(location).content)
    assert shown["state"] == "failed" and "lost" in shown["message"]
    assert jobs.run_job(*queued[0]) == "skipped", "a redelivery runs nothing"


@pytest.mark.parametrize("res", [WITH_IE[0]])
def test_files_expire_after_the_retention(api, builder, queued, settings, res):
    for _ in range(3):
        builder.create(res)
    settings.EXPORT_RETENTION = 60
    location, body = _start(api, res, format="csv")
    jobs.run_job(*queued[0])
    run = ExportRun.objects.get(pk=body["id"])
    assert default_storage.exists(run.file) and run.expires_at > timezone.now()
    assert jobs.expire() == 0
    assert jobs.expire(now=run.expires_at + timedelta(seconds=1)) == 1
    assert not default_storage.exists(run.file)
    shown = orjson.loads(api.get(location).content)
    assert shown["state"] == "expired" and shown["download"] is None
    assert_problem(api.get(f"{location}/file"), 409)


@pytest.mark.parametrize("res", TENANTED)
def test_another_tenant_gets_404_on_every_route(client, make_tenant, make_user, create_in, queued, res):
    roles = roles_for("export", res)
    if not roles:
        pytest.skip(f"only platform staff export {res.plural}")
    mine, theirs = make_tenant(), make_tenant()
    owner = tenant_client(client, make_user(mine, [API_ROLE, roles[0]]))
    stranger = tenant_client(client, make_user(theirs, [API_ROLE, roles[0]]))
    colleague = tenant_client(client, make_user(mine, [API_ROLE, roles[0]]))
    own = [create_in(res, mine) for _ in range(3)]
    foreign = create_in(res, theirs)
    location, body = _start(owner, res, format="csv")
    jobs.run_job(*queued[0])
    for path in (location, f"{location}/file"):
        assert_problem(stranger.get(path), 404)
    assert_problem(stranger.delete(location), 404)
    assert ExportRun.objects.get(pk=body["id"]).state == S.DONE
    file = _content(colleague.get(f"{location}/file")).decode("utf-8-sig")
    ids = {line.split(",")[0] for line in file.splitlines()[1:]}
    assert {str(r.pk) for r in own} <= ids and str(foreign.pk) not in ids


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("res", [WITH_IE[0]])
def test_without_celery_a_background_thread_runs_the_job(api, builder, res):
    for _ in range(3):
        builder.create(res)
    location, body = _start(api, res, format="csv")
    for thread in threading.enumerate():
        if thread.name == f"export-{body['id']}":
            thread.join(timeout=60)
            assert not thread.is_alive()
    shown = orjson.loads(api.get(location).content)
    assert shown["state"] == "done", shown
    assert api.get(shown["download"]).status_code == 200


# -- the admin --------------------------------------------------------------------------------


def _admin_export(client, res, fmt: str):
    formats = [f().get_extension() for f in admin.site._registry[model_of(res)].get_export_formats()]
    return client.post(reverse(f"admin:timba_{res.name.lower()}_export"), {"format": str(formats.index(fmt)), "resource": "0"})


@pytest.mark.parametrize("res,fmt", EACH)
def test_the_admins_large_export_shows_progress_then_the_download(staff_client, builder, queued, settings, res, fmt):
    for _ in range(3):
        builder.create(res)
    answer = _admin_export(staff_client, res, fmt)
    run = ExportRun.objects.get()
    page = reverse(f"admin:timba_{res.name.lower()}_export_run", args=[run.pk])
    assert answer.status_code == 302 and answer["Location"] == page
    waiting = staff_client.get(page)
    assert waiting.status_code == 200 and b"data-import-progress" in waiting.content
    progress = staff_client.get(f"{page}progress/").json()
    assert progress["running"] and progress["state"] == "queued"
    jobs.run_job(*queued[0])
    done = staff_client.get(page)
    assert b"data-export-download" in done.content and b"data-import-progress" not in done.content
    assert staff_client.get(f"{page}progress/").json()["running"] is False
    downloaded = staff_client.get(f"{page}download/")
    assert downloaded.status_code == 200
    settings.EXPORT_JOB_THRESHOLD_ROWS = 10_000
    streamed = _admin_export(staff_client, res, fmt)
    assert isinstance(streamed, StreamingHttpResponse)
    assert _cells(fmt, _content(downloaded)) == _cells(fmt, streamed.getvalue())


@pytest.mark.parametrize("res", TENANTED)
def test_another_tenants_admin_gets_404_for_the_export_pages(client, make_tenant, make_user, create_in, queued, res):
    roles = roles_for("export", res)
    if not roles:
        pytest.skip(f"only platform staff export {res.plural}")
    from timba.generated import security as spec

    mine, theirs = make_tenant(), make_tenant()
    owner, stranger = (make_user(t, [spec.CHANNELS["admin"], *roles]) for t in (mine, theirs))
    for _ in range(3):
        create_in(res, mine)
    client.force_login(owner)
    assert _admin_export(client, res, "csv").status_code == 302
    run = ExportRun.objects.get()
    jobs.run_job(*queued[0])
    page = reverse(f"admin:timba_{res.name.lower()}_export_run", args=[run.pk])
    assert client.get(f"{page}download/").status_code == 200
    client.force_login(stranger)
    for path in (page, f"{page}progress/", f"{page}download/"):
        assert client.get(path).status_code == 404, path
    assert client.post(f"{page}cancel/").status_code == 404


@pytest.mark.parametrize("res", TENANTED)
def test_the_export_runs_list_shows_a_tenant_only_its_runs(client, make_tenant, make_user, create_in, queued, res):
    roles = roles_for("export", res)
    if not roles:
        pytest.skip(f"only platform staff export {res.plural}")
    from timba.generated import security as spec

    mine, theirs = make_tenant(), make_tenant()
    owner, stranger = (make_user(t, [spec.CHANNELS["admin"], *roles]) for t in (mine, theirs))
    for tenant, user in ((mine, owner), (theirs, stranger)):
        for _ in range(3):
            create_in(res, tenant)
        client.force_login(user)
        assert _admin_export(client, res, "csv").status_code == 302
    own, foreign = ExportRun.objects.get(tenant_id=mine.pk), ExportRun.objects.get(tenant_id=theirs.pk)
    client.force_login(owner)
    listing = client.get(reverse("admin:import_runs_exportrun_changelist"))
    assert listing.status_code == 200
    shown = {row.pk for row in listing.context["cl"].result_list}
    assert shown == {own.pk}
    assert client.get(reverse("admin:import_runs_exportrun_change", args=[foreign.pk])).status_code in (302, 403, 404)
