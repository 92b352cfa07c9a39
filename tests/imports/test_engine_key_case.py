"""Natural keys as the database compares them: MySQL's and MariaDB's default collations take
'KEY-7' and 'key-7' for one value, so the unique index does too. An import must then see one key
(a duplicate within the file, an update of the stored row), never classify the row new and have
the index refuse it at confirm, again after every new preview. Where the database compares
exactly (SQLite), they are two keys and two rows. For every resource whose import key has a
text field."""

from __future__ import annotations

import pytest
from spec_rows import RESOURCES, model_of

from tests.imports import engine_support as support
from tests.imports.engine_support import importer, sheet, stage_sheet
from timba.runtime import access
from timba.runtime.imports.engine import confirm

clerk, roles, tenant = support.clerk, support.roles, support.tenant
pytestmark = pytest.mark.django_db


def _text_key(res):
    model = model_of(res)
    path = access.tenant_path(model)
    for name in res.import_key:
        field = next((f for f in res.fields if f.name == name), None)
        if name != path and field is not None and field.kind in {"string", "text"}:
            return name
    return None


TEXT_KEYED = [pytest.param(r, id=r.name) for r in RESOURCES if r.import_export and r.import_key and _text_key(r)]


def _setup(res, builder, clerk, superuser, tenant):
    model = model_of(res)
    user = importer(res, clerk, superuser)
    fixed = access.tenant_path(model) not in (None, "self")
    chosen = tenant if fixed and access.is_staff(user) else None
    headings, rows = sheet(res, builder, tenant, 2, fixed_tenant=fixed)
    column = next(c for c in support.descriptor_for(model).columns if c.name == _text_key(res))
    at = headings.index(column.label)
    rows[0][at], rows[1][at] = "Case-Key-7", "cASE-kEY-7"
    return model, user, chosen, headings, rows, column.name


def _one_key(model, name) -> bool:
    """Whether this database's comparison takes the two spellings for one value."""
    return model.objects.filter(**{name: "case-key-7"}).exists()


@pytest.mark.parametrize("res", TEXT_KEYED)
def test_two_spellings_of_one_key_in_a_file(res, builder, clerk, superuser, tenant):
    model, user, chosen, headings, rows, name = _setup(res, builder, clerk, superuser, tenant)
    confirm(stage_sheet(user, model, headings, rows[:1], tenant=chosen), user)
    one_key = _one_key(model, name)
    model.objects.filter(**{name: "Case-Key-7"}).delete()  # it told us how this database compares
    run = stage_sheet(user, model, headings, rows, tenant=chosen)
    if one_key:
        assert run.counts["errors"] == 2, run.counts  # each names the other row
    else:
        assert run.counts == {"new": 2, "updated": 0, "unchanged": 0, "errors": 0}
        confirm(run, user)


@pytest.mark.parametrize("res", TEXT_KEYED)
def test_another_spelling_of_a_stored_key(res, builder, clerk, superuser, tenant):
    model, user, chosen, headings, rows, name = _setup(res, builder, clerk, superuser, tenant)
    confirm(stage_sheet(user, model, headings, rows[:1], tenant=chosen), user)
    before = model.objects.count()
    run = stage_sheet(user, model, headings, rows[1:], tenant=chosen)
    assert run.counts["errors"] == 0, run.counts
    confirm(run, user)  # never refused by the unique index, never a new preview
    if _one_key(model, name):
        assert run.new == 0 and model.objects.count() == before
    else:
        assert run.new == 1 and model.objects.count() == before + 1
