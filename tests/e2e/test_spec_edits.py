"""End-to-end proof that the spec edits a new developer makes pass validation and work.

One copy of the project (as in test_add_entity) gets several edits of its resources.yaml and
nothing else; `codegen generate`, `makemigrations` and `migrate` run in it once, and one check
script drives its API and admin with django.test.Client and prints a JSON report that each test
below asserts on:

1. bulk upsert on a resource whose children derive a field from it (Consignment → Log.client);
2. bulk upsert on the seat holders (User), held to the client's seats;
3. a resource that is not the auth user with a plain field named `password` (Device), which
   imports without a natural key: every imported row is a new one, and a sheet's ids are ignored;
4. the auth user's roles field and the role's name field renamed (and `security:` following);
5. a typo in the renamed `security.user_roles`, refused by `python -m codegen generate`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_add_entity import (  # tests/e2e is on sys.path (rootdir-relative import)
    copy_project,
    ok,
    run,
)

pytestmark = pytest.mark.slow


def replace(text: str, old: str, new: str, count: int = 1) -> str:
    """`text` with `old` replaced, failing loudly when the spec no longer says `old` (an edit
    that silently did nothing would test nothing)."""
    found = text.count(old)
    assert found == count, f"expected {count} × {old!r} in resources.yaml, found {found}"
    return text.replace(old, new)


def resource_block(text: str, name: str) -> tuple[int, int]:
    """The span of resource `name`'s block (its indented lines) in the spec."""
    match = re.search(rf"^  {name}:\n(?:(?:    .*)?\n)*", text, re.MULTILINE)
    assert match, f"no resource {name} in resources.yaml"
    return match.span()


ROLE_NAME_USES = """\
    ordering: [{0}]
    api:
      filters: {{{0}: [exact, in]}}
      ordering: [{0}]
      search: [{0}]
    admin:
      list_display: [{0}]
      search: [{0}]
      ordering: [{0}]
"""

# (resource block, or None for the whole file; text the spec says; what the developer writes)
EDITS = [
    # 1. Consignment: a unique code, and bulk upserts on it.
    ("Consignment", "      vehicle_number: {type: string, max_length: 20}\n",
     "      vehicle_number: {type: string, max_length: 20}\n"
     "      code: {type: string, max_length: 30, unique: true}\n"),
    ("Consignment", "      nested: [logs]", "      bulk: {key: [code]}\n      nested: [logs]"),
    # 2. User: bulk upserts on the username.
    ("User", "    api:\n", "    api:\n      bulk: {key: [username]}\n"),
    # 4. User.roles renamed to access_roles, Role.name to title, and everything naming them.
    ("User", "      roles: {type: many-references", "      access_roles: {type: many-references"),
    ("User", "roles: [exact, in]", "access_roles: [exact, in]"),
    ("User", "filters: [client, roles, is_active]", "filters: [client, access_roles, is_active]"),
    ("User", "list_display: [username, name, client, roles,", "list_display: [username, name, client, access_roles,"),
    ("User", "params: {role: roles}", "params: {role: access_roles}"),
    ("Role", "      name: {type: string, max_length: 50,", "      title: {type: string, max_length: 50,"),
    ("Role", ROLE_NAME_USES.format("name"), ROLE_NAME_USES.format("title")),
    ("Role", "params: {rolename: name}", "params: {rolename: title}"),
    (None, "  user_roles: roles ", "  user_roles: access_roles "),
    (None, "  role_name: name ", "  role_name: title "),
]

# 3. A resource that is not the auth user, with a plain `password` field (a wifi password).
DEVICE = """
  Device:
    tenant: client
    fields:
      name: {type: string, max_length: 100, required: true}
      password: {type: string, max_length: 64, help: "The device's wifi password"}
      client: {type: reference, to: Client, required: true, on_delete: cascade,
               related_name: devices}
    ordering: [name]
    admin:
      list_display: [name, client]
      search: [name]
      ordering: [name]
    import_export: {enabled: true}   # no natural key: an import only creates
    permissions:
      list: [web, mobile, client_admin]
      get: [web, mobile, client_admin]
      create: [web, mobile, client_admin]
      update: [web, client_admin]
      delete: [client_admin]
      import: [web, client_admin]
      export: [web, client_admin]
"""


