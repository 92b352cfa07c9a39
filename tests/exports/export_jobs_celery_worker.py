"""The Celery app of tests/exports/test_export_jobs_celery.py's worker: the project's own
(timba.celery, its tasks autodiscovered), each chunk of an export slowed by
EXPORT_TEST_CHUNK_DELAY seconds and EXPORT_TEST_CHUNK_ROWS rows long, so that the test sees the
progress move and can cancel in the middle."""

import os
import time

from celery.signals import task_prerun

from timba.celery import app

__all__ = ["app"]
DELAY = float(os.environ.get("EXPORT_TEST_CHUNK_DELAY") or 0)
ROWS = int(os.environ.get("EXPORT_TEST_CHUNK_ROWS") or 0)


@task_prerun.connect
def _slow_chunks(**_kwargs):
    from timba.runtime.exports import chunks, jobs

    if ROWS:
        chunks.CHUNK_SIZE = ROWS
    if DELAY and not getattr(jobs._report, "slowed", False):
        original = jobs._report

        def slowed(run, done, total):
            original(run, done, total)
            time.sleep(DELAY)

        slowed.slowed = True
        jobs._report = slowed
