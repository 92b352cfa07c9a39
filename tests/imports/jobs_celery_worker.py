"""The Celery app of tests/imports/test_jobs_celery.py's worker: the project's own
(timba.celery, its tasks autodiscovered), each batch of a confirm slowed by
IMPORT_TEST_BATCH_DELAY seconds so that the test can stop the worker in the middle of one."""

import os
import time

from celery.signals import task_prerun

from timba.celery import app

__all__ = ["app"]
DELAY = float(os.environ.get("IMPORT_TEST_BATCH_DELAY") or 0)


@task_prerun.connect
def _slow_batches(**_kwargs):
    from timba.runtime.imports import apply

    if DELAY and not getattr(apply._apply, "slowed", False):
        original = apply._apply

        def slowed(ctx, batch):
            time.sleep(DELAY)
            return original(ctx, batch)

        slowed.slowed = True
        apply._apply = slowed