def edit_spec(text: str) -> str:
    for block, old, new in EDITS:
        start, end = resource_block(text, block) if block else (0, len(text))
        text = text[:start] + replace(text[start:end], old, new) + text[end:]
    return text.rstrip("\n") + "\n" + DEVICE


# Run in the copy with DJANGO_SETTINGS_MODULE=timba.settings; prints one JSON object, one entry
# per case: the calls it made ({status, body}), the facts it read back, or its traceback.
CHECKS = r"""
import json, os, sys, traceback
sys.path.insert(0, os.getcwd())
import django
django.setup()
from django.conf import settings
# Hashing is not what these cases are about: a fast hasher keeps the run short (as tests/settings.py).
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
from django.contrib.auth import get_user_model
from django.test import Client as HttpClient
import timba
from timba.models import Client, Consignment, Device, Log, Role
from timba.tokens.models import ApiToken

User = get_user_model()
PASSWORD = "Gr4nite-ledge-71"
staff = User.objects.create_superuser("e2e-admin", "a@example.com", PASSWORD)
STAFF = ApiToken.issue(staff)[1]
http = HttpClient()
out = {"timba_package": timba.__file__}


def call(case, step, method, path, body=None, token=None):
    kwargs = {"headers": {"Authorization": f"Bearer {token or STAFF}"}}
    if body is not None:
        kwargs.update(data=json.dumps(body), content_type="application/json")
    response = getattr(http, method)(path, **kwargs)
    try:
        payload = response.json() if response.content else None
    except ValueError:
        payload = response.content.decode()[:500]
    case[step] = {"status": response.status_code, "body": payload}
    return payload


def user(username, tenant, *titles):
    row = User.objects.create_user(username=username, password=PASSWORD, client=tenant)
    row.access_roles.set(Role.objects.filter(title__in=titles))
    return row


def run_case(name, check):
    case = out.setdefault(name, {})
    try:
        check(case)
    except Exception:
        case["error"] = traceback.format_exc()


for title in ("web", "mobile", "client_admin"):
    Role.objects.create(title=title)


def bulk_derived(case):
    a = Client.objects.create(name="Bulk A", status="active")
    b = Client.objects.create(name="Bulk B", status="active")
    case["clients"] = {"a": a.pk, "b": b.pk}
    c1 = call(case, "c1", "post", "/api/v1/consignments",
              {"code": "C1", "name": "Oak lot", "type": "hardwood", "client_id": a.pk})
    logs = [call(case, f"log{i}", "post", "/api/v1/logs", {
        "consignment_id": c1["id"], "barcode": f"OAK-{i}", "length": "2.5", "breadth": "0.4",
        "height": "0.4"})["id"] for i in range(3)]
    case["logs"] = logs
    call(case, "move", "post", "/api/v1/consignments/bulk", {"items": [
        {"code": "C1", "name": "Oak lot", "type": "hardwood", "client_id": b.pk}]})
    case["moved_log_clients"] = [
        call(case, f"get_log{i}", "get", f"/api/v1/logs/{pk}")["client_id"] for i, pk in enumerate(logs)]
    call(case, "get_c1", "get", f"/api/v1/consignments/{c1['id']}")
    listed = call(case, "list_logs", "get", f"/api/v1/logs?consignment={c1['id']}")
    case["listed_ids"] = sorted(item["id"] for item in listed["items"])

    # A move that would give client B two logs with barcode X is refused, and nothing moves.
    holder = call(case, "cb", "post", "/api/v1/consignments",
                  {"code": "CB", "name": "Birch lot", "type": "hardwood", "client_id": b.pk})
    call(case, "log_x_b", "post", "/api/v1/logs", {"consignment_id": holder["id"], "barcode": "X",
                                                  "length": "1", "breadth": "1", "height": "1"})
    c2 = call(case, "c2", "post", "/api/v1/consignments",
              {"code": "C2", "name": "Pine lot", "type": "pinewood", "client_id": a.pk})
    x = call(case, "log_x_a", "post", "/api/v1/logs", {"consignment_id": c2["id"], "barcode": "X",
                                                      "length": "1", "breadth": "1", "height": "1"})
    call(case, "clash", "post", "/api/v1/consignments/bulk", {"items": [
        {"code": "C2", "name": "Pine lot", "type": "pinewood", "client_id": b.pk}]})
    case["after_clash"] = {
        "consignment_client": Consignment.objects.get(pk=c2["id"]).client_id,
        "log_client": Log.objects.get(pk=x["id"]).client_id,
        "b_consignments": sorted(Consignment.objects.filter(client=b).values_list("code", flat=True)),
    }


def bulk_seats(case):
    tenant = Client.objects.create(name="Seat Co", seats=2, status="active")
    boss = user("seat-boss", tenant, "mobile", "client_admin")
    token = ApiToken.issue(boss)[1]
    new = lambda name: {"username": name, "password": PASSWORD, "access_roles": []}
    call(case, "five", "post", "/api/v1/users/bulk",
         {"items": [new(f"seat-{i}") for i in range(5)]}, token=token)
    case["users_after_five"] = User.objects.filter(client=tenant).count()
    call(case, "one", "post", "/api/v1/users/bulk", {"items": [new("seat-one")]}, token=token)
    call(case, "another", "post", "/api/v1/users/bulk", {"items": [new("seat-two")]}, token=token)
    case["usernames"] = sorted(User.objects.filter(client=tenant).values_list("username", flat=True))


def plain_password(case):
    owner = Client.objects.create(name="Device Co", status="active")
    made = call(case, "create", "post", "/api/v1/devices",
                {"name": "Gate scanner", "password": "1", "client_id": owner.pk})
    call(case, "get", "get", f"/api/v1/devices/{made['id']}")
    call(case, "patch", "patch", f"/api/v1/devices/{made['id']}", {"password": "2"})
    call(case, "get_patched", "get", f"/api/v1/devices/{made['id']}")
    case["stored"] = Device.objects.get(pk=made["id"]).password
    browser = HttpClient()
    browser.force_login(staff)
    page = browser.get("/admin/timba/device/add/")
    case["admin_add"] = {"status": page.status_code, "has_password_field": b'name="password"' in page.content}
    import tablib
    from timba.generated.resources import DeviceResource
    sheet = tablib.Dataset(["999999", "Imported gate", "wifi-1", owner.name], headers=["id", "name", "password", "client"])
    results = [DeviceResource().import_data(sheet, dry_run=False) for _ in range(2)]
    case["imports"] = [{"errors": r.has_errors() or r.has_validation_errors(), "new": r.totals["new"]} for r in results]
    case["imported"] = sorted(Device.objects.filter(name="Imported gate").values_list("password", flat=True))
    case["id_taken"] = Device.objects.filter(pk=999999).exists()


def renamed_roles(case):
    tenant = Client.objects.create(name="Roles Co", status="active")
    both = user("both", tenant, "mobile", "web")
    web = user("web-only", tenant, "web")
    mobile = user("mobile-only", tenant, "mobile")
    call(case, "logs_both", "get", "/api/v1/logs", token=ApiToken.issue(both)[1])
    call(case, "roles_both", "get", "/api/v1/roles", token=ApiToken.issue(both)[1])
    call(case, "logs_web", "get", "/api/v1/logs", token=ApiToken.issue(web)[1])
    for step, who in (("login_both", both), ("login_mobile", mobile)):
        browser = HttpClient()
        answer = browser.post("/admin/login/", {"username": who.username, "password": PASSWORD, "next": "/admin/"})
        case[step] = {"status": answer.status_code, "location": answer.get("Location"),
                      "logged_in": "_auth_user_id" in browser.session,
                      "index": browser.get("/admin/").status_code}
    seeded = call(case, "seed_put", "put", "/timba/user", {
        "username": "seeded", "password": PASSWORD, "client_id": tenant.pk, "role": "mobile"})
    case["mobile_id"] = Role.objects.get(title="mobile").pk
    case["seeded_roles"] = sorted(User.objects.get(username="seeded").access_roles.values_list("title", flat=True))


for name, check in [("bulk_derived", bulk_derived), ("bulk_seats", bulk_seats),
                    ("plain_password", plain_password), ("renamed_roles", renamed_roles)]:
    run_case(name, check)
print(json.dumps(out, default=str))
"""


