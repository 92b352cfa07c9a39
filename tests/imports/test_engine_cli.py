"""`manage.py import_rows`: a summary table, a progress line on stderr, and the exit codes
(0 imported, 1 rows with errors, 2 a file or a command refused, 3 changed meanwhile);
--dry-run writes nothing, --skip-errors imports the valid rows."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from spec_rows import model_of, resource

from tests.imports import engine_support as support
from tests.imports.engine_support import csv_upload, sheet
from timba.generated import security as spec
from timba.runtime import access

clerk, roles, tenant = support.clerk, support.roles, support.tenant  # the fixtures these tests use
pytestmark = pytest.mark.django_db


def _file(tmp_path, headings, rows, name="logs.csv"):
    path = tmp_path / name
    path.write_bytes(csv_upload(headings, rows).getvalue())
    return str(path)


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_rows", *args, stdout=out, stderr=err)
        code = 0
    except CommandError as exc:
        code, err = exc.returncode, io.StringIO(err.getvalue() + str(exc))
    return code, out.getvalue(), err.getvalue()


def _sheet(builder, tenant, count):
    res = resource("Log")
    return model_of(res), *sheet(res, builder, tenant, count)


def test_a_clean_file_imports_with_a_summary(builder, clerk, tenant, tmp_path):
    model, headings, rows = _sheet(builder, tenant, 3)
    before = model.objects.count()
    code, out, err = _run(model.__name__, _file(tmp_path, headings, rows), "--user", clerk.username)
    assert code == 0, out
    assert "checked 3 rows" in err  # the progress line
    assert model.objects.count() == before + 3
    assert "| new       | 3 |" in out and "| errors    | 0 |" in out


def test_rows_with_errors_exit_1_and_write_nothing(builder, clerk, tenant, tmp_path):
    model, headings, rows = _sheet(builder, tenant, 3)
    rows[1][headings.index("length")] = "x"
    before = model.objects.count()
    code, out, err = _run(model.__name__, _file(tmp_path, headings, rows), "--user", clerk.username)
    assert code == 1
    assert model.objects.count() == before
    assert "Row 3, column 'length'" in out and "nothing was written" in out


def test_skip_errors_imports_the_valid_rows_and_still_exits_1(builder, clerk, tenant, tmp_path):
    model, headings, rows = _sheet(builder, tenant, 3)
    rows[1][headings.index("length")] = "x"
    before = model.objects.count()
    code, out, _ = _run(model.__name__, _file(tmp_path, headings, rows), "--user", clerk.username, "--skip-errors")
    assert code == 1
    assert model.objects.count() == before + 2


def test_dry_run_writes_nothing(builder, clerk, tenant, tmp_path):
    model, headings, rows = _sheet(builder, tenant, 2)
    before = model.objects.count()
    code, out, _ = _run(model.__name__, _file(tmp_path, headings, rows), "--user", clerk.username, "--dry-run")
    assert code == 0 and "dry run" in out
    assert model.objects.count() == before


def test_staff_name_the_tenant_by_name_or_id(builder, superuser, tenant, tmp_path):
    model, headings, rows = _sheet(builder, tenant, 2)
    key = next(f.name for f in resource(spec.TENANT).fields if f.unique)
    code, out, err = _run(model.__name__, _file(tmp_path, headings, rows[:1]), "--client", str(getattr(tenant, key)))
    assert code == 0, (out, err)
    code, out, err = _run(model.__name__, _file(tmp_path, headings, rows[1:]), "--client", str(tenant.pk))
    assert code == 0, (out, err)
    assert model.objects.filter(**{f"{access.tenant_path(model)}_id": tenant.pk}).count() >= 2


def test_a_bad_file_or_an_unknown_resource_exits_2(builder, clerk, tenant, tmp_path):
    model, headings, rows = _sheet(builder, tenant, 1)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    code, _, err = _run(model.__name__, str(empty), "--user", clerk.username)
    assert code == 2 and "empty" in err
    code, _, err = _run("no-such-thing", _file(tmp_path, headings, rows), "--user", clerk.username)
    assert code == 2


def test_a_user_without_the_import_permission_exits_2(builder, tenant, roles, tmp_path):
    from tests.imports.engine_support import make_user

    model, headings, rows = _sheet(builder, tenant, 1)
    outsider = make_user(builder, tenant, [r for r in roles if r not in access.allowed_roles(model, "import")][:1], roles)
    code, _, err = _run(model.__name__, _file(tmp_path, headings, rows), "--user", outsider.username)
    assert code == 2 and "permission" in err.lower()
