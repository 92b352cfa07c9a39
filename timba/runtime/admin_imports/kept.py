"""The file of a refused upload, kept server-side so that the next attempt (another client, another
sheet) need not choose it again: a browser cannot refill a file input. One file per user session
and resource, in IMPORT_KEPT_DIR (default var/import_uploads), replaced by the next upload and
removed once a run is staged from it; files left by abandoned sessions go after a day."""

from __future__ import annotations

import secrets
import time
from pathlib import Path

from django.conf import settings
from django.core.files import File

SESSION_KEY = "timba_import_kept"
MAX_AGE = 24 * 3600


def _dir() -> Path:
    path = Path(getattr(settings, "IMPORT_KEPT_DIR", Path(settings.VAR_DIR) / "import_uploads"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def _entries(request) -> dict:
    return dict(request.session.get(SESSION_KEY, {}))


def keep(request, resource: str, upload) -> dict:
    forget(request, resource)
    _sweep()
    token = secrets.token_hex(16)
    with open(_dir() / token, "wb") as fh:
        upload.seek(0)
        for chunk in upload.chunks() if hasattr(upload, "chunks") else [upload.read()]:
            fh.write(chunk)
    entry = {"token": token, "name": str(getattr(upload, "name", "") or "upload")[:255]}
    entries = _entries(request)
    entries[resource] = entry
    request.session[SESSION_KEY] = entries
    return entry


def kept(request, resource: str) -> dict | None:
    entry = _entries(request).get(resource)
    if entry and (_dir() / entry["token"]).is_file():
        return entry
    return None


def open_kept(entry: dict) -> File:
    return File(open(_dir() / entry["token"], "rb"), name=entry["name"])


def forget(request, resource: str) -> None:
    entries = _entries(request)
    entry = entries.pop(resource, None)
    if entry is None:
        return
    (_dir() / entry["token"]).unlink(missing_ok=True)
    request.session[SESSION_KEY] = entries


def _sweep() -> None:
    cutoff = time.time() - MAX_AGE
    for path in _dir().iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
        except OSError:
            continue