# makemigrations asks for a one-off default for Role.title: codegen passes each field's
# verbose_name, so Django sees `title` as a new field rather than `name` renamed (the migration
# drops Role.name and User.roles and adds the new ones). A developer answers the prompt as here.
MAKEMIGRATIONS_ANSWERS = "1\n'role'\n"


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("spec_edits") / "project")
    spec = root / "resources.yaml"
    spec.write_text(edit_spec(spec.read_text(encoding="utf-8")), encoding="utf-8")
    migrations = root / "timba" / "migrations"
    before = {p.name for p in migrations.glob("*.py")}
    ok(run(root, "-m", "codegen", "generate"))
    ok(run(root, "manage.py", "makemigrations", "timba", answers=MAKEMIGRATIONS_ANSWERS))
    ok(run(root, "manage.py", "migrate", "--noinput"))
    new = sorted({p.name for p in migrations.glob("*.py")} - before)
    assert len(new) == 1, f"expected one new migration, got {new}"
    return root


@pytest.fixture(scope="module")
def report(copy):
    script = copy.parent / "checks.py"
    script.write_text(CHECKS, encoding="utf-8")
    result = ok(run(copy, str(script)))
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert Path(out["timba_package"]).is_relative_to(copy), "the script imported the wrong timba"
    return out


