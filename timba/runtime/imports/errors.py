"""The one exception a bad file raises: a message for the person who uploaded it, never a
traceback, and the HTTP status the caller answers with (413 for a file over the size limit,
415 for a format the import does not read, 400 otherwise)."""

from __future__ import annotations


class ImportFileError(Exception):
    """The file cannot be imported at all; nothing was written. `message` is for a clerk."""

    def __init__(self, message: str, *, status: int = 400, code: str = "invalid_file"):
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code

    def __str__(self) -> str:
        return self.message
