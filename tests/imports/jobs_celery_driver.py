"""The other side of tests/imports/test_jobs_celery.py, run as a subprocess on the same file
database as its Celery worker (pytest's in-memory test database is invisible to another
process): `python -m tests.imports.jobs_celery_driver <scenario> [worker pid]`. It makes a
tenant, a clerk and a sheet of logs, drives an import through timba.runtime.imports.jobs (every
step a Celery job: the thresholds are 0) and prints what it saw as one JSON line. Every wait is
bounded (DEADLINE seconds)."""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # spec_rows
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timba.settings")
django.setup()

from spec_rows import RowBuilder, model_of, resource  # noqa: E402

from tests.imports.engine_support import csv_upload, make_tenant, make_user, sheet  # noqa: E402
from timba.generated import security as spec  # noqa: E402
from timba.import_runs.models import ImportRun  # noqa: E402
from timba.runtime.imports import jobs  # noqa: E402

DEADLINE = 90


def wait_for(run, predicate, what: str) -> dict:
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        shown = jobs.progress(run)
        if predicate(shown):
            return shown
        time.sleep(0.05)
    raise SystemExit(f"timed out waiting for {what}: {jobs.progress(run)}")


def main(scenario: str, worker_pid: int | None) -> dict:
    import itertools

    import spec_rows

    from timba.models import Role

    spec_rows._counter = itertools.count(1 + 1000 * ImportRun.objects.count())  # unique names per run on this database

    builder = RowBuilder()
    roles = {name: Role.objects.get_or_create(name=name)[0] for name in spec.ROLES}
    tenant = make_tenant(builder)
    clerk = make_user(builder, tenant, spec.ROLES, roles)
    res = resource("Log")
    model = model_of(res)
    count = int(os.environ.get("IMPORT_TEST_ROWS") or 40)
    headings, rows = sheet(res, builder, tenant, count)
    before = model.objects.count()
    out: dict = {"before": before, "rows": count}

    run = jobs.start_import(clerk, model, csv_upload(headings, rows), "rows.csv")
    out["started"] = run.state
    staged = wait_for(run, lambda p: p["state"] not in ("queued", "reading"), "staging")
    out["staged"] = staged
    run.refresh_from_db()
    out["staged_total"], out["staged_errors"] = run.total, run.errors
    run = jobs.start_confirm(run, clerk)
    out["confirming"] = run.state
    if scenario == "complete":
        out["progress_seen"] = []
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            shown = jobs.progress(run)
            out["progress_seen"].append(shown["done"])
            if shown["state"] not in ("applying",):
                break
            time.sleep(0.02)
        out["confirmed"] = jobs.progress(run)
        out["after_confirm"] = model.objects.count()
        run = jobs.start_undo(run, clerk)
        out["undoing"] = run.state
        out["undone"] = wait_for(run, lambda p: p["state"] != "reverting", "undo")
        out["after_undo"] = model.objects.count()
    elif scenario == "cancel":
        wait_for(run, lambda p: p["state"] == "applying" and p["done"] > 0, "the first batch")
        out["cancel"] = jobs.cancel(run, clerk).state
        out["ended"] = wait_for(run, lambda p: p["state"] != "applying", "the cancellation")
        out["after"] = model.objects.count()
    elif scenario == "kill":
        out["midway"] = wait_for(run, lambda p: p["state"] == "applying" and p["done"] > 0, "the first batch")
        os.kill(worker_pid, signal.SIGKILL)
        out["killed"] = True
        out["right_after"] = ImportRun.objects.get(pk=run.pk).state
        out["ended"] = wait_for(run, lambda p: p["state"] != "applying", "the reconciliation")
        out["after"] = model.objects.count()
        run.refresh_from_db()
        out["job_id"], out["run_id"] = run.job_id, run.pk
    return out


if __name__ == "__main__":
    pid = int(sys.argv[2]) if len(sys.argv) > 2 else None
    print("RESULT " + json.dumps(main(sys.argv[1], pid), default=str), flush=True)
