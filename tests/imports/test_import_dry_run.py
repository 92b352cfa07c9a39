"""`POST /api/v1/<plural>/imports` with `dry_run=true`: the file is read, mapped and classified
like any upload (the run's counts, mapping, samples and error file), but the run is marked a dry
run and can never be confirmed (409), so nothing is ever written from it; the form field is in
the OpenAPI document. Without it the upload stays confirmable."""

from __future__ import annotations

import orjson
import pytest
from spec_rows import assert_problem, model_of

from tests.imports import engine_support as support
from tests.imports.engine_support import KEYED, importer
from tests.imports.test_import_api_routes import _as, _csv, _tenant_form, _upload
from timba.import_runs.models import ImportRun

clerk, roles, tenant = support.clerk, support.roles, support.tenant  # the fixtures these tests use
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.CELERY_BROKER_URL = ""


@pytest.mark.parametrize("res", KEYED)
def test_a_dry_run_previews_and_can_never_be_confirmed(res, client, builder, clerk, tenant, superuser):
    user = importer(res, clerk, superuser)
    api = _as(client, user)
    content, _, _ = _csv(builder, tenant, res)
    model = model_of(res)
    before = model.objects.count()
    answer = _upload(api, res, content, dry_run="true", **_tenant_form(res, user, tenant))
    assert answer.status_code == 202, answer.content
    body = orjson.loads(answer.content)
    assert body["dry_run"] is True
    assert body["state"] == "staged" and body["total"] == 3
    assert body["mapping"]["columns"] and sum(body["counts"].values()) == 3
    assert ImportRun.objects.get(pk=body["id"]).dry_run
    errors = api.get(f"{answer['Location']}/errors")
    assert errors.status_code == 200, "a dry run's error file downloads"
    for skip in (False, True):
        refused = api.post(f"{answer['Location']}/confirm", {"skip_errors": skip})
        assert_problem(refused, 409)
        assert "dry run" in orjson.loads(refused.content)["detail"]
    assert model.objects.count() == before, "nothing is written from a dry run"
    assert orjson.loads(api.get(answer["Location"]).content)["state"] == "staged"


@pytest.mark.parametrize("res", KEYED)
def test_without_dry_run_the_upload_is_confirmable(res, client, builder, clerk, tenant, superuser):
    user = importer(res, clerk, superuser)
    api = _as(client, user)
    content, _, _ = _csv(builder, tenant, res)
    answer = _upload(api, res, content, dry_run="false", **_tenant_form(res, user, tenant))
    body = orjson.loads(answer.content)
    assert answer.status_code == 202 and body["dry_run"] is False
    if body["counts"]["errors"]:
        pytest.skip("the generated sheet has error rows for this resource")
    confirmed = api.post(f"{answer['Location']}/confirm", {"skip_errors": False})
    assert confirmed.status_code == 202, confirmed.content
    assert orjson.loads(confirmed.content)["state"] == "applied"


@pytest.mark.parametrize("res", KEYED)
def test_dry_run_is_in_the_openapi_document(res, api):
    document = orjson.loads(api.get("/api/v1/openapi.json").content)
    operation = document["paths"][f"/api/v1/{res.plural}/imports"]["post"]
    schema = operation["requestBody"]["content"]["multipart/form-data"]["schema"]
    if "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    dry_run = schema["properties"]["dry_run"]
    assert dry_run["type"] == "boolean" and dry_run.get("default") is False
    assert "never be confirmed" in dry_run["description"]
    assert document["components"]["schemas"]["ImportRunOut"]["properties"]["dry_run"]["type"] == "boolean"


@pytest.mark.parametrize("res", KEYED)
def test_the_admin_shows_a_dry_run_without_its_import_button(res, client, builder, clerk, tenant, superuser):
    from django.urls import reverse

    user = importer(res, clerk, superuser)
    content, _, _ = _csv(builder, tenant, res)
    answer = _upload(_as(client, user), res, content, dry_run="true", **_tenant_form(res, user, tenant))
    run_id = orjson.loads(answer.content)["id"]
    client.force_login(superuser)
    page = client.get(reverse(f"admin:timba_{res.name.lower()}_import_run", args=[run_id]))
    assert page.status_code == 200
    assert b"data-dry-run" in page.content and b"data-confirm" not in page.content
    refused = client.post(reverse(f"admin:timba_{res.name.lower()}_import_confirm", args=[run_id]), follow=True)
    assert "dry run" in refused.content.decode()
    assert ImportRun.objects.get(pk=run_id).state == "staged"


def test_the_engine_itself_refuses_to_confirm_a_dry_run(builder, clerk, tenant):
    """Not only the jobs' front door: any caller of engine.confirm."""
    from spec_rows import model_of, resource

    from tests.imports.engine_support import sheet, stage_sheet
    from timba.runtime.imports.engine import ImportRefused, confirm

    model = model_of(resource("Log"))
    headings, rows = sheet(resource("Log"), builder, tenant, 2)
    run = stage_sheet(clerk, model, headings, rows)
    run.dry_run = True
    run.save(update_fields=["dry_run"])
    before = model.objects.count()
    with pytest.raises(ImportRefused, match="dry run"):
        confirm(run, clerk)
    assert model.objects.count() == before
