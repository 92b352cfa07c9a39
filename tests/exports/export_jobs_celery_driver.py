"""The other side of tests/exports/test_export_jobs_celery.py, run as a subprocess on the same
file database as its Celery worker: `python -m tests.exports.export_jobs_celery_driver
<scenario> [worker pid]` (complete, cancel, kill). It makes a tenant, a user who may export and EXPORT_TEST_ROWS logs, starts an
export job of the user's visible logs through timba.runtime.exports.jobs (a Celery task: the
broker is set) and prints what it saw as one JSON line: the progress seen, the final state, and
whether the stored file equals the streamed export of the same rows. Every wait is bounded."""

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

from spec_rows import RowBuilder, resource  # noqa: E402

from tests.imports.engine_support import make_tenant, make_user  # noqa: E402
from timba.generated import exports as generated  # noqa: E402
from timba.generated import security as spec  # noqa: E402
from timba.import_runs.models import ExportRun  # noqa: E402
from timba.runtime.exports import jobs  # noqa: E402
from timba.runtime.exports.chunks import chunks  # noqa: E402
from timba.runtime.exports.csv_writer import csv_bytes  # noqa: E402
from timba.runtime.selectors import visible_rows  # noqa: E402

DEADLINE = 90


def main(scenario: str, worker_pid: int | None = None) -> dict:
    import itertools

    import spec_rows

    from timba.models import Role

    spec_rows._counter = itertools.count(1 + 100_000 * ExportRun.objects.count())  # unique names per run on this database
    builder = RowBuilder()
    roles = {name: Role.objects.get_or_create(name=name)[0] for name in spec.ROLES}
    tenant, other = make_tenant(builder), make_tenant(builder)
    user = make_user(builder, tenant, spec.ROLES, roles)
    res, table = resource("Log"), generated.LOG_EXPORT
    count = int(os.environ.get("EXPORT_TEST_ROWS") or 30)
    consignment = builder.create("Consignment", client=tenant)
    for _ in range(count):
        builder.create(res, consignment=consignment, client=tenant)
    builder.create(res, consignment=builder.create("Consignment", client=other), client=other)
    rows = visible_rows(user, table.model)
    order = list(table.model._meta.ordering or ["pk"])
    run = jobs.start_export(user, table, rows, "csv", order, "logs.csv")
    out: dict = {"rows": count, "started": run.state, "seen": []}
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        shown = jobs.progress(run)
        out["seen"].append(shown)
        if shown["state"] not in jobs.RUNNING or (scenario != "complete" and shown["state"] == "running" and shown["done"] > 0):
            break
        time.sleep(0.02)
    if scenario == "cancel":
        out["cancel"] = jobs.cancel(run).state
        while time.monotonic() < end and jobs.progress(run)["state"] in jobs.RUNNING:
            time.sleep(0.05)
    elif scenario == "kill":
        os.kill(worker_pid, signal.SIGKILL)
        out["right_after"] = ExportRun.objects.get(pk=run.pk).state
        while time.monotonic() < end and jobs.progress(run)["state"] in jobs.RUNNING:
            time.sleep(0.1)
        out["job_id"] = run.job_id
    out["ended"] = jobs.progress(run)
    run.refresh_from_db()
    out["file"] = run.file
    if run.state == ExportRun.State.DONE:
        with jobs.open_file(run) as handle:
            stored = handle.read()
        out["same_as_streamed"] = stored == b"".join(csv_bytes(table, chunks(rows, order, table.selected)))
    return out


if __name__ == "__main__":
    pid = int(sys.argv[2]) if len(sys.argv) > 2 else None
    print("RESULT " + json.dumps(main(sys.argv[1], pid), default=str), flush=True)
