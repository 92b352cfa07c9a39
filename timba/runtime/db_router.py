"""Reads from a read replica, writes to the primary: installed by timba/settings.py when
DATABASE_REPLICA_URL is set (the `replica` database beside `default`, the primary).

`PrimaryReplicaRouter` sends a read to `replica` unless one of these holds, then to `default`:
- the request has written (a `db_for_write` of a model not below): it reads its own writes
  from the primary for the rest of the request, and its answer sets the `timba_primary` cookie,
  so the same client's next requests read from the primary too for REPLICA_PIN_SECONDS
  (default 10; a client without cookies, such as most API clients, gets read-your-writes within
  a request only);
- a transaction is open on the primary (an atomic block reads what it may then write);
- the model is one authentication depends on (tokens, sessions, axes' lockouts): a revoked
  token or a fresh one must be seen at once, whatever the replica's lag;
- the replica is unreachable: each request checks it once (the same ping CONN_HEALTH_CHECKS
  makes, then a connect with the replica's short connect timeout); a failure marks it down for
  REPLICA_RETRY_SECONDS (default 5) in this process, so a stopped replica costs one connect
  timeout per process every few seconds, not one per request. A replica that dies during a
  request fails that request's next query on it: a 503 (timba/runtime/unavailable.py).

`ReplicaRequestMiddleware` holds the per-request state (a context variable), first in the stack.
Migrations run on the primary only: the replica gets the schema by replication.
"""

from __future__ import annotations

import logging
import time
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger("timba.db")

REPLICA = "replica"
PIN_COOKIE = "timba_primary"
PRIMARY_ONLY_APPS = {"tokens", "sessions", "axes"}


@dataclass
class RequestState:
    pinned: bool = False  # the pin cookie came in: this client wrote moments ago
    wrote: bool = False
    replica_ok: bool | None = None  # checked once per request


_request: ContextVar[RequestState | None] = ContextVar("timba_db_request", default=None)
_down_until = 0.0  # monotonic time before which this process takes the replica as down


def pin_seconds() -> int:
    return getattr(settings, "REPLICA_PIN_SECONDS", 10)


def retry_seconds() -> float:
    return getattr(settings, "REPLICA_RETRY_SECONDS", 5)


def mark_replica_down() -> None:
    global _down_until
    _down_until = time.monotonic() + retry_seconds()


def _probe() -> bool:
    connection = connections[REPLICA]
    try:
        connection.close_if_health_check_failed()
        connection.ensure_connection()
        return True
    except DatabaseError as exc:
        logger.warning("read replica unreachable, reading from the primary for %ss: %s", retry_seconds(), exc)
        connection.close()
        return False


def replica_usable() -> bool:
    """Whether reads may go to the replica now (checked once per request, see the module)."""
    if time.monotonic() < _down_until:
        return False
    state = _request.get()
    if state is not None and state.replica_ok is not None:
        return state.replica_ok
    ok = _probe()
    if not ok:
        mark_replica_down()
    if state is not None:
        state.replica_ok = ok
    return ok


def reads_from_primary() -> bool:
    state = _request.get()
    return (state is not None and (state.pinned or state.wrote)) or connections[DEFAULT_DB_ALIAS].in_atomic_block


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if model._meta.app_label in PRIMARY_ONLY_APPS or reads_from_primary() or not replica_usable():
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints):
        state = _request.get()
        if state is not None and model._meta.app_label not in PRIMARY_ONLY_APPS:
            state.wrote = True  # (the primary-only models are read from the primary anyway)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        databases = {DEFAULT_DB_ALIAS, REPLICA}
        if obj1._state.db in databases and obj2._state.db in databases:
            return True  # the same data, whichever copy it was read from
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


class ReplicaRequestMiddleware:
    """Per-request router state; the pin cookie read in and set out (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        state = RequestState(pinned=PIN_COOKIE in request.COOKIES)
        token = _request.set(state)
        try:
            response = self.get_response(request)
        finally:
            _request.reset(token)
        if state.wrote and pin_seconds() > 0:
            response.set_cookie(PIN_COOKIE, "1", max_age=pin_seconds(), httponly=True, samesite="Lax",
                                secure=request.is_secure())
        return response
