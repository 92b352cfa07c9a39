"""Structured logs: `JsonFormatter` writes each record as one JSON object per line.

Every line has `time` (ISO 8601 UTC), `level`, `logger`, `message` and `process`, the
`request_id` of the request being served (timba.runtime.request_id) when there is one, the
exception as `exc_info` text when one is logged, and any `extra={...}` the caller passed.
gunicorn's access records (logger `gunicorn.access`, whose argument is gunicorn's dict of
"atoms") become `method`, `path`, `query`, `status`, `bytes`, `duration_ms`, `remote`,
`user_agent`, `referer` and the response's `request_id` instead of a formatted line.
Used by settings.LOGGING (LOG_FORMAT=json) and by deploy/gunicorn.conf.py; imports no Django.
"""

import json
import logging
from datetime import UTC, datetime

from timba.runtime import request_id

# The attributes every LogRecord has; anything else on a record came from `extra=`.
STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "taskName"}
ACCESS_FIELDS = {  # gunicorn atom -> JSON key
    "m": "method",
    "U": "path",
    "q": "query",
    "s": "status",
    "B": "bytes",
    "M": "duration_ms",
    "h": "remote",
    "a": "user_agent",
    "f": "referer",
    "H": "protocol",
}


def _access(atoms) -> dict:
    """gunicorn's SafeAtoms escape `"` as `\\"` for its text format; undo it, JSON escapes itself."""
    out = {}
    for atom, key in ACCESS_FIELDS.items():
        value = dict.get(atoms, atom)
        if isinstance(value, str):
            value = value.replace('\\"', '"')
        if value not in (None, "", "-"):
            out[key] = value
    if isinstance(out.get("status"), str) and out["status"].isdigit():
        out["status"] = int(out["status"])
    rid = dict.get(atoms, "{x-request-id}o") or dict.get(atoms, "{x-request-id}i")
    if rid:
        out["request_id"] = rid
    return out


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "process": record.process,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            entry["message"] = "request"
            entry.update(_access(record.args))
        else:
            entry["message"] = record.getMessage()
            current = request_id.current()
            if current:
                entry["request_id"] = current
        for key, value in vars(record).items():
            if key not in STANDARD and key not in entry and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exc_info"] = record.exc_text
        if record.stack_info:
            entry["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str, ensure_ascii=False)
