"""The app that owns the import runs: one row per import (staged, applied, reverted...) and one
child row per spreadsheet row, so that a preview is confirmed, and a confirmed import undone,
from what was staged, without the file."""

from django.apps import AppConfig


class ImportRunsConfig(AppConfig):
    name = "timba.import_runs"
    label = "import_runs"
    verbose_name = "Import runs"
    default_auto_field = "django.db.models.BigAutoField"
