"""Why an import run stops, each with a message for the person who asked: the rows have errors
(all-or-nothing), the data changed since the preview (preview again), the run was cancelled,
or an undo cannot restore what the run wrote."""

from __future__ import annotations


class ImportRefused(Exception):
    status = 409

    def __init__(self, message: str, *, run=None, rows: list | None = None):
        super().__init__(message)
        self.message, self.run, self.rows = message, run, rows or []

    def __str__(self) -> str:
        return self.message


class RowsHaveErrors(ImportRefused):
    """All-or-nothing: some rows have errors, so nothing was written."""

    status = 422


class StaleImport(ImportRefused):
    """The database changed since the preview so that the result would differ: nothing was
    written, and the run was staged again (a new preview)."""


class ImportCancelled(ImportRefused):
    """The run was cancelled (its cancellation check said so); nothing was written."""


class UndoRefused(ImportRefused):
    """The run cannot be undone: too late, not applied, or rows it wrote were changed since."""
