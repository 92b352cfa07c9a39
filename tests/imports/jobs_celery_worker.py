"""The Celery app of tests/imports/test_jobs_celery.py's worker: the project's own
(timba.celery, its tasks autodiscovered), each batch of a confirm slowed by
IMPORT_TEST_BATCH_DELAY seconds so that the test can stop the worker in the middle of one; with
IMPORT_TEST_HOLD_AFTER_BATCHES, a confirm holds after that many batches until the worker is killed
(however slow the machine, the kill then lands mid-confirm)."""

import os
import time

from celery.signals import task_prerun

from timba.celery import app

__all__ = ["app"]
DELAY = float(os.environ.get("IMPORT_TEST_BATCH_DELAY") or 0)
HOLD_AFTER = int(os.environ.get("IMPORT_TEST_HOLD_AFTER_BATCHES") or 0)
HOLD_SECONDS = 120


@task_prerun.connect
def _slow_batches(**_kwargs):
    from timba.runtime.imports import apply

    if DELAY and not getattr(apply._apply, "slowed", False):
        original = apply._apply
        batches = []

        def slowed(ctx, batch):
            batches.append(1)
            if HOLD_AFTER and len(batches) > HOLD_AFTER:
                _hold()
            time.sleep(DELAY)
            return original(ctx, batch)

        slowed.slowed = True
        apply._apply = slowed


def _hold() -> None:
    """Until the test kills this worker (the confirm's transaction stays open meanwhile)."""
    time.sleep(HOLD_SECONDS)