def entry(report: dict, name: str) -> dict:
    case = report[name]
    assert "error" not in case, case["error"]
    return case


def show(case: dict) -> str:
    return json.dumps(case, indent=1, default=str)[:6000]


def test_generated_code_matches_the_edited_spec(copy):
    ok(run(copy, "-m", "codegen", "check"))
    ok(run(copy, "manage.py", "makemigrations", "--check", "--dry-run"))


def test_bulk_move_of_a_parent_carries_its_derived_children(report):
    case = entry(report, "bulk_derived")
    b = case["clients"]["b"]
    assert [case[f"log{i}"]["status"] for i in range(3)] == [201, 201, 201], show(case)
    assert case["move"]["status"] == 200, show(case)
    assert case["move"]["body"]["created"] == 0 and case["move"]["body"]["updated"] == 1, show(case)
    assert case["move"]["body"]["items"][0]["client_id"] == b, show(case)
    assert case["get_c1"]["body"]["client_id"] == b and case["get_c1"]["body"]["log_count"] == 3, show(case)
    assert case["moved_log_clients"] == [b, b, b], show(case)
    assert case["list_logs"]["status"] == 200 and case["listed_ids"] == sorted(case["logs"]), show(case)


def test_bulk_move_into_a_clash_is_refused(report):
    case = entry(report, "bulk_derived")
    a = case["clients"]["a"]
    assert case["log_x_b"]["status"] == 201 and case["log_x_a"]["status"] == 201, show(case)
    clash = case["clash"]
    assert clash["status"] == 409, show(case)
    errors = clash["body"]["errors"]
    assert errors and all(e["loc"][:3] == ["body", "items", 0] for e in errors), show(clash)
    assert case["after_clash"] == {"consignment_client": a, "log_client": a,
                                   "b_consignments": ["C1", "CB"]}, show(case)


