"""`manage.py wait_for_db`: retries until the database answers, fails after --timeout."""

from contextlib import nullcontext

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError

from timba.management.commands import wait_for_db


class FakeConnection:
    """A connection that refuses the first `failures` attempts."""

    def __init__(self, failures: int):
        self.failures = failures
        self.attempts = 0
        self.closed = 0

    def ensure_connection(self):
        self.attempts += 1
        if self.attempts <= self.failures:
            raise OperationalError("connection refused")

    def cursor(self):
        return nullcontext(type("Cursor", (), {"execute": lambda self, sql: None})())

    def close(self):
        self.closed += 1


def _with(monkeypatch, connection):
    monkeypatch.setattr(wait_for_db, "connections", {"default": connection})
    return connection


def test_it_returns_once_the_database_answers(db, capsys):
    call_command("wait_for_db", "--timeout", "5")  # the real test database
    assert "is up (attempt 1)" in capsys.readouterr().out


def test_it_retries_until_the_database_answers(monkeypatch, capsys):
    connection = _with(monkeypatch, FakeConnection(failures=2))
    call_command("wait_for_db", "--timeout", "30", "--interval", "0.01")
    out = capsys.readouterr()
    assert connection.attempts == 3 and "is up (attempt 3)" in out.out
    assert "connection refused" in out.err
    assert connection.closed >= 2  # a failed connection is not kept


def test_it_fails_after_the_timeout(monkeypatch):
    connection = _with(monkeypatch, FakeConnection(failures=10**9))
    with pytest.raises(CommandError, match="did not answer within 0.05 s: connection refused"):
        call_command("wait_for_db", "--timeout", "0.05", "--interval", "0.01")
    assert connection.attempts >= 2
