"""Import jobs on a real Celery worker, against the Redis on 127.0.0.1:6379: the test starts
`celery worker --pool=solo` (tests/imports/jobs_celery_worker.py: the project's app, each
confirm batch slowed a little) on a file SQLite database of its own, migrated here, and drives
imports from another process on the same database (tests/imports/jobs_celery_driver.py). A
job that completes, one cancelled mid-confirm and one whose worker is SIGKILLed mid-confirm:
nothing half-written, and the run's state says what happened; the killed job's redelivery
(acks_late) runs nothing. Every subprocess and wait is bounded; the workers are stopped at the
end, by their own process ids."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REDIS = ("127.0.0.1", 6379)
REDIS_DB = 14
CELERY = str(Path(sys.executable).with_name("celery"))


def _redis_up() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1):
            return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(not _redis_up(), reason="no Redis on 127.0.0.1:6379")


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    base = tmp_path_factory.mktemp("celery-jobs")
    queue = f"timba-import-test-{uuid.uuid4().hex[:10]}"
    redis = f"redis://{REDIS[0]}:{REDIS[1]}/{REDIS_DB}"
    out = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "CELERY_", "CACHE_", "REDIS_", "IMPORT_"))},
        "DJANGO_SETTINGS_MODULE": "timba.settings",
        "PYTHONPATH": str(ROOT),
        "SECRET_KEY": "test-only-not-a-secret",
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{base / 'jobs.sqlite3'}",
        "MEDIA_ROOT": str(base / "media"),
        "CELERY_BROKER_URL": redis,
        "CELERY_QUEUE": queue,
        "CELERY_VISIBILITY_TIMEOUT": "2",
        "REDIS_URL": f"{redis}?key_prefix={queue}",
        "IMPORT_JOB_THRESHOLD_BYTES": "0",
        "IMPORT_JOB_THRESHOLD_ROWS": "0",
        "IMPORT_CHUNK_ROWS": "5",
        "IMPORT_JOB_STALE_SECONDS": "3",
        "IMPORT_TEST_BATCH_DELAY": "0.3",
        "IMPORT_TEST_ROWS": "40",
        "API_RATE_LIMIT_TOKEN": "1000000/s",
        "API_RATE_LIMIT_ADDRESS": "1000000/s",
        "_BASE": str(base),
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=out, check=True, timeout=300, capture_output=True)
    yield out
    _forget(queue)


def _forget(queue: str) -> None:
    """The Redis keys of this run's queue and cache (its name is in each), and nothing else."""
    import redis

    client = redis.Redis(host=REDIS[0], port=REDIS[1], db=REDIS_DB, socket_timeout=5)
    for key in list(client.scan_iter(match=f"*{queue}*", count=1000)):
        client.delete(key)


class Worker:
    def __init__(self, env: dict, name: str):
        self.log = Path(env["_BASE"]) / f"{name}.log"
        self.handle = self.log.open("wb")
        self.process = subprocess.Popen(
            [CELERY, "-A", "tests.imports.jobs_celery_worker", "worker", "--pool=solo", "-Q", env["CELERY_QUEUE"], "-l", "info",
             "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"{name}-{env['CELERY_QUEUE']}@%h"],
            cwd=ROOT, env=env, stdout=self.handle, stderr=subprocess.STDOUT, start_new_session=True,
        )
        self.wait_for("ready.")

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for(self, words: str, seconds: float = 90) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if words in self.text():
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise AssertionError(f"the worker did not log {words!r}:\n{self.text()[-3000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=20)
        self.handle.close()


@pytest.fixture
def worker(env):
    started = Worker(env, f"w{uuid.uuid4().hex[:6]}")
    yield started
    started.stop()


def _drive(env: dict, scenario: str, worker: Worker) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "tests.imports.jobs_celery_driver", scenario, str(worker.process.pid)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=240,
    )
    line = next((line for line in done.stdout.splitlines() if line.startswith("RESULT ")), None)
    assert done.returncode == 0 and line, f"{done.stdout[-2000:]}\n{done.stderr[-4000:]}\n{worker.text()[-3000:]}"
    return json.loads(line.removeprefix("RESULT "))


def test_a_worker_stages_confirms_and_undoes(env, worker):
    out = _drive(env, "complete", worker)
    assert out["started"] == "queued"
    assert out["staged"]["state"] == "staged" and out["staged_total"] == out["rows"] and out["staged_errors"] == 0
    assert out["confirming"] == "applying"
    assert out["confirmed"]["state"] == "applied" and out["confirmed"]["percent"] == 100
    assert out["after_confirm"] == out["before"] + out["rows"]
    assert out["progress_seen"] == sorted(out["progress_seen"])  # rows done only grow
    assert out["undoing"] == "reverting" and out["undone"]["state"] == "reverted", json.dumps(out)
    assert out["after_undo"] == out["before"]
    assert "run_import_job" in worker.text()


@pytest.fixture
def held_worker(env):
    """A worker whose confirm holds after its first batch until it is killed."""
    started = Worker({**env, "IMPORT_TEST_HOLD_AFTER_BATCHES": "1"}, f"w{uuid.uuid4().hex[:6]}")
    yield started
    started.stop()


def test_a_cancelled_confirm_writes_nothing(env, worker):
    out = _drive(env, "cancel", worker)
    assert out["cancel"] in ("applying", "cancelled"), json.dumps(out)  # asked; the job stops before its next batch
    assert out["ended"]["state"] == "cancelled" and "nothing was written" in out["ended"]["message"]
    assert out["after"] == out["before"]


def test_a_killed_worker_leaves_nothing_half_written_and_its_run_failed(env, held_worker):
    worker = held_worker
    out = _drive(env, "kill", worker)
    assert out["midway"]["done"] > 0 and out["midway"]["done"] < out["rows"]  # it was killed mid-confirm
    worker.process.wait(timeout=30)
    assert worker.process.returncode == -signal.SIGKILL
    assert out["right_after"] == "applying"
    assert out["ended"]["state"] == "failed" and "nothing was written" in out["ended"]["message"]
    assert out["after"] == out["before"]  # the confirm's transaction died with the worker
    # acks_late: the job is delivered again, to the next worker, which does not run it twice
    again = Worker(env, f"w{uuid.uuid4().hex[:6]}")
    try:
        again.wait_for(out["job_id"], seconds=120)
        again.wait_for("'skipped'", seconds=60)
    finally:
        again.stop()
