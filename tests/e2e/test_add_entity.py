"""End-to-end proof that adding an entity is an edit of resources.yaml plus `make generate`.

Each test copies the project (resources.yaml, manage.py, pyproject.toml, codegen/, timba/) into
a temporary folder and appends a `Vehicle` resource to the copy's resources.yaml; no other file
is touched by hand. `test_add_entity` then runs what `make generate` and `make migrate` run, as
subprocesses in the copy, and drives the new API and admin pages with django.test.Client from a
script run in the copy (it prints a JSON report that the test asserts on). `test_broken_edit`
checks that a spec with a bad reference is refused with a `resources.yaml:LINE:COL:` message and
that nothing in the copy is written.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

PROJECT = Path(__file__).resolve().parents[2]
COPIED = ("resources.yaml", "manage.py", "pyproject.toml", "codegen", "timba")

VEHICLE = """
  Vehicle:
    tenant: client
    fields:
      registration: {type: string, max_length: 20, required: true, unique: true}
      capacity: {type: decimal, max_digits: 8, decimal_places: 2, min: 0, help: tonnes}
      client: {type: reference, to: Client, required: true, on_delete: cascade,
               related_name: vehicles}
      kind: {type: choice, choices: [truck, trailer]}
      in_service: {type: boolean, default: true}
      website: url
    ordering: [registration]
    admin:
      list_display: [registration, kind, client, capacity, in_service]
      search: [registration]
      filters: [kind, client, in_service]
      ordering: [registration]
    import_export:
      key: [registration]
    permissions:
      list: [web, mobile, client_admin]
      get: [web, mobile, client_admin]
      create: [client_admin]
      update: [client_admin]
      delete: [client_admin]
      import: [client_admin]
      export: [client_admin]
"""

# Run in the copy with DJANGO_SETTINGS_MODULE=timba.settings; prints one JSON object.
CHECKS = r"""
import json, os, sys, traceback
sys.path.insert(0, os.getcwd())
import django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client as HttpClient
import timba
from timba.models import Client
from timba.tokens.models import ApiToken

staff = get_user_model().objects.create_superuser("e2e-admin", "a@example.com", "pw")
HEADERS = {"Authorization": f"Bearer {ApiToken.issue(staff)[1]}"}  # sent on every API call
api = HttpClient()
out = {"timba_package": timba.__file__}

def call(step, method, path, body=None):
    kwargs = {"headers": HEADERS}
    if body is not None:
        kwargs.update(data=json.dumps(body), content_type="application/json")
    response = getattr(api, method)(path, **kwargs)
    try:
        payload = response.json() if response.content else None
    except ValueError:
        payload = response.content.decode()[:500]
    out[step] = {"status": response.status_code, "body": payload}
    return payload

try:
    owner = Client.objects.create(name="E2E Haulage")
    created = call("create", "post", "/api/v1/vehicles", {
        "registration": "KA-01-1234", "capacity": "12.50", "client_id": owner.pk, "kind": "truck",
        "website": "https://e2e-haulage.example.com/fleet"})
    pk = created["id"]
    call("list", "get", "/api/v1/vehicles")
    call("get", "get", f"/api/v1/vehicles/{pk}")
    call("update", "patch", f"/api/v1/vehicles/{pk}", {"in_service": False, "capacity": "14"})
    doc = call("openapi", "get", "/api/v1/openapi.json")
    out["openapi"]["body"] = sorted(
        op["operationId"] for url, ops in doc["paths"].items() if "/vehicles" in url
        for op in ops.values())
    admin = HttpClient()
    admin.force_login(staff)
    for step, url in [("admin_changelist", "/admin/timba/vehicle/"),
                      ("admin_add", "/admin/timba/vehicle/add/"),
                      ("admin_import", "/admin/timba/vehicle/import/")]:
        page = admin.get(url)
        out[step] = {"status": page.status_code, "lists_vehicle": b"KA-01-1234" in page.content}
    call("delete", "delete", f"/api/v1/vehicles/{pk}")
    call("get_deleted", "get", f"/api/v1/vehicles/{pk}")
except Exception:
    out["error"] = traceback.format_exc()
