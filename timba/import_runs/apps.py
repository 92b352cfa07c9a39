"""The app that owns the import runs: one row per import (staged, applied, reverted...) and one
child row per spreadsheet row, so that a preview is confirmed, and a confirmed import undone,
from what was staged, without the file; and the export runs, one per export written by a job."""

from django.apps import AppConfig


class ImportRunsConfig(AppConfig):
    name = "timba.import_runs"
    label = "import_runs"
    verbose_name = "Imports and exports"
    default_auto_field = "django.db.models.BigAutoField"
