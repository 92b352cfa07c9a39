"""End-to-end proof that `python -m codegen new` gives an entity that works with no hand edit.

A copy of the project (as in test_add_entity) gets `codegen new Pallet --tenant --fields ...`;
then `codegen generate`, `makemigrations` and `migrate` run in it, and a script drives the new
API as a tenant user (the tenant filled in from the caller, the permissions those of a resource
of the same tenancy) and the new admin screens. A request that cannot work exits 2 and leaves
every file of the copy as it was.
"""

from __future__ import annotations

import json

import pytest
from test_add_entity import copy_project, ok, run, tree_digest

pytestmark = pytest.mark.slow
FIELDS = "code:string!,weight:decimal,note:text"

# Run in the copy with DJANGO_SETTINGS_MODULE=timba.settings; prints one JSON object.
CHECKS = r"""
import json, os, sys, traceback
sys.path.insert(0, os.getcwd())
import django
django.setup()
from django.test import Client as HttpClient
from timba.models import Client, Role, User
from timba.tokens.models import ApiToken

out = {}
def call(step, method, path, token, body=None):
    kwargs = {"headers": {"Authorization": f"Bearer {token}"}}
    if body is not None:
        kwargs.update(data=json.dumps(body), content_type="application/json")
    response = getattr(HttpClient(), method)(path, **kwargs)
    out[step] = {"status": response.status_code, "body": response.json() if response.content else None}
    return out[step]["body"]

try:
    tenant = Client.objects.create(name="Scaffold Sawmill", status="active")
    roles = {name: Role.objects.get_or_create(name=name)[0] for name in ("web", "mobile", "client_admin")}
    def user(name, *held):
        row = User.objects.create(username=name, client=tenant)
        row.roles.set([roles[r] for r in held])
        return ApiToken.issue(row)[1]
    worker, boss = user("scaffold-worker", "mobile", "web"), user("scaffold-boss", "mobile", "client_admin")
    made = call("create", "post", "/api/v1/pallets", worker, {"code": "P-001", "weight": "12.5", "note": "dry"})
    out["tenant_id"] = tenant.pk
    call("list", "get", "/api/v1/pallets?search=P-00", worker)
    call("patch", "patch", f"/api/v1/pallets/{made['id']}", worker, {"weight": "13"})
    call("delete_by_worker", "delete", f"/api/v1/pallets/{made['id']}", worker)
    staff = User.objects.create_superuser("scaffold-admin", "a@example.com", "pw")
    admin = HttpClient()
    admin.force_login(staff)
    for step, url in [("admin_changelist", "/admin/timba/pallet/"), ("admin_add", "/admin/timba/pallet/add/")]:
        page = admin.get(url)
        out[step] = {"status": page.status_code, "lists": b"P-001" in page.content}
    call("delete_by_admin", "delete", f"/api/v1/pallets/{made['id']}", boss)
except Exception:
    out["error"] = traceback.format_exc()
print(json.dumps(out, default=str))
"""


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory):
    base = tmp_path_factory.mktemp("scaffold")
    root = copy_project(base / "project")
    original = (root / "resources.yaml").read_text(encoding="utf-8")
    said = ok(run(root, "-m", "codegen", "new", "Pallet", "--tenant", "--fields", FIELDS))
    ok(run(root, "-m", "codegen", "generate"))
    ok(run(root, "manage.py", "makemigrations", "timba"))
    ok(run(root, "manage.py", "migrate", "--noinput"))
    script = base / "checks.py"
    script.write_text(CHECKS, encoding="utf-8")
    report = json.loads(ok(run(root, str(script))).stdout.strip().splitlines()[-1])
    return root, original, said, report


def test_the_scaffold_keeps_the_spec_and_says_what_to_do(scaffolded):
    root, original, said, _report = scaffolded
    spec = (root / "resources.yaml").read_text(encoding="utf-8")
    assert spec.startswith(original.rstrip("\n")), "every existing line, comment and layout kept"
    assert "  Pallet:" in spec and "make generate" in said.stdout
    assert (root / "timba" / "hooks" / "pallet.py").is_file()
    ok(run(root, "-m", "codegen", "check"))
    ok(run(root, "manage.py", "makemigrations", "--check", "--dry-run"))


def test_the_scaffolded_entity_works_through_the_api_and_the_admin(scaffolded):
    _root, _original, _said, report = scaffolded
    assert "error" not in report, report["error"]
    created = report["create"]
    assert created["status"] == 201, report
    assert created["body"]["code"] == "P-001" and created["body"]["weight"] == "12.500"
    assert created["body"]["client_id"] == report["tenant_id"], "the tenant comes from the caller"
    assert report["list"]["status"] == 200 and report["list"]["body"]["count"] == 1
    assert report["patch"]["status"] == 200 and report["patch"]["body"]["weight"] == "13.000"
    assert report["delete_by_worker"]["status"] == 403, "delete is the client admin's, as for a resource of the same tenancy"
    assert report["admin_changelist"] == {"status": 200, "lists": True}
    assert report["admin_add"]["status"] == 200
    assert report["delete_by_admin"]["status"] == 204


def test_a_request_that_cannot_work_writes_nothing(tmp_path):
    root = copy_project(tmp_path / "project")
    before = tree_digest(root)
    for args in (["Log", "--fields", "code:string"], ["Pallet", "--fields", "code:strng"], ["Pallet", "--fields", "id:integer"]):
        result = run(root, "-m", "codegen", "new", *args)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert "nothing was written" in result.stderr, result.stderr
    assert "did you mean 'string'" in run(root, "-m", "codegen", "new", "Pallet", "--fields", "code:strng").stderr
    assert tree_digest(root) == before