print(json.dumps(out, default=str))
"""


def copy_project(dest: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "var", ".venv")
    dest.mkdir(parents=True)
    for name in COPIED:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=ignore)
        else:
            shutil.copy2(source, dest / name)
    return dest


def add_vehicle(root: Path, text: str = VEHICLE) -> None:
    spec = root / "resources.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").rstrip("\n") + "\n" + text, encoding="utf-8")


def run(root: Path, *args: str, cwd: Path | None = None, answers: str = "") -> subprocess.CompletedProcess:
    """`python *args` in the copy (or in `cwd`), against the copy's own SQLite file beside it;
    `answers` go to the command's prompts."""
    env = {
        **os.environ,
        "DEBUG": "1",
        "SECRET_KEY": "e2e-secret-key",
        "DATABASE_URL": f"sqlite:///{root.parent / 'e2e.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "timba.settings",
        "PYTHONPATH": str(root),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    return subprocess.run(
        [sys.executable, *args], cwd=cwd or root, env=env, capture_output=True, text=True, timeout=300,
        input=answers,
    )


def ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, (
        f"{' '.join(result.args[1:])} exited {result.returncode}\n"
        f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
    )
    return result


def tree_digest(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_add_entity(tmp_path):
    root = copy_project(tmp_path / "project")
    add_vehicle(root)
    migrations = root / "timba" / "migrations"
    before = {p.name for p in migrations.glob("*.py")}

    ok(run(root, "-m", "codegen", "generate"))
    ok(run(root, "manage.py", "makemigrations", "timba"))
    ok(run(root, "manage.py", "migrate", "--noinput"))

    new = sorted({p.name for p in migrations.glob("*.py")} - before)
    assert len(new) == 1, f"expected one new migration, got {new}"
    assert "Vehicle" in (migrations / new[0]).read_text(encoding="utf-8")
    assert (root / "timba" / "hooks" / "vehicle.py").is_file()

    script = tmp_path / "checks.py"
    script.write_text(CHECKS, encoding="utf-8")
    result = ok(run(root, str(script)))
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert "error" not in report, report["error"]
    assert Path(report["timba_package"]).is_relative_to(root), "the script imported the wrong timba"

    statuses = {step: value["status"] for step, value in report.items() if isinstance(value, dict)}
    assert statuses == {
        "create": 201,
        "list": 200,
        "get": 200,
        "update": 200,
        "openapi": 200,
        "admin_changelist": 200,
        "admin_add": 200,
        "admin_import": 200,
        "delete": 204,
        "get_deleted": 404,
    }, report
    created = report["create"]["body"]
    assert created["registration"] == "KA-01-1234"
    assert created["kind"] == "truck" and created["in_service"] is True
    assert created["capacity"] == "12.50"
    assert created["website"] == "https://e2e-haulage.example.com/fleet"
    listed = report["list"]["body"]
    assert listed["count"] == 1 and [v["id"] for v in listed["items"]] == [created["id"]]
    assert report["get"]["body"] == created
    updated = report["update"]["body"]
    assert updated["in_service"] is False and updated["capacity"] == "14.00"
    assert updated["registration"] == "KA-01-1234"
    assert report["openapi"]["body"] == sorted(
        f"vehicle_{op}" for op in ("list", "get", "create", "update", "replace", "delete", "export", "export_start", "import")  # export(_start), import: import_export
    )
    assert report["admin_changelist"]["lists_vehicle"] is True

    ok(run(root, "-m", "codegen", "check"))
    ok(run(root, "manage.py", "makemigrations", "--check", "--dry-run"))


def test_broken_edit(tmp_path):
    root = copy_project(tmp_path / "project")
    add_vehicle(root, VEHICLE.replace("to: Client", "to: Clinet"))
    lines = (root / "resources.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "to: Clinet" in text)
    before = tree_digest(root)

    result = run(root, "-m", "codegen", "generate")

    assert result.returncode == 2, result.stdout + result.stderr
    where = re.findall(r"^resources\.yaml:(\d+):(\d+): (.*)$", result.stderr, re.MULTILINE)
    assert where, result.stderr
    assert (str(line), str(lines[line - 1].index("to: Clinet") + 1)) in [w[:2] for w in where], (
        result.stderr
    )
    assert "Clinet" in result.stderr and "did you mean 'Client'" in result.stderr
    assert tree_digest(root) == before
    assert not (root / "timba" / "hooks" / "vehicle.py").exists()
