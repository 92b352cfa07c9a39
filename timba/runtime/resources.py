"""EntityResource: the base of generated import/export resources. It maps column aliases to
the spec's names, fills derived fields before the natural-key look-up, and writes every row
through the write pipeline (timba.runtime.write): the row's values are validated by its steps 1
to 4 (an invalid row lists the pipeline's errors by field), and saved by its write.

Rows are matched to stored ones on the spec's natural key only; a primary key in a sheet is
never read (the `id` column is exported, not imported), and a resource without a natural key
only creates rows. An import by a tenant user (the admin passes `user`) sees only that tenant:
existing rows are matched among the tenant's rows, references resolve among the rows the user
can see, and the tenant column is the user's own whatever the sheet says. Imports run by code
without a user are trusted and unscoped.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from import_export import resources, widgets

from timba.runtime import access, write
from timba.runtime.imports import descriptor_for, map_columns, values
from timba.runtime.problems import Problem
from timba.runtime.resource_widgets import CellDateTimeWidget, CellDateWidget
from timba.runtime.write import Item


class EntityResource(resources.ModelResource):
    # dates and times read as the import engine reads a cell (ISO 8601 with a zone included)
    WIDGETS_MAP = {**resources.ModelResource.WIDGETS_MAP, "DateField": CellDateWidget, "DateTimeField": CellDateTimeWidget}
    column_aliases: dict[str, list[str]] = {}

    def _canonical_headers(self) -> dict[str, str]:
        lookup = {}
        for name, aliases in self.column_aliases.items():
            for alias in aliases:
                lookup[alias.strip().lower()] = name
        for name in self.fields:
            lookup[name.lower()] = name
            lookup[name.replace("_", " ").lower()] = name
        return lookup

    user = None

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset if self.user is None else access.scope(queryset, self.user)

    def _scope_widgets(self) -> None:
        for field in self.fields.values():
            widget = field.widget
            if self.user is not None and hasattr(widget, "model") and hasattr(widget, "get_queryset"):
                target, user = widget.model, self.user
                widget.get_queryset = lambda *args, _t=target, _u=user, **kw: access.scope(_t._default_manager.all(), _u)

    def _own_tenant_column(self, dataset) -> None:
        path = access.tenant_path(self._meta.model)
        if self.user is None or access.is_staff(self.user) or path in (None, "self") or path not in self.fields:
            return
        if path in getattr(self._meta.model, "derived_fields", {}):
            return
        tenant = access.tenant_of(self.user)
        value = self.fields[path].widget.render(tenant)
        if path in dataset.headers:
            del dataset[path]
        dataset.append_col([value] * len(dataset), header=path)

    def get_import_fields(self):
        pk = self._meta.model._meta.pk.name
        return [f for f in super().get_import_fields() if f.attribute != pk]  # ids are the database's

    def get_instance(self, instance_loader, row):
        if not self.get_import_id_fields():
            return None  # no natural key: every row is a new one
        return super().get_instance(instance_loader, row)

    def before_import(self, dataset, **kwargs):
        self.user = kwargs.get("user")
        if self.user is not None:  # a user's import needs the spec's `import` permission, as in the admin
            access.require(self.user, self._meta.model, "import")
        self._scope_widgets()
        lookup = self._canonical_headers()
        if dataset.headers:
            self._map_headings(dataset, lookup)
            self._add_derived_columns(dataset)
            self._own_tenant_column(dataset)
        super().before_import(dataset, **kwargs)

    def _map_headings(self, dataset, lookup) -> None:
        """Headings → field names as timba.runtime.imports maps them (names, labels, aliases;
        case, spaces, punctuation and a bracketed unit ignored), the exact aliases of the other
        columns (read-only, derived) after; a declared unit's values are converted."""
        headings = list(dataset.headers)
        try:
            mapped = {c.index: c for c in map_columns(headings, descriptor_for(self._meta.model)).columns}
        except LookupError:  # no descriptor registered for the model
            mapped = {}
        dataset.headers = [mapped[i].field if i in mapped else lookup.get(str(h or "").strip().lower(), h) for i, h in enumerate(headings)]
        for column in mapped.values():
            if column.factor is not None:
                cells = [_scaled(cell, column.factor) for cell in dataset.get_col(column.index)]
                del dataset[column.field]
                dataset.insert_col(column.index, cells, header=column.field)

    def _add_derived_columns(self, dataset) -> None:
        """A derived column (a log's client) may be left out of the sheet: add it empty, so the
        natural key that names it can be checked and `before_import_row` can fill it."""
        model = self._meta.model
        for name, (parent, _source) in getattr(model, "derived_fields", {}).items():
            if name in self.fields and parent in dataset.headers and name not in dataset.headers:
                dataset.append_col([""] * len(dataset), header=name)

    def before_import_row(self, row, **kwargs):
        """Fill derived columns (e.g. a log's client) from their parent's column."""
        model = self._meta.model
        for name, (parent, source) in getattr(model, "derived_fields", {}).items():
            if parent not in self.fields or name not in self.fields or not row.get(parent):
                continue
            parent_obj = self.fields[parent].widget.clean(row[parent], row=row)
            if parent_obj is not None:
                value = getattr(parent_obj, source)
                row[name] = self.fields[name].widget.render(value)
        super().before_import_row(row, **kwargs)

    # --- the write pipeline ---------------------------------------------------------------

    def import_instance(self, instance, row, **kwargs):
        """The row's values on the instance, as django-import-export sets them; what the
        pipeline needs besides is kept beside it: the stored values before the change, the
        fields the sheet sets and its many-to-many values."""
        model = self._meta.model
        stored = not instance._state.adding
        before = write.snapshot(instance) if stored else {}
        names = {f.name for f in model._meta.get_fields()}
        sent = {f.attribute for f in self.get_import_fields() if f.column_name in row and f.attribute in names}
        many, errors = {}, {}
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    many[field.attribute] = field.clean(row, **kwargs)
                except ValueError as exc:
                    errors[field.attribute] = ValidationError(str(exc), code="invalid")
        instance._timba_import = Item(instance=instance, stored=stored, before=before, many=many, sent=sent)
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if import_validation_errors:
            raise ValidationError(import_validation_errors)
        item = instance._timba_import
        trusted = self.user is None
        try:
            instance._timba_plan = write.prepare(self.user, self._meta.model, [item], perms=("import",), trusted=trusted, check_stored=True)
        except Problem as problem:
            raise ValidationError(_error_dict(self._meta.model, problem)) from None

    def save_instance(self, instance, is_create, row, **kwargs):
        self.before_save_instance(instance, row, **kwargs)
        if self._is_using_transactions(kwargs) or not self._is_dry_run(kwargs):
            plan = instance._timba_plan
            try:
                with transaction.atomic():
                    plan.write()
            except IntegrityError as exc:  # another write took a unique value since the row was checked
                raise ValidationError(_error_dict(self._meta.model, write.conflict(plan, exc))) from None
        self.after_save_instance(instance, row, **kwargs)

    def save_m2m(self, instance, row, **kwargs):
        """Set with the row by the pipeline's write."""

    def delete_instance(self, instance, row, **kwargs):
        self.before_delete_instance(instance, row, **kwargs)
        if self._is_using_transactions(kwargs) or not self._is_dry_run(kwargs):
            write.delete(self.user, self._meta.model, [Item(instance=instance)], trusted=self.user is None)
        self.after_delete_instance(instance, row, **kwargs)


def _scaled(cell, factor):
    """A cell in a declared unit, in the stored one (text that is no number is left for the
    field's own error)."""
    if values.is_empty(cell):
        return cell
    try:
        return str(values.scaled(values.number(cell), factor))
    except values.CellError:
        return cell


def _error_dict(model, problem: Problem) -> dict:
    """The pipeline's problem as django-import-export's row errors: {field name: [messages]}."""
    out: dict[str, list[str]] = {}
    for error in problem.errors or ():
        loc = error.get("loc") or []
        key = loc[1] if len(loc) > 1 else NON_FIELD_ERRORS
        name = next((f.name for f in model._meta.concrete_fields if key in {f.name, f.attname}), key)
        out.setdefault(name, []).append(error["msg"])
    return out or {NON_FIELD_ERRORS: [problem.detail]}
