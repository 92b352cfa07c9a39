"""What every step of an import run needs to know, worked out once: the model, its import
descriptor and natural key, the caller and the tenant the rows go to, the column mapping, and
the batch size."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.apps import apps
from django.conf import settings

from timba.runtime import access
from timba.runtime.imports.descriptors import Descriptor, descriptor_for
from timba.runtime.imports.mapping import Mapping, map_columns
from timba.runtime.problems import Problem

DEFAULT_CHUNK_ROWS = 2000


def model_named(resource: str):
    for model in apps.get_models():
        if model.__name__ == resource:
            return model
    raise LookupError(f"no model named {resource}")


def chunk_rows() -> int:
    return max(1, int(getattr(settings, "IMPORT_CHUNK_ROWS", DEFAULT_CHUNK_ROWS)))


def tenant_for(user, model, tenant=None):
    """The tenant id the rows go to: a tenant user's own (whatever `tenant` says), the one staff
    chose (a row or an id), or None (staff across tenants, shared data)."""
    path = access.tenant_path(model)
    if path is None:
        return None
    if not access.is_staff(user):
        return access.tenant_id(user)
    return getattr(tenant, "pk", tenant)


def supplied(model, tenant_id) -> tuple[str, ...]:
    """The fields the run fills itself, so their columns are not required: the tenant."""
    path = access.tenant_path(model)
    if tenant_id is None or path in (None, "self") or path in getattr(model, "derived_fields", {}):
        return ()
    return (path,)


def require_import(user, model) -> None:
    """The spec's `import` permission, and a subscription that lets the tenant write."""
    access.require(user, model, "import")
    lapsed = access.subscription_problem(user)
    if lapsed is not None:
        raise lapsed
    if not access.is_staff(user) and access.tenant_path(model) not in (None, "self") and access.tenant_id(user) is None:
        raise Problem(403, "Only users of a tenant, or platform staff, may import.")


def require_run(run, user) -> None:
    """A run is its tenant's (and its user's): another tenant's user may not see it (404, like
    a missing one)."""
    owner = getattr(run, type(run)._meta.get_field("user").attname)
    if access.is_staff(user) or (owner is not None and owner == getattr(user, "pk", None)):
        return
    if run.tenant_id is None or run.tenant_id != access.tenant_id(user):
        raise Problem(404, f"No import with id {run.pk}.")


@dataclass
class Context:
    user: object
    model: type
    descriptor: Descriptor
    mapping: Mapping
    tenant_id: object = None
    convention: str = "point"
    date_order: str = "DMY"
    chunk: int = DEFAULT_CHUNK_ROWS

    @property
    def key(self) -> tuple[str, ...]:
        return self.descriptor.key

    @cached_property
    def tenant_path(self) -> str | None:  # asked for every row
        return access.tenant_path(self.model)

    @classmethod
    def of_run(cls, run, user) -> Context:
        model = model_named(run.resource)
        descriptor = descriptor_for(model)
        mapping = map_columns(run.headings, descriptor, supplied=supplied(model, run.tenant_id))
        return cls(
            user=user, model=model, descriptor=descriptor, mapping=mapping, tenant_id=run.tenant_id,
            convention=run.number_convention, date_order=getattr(settings, "IMPORT_DATE_ORDER", "DMY"), chunk=chunk_rows(),
        )
