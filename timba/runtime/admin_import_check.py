"""The admin's import form checks the uploaded file with timba.runtime.imports before
django-import-export reads it: a bad file (empty, wrong or mismatched format, password-protected,
damaged, a zip bomb, too large, too many rows or columns, no header) and a header that cannot be
imported (a required column missing, two columns for one field, an unknown unit) are one clear
message on the file field, never a traceback, and nothing is imported.

Until the new import replaces django-import-export's, its reader takes the first row as the
header, so a header found below title rows is refused with a message saying which row it is on.
"""

from __future__ import annotations

from unfold.contrib.import_export.forms import ImportForm

from timba.runtime import access
from timba.runtime.imports import ImportFileError, descriptor_for, map_columns, read_table


class CheckedImportForm(ImportForm):
    user = None  # set by ImportFileCheckMixin.create_import_form

    def __init__(self, formats, resources, **kwargs):
        self.resource_classes = list(resources)
        super().__init__(formats, resources, **kwargs)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("import_file")
        resource = self._resource_class(cleaned)
        if upload is None or resource is None:
            return cleaned
        try:
            descriptor = descriptor_for(resource._meta.model)
        except LookupError:
            return cleaned
        problem = file_problem(upload, descriptor, supplied_fields(resource._meta.model, self.user))
        if problem:
            self.add_error("import_file", problem)
        return cleaned

    def _resource_class(self, cleaned):
        try:
            return self.resource_classes[int(cleaned.get("resource") or 0)]
        except (IndexError, TypeError, ValueError):
            return None


def supplied_fields(model, user) -> set[str]:
    """Fields the import fills itself: the tenant reference, for a tenant's user."""
    path = access.tenant_path(model)
    if user is None or access.is_staff(user) or path in (None, "self"):
        return set()
    return {path}


def file_problem(upload, descriptor, supplied=()) -> str | None:
    try:
        with read_table(upload, upload.name, descriptor) as table:
            mapping = map_columns(table.header, descriptor, supplied=supplied)
            header_row = table.header_row
    except ImportFileError as error:
        return error.message
    finally:
        upload.seek(0)
    if mapping.problems:
        return " ".join(mapping.problems)
    if header_row != 1:
        return f"The header is on row {header_row}: delete the rows above it, so that the header is row 1, and upload the file again."
    return None


class ImportFileCheckMixin:
    """Gives the import form the user, so that it knows which columns the import fills itself."""

    import_form_class = CheckedImportForm

    def create_import_form(self, request):
        form = super().create_import_form(request)
        form.user = request.user
        return form
