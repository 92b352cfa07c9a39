"""EntityModel: the abstract base of every generated model. It carries what the spec says about
the model's fields (derived, computed, auto-set, aggregates) and fills derived and computed
fields in (`prepare`); the write pipeline (timba.runtime.write) decides when."""

from django.core.exceptions import ObjectDoesNotExist
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
        """The model's own rules: override it in the hook module. The write pipeline calls it
        last, after the field rules, uniqueness and the seat limit (timba.runtime.write)."""
        super().clean()

    def validate_constraints(self, exclude=None) -> None:
        # Derived fields are not editable, so forms exclude them; their constraints still hold.
        if exclude:
            exclude = set(exclude) - set(self.derived_fields)
        super().validate_constraints(exclude=exclude)

    def save(self, *args, **kwargs) -> None:
        """Inside the write pipeline, a plain save: the pipeline has filled everything in and
        refreshes the derived children itself. Outside it (a fixture, the shell, a data
        migration), derived and computed fields are filled in first and the rows that copy a
        field of this one follow it, so the data stays consistent whoever saves."""
        from timba.runtime.write import active, propagation

        if active():
            return super().save(*args, **kwargs)
        self.prepare()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *self.derived_fields, *self.computed_fields}
        adding = self._state.adding
        super().save(*args, **kwargs)
        if not adding and propagation.copies(type(self)):
            propagation.propagate(type(self), [self.pk])
