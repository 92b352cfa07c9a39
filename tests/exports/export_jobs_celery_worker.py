"""The Celery app of tests/exports/test_export_jobs_celery.py's worker: the project's own
(timba.celery, its tasks autodiscovered), each chunk of an export slowed by
EXPORT_TEST_CHUNK_DELAY seconds and EXPORT_TEST_CHUNK_ROWS rows long, so that the test sees the
progress move and can cancel in the middle; with EXPORT_TEST_HOLD_AFTER_CHUNKS, a job holds after
that many chunks until its cancel is asked or the worker is killed (mid-way on any machine)."""

import os
import time

from celery.signals import task_prerun

from timba.celery import app

__all__ = ["app"]
DELAY = float(os.environ.get("EXPORT_TEST_CHUNK_DELAY") or 0)
ROWS = int(os.environ.get("EXPORT_TEST_CHUNK_ROWS") or 0)
HOLD_AFTER = int(os.environ.get("EXPORT_TEST_HOLD_AFTER_CHUNKS") or 0)
HOLD_SECONDS = 120


@task_prerun.connect
def _slow_chunks(**_kwargs):
    from timba.runtime.exports import chunks, jobs

    if ROWS:
        chunks.CHUNK_SIZE = ROWS
    if DELAY and not getattr(jobs._report, "slowed", False):
        original = jobs._report
        chunks_done = []

        def slowed(run, done, total):
            original(run, done, total)
            if done:
                chunks_done.append(1)
            if HOLD_AFTER and done and len(chunks_done) == HOLD_AFTER:
                _hold(run)
            time.sleep(DELAY)

        slowed.slowed = True
        jobs._report = slowed


def _hold(run) -> None:
    """Until the test cancels this export (the next chunk sees it) or kills this worker."""
    from django.utils import timezone

    from timba.import_runs.models import ExportRun

    end = time.monotonic() + HOLD_SECONDS
    while time.monotonic() < end and not ExportRun.objects.filter(pk=run.pk, cancel_requested=True).exists():
        ExportRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now())  # alive, only waiting
        time.sleep(0.1)
