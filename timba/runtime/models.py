"""EntityModel: the abstract base of every generated model. It fills in the fields the spec
says are derived (copied from a parent) or computed (by a hook method) before validation and
before every save, so the API, the admin and imports all agree. When a source changes, the rows
that copy it follow (or the change is refused if they would then break a constraint)."""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models


class EntityModel(models.Model):
    derived_fields: dict[str, tuple[str, str]] = {}
    computed_fields: tuple[str, ...] = ()
    auto_fields: dict[str, str] = {}
    # read-only aggregates over reverse relations, annotated by timba.runtime.aggregates
    aggregate_fields: dict[str, tuple[str, str]] = {}

    class Meta:
        abstract = True

    def prepare(self) -> None:
        """Copy derived fields from their parents and recompute computed fields."""
        for name, (parent, source) in self.derived_fields.items():
            parent_field = self._meta.get_field(parent)
            if getattr(self, parent_field.attname) is None:
                continue
            target = self._meta.get_field(name)
            try:
                parent_row = getattr(self, parent)
            except ObjectDoesNotExist:  # a dangling id: validation reports it on the parent field
                continue
            value = getattr(parent_row, self._source_attname(parent_field, source))
            setattr(self, target.attname, value)
        for name in self.computed_fields:
            setattr(self, name, getattr(self, f"compute_{name}")())

    @staticmethod
    def _source_attname(parent_field, source: str) -> str:
        return parent_field.related_model._meta.get_field(source).attname

    def set_auto_fields(self, user, *, creating: bool) -> None:
        """Record who created and who last changed the row (`auto: creator|editor`)."""
        if user is None or not getattr(user, "is_authenticated", False):
            return
        for name, role in self.auto_fields.items():
            if role == "editor" or (role == "creator" and creating):
                setattr(self, name, user)

    def clean(self) -> None:
        from timba.runtime.access import check_seats  # access reads the generated spec

        super().clean()
        self.prepare()
        check_seats(self)
        if not self._state.adding:
            self.check_derived_children()

    def validate_constraints(self, exclude=None) -> None:
        # Derived fields are not editable, so forms exclude them; their constraints still hold.
        if exclude:
            exclude = set(exclude) - set(self.derived_fields)
        super().validate_constraints(exclude=exclude)

    def save(self, *args, **kwargs) -> None:
        self.prepare()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *self.derived_fields, *self.computed_fields}
        adding = self._state.adding
        super().save(*args, **kwargs)
        if not adding:
            self.refresh_derived_children()

    def _stale_children(self):
        """(row, source field, row's attname, new value) for every row that copies a field of
        this one (a log's client, from its consignment) and no longer holds the same value."""
        for rel in self._meta.related_objects:
            if not rel.one_to_many:
                continue
            child = rel.related_model
            for name, (parent, source) in getattr(child, "derived_fields", {}).items():
                if parent != rel.field.name:
                    continue
                value = getattr(self, self._meta.get_field(source).attname)
                target = child._meta.get_field(name).attname
                for row in child._default_manager.filter(**{parent: self}).exclude(**{target: value}):
                    yield row, source, target, value

    def check_derived_children(self) -> None:
        """Refuse a change that would make a re-derived child break one of its constraints
        (moving a consignment to a client that already has one of its barcodes)."""
        for row, source, target, value in self._stale_children():
            setattr(row, target, value)
            try:
                row.validate_constraints()
            except ValidationError as exc:
                message = f"{row._meta.verbose_name} {row} would clash: {' '.join(exc.messages)}"
                raise ValidationError({source: ValidationError(message, code="unique")}) from exc

    def refresh_derived_children(self) -> None:
        """Re-save the rows holding a stale copy of a field of this one, so a derived field
        never disagrees with its source; their own save re-derives it and recurses further."""
        for row, _source, _target, _value in self._stale_children():
            row.save()
