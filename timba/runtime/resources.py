"""EntityResource: the base of generated import/export resources. It maps column aliases to
the spec's names, fills derived fields before the natural-key look-up, and records who
imported a row."""

from import_export import resources


class EntityResource(resources.ModelResource):
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

    def before_import(self, dataset, **kwargs):
        lookup = self._canonical_headers()
        if dataset.headers:
            dataset.headers = [lookup.get(str(h or "").strip().lower(), h) for h in dataset.headers]
            self._add_derived_columns(dataset)
        super().before_import(dataset, **kwargs)

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

    def before_save_instance(self, instance, row, **kwargs):
        user = kwargs.get("user")
        instance.set_auto_fields(user, creating=instance._state.adding)
        super().before_save_instance(instance, row, **kwargs)
