"""ImportRun and ImportRow: what timba.runtime.imports stages, confirms and undoes; ExportRun: a
large export run as a job (timba.runtime.exports.jobs).

A run names its resource by the model's class name and its tenant by id (the tenant model is
the spec's, so no foreign key to it here). Its rows keep the cells as read (for the error file
and for staging again without the file), the classification of the preview (action, errors, the
old → new values of an update) and what confirm and undo need: the values to write (references
resolved to ids), the stored row they change or created (`target`), the version of that row
(a fingerprint of its columns) when it was previewed and once the run wrote it, and the
previous values an undo restores.
"""

from django.conf import settings
from django.db import models


class ImportRun(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued"  # a staging job waiting for a worker
        READING = "reading"  # a staging job reading and classifying the file
        STAGED = "staged"
        APPLYING = "applying"  # a confirm, queued or running
        APPLIED = "applied"
        FAILED = "failed"
        CANCELLED = "cancelled"
        REVERTING = "reverting"  # an undo, queued or running
        REVERTED = "reverted"

    resource = models.CharField(max_length=100, db_index=True)
    tenant_id = models.BigIntegerField(null=True, blank=True, db_index=True, help_text="Empty for platform staff importing across tenants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="import_runs")
    file_name = models.CharField(max_length=255, blank=True, default="")
    format = models.CharField(max_length=10, blank=True, default="")
    state = models.CharField(max_length=10, choices=State.choices, default=State.STAGED, db_index=True)
    headings = models.JSONField(default=list, help_text="The header row as read")
    header_row = models.PositiveIntegerField(default=1)
    number_convention = models.CharField(max_length=5, default="point")
    mapping = models.JSONField(default=dict, help_text="Which column went to which field, which were ignored")
    total = models.PositiveIntegerField(default=0)
    new = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    errors = models.PositiveIntegerField(default=0)
    skip_errors = models.BooleanField(default=False)
    dry_run = models.BooleanField(default=False, help_text="A preview only: it is never confirmed")
    message = models.TextField(blank=True, default="", help_text="Why the run failed or was refused")
    created_at = models.DateTimeField(auto_now_add=True)
    staged_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    reverted_at = models.DateTimeField(null=True, blank=True)
    # the job that drives the run (timba.runtime.imports.jobs): the stored upload, its progress
    source = models.CharField(max_length=500, blank=True, default="", help_text="The uploaded file in the default storage")
    sheet = models.CharField(max_length=255, blank=True, default="")
    job_id = models.CharField(max_length=64, blank=True, default="", db_index=True)
    job_kind = models.CharField(max_length=10, blank=True, default="", help_text="stage, confirm or undo")
    job_started_at = models.DateTimeField(null=True, blank=True, help_text="When a worker took the job")
    cancel_requested = models.BooleanField(default=False)
    heartbeat_at = models.DateTimeField(null=True, blank=True, help_text="The job's last sign of life")
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(null=True, blank=True)
    progress_errors = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "import run"

    def __str__(self):
        return f"{self.resource} import {self.pk} ({self.state})"

    @property
    def counts(self) -> dict:
        return {"new": self.new, "updated": self.updated, "unchanged": self.unchanged, "errors": self.errors}


class ImportRow(models.Model):
    class Action(models.TextChoices):
        NEW = "new"
        UPDATED = "updated"
        UNCHANGED = "unchanged"
        ERROR = "error"

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="rows")
    number = models.PositiveIntegerField(help_text="The spreadsheet's row number")
    cells = models.JSONField(default=list, help_text="The row as read")
    action = models.CharField(max_length=10, choices=Action.choices, default=Action.ERROR)
    data = models.JSONField(default=dict, help_text="The values to write, references as ids")
    errors = models.JSONField(default=list)
    changes = models.JSONField(default=dict, help_text="field: [old, new] of an update, as shown")
    previous = models.JSONField(default=dict, help_text="The changed columns' values before the update (undo)")
    target = models.BigIntegerField(null=True, blank=True, help_text="The stored row it changes or created")
    version = models.CharField(max_length=32, blank=True, default="", help_text="The stored row's fingerprint: previewed, then written")

    class Meta:
        ordering = ["run", "number"]
        constraints = [models.UniqueConstraint(fields=["run", "number"], name="import_row_run_number_uniq")]
        indexes = [models.Index(fields=["run", "action"], name="import_row_run_action_idx")]

    def __str__(self):
        return f"row {self.number}: {self.action}"


class ExportRun(models.Model):
    """A large export run as a job (timba.runtime.exports.jobs): the rows it writes are the
    queryset the caller could see when they asked (`query`: Django's pickled Query, the tenant
    scope, filters and search included), the finished file is kept in the default storage under
    `exports/` until `expires_at`, and only its tenant's users (or staff) see it."""

    class State(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"
        CANCELLED = "cancelled"
        EXPIRED = "expired"  # done, its file deleted after EXPORT_RETENTION

    resource = models.CharField(max_length=100, db_index=True)
    tenant_id = models.BigIntegerField(null=True, blank=True, db_index=True, help_text="Empty for platform staff exporting across tenants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="export_runs")
    format = models.CharField(max_length=10)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED, db_index=True)
    query = models.BinaryField(help_text="The rows to write: the caller's queryset's pickled Query")
    order = models.JSONField(default=list, help_text="The rows' order (field names, '-' descending)")
    table = models.JSONField(default=dict, help_text="The file's name stem and columns (timba.runtime.exports.columns.Table)")
    file_name = models.CharField(max_length=255, blank=True, default="", help_text="The name the download is given")
    file = models.CharField(max_length=500, blank=True, default="", help_text="The written file in the default storage")
    size = models.PositiveBigIntegerField(default=0, help_text="The file's bytes")
    message = models.TextField(blank=True, default="", help_text="Why the export failed or was cancelled")
    job_id = models.CharField(max_length=64, blank=True, default="", db_index=True)
    job_started_at = models.DateTimeField(null=True, blank=True, help_text="When a worker took the job")
    heartbeat_at = models.DateTimeField(null=True, blank=True, help_text="The job's last sign of life")
    cancel_requested = models.BooleanField(default=False)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True, help_text="When the file is deleted")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "export run"

    def __str__(self):
        return f"{self.resource} export {self.pk} ({self.state})"
