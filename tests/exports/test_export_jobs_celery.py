"""Export jobs on a real Celery worker, against the Redis on 127.0.0.1:6379, as the import jobs'
test does it (tests/imports/test_jobs_celery.py: its environment and worker, here with
tests/exports/export_jobs_celery_worker.py, whose chunks are small and slowed): a job that
completes, its progress seen moving and its stored file equal to the streamed export of the same
rows, one cancelled mid-way and one whose worker is SIGKILLed mid-way: neither keeps a file, and
the killed job's redelivery (acks_late) runs nothing. Every subprocess and wait is bounded; the
workers are stopped by their own process ids."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import uuid

import pytest

from tests.imports import test_jobs_celery as celery_jobs

pytestmark = celery_jobs.pytestmark
ROOT = celery_jobs.ROOT


env = celery_jobs.env  # the fixture: a migrated file SQLite database, the broker and cache on Redis


class Worker(celery_jobs.Worker):
    def __init__(self, env: dict, name: str, **extra: str):
        env = {**env, "EXPORT_TEST_CHUNK_DELAY": "0.2", "EXPORT_TEST_CHUNK_ROWS": "5", **extra}
        self.log = celery_jobs.Path(env["_BASE"]) / f"{name}.log"
        self.handle = self.log.open("wb")
        self.process = subprocess.Popen(
            [celery_jobs.CELERY, "-A", "tests.exports.export_jobs_celery_worker", "worker", "--pool=solo", "-Q", env["CELERY_QUEUE"],
             "-l", "info", "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"{name}-{env['CELERY_QUEUE']}@%h"],
            cwd=ROOT, env=env, stdout=self.handle, stderr=subprocess.STDOUT, start_new_session=True,
        )
        self.wait_for("ready.")


@pytest.fixture
def worker(env):
    started = Worker(env, f"x{uuid.uuid4().hex[:6]}")
    yield started
    started.stop()


@pytest.fixture
def held_worker(env):
    """A worker whose export holds after its first chunk until it is cancelled or killed."""
    started = Worker(env, f"x{uuid.uuid4().hex[:6]}", EXPORT_TEST_HOLD_AFTER_CHUNKS="1")
    yield started
    started.stop()


def _drive(env: dict, scenario: str, worker: Worker) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "tests.exports.export_jobs_celery_driver", scenario, str(worker.process.pid)],
        cwd=ROOT, env={**env, "EXPORT_TEST_ROWS": "30"}, capture_output=True, text=True, timeout=240,
    )
    line = next((line for line in done.stdout.splitlines() if line.startswith("RESULT ")), None)
    assert done.returncode == 0 and line, f"{done.stdout[-2000:]}\n{done.stderr[-4000:]}\n{worker.text()[-3000:]}"
    return json.loads(line.removeprefix("RESULT "))


def test_a_worker_writes_the_export_with_progress(env, worker):
    out = _drive(env, "complete", worker)
    assert out["started"] == "queued"
    assert out["ended"]["state"] == "done" and out["ended"]["done"] == out["rows"] == out["ended"]["total"], json.dumps(out)
    dones = [s["done"] for s in out["seen"]]
    assert dones == sorted(dones)
    assert any(s["state"] == "running" and 0 < s["done"] < out["rows"] for s in out["seen"]), "progress seen mid-way"
    assert out["same_as_streamed"] is True
    assert "run_export_job" in worker.text()


def test_a_cancelled_export_stops_and_keeps_no_file(env, held_worker):
    out = _drive(env, "cancel", held_worker)
    assert out["cancel"] in ("running", "cancelled"), json.dumps(out)
    assert out["ended"]["state"] == "cancelled" and out["file"] == "", json.dumps(out)


def test_a_killed_worker_keeps_no_file_and_its_run_failed(env, held_worker):
    worker = held_worker
    out = _drive(env, "kill", worker)
    midway = out["seen"][-1]
    assert midway["state"] == "running" and 0 < midway["done"] < out["rows"], json.dumps(out)  # killed mid-way
    worker.process.wait(timeout=30)
    assert worker.process.returncode == -signal.SIGKILL
    assert out["right_after"] == "running"
    assert out["ended"]["state"] == "failed" and "lost" in out["ended"]["message"] and out["file"] == "", json.dumps(out)
    # acks_late: the job is delivered again, to the next worker, which does not run it twice
    again = Worker(env, f"x{uuid.uuid4().hex[:6]}")
    try:
        again.wait_for(out["job_id"], seconds=120)
        again.wait_for("'skipped'", seconds=60)
    finally:
        again.stop()
