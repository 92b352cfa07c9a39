"""deploy/entrypoint.sh as `make serve` and the container run it: on SQLite in a temporary
directory, under the production profile, it migrates, collects static files and serves
gunicorn; /healthz and /readyz answer over plain HTTP while other paths redirect to HTTPS,
access logs are JSON with the request id, and SIGTERM ends it cleanly."""

import json
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.deploy.environment import ROOT, clean_environ, free_port, production_key

ENTRYPOINT = ROOT / "deploy" / "entrypoint.sh"
START_DEADLINE = 90  # seconds: a bound on a hang, not a timing assertion
STOP_DEADLINE = 30


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def _get(url: str, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with OPENER.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def server(tmp_path: Path):
    port = free_port()
    env = clean_environ(
        TIMBA_ENV="production",
        SECRET_KEY=production_key(),
        ALLOWED_HOSTS="timba.example.com",
        DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        HOST="127.0.0.1",
        PORT=str(port),
        WEB_CONCURRENCY="1",
        GUNICORN_THREADS="2",
        GUNICORN_GRACEFUL_TIMEOUT="10",
        DB_WAIT_TIMEOUT="10",
        PYTHON=sys.executable,
    )
    stdout, stderr = (tmp_path / "stdout.log").open("w+"), (tmp_path / "stderr.log").open("w+")
    process = subprocess.Popen([str(ENTRYPOINT)], cwd=tmp_path, env=env, stdout=stdout, stderr=stderr)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_DEADLINE
        while True:
            assert process.poll() is None, f"entrypoint exited early:\n{(tmp_path / 'stderr.log').read_text()}"
            try:
                if _get(base + "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn never answered /healthz"
            time.sleep(0.2)
        yield process, base, tmp_path
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=STOP_DEADLINE)
        stdout.close()
        stderr.close()


def test_entrypoint_serves_then_stops_cleanly_on_sigterm(server):
    process, base, tmp_path = server

    status, headers, body = _get(base + "/healthz", **{"X-Request-ID": "entrypoint-test-1"})
    assert status == 200 and json.loads(body) == {"status": "ok"}
    assert headers["X-Request-ID"] == "entrypoint-test-1"

    status, _, body = _get(base + "/readyz")  # migrated by the entrypoint
    assert status == 200, body
    assert json.loads(body)["checks"]["migrations"] == "ok"

    status, headers, _ = _get(base + "/admin/login/", Host="timba.example.com")
    assert status == 301 and headers["Location"].startswith("https://timba.example.com/")

    # collectstatic ran with the manifest storage: hashed, compressed files
    static = tmp_path / "static"
    assert (static / "staticfiles.json").is_file()
    assert list(static.glob("admin/css/base.*.css.gz"))

    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=STOP_DEADLINE) == 0

    access = [json.loads(line) for line in (tmp_path / "stdout.log").read_text().splitlines() if line.startswith("{")]
    health = [entry for entry in access if entry.get("request_id") == "entrypoint-test-1"]
    assert health and health[0]["path"] == "/healthz" and health[0]["status"] == 200
    errors = (tmp_path / "stderr.log").read_text()
    lines = [json.loads(line) for line in errors.splitlines() if line.startswith('{"time"')]
    assert any(line["message"] == "Shutting down: Master" for line in lines), errors
    assert all(line["level"] in ("INFO", "DEBUG") for line in lines), errors
