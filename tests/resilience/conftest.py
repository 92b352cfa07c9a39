"""Fixtures of the resilience tests (marked `resilience`): a MariaDB server of their own on a spare
port (skipped, with the reason, where none can be started), the app migrated into it and served
by gunicorn, load from a second process, and the figures they report, printed and written to
var/resilience/figures.json."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from app_server import DATABASE, ROOT, Gunicorn, app_environment, prepare  # noqa: E402
from mariadb_server import MariaDB, die_with_parent, missing  # noqa: E402

FIGURES = ROOT / "var" / "resilience" / "figures.json"


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(HERE):
            item.add_marker(pytest.mark.resilience)


@pytest.fixture(scope="session")
def primary(tmp_path_factory):
    """The primary database server, with a binary log (a replica can start from it)."""
    reason = missing()
    if reason:
        pytest.skip(f"resilience tests need a MariaDB server to start: {reason}")
    server = MariaDB(tmp_path_factory.mktemp("primary"), server_id=1, log_bin=True)
    try:
        server.start()
        server.query(f"CREATE DATABASE {DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
        yield server
    finally:
        server.destroy()


class App:
    def __init__(self, env: dict, token: str):
        self.env, self.token = env, token


@pytest.fixture(scope="session")
def app(primary) -> App:
    env = app_environment(primary.url(DATABASE))
    return App(env, prepare(env))


@pytest.fixture
def serve(app, tmp_path):
    """serve(**env) starts gunicorn (with these extra environment variables); stopped at the end."""
    servers = []

    def start(**extra) -> Gunicorn:
        server = Gunicorn({**app.env, **extra}, tmp_path / f"gunicorn{len(servers)}")
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


class Load:
    """A load_generator.py process; `results()` waits for it (bounded) and reads its records."""

    def __init__(self, directory: Path, port: int, token: str, paths: list[str], *, threads: int, seconds: float,
                 max_requests: int, timeout: float):
        directory.mkdir(parents=True, exist_ok=True)
        self.out = directory / "load.json"
        self.stop_file = directory / "stop"
        self.seconds, self.timeout = seconds, timeout
        self.process = subprocess.Popen([
            sys.executable, str(HERE / "load_generator.py"), "--port", str(port), "--token", token,
            "--paths", ",".join(paths), "--threads", str(threads), "--seconds", str(seconds),
            "--max-requests", str(max_requests), "--timeout", str(timeout), "--out", str(self.out),
            "--stop-file", str(self.stop_file),
        ], preexec_fn=die_with_parent)

    def stop(self) -> None:
        self.stop_file.touch()

    def results(self) -> list[list]:
        self.process.wait(timeout=self.seconds + self.timeout + 30)
        assert self.process.returncode == 0, "the load generator failed"
        return json.loads(self.out.read_text())

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def load(app, tmp_path):
    """load(port, paths, seconds=..., threads=..., max_requests=...) starts the load process."""
    runs = []

    def start(port: int, paths: list[str], *, threads: int = 4, seconds: float = 8, max_requests: int = 5000,
              timeout: float = 15) -> Load:
        run = Load(tmp_path / f"load{len(runs)}", port, app.token, paths, threads=threads, seconds=seconds,
                   max_requests=max_requests, timeout=timeout)
        runs.append(run)
        return run

    yield start
    for run in runs:
        run.kill()


@pytest.fixture
def record():
    """record(scenario, figures): printed, and merged into var/resilience/figures.json."""

    def write(scenario: str, figures: dict) -> None:
        print(f"\n[resilience] {scenario}: {json.dumps(figures)}")
        FIGURES.parent.mkdir(parents=True, exist_ok=True)
        try:
            known = json.loads(FIGURES.read_text())
        except (OSError, ValueError):
            known = {}
        known[scenario] = {**figures, "recorded_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        FIGURES.write_text(json.dumps(known, indent=2, sort_keys=True) + "\n")

    return write
