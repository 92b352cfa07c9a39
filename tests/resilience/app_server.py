"""The app as production runs it, on this machine: `manage.py migrate` against a database, then
gunicorn with deploy/gunicorn.conf.py (gthread workers) on a spare loopback port, under the
production profile (TIMBA_ENV=production; only the HTTPS redirect off: plain HTTP on loopback).

`app_environment(database_url)` is the environment every process gets; `prepare(env)` migrates
and returns a bearer token of a superuser; `Gunicorn(env, log_dir)` starts the server and waits
until it answers, knows its master and worker pids, and is always stopped by `stop()`.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

from mariadb_server import die_with_parent, free_port

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
GUNICORN = Path(sys.executable).with_name("gunicorn")
USERNAME = "resilience"
DATABASE = "timba_resilience"  # on the tests' own server, never the shared one
CONSIGNMENTS = "/api/v1/consignments?limit=5"  # authenticated, reads the database (token, rows, count)
BOOT_TIMEOUT = 60
STOP_TIMEOUT = 60


LOCAL = {"CACHE_URL", "REDIS_URL", "WEB_CONCURRENCY", "HOST", "PORT"}  # the caller's, not the tests' servers'


def app_environment(database_url: str, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DJANGO_", "PYTEST_", "GUNICORN_", "DATABASE_", "CELERY_", "SECURE_")) and k not in LOCAL}
    env.update({
        "DJANGO_SETTINGS_MODULE": "timba.settings",
        "TIMBA_ENV": "production",
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback, no TLS proxy in front
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "DATABASE_CONNECT_TIMEOUT": "3",
        "API_RATE_LIMIT_TOKEN": "off",  # the load is far above the production limits
        "API_RATE_LIMIT_ADDRESS": "off",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    })
    env.update(extra)
    return env


def manage(env: dict, *args: str, timeout: int = 300, **extra: str) -> str:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**env, **extra},
                            capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    return result.stdout


def prepare(env: dict) -> str:
    """Migrate, create a superuser and return a bearer token of theirs."""
    manage(env, "migrate", "--noinput")
    manage(env, "createsuperuser", "--noinput", "--username", USERNAME, "--email", "resilience@example.com",
           DJANGO_SUPERUSER_PASSWORD=secrets.token_urlsafe(16))
    return manage(env, "issue_token", USERNAME).strip().splitlines()[-1]


def request(port: int, method: str, path: str, *, token: str | None = None, body=None, headers=None,
            timeout: float = 15) -> tuple[int, dict, bytes]:
    """(status, lower-cased headers, body) of one request on a fresh connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        sent = dict(headers or {})
        if token:
            sent["Authorization"] = f"Bearer {token}"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            sent["Content-Type"] = "application/json"
        connection.request(method, path, body=data, headers=sent)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def wait_for(condition, seconds: float = 30):
    """`condition()` once true, polled for at most `seconds`; its last value otherwise."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    return condition()


def health_path(port: int) -> str:
    """/healthz where the app has it, else the API's health route."""
    try:
        status, _, _ = request(port, "GET", "/healthz", timeout=5)
    except OSError:
        status = None
    return "/healthz" if status == 200 else "/api/v1/health"


def recovered(port: int, token: str, path: str = CONSIGNMENTS, *, streak: int = 20, seconds: float = 60):
    """The time (time.time()) of the first of `streak` consecutive 200s on `path`, polled for at
    most `seconds`; None when that never happened."""
    run, first = 0, None
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and run < streak:
        sent = time.time()
        try:
            status = request(port, "GET", path, token=token)[0]
        except OSError:
            status = None
        if status == 200:
            run, first = run + 1, first or sent
        else:
            run, first = 0, None
            time.sleep(0.05)
    return first if run >= streak else None


def children(pid: int) -> set[int]:
    try:
        return {int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}
    except OSError:
        return set()


def alive(pid: int) -> bool:
    """Running and not a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


class Gunicorn:
    def __init__(self, env: dict, log_dir: Path, *, workers: int = 2, threads: int = 4, graceful_timeout: int = 20):
        self.port = free_port()
        self.log_dir = Path(log_dir)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.env = {**env, "HOST": "127.0.0.1", "PORT": str(self.port), "WEB_CONCURRENCY": str(workers),
                    "GUNICORN_THREADS": str(threads), "GUNICORN_MAX_REQUESTS": "0",  # no recycling: pids must mean something
                    "GUNICORN_GRACEFUL_TIMEOUT": str(graceful_timeout), "GUNICORN_TIMEOUT": "30"}
        if CONFIG.exists():
            args = [str(GUNICORN), "-c", str(CONFIG), "timba.wsgi"]
        else:  # the production config is not there yet: the same shape by hand
            args = [str(GUNICORN), "timba.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers),
                    "--worker-class", "gthread", "--threads", str(threads), "--graceful-timeout", str(graceful_timeout)]
        self.stdout = open(self.log_dir / "gunicorn.out", "ab")
        self.stderr = open(self.log_dir / "gunicorn.err", "ab")
        self.process = subprocess.Popen(args, cwd=ROOT, env=self.env, stdout=self.stdout, stderr=self.stderr,
                                        preexec_fn=die_with_parent)
        self.pid = self.process.pid
        self._wait_ready(workers)

    def _wait_ready(self, workers: int) -> None:
        deadline = time.monotonic() + BOOT_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}: {self.log_tail()}")
            try:
                status, _, _ = request(self.port, "GET", "/api/v1/health", timeout=5)
                if status == 200 and len(self.workers()) >= workers:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer within {BOOT_TIMEOUT}s: {self.log_tail()}")

    def workers(self) -> set[int]:
        return {pid for pid in children(self.pid) if alive(pid)}

    def running(self) -> bool:
        return self.process.poll() is None

    def log_tail(self, size: int = 3000) -> str:
        self.stderr.flush()
        return (self.log_dir / "gunicorn.err").read_text(errors="replace")[-size:]

    def terminate(self, timeout: float = STOP_TIMEOUT) -> int:
        """SIGTERM (gunicorn's graceful shutdown); the exit code."""
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        finally:
            self.stop()

    def stop(self) -> None:
        """Always leaves nothing running: SIGTERM, then SIGKILL to the master and its workers."""
        if self.process.poll() is None:
            workers = children(self.pid)
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=STOP_TIMEOUT)
            for pid in workers:
                if alive(pid):
                    os.kill(pid, signal.SIGKILL)
        for stream in (self.stdout, self.stderr):
            if not stream.closed:
                stream.close()
