"""EntityResource: the base of generated import/export resources. It maps column aliases to
the spec's names, fills derived fields before the natural-key look-up, and records who
imported a row.

An import by a tenant user (the admin passes `user`) sees only that tenant: existing rows are
matched among the tenant's rows, references resolve among the rows the user can see, and the
tenant column is the user's own whatever the sheet says. Imports run by code without a user
are trusted and unscoped.
"""

from import_export import resources

from timba.runtime import access


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

    def init_instance(self, row=None):
        instance = super().init_instance(row)
        if hasattr(instance, "set_unusable_password"):
            instance.set_unusable_password()  # imported accounts log in once given a password
        return instance

    def before_import(self, dataset, **kwargs):
        self.user = kwargs.get("user")
        if self.user is not None:  # a user's import needs the spec's `import` permission, as in the admin
            access.require(self.user, self._meta.model, "import")
        self._scope_widgets()
        lookup = self._canonical_headers()
        if dataset.headers:
            dataset.headers = [lookup.get(str(h or "").strip().lower(), h) for h in dataset.headers]
            self._add_derived_columns(dataset)
            self._own_tenant_column(dataset)
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
