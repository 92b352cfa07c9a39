"""Step 4 for a tenant's administrators (`security.admin_role`): every tenant keeps at least one
active user holding that role. A write that would take the last one away (deleting that user,
deactivating them, moving them to another tenant, or dropping the role) is a 409 naming them;
a batch that gives the role to another user of the tenant at the same time may go ahead. The
tenant rows are locked first, so two administrators cannot demote each other at once."""

from __future__ import annotations

from timba.runtime import access
from timba.runtime.registry import security as rules
from timba.runtime.write import accounts
from timba.runtime.write.items import ids
from timba.runtime.write.seats import ACTIVE

CODE = "last_admin"


def _setup(model):
    """(the role ids that make an administrator, the roles field, the tenant's attname), or None
    when the rule does not apply to `model`."""
    spec = rules()
    path = access.tenant_path(model)
    if not (spec.admin_role and spec.user_roles and spec.role_name and accounts.applies(model)) or path in (None, "self"):
        return None
    field = model._meta.get_field(spec.user_roles)
    admin_ids = set(field.related_model._default_manager.filter(**{spec.role_name: spec.admin_role}).values_list("pk", flat=True))
    return (admin_ids, field, model._meta.get_field(path)) if admin_ids else None


def check(model, items, *, deleting: bool = False) -> None:
    setup = _setup(model)
    if setup is None:
        return
    admin_ids, field, reference = setup
    tenant = reference.attname
    stored = [i for i in items if i.ok and i.instance.pk is not None and (deleting or i.stored)]
    through = field.remote_field.through._meta
    owner, role = through.get_field(field.m2m_field_name()).attname, through.get_field(field.m2m_reverse_field_name()).attname
    holders = set(
        field.remote_field.through._default_manager.filter(
            **{f"{owner}__in": [i.instance.pk for i in stored], f"{role}__in": admin_ids}
        ).values_list(owner, flat=True)
    ) if stored else set()
    losing, gaining = [], set()
    for item in [i for i in items if i.ok]:
        instance = item.instance
        was = item.instance.pk in holders and (item.before.get(ACTIVE, getattr(instance, ACTIVE, True)) if not deleting else getattr(instance, ACTIVE, True))
        if deleting:
            if was:
                losing.append((item, getattr(instance, tenant)))
            continue
        after = set(ids(item.many[field.name])) & admin_ids if field.name in item.many else (item.instance.pk in holders)
        holds = bool(after) and getattr(instance, ACTIVE, True) and getattr(instance, tenant) is not None
        if holds:
            gaining.add(getattr(instance, tenant))
        old_tenant = item.before.get(tenant, getattr(instance, tenant))
        if was and (not holds or old_tenant != getattr(instance, tenant)):
            losing.append((item, old_tenant))
    if not losing:
        return
    tenants = {t for _item, t in losing if t is not None}
    list(reference.related_model._default_manager.select_for_update().filter(pk__in=tenants).values_list("pk"))
    others = model._default_manager.filter(**{f"{tenant}__in": tenants, ACTIVE: True, f"{field.name}__in": admin_ids})
    remaining = set(others.exclude(pk__in=[i.instance.pk for i, _t in losing]).values_list(tenant, flat=True)) | gaining
    for item, tid in losing:
        if tid is not None and tid not in remaining:
            item.fail(
                None,
                f"{item.instance} is the last active {rules().admin_role} of their tenant; give the role to another "
                f"active user first.",
                CODE,
            )
