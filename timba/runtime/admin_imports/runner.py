"""How the admin starts and follows import runs: through timba.runtime.imports.jobs when it is
there (runs as jobs, with progress), else by calling the engine in the request."""

from __future__ import annotations

import importlib

from timba.runtime.imports import engine

RUNNING = frozenset({"queued", "reading", "applying", "reverting"})  # the jobs' waiting and working states


def _jobs():
    try:
        return importlib.import_module("timba.runtime.imports.jobs")
    except ImportError:
        return None


def start_import(user, model, upload, name, *, tenant=None, sheet=None):
    jobs = _jobs()
    if jobs is not None:
        return jobs.start_import(user, model, upload, name, tenant=tenant, sheet=sheet)
    return engine.stage_file(user, model, upload, name, tenant=tenant, sheet=sheet)


def start_confirm(run, user, *, skip_errors: bool = False):
    jobs = _jobs()
    if jobs is not None:
        return jobs.start_confirm(run, user, skip_errors=skip_errors)
    return engine.confirm(run, user, skip_errors=skip_errors)


def start_undo(run, user):
    jobs = _jobs()
    if jobs is not None:
        return jobs.start_undo(run, user)
    return engine.undo(run, user)


def cancel(run, user):
    """Stop a waiting or running job (nothing is written); without jobs nothing runs to stop."""
    jobs = _jobs()
    if jobs is not None:
        return jobs.cancel(run, user)
    return run


def progress(run) -> dict:
    jobs = _jobs()
    if jobs is not None:
        return dict(jobs.progress(run))
    run.refresh_from_db()
    return {"state": run.state, "done": run.total, "total": run.total, "errors": run.errors, "message": run.message, "percent": 100}


def running(state: str) -> bool:
    return state in RUNNING
