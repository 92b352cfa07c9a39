"""The import API: POST /api/v1/<plural>/imports (multipart) answers 202 with a Location and the
run; GET /api/v1/imports/{id} shows it (progress, counts, mapping, samples, errors); confirm,
undo, cancel (DELETE) and the error file; bad files and refusals as problem+json; another
tenant's run is a 404."""

from __future__ import annotations

import orjson
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from spec_rows import RESOURCES, JsonClient, assert_problem, model_of, resource

from tests.imports import engine_support as support
from tests.imports.engine_support import KEYED, csv_upload, importer, make_tenant, make_user, sheet
from timba.import_runs.models import ImportRun
from timba.runtime import access
from timba.runtime.imports import jobs
from timba.tokens.models import ApiToken

clerk, roles, tenant = support.clerk, support.roles, support.tenant  # the fixtures these tests use
pytestmark = pytest.mark.django_db
S = ImportRun.State


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.CELERY_BROKER_URL = ""


def _as(client, user) -> JsonClient:
    return JsonClient(client, ApiToken.issue(user)[1])


def _upload(api: JsonClient, res, content: bytes, name="rows.csv", **form):
    data = {"file": SimpleUploadedFile(name, content), **form}
    return api.client.post(f"/api/v1/{res.plural}/imports", data=data, headers=api.headers)


def _csv(builder, tenant, res, count=3, *, fixed_tenant=True) -> tuple[bytes, list, list]:
    headings, rows = sheet(res, builder, tenant, count, fixed_tenant=fixed_tenant)
    return csv_upload(headings, rows).getvalue(), headings, rows


def _tenant_form(res, user, tenant) -> dict:
    """Staff name the client of a tenant's rows (the upload's `<tenant>_id`)."""
    model = model_of(res)
    path = access.tenant_path(model)
    if not access.is_staff(user) or path in (None, "self"):
        return {}
    return {model._meta.get_field(path).attname: str(tenant.pk)}


@pytest.mark.parametrize("res", KEYED)
def test_upload_preview_confirm_errors_and_undo(res, client, builder, clerk, tenant, superuser):
    user = importer(res, clerk, superuser)
    api = _as(client, user)
    content, _, _ = _csv(builder, tenant, res)
    model = model_of(res)
    before = model.objects.count()
    answer = _upload(api, res, content, **_tenant_form(res, user, tenant))
    assert answer.status_code == 202, answer.content
    body = orjson.loads(answer.content)
    assert answer["Location"] == f"/api/v1/imports/{body['id']}"
    assert body["state"] == "staged" and body["total"] == 3 and body["progress"]["percent"] == 100
    assert body["mapping"]["columns"] and set(body["samples"]) == {"new", "updated", "unchanged", "error"}
    shown = api.get(answer["Location"])
    assert shown.status_code == 200 and orjson.loads(shown.content)["id"] == body["id"]
    errors = api.get(f"{answer['Location']}/errors")
    assert errors.status_code == 200 and errors["Content-Type"].startswith("text/csv")
    assert "attachment" in errors["Content-Disposition"]
    if body["counts"]["errors"]:
        pytest.skip("the generated sheet has error rows for this resource")
    confirmed = api.post(f"{answer['Location']}/confirm", {"skip_errors": False})
    assert confirmed.status_code == 202, confirmed.content
    assert orjson.loads(confirmed.content)["state"] == "applied" and confirmed["Location"] == answer["Location"]
    assert model.objects.count() == before + body["counts"]["new"]
    again = api.post(f"{answer['Location']}/confirm", {})
    assert_problem(again, 409)
    undone = api.post(f"{answer['Location']}/undo", {})
    assert undone.status_code == 202, undone.content
    assert orjson.loads(undone.content)["state"] == "reverted"
    assert model.objects.count() == before


@pytest.mark.parametrize(
    "name, content, status",
    [
        ("rows.csv", b"", 400),
        ("rows.exe", b"MZ\x90\x00", 415),
        ("rows.xlsx", b"not a zip at all", 415),
        ("rows.csv", b"title only\n", 400),
    ],
    ids=["empty", "extension", "mismatch", "no-header"],
)
def test_bad_files_are_problems(name, content, status, client, clerk):
    body = assert_problem(_upload(_as(client, clerk), resource("Log"), content, name), status)
    assert body["detail"] and "Traceback" not in body["detail"]
    assert not ImportRun.objects.exists()


def test_a_file_over_the_limit_is_413(client, builder, clerk, tenant, settings):
    content, _, _ = _csv(builder, tenant, resource("Log"), count=20)
    settings.IMPORT_MAX_FILE_BYTES = 100
    assert_problem(_upload(_as(client, clerk), resource("Log"), content), 413)


def test_the_upload_is_multipart(client, clerk):
    api = _as(client, clerk)
    body = assert_problem(api.post("/api/v1/logs/imports", {"file": "x"}), 422)  # no file part
    assert ["file", "file"] in [e["loc"] for e in body["errors"]]
    missing = api.client.post("/api/v1/logs/imports", data={"other": "x"}, headers=api.headers)
    assert_problem(missing, 422)


