"""The import engine's API, for the admin, the API's jobs and the CLI:

    run = stage_file(user, Log, upload, upload.name, tenant=None)    # the preview, staged
    preview(run)                       # counts, mapping, samples (old → new), errors by kind
    error_file(run)                    # (bytes, content type, name): the rows with an Errors column
    confirm(run, user, skip_errors=False)                            # one transaction
    import_file(user, Log, upload, upload.name, skip_errors=False)  # no preview: checked and written in one pass
    undo(run, user)                    # within IMPORT_UNDO_RETENTION

Each long step takes `on_progress(done, total, errors)` and stage/confirm a `cancelled()`
check, so a job runner can drive and stop them. Refusals are timba.runtime.imports.refusals'
exceptions (a clerk's `message`), a bad file is an ImportFileError, a permission a Problem.
"""

from timba.runtime.imports.apply import confirm
from timba.runtime.imports.direct import import_file
from timba.runtime.imports.error_file import error_file
from timba.runtime.imports.refusals import (
    ImportCancelled,
    ImportRefused,
    RowsHaveErrors,
    StaleImport,
    UndoRefused,
)
from timba.runtime.imports.staging import error_groups, preview, restage, stage, stage_file
from timba.runtime.imports.undo import undo, undoable

__all__ = [
    "ImportCancelled", "ImportRefused", "RowsHaveErrors", "StaleImport", "UndoRefused",
    "confirm", "error_file", "error_groups", "import_file", "preview", "restage", "stage", "stage_file", "undo", "undoable",
]
