"""References in a sheet → the ids of the rows they name, one query per reference field per
batch (two when some names are written in another case). A reference is named by its target's natural key (a single-field key, or the key without
its tenant part: a row of the caller's tenant is named by its name), or by its id; only rows the
caller may see, in the run's tenant, are candidates, so another tenant's row reads as one that
does not exist. A name that fits several rows (platform staff across tenants) is an error that
asks for the id or a tenant."""

from __future__ import annotations

from django.db.models import Q
from django.db.models.functions import Lower

from timba.runtime import access
from timba.runtime.imports.descriptors import Column, registered


def lookup_field(column: Column, target) -> str:
    """The target's field a sheet names it by ("pk" when only its id does)."""
    if column.lookup and column.lookup != "pk":
        return column.lookup
    descriptor = registered().get(target.__name__)
    if descriptor is not None:
        path = access.tenant_path(target)
        rest = [name for name in descriptor.key if name != path]
        if len(rest) == 1 and not target._meta.get_field(rest[0]).is_relation:
            return rest[0]
    return "pk"


class Resolver:
    """The rows one batch's texts name, for one reference column."""

    def __init__(self, user, field, column: Column, texts: set[str], *, tenant_id=None):
        self.target = field.related_model
        self.lookup = lookup_field(column, self.target)
        self.by_name: dict[str, list] = {}
        self.by_fold: dict[str, list] = {}
        self.ids: set = set()
        numbers = {int(t) for t in texts if t.isdigit()}
        if not texts:
            return
        rows = self.target._default_manager.all()
        rows = access.scope(rows, user)
        path = access.tenant_path(self.target)
        if tenant_id is not None and path is not None:
            rows = rows.filter(pk=tenant_id) if path == "self" else rows.filter(**{f"{path}_id": tenant_id})
        wanted = Q(pk__in=numbers) if numbers else Q(pk__in=[])
        if self.lookup != "pk":
            self._add(rows.filter(wanted | Q(**{f"{self.lookup}__in": texts})))
            other_case = {t.lower() for t in texts if t not in self.by_name and not (t.isdigit() and int(t) in self.ids)}
            if other_case:  # a second query only for the names written in another case
                self._add(rows.annotate(_lowered=Lower(self.lookup)).filter(_lowered__in=other_case))
        else:
            self.ids = set(rows.filter(wanted).order_by().values_list("pk", flat=True))

    def _add(self, rows) -> None:
        for pk, name in rows.order_by().values_list("pk", self.lookup):
            self.ids.add(pk)
            self.by_name.setdefault(str(name), []).append(pk)
            self.by_fold.setdefault(str(name).lower(), []).append(pk)

    def resolve(self, text: str):
        """(id, None) or (None, the reason for a clerk)."""
        found = self.by_name.get(text) or self.by_fold.get(text.lower()) or []
        found = list(dict.fromkeys(found))
        if len(found) == 1:
            return found[0], None
        label = self.target._meta.verbose_name
        if len(found) > 1:
            return None, f"names {len(found)} {self.target._meta.verbose_name_plural}; give its id, or import for one tenant"
        if text.isdigit() and int(text) in self.ids:
            return int(text), None
        if self.lookup == "pk":
            return None, f"is not the id of a {label} (the {label} is named by its id)"
        return None, f"is not the {self.target._meta.get_field(self.lookup).verbose_name} or id of a {label}"