def test_rows_with_errors_are_refused_unless_skipped(client, builder, clerk, tenant):
    res = resource("Log")
    headings, rows = sheet(res, builder, tenant, 3)
    rows[1][headings.index("length")] = "long"
    api = _as(client, clerk)
    body = orjson.loads(_upload(api, res, csv_upload(headings, rows).getvalue()).content)
    assert body["counts"]["errors"] == 1 and body["errors"][0]["count"] == 1
    assert body["progress"]["errors"] == 1  # the finished run's progress says what its counts say
    assert_problem(api.post(f"/api/v1/imports/{body['id']}/confirm", {}), 422)
    confirmed = api.post(f"/api/v1/imports/{body['id']}/confirm", {"skip_errors": True})
    assert confirmed.status_code == 202 and orjson.loads(confirmed.content)["counts"]["new"] == 2


def test_cancel_a_staged_run(client, builder, clerk, tenant):
    api = _as(client, clerk)
    body = orjson.loads(_upload(api, resource("Log"), _csv(builder, tenant, resource("Log"))[0]).content)
    cancelled = api.delete(f"/api/v1/imports/{body['id']}")
    assert cancelled.status_code == 202 and orjson.loads(cancelled.content)["state"] == "cancelled"
    assert_problem(api.delete(f"/api/v1/imports/{body['id']}"), 409)
    assert_problem(api.post(f"/api/v1/imports/{body['id']}/confirm", {}), 409)


def test_another_tenants_run_is_not_found(client, builder, clerk, tenant, roles):
    api = _as(client, clerk)
    body = orjson.loads(_upload(api, resource("Log"), _csv(builder, tenant, resource("Log"))[0]).content)
    stranger = make_user(builder, make_tenant(builder), list(roles), roles)
    other = _as(client, stranger)
    url = f"/api/v1/imports/{body['id']}"
    assert_problem(other.get(url), 404)
    assert_problem(other.get(f"{url}/errors"), 404)
    assert_problem(other.post(f"{url}/confirm", {}), 404)
    assert_problem(other.post(f"{url}/undo", {}), 404)
    assert_problem(other.delete(url), 404)
    assert_problem(api.get("/api/v1/imports/999999"), 404)
    assert ImportRun.objects.get(pk=body["id"]).state == S.STAGED


def test_the_import_permission_is_needed(client, builder, tenant, roles):
    from timba.generated import security as spec

    model = model_of(resource("Log"))
    for name in spec.ROLES:  # a user of the API holding one role only, which may not import
        user = make_user(builder, tenant, [name, *([] if name == "mobile" else ["mobile"])], roles)
        if not access.allowed(user, model, "import"):
            assert_problem(_upload(_as(client, user), resource("Log"), b"a,b\n1,2\n"), 403)
            return
    pytest.skip("every role may import logs")


def test_a_large_file_is_a_job_whose_progress_the_get_shows(client, builder, clerk, tenant, settings, monkeypatch):
    queued = []
    monkeypatch.setattr(jobs, "_dispatch", lambda run: queued.append((run.pk, run.job_id)))
    settings.IMPORT_JOB_THRESHOLD_BYTES = 0
    api = _as(client, clerk)
    answer = _upload(api, resource("Log"), _csv(builder, tenant, resource("Log"), count=4)[0])
    assert answer.status_code == 202
    body = orjson.loads(answer.content)
    assert body["state"] == "queued" and body["mapping"] is None and body["progress"]["percent"] == 0
    jobs.run_job(*queued[0])
    shown = orjson.loads(api.get(answer["Location"]).content)
    assert shown["state"] == "staged" and shown["total"] == 4 and shown["progress"]["done"] == 4


def test_staff_name_the_client(client, builder, superuser, tenant):
    res = resource("Log")
    content, _, _ = _csv(builder, tenant, res)
    api = _as(client, superuser)
    model = model_of(res)
    attname = model._meta.get_field(access.tenant_path(model)).attname
    body = assert_problem(_upload(api, res, content, **{attname: "99999999"}), 422)
    assert body["errors"][0]["loc"] == ["body", attname]
    answer = _upload(api, res, content, **{attname: str(tenant.pk)})
    assert answer.status_code == 202, answer.content
    assert ImportRun.objects.get(pk=orjson.loads(answer.content)["id"]).tenant_id == tenant.pk


IMPORTABLE = [pytest.param(r, id=r.name) for r in RESOURCES if r.import_export]


@pytest.mark.parametrize("res", IMPORTABLE)
def test_every_importable_resource_has_an_upload_route(res):
    from timba.api import api

    document = api.get_openapi_schema(path_prefix="/api/v1/")
    operation = document["paths"][f"/api/v1/{res.plural}/imports"]["post"]
    assert operation["operationId"] == f"{res.snake}_import"
    form = operation["requestBody"]["content"]["multipart/form-data"]
    assert form["schema"]["properties"]["file"]["format"] == "binary" and form["schema"]["required"] == ["file"]
    accepted = operation["responses"][202]
    assert "Location" in accepted["headers"]
    assert accepted["content"]["application/json"]["schema"]["$ref"].endswith("/ImportRunOut")
    assert {"400", "413", "415", "422"} <= {str(code) for code in operation["responses"]}