def test_bulk_of_seat_holders_keeps_to_the_seats(report):
    case = entry(report, "bulk_seats")
    five = case["five"]
    assert five["status"] == 409, show(case)
    assert "items 1, 2, 3, 4" in five["body"]["detail"] and "seats" in five["body"]["detail"], show(five)
    errors = five["body"]["errors"]  # a batch's detail sums up; each item's error says why
    assert [e["loc"] for e in errors] == [["body", "items", i] for i in (1, 2, 3, 4)], show(five)
    assert all(e["type"] == "seats" and "2 seats" in e["msg"] for e in errors), show(five)
    assert case["users_after_five"] == 1, show(case)
    assert case["one"]["status"] == 200, show(case)
    assert case["one"]["body"]["created"] == 1 and case["one"]["body"]["updated"] == 0, show(case)
    assert case["another"]["status"] == 409, show(case)
    assert case["usernames"] == ["seat-boss", "seat-one"], show(case)


def test_a_plain_field_named_password_is_stored_as_sent(report):
    case = entry(report, "plain_password")
    assert case["create"]["status"] == 201, show(case)
    assert case["create"]["body"]["password"] == "1", show(case)
    assert case["get"]["status"] == 200 and case["get"]["body"]["password"] == "1", show(case)
    assert case["patch"]["status"] == 200 and case["patch"]["body"]["password"] == "2", show(case)
    assert case["get_patched"]["body"]["password"] == "2", show(case)
    assert case["stored"] == "2", show(case)
    assert case["admin_add"] == {"status": 200, "has_password_field": True}, show(case)


def test_renamed_role_fields_drive_the_channels_and_permissions(report):
    case = entry(report, "renamed_roles")
    assert case["logs_both"]["status"] == 200, show(case)
    assert case["roles_both"]["status"] == 200, show(case)
    titles = sorted(r["title"] for r in case["roles_both"]["body"]["items"])
    assert titles == ["client_admin", "mobile", "web"], show(case)
    assert case["logs_web"]["status"] == 403, show(case)
    assert "'mobile' role" in case["logs_web"]["body"]["detail"], show(case)
    assert case["login_both"] == {"status": 302, "location": "/admin/", "logged_in": True,
                                  "index": 200}, show(case)
    assert case["login_mobile"]["status"] == 200 and not case["login_mobile"]["logged_in"], show(case)
    assert case["login_mobile"]["index"] == 302, show(case)


def test_seed_role_name_resolves_through_the_renamed_title(report):
    case = entry(report, "renamed_roles")
    seeded = case["seed_put"]
    assert seeded["status"] == 201, show(seeded)
    assert seeded["body"]["data"]["role_id"] == case["mobile_id"], show(seeded)
    assert seeded["body"]["data"]["access_roles"] == [case["mobile_id"]], show(seeded)
    assert case["seeded_roles"] == ["mobile"], show(case)


def test_a_typo_in_the_renamed_user_roles_is_refused(copy, tmp_path):
    good = (copy / "resources.yaml").read_text(encoding="utf-8")
    broken = replace(good, "  user_roles: access_roles ", "  user_roles: acess_roles ")
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "resources.yaml").write_text(broken, encoding="utf-8")
    lines = broken.splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "user_roles: acess_roles" in text)
    col = lines[line - 1].index("acess_roles") + 1

    result = run(copy, "-m", "codegen", "generate", cwd=folder)  # reads ./resources.yaml

    assert result.returncode == 2, result.stdout + result.stderr
    where = re.findall(r"^resources\.yaml:(\d+):(\d+): (.*)$", result.stderr, re.MULTILINE)
    assert where, result.stderr
    message = next((m for ln, c, m in where if (int(ln), int(c)) == (line, col)), None)
    assert message is not None, f"no problem at {line}:{col}\n{result.stderr}"
    assert "user_roles" in message and "did you mean 'access_roles'" in message, result.stderr
    assert [p.name for p in folder.iterdir()] == ["resources.yaml"], "a refused spec wrote files"


def test_an_import_without_a_natural_key_only_creates(report):
    case = entry(report, "plain_password")
    assert case["imports"] == [{"errors": False, "new": 1}, {"errors": False, "new": 1}], show(case)
    assert case["imported"] == ["wifi-1", "wifi-1"] and case["id_taken"] is False, show(case)
