"""Settings from the environment: without DEBUG the app refuses to serve without SECRET_KEY,
while key-free tooling (makemigrations --check) still runs."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str, **env):
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120)


def test_wsgi_refuses_to_start_without_a_secret_key():
    result = _run("import timba.wsgi")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_wsgi_starts_with_a_secret_key():
    result = _run("import timba.wsgi", SECRET_KEY="from-the-environment")
    assert result.returncode == 0, result.stderr


def test_tooling_runs_without_a_secret_key():
    result = _run("import sys; sys.argv = ['manage.py', 'makemigrations', '--check', '--dry-run']; exec(open('manage.py').read())")
    assert result.returncode == 0, result.stderr
