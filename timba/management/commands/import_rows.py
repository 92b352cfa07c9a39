"""`manage.py import_rows <resource> <file> [--client <name or id>] [--user <username>]
[--dry-run] [--skip-errors]`: import a CSV/TSV/XLSX/XLS/ODS file through the import engine
(timba.runtime.imports.engine): checked as the admin's preview checks and written in the same
pass (`import_file`), in one transaction, all-or-nothing unless --skip-errors; --dry-run stages
and reports only. A progress line goes to stderr, a
summary table (new, updated, unchanged, errors, and the first errors) to stdout.

Exit codes: 0 when every row imported (or, with --dry-run, would); 1 when rows have errors
(nothing written without --skip-errors); 2 when the file cannot be read or the command is
refused (permission, unknown resource, user or client); 3 when the data changed during the
import (nothing written: run it again).
"""

import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from timba.runtime.imports import ImportFileError
from timba.runtime.imports.context import model_named
from timba.runtime.imports.descriptors import descriptor_for, registered
from timba.runtime.imports.engine import (
    ImportRefused,
    StaleImport,
    error_groups,
    import_file,
    stage_file,
)
from timba.runtime.problems import Problem
from timba.runtime.registry import security

SHOWN_ERRORS = 10


class Command(BaseCommand):
    help = "Import rows of a resource from a spreadsheet file (checked, then written in one all-or-nothing transaction)."

    def add_arguments(self, parser):
        parser.add_argument("resource", help="the resource, e.g. its model name")
        parser.add_argument("file", help="a .csv, .tsv, .xlsx, .xls or .ods file")
        parser.add_argument("--client", dest="tenant", help="the tenant the rows go to (its name or id); platform staff only")
        parser.add_argument("--user", help="the username the import runs as (default: the first active superuser)")
        parser.add_argument("--sheet", help="the workbook's sheet to read (default: the first visible one)")
        parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
        parser.add_argument("--skip-errors", action="store_true", help="import the valid rows, skip the rows with errors")

    def handle(self, *args, resource, file, tenant=None, user=None, sheet=None, dry_run=False, skip_errors=False, **options):
        model = _resource(resource)
        actor = _user(user)
        tenant_id = _tenant(tenant) if tenant else None
        progress = Progress(self.stderr)
        try:
            if dry_run:
                run = stage_file(actor, model, file, file, tenant=tenant_id, sheet=sheet, on_progress=progress.staged)
                progress.end()
                self._summary(run, "checked (dry run, nothing written)")
                return self._exit(run)
            # no preview to show: checked and written in one pass (staged and confirmed when it cannot decide alone)
            run = import_file(actor, model, file, file, tenant=tenant_id, sheet=sheet, skip_errors=skip_errors, on_progress=progress.staged)
            progress.end()
            if run.state != run.State.APPLIED:
                self._summary(run, "not imported: rows have errors, nothing was written (--skip-errors imports the valid rows)")
                return self._exit(run)
        except ImportFileError as exc:
            raise CommandError(exc.message, returncode=2) from None
        except StaleImport as exc:
            progress.end()
            raise CommandError(exc.message, returncode=3) from None
        except ImportRefused as exc:
            progress.end()
            raise CommandError(exc.message, returncode=1) from None
        except Problem as exc:
            raise CommandError(exc.detail, returncode=2) from None
        self._summary(run, "imported" + (" (rows with errors skipped)" if run.errors else ""))
        return self._exit(run)

    def _exit(self, run):
        if run.errors:
            raise CommandError(f"{run.errors} row(s) have errors.", returncode=1)

    def _summary(self, run, outcome: str) -> None:
        out = self.stdout
        out.write(f"{run.file_name}: {run.total} rows, {outcome}")
        width = max(len(str(v)) for v in run.counts.values())
        out.write("+-----------+" + "-" * (width + 2) + "+")
        for name, value in run.counts.items():
            out.write(f"| {name:<9} | {value:>{width}} |")
        out.write("+-----------+" + "-" * (width + 2) + "+")
        if run.errors:
            out.write("First errors:")
            shown = 0
            for group in error_groups(run, shown=SHOWN_ERRORS):
                for message in group["messages"]:
                    if shown < SHOWN_ERRORS:
                        out.write(f"  {message}")
                        shown += 1


class Progress:
    """One self-overwriting line on stderr: rows checked, then rows written."""

    def __init__(self, stream):
        self.stream, self.shown, self.last = stream, False, 0.0

    def _line(self, text: str) -> None:
        now = time.monotonic()
        if now - self.last < 0.2:
            return
        self.last = now
        self.stream.write(f"\r{text}", ending="")
        self.stream.flush()
        self.shown = True

    def staged(self, done, total, errors) -> None:
        self._line(f"checked {done} rows, {errors} with errors")

    def written(self, done, total, errors) -> None:
        bar = int(30 * done / total) if total else 30
        self._line(f"writing [{'#' * bar}{'.' * (30 - bar)}] {done}/{total}")

    def end(self) -> None:
        if self.shown:
            self.stream.write("")
            self.shown = False


def _resource(name: str):
    wanted = name.strip().lower()
    for resource in registered():
        model = model_named(resource)
        meta = model._meta
        if wanted in {resource.lower(), meta.model_name, str(meta.verbose_name).lower(), str(meta.verbose_name_plural).lower()}:
            return model
    known = ", ".join(sorted(registered()))
    raise CommandError(f"No importable resource {name!r}; one of: {known}.", returncode=2)


def _user(username):
    users = get_user_model()._default_manager
    if username:
        found = users.filter(username=username).first()
        if found is None:
            raise CommandError(f"No user {username!r}.", returncode=2)
        return found
    found = users.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if found is None:
        raise CommandError("No active superuser to run the import as: name one with --user.", returncode=2)
    return found


def _tenant(text: str):
    model = model_named(security().tenant)
    key = [n for n in descriptor_for(model).key if not model._meta.get_field(n).is_relation][:1]
    condition = Q(**{key[0]: text}) if key else Q()
    if text.isdigit():
        condition = condition | Q(pk=int(text)) if key else Q(pk=int(text))
    found = list(model._default_manager.filter(condition)[:2])
    if len(found) != 1:
        raise CommandError(f"No {model._meta.verbose_name} {text!r}." if not found else f"{text!r} names several; give the id.", returncode=2)
    return found[0].pk

