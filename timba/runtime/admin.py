"""Base classes of the generated admin: django-unfold screens, import (timba.runtime.admin_imports)
and export with unfold's forms, and Django's user admin for the auth user resource.

Permissions and tenant scope come from resources.yaml through timba.runtime.access: a tenant
user sees only their tenant's rows, in lists, forms, autocompletes, filters and exports. Every
write goes through the write pipeline (timba.runtime.write): the forms validate with it and the
save runs the write they prepared (timba.runtime.admin_forms); deleting one row or a selection
(the delete action) is its delete.
"""

from django.contrib import messages
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.contrib.auth.admin import UserAdmin
from django.db import models
from django.http import HttpResponseRedirect
from import_export.admin import ImportExportModelAdmin
from unfold.admin import ModelAdmin
from unfold.contrib.import_export.forms import ExportForm
from unfold.forms import UserChangeForm

from timba.runtime import access, write
from timba.runtime.admin_columns import ListColumnsMixin
from timba.runtime.admin_forms import PasswordChangeForm, UserAddForm, acting_user, writing_form
from timba.runtime.admin_imports.views import ImportViewsMixin
from timba.runtime.admin_listing import ScaledListMixin
from timba.runtime.admin_roles import RoleCheckboxes, RoleChoiceField, flag_help, is_roles_field
from timba.runtime.exports.admin import StreamedExportMixin
from timba.runtime.problems import Problem
from timba.runtime.write import Item, seats

WRITES = {"create", "update", "delete", "import"}
ACCOUNT_DATES = ("last_login", "date_joined")  # Django's own record of an account


class EntityAdmin(ListColumnsMixin, ScaledListMixin, ModelAdmin):
    list_per_page = 50
    # a web address typed without a scheme is https (Django 6's default; 5.2 warns on each form)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return access.scope(super().get_queryset(request), request.user)

    def _may(self, request, op):
        if op in WRITES and access.subscription_problem(request.user) is not None:
            return False  # a lapsed subscription leaves its tenant's admin read-only
        return access.allowed(request.user, self.model, op)

    def has_module_permission(self, request):
        return self._may(request, "list")

    def has_view_permission(self, request, obj=None):
        if obj is None:  # the changelist
            return self._may(request, "list") or self._may(request, "get")
        return self._may(request, "get") or self._may(request, "update")

    def has_add_permission(self, request):
        return self._may(request, "create")

    def has_change_permission(self, request, obj=None):
        return self._may(request, "update")

    def has_delete_permission(self, request, obj=None):
        return self._may(request, "delete")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        path = access.tenant_path(self.model)
        if not access.is_staff(request.user) and path not in (None, "self") and path not in fields:
            fields.append(path)  # a tenant user's rows always belong to their own tenant
        return fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("queryset", access.scope(db_field.related_model._default_manager.all(), request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("queryset", access.scope(db_field.related_model._default_manager.all(), request.user))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    # A write the database refuses after the form passed (another write took the same value
    # meanwhile) is a Problem: shown as a message on the page it came from, never a 500.
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return _problems_as_messages(self, request, super().changeform_view, request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        return _problems_as_messages(self, request, super().delete_view, request, object_id, extra_context)

    def changelist_view(self, request, extra_context=None):
        return _problems_as_messages(self, request, super().changelist_view, request, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        return writing_form(super().get_form(request, obj, change=change, **kwargs), request.user)

    def get_changelist_form(self, request, **kwargs):
        return writing_form(super().get_changelist_form(request, **kwargs), request.user)

    def save_form(self, request, form, change):
        return form.instance  # written by save_model, through the plan the form's validation made

    def save_model(self, request, obj, form, change):
        form.commit()

    def save_related(self, request, form, formsets, change):
        # the many-to-many values were written with the row; inline formsets save as usual
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj):
        write.delete(request.user, self.model, [Item(instance=obj)])

    def delete_queryset(self, request, queryset):
        rows = list(queryset)
        if rows:
            write.delete(request.user, self.model, [Item(instance=row) for row in rows])


def _problems_as_messages(admin, request, view, *args):
    try:
        return view(*args)
    except Problem as problem:  # the view's transaction is rolled back: nothing was written
        admin.message_user(request, problem.detail, messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())


class ImportExportMixin(ImportViewsMixin, StreamedExportMixin, ImportExportModelAdmin):
    """Import on timba.runtime.imports' engine (timba.runtime.admin_imports: upload, preview,
    confirm, progress, undo) in place of django-import-export's; its export streamed."""

    export_form_class = ExportForm

    def has_import_permission(self, request):
        return self._may(request, "import")

    def has_export_permission(self, request):
        return access.allowed(request.user, self.model, "export")


class EntityUserAdmin(UserAdmin, EntityAdmin):
    """Django's user admin on the write pipeline: adding a user is one step (account, tenant
    for staff, roles, initial password: timba.runtime.admin_forms.UserAddForm); roles are
    checkboxes with their labels and descriptions; the platform flags are staff's only."""

    form = UserChangeForm
    add_form = UserAddForm
    change_password_form = PasswordChangeForm

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if is_roles_field(db_field):
            kwargs.setdefault("form_class", RoleChoiceField)
            kwargs.setdefault("widget", RoleCheckboxes())
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and is_roles_field(db_field) and isinstance(field.widget, RelatedFieldWidgetWrapper):
            # the checkboxes alone: the wrapper would mark every box required (not "one of them")
            field.widget = field.widget.widget
        text = flag_help().get(db_field.name) if field is not None else None
        if text:
            field.help_text = text  # roles and channels decide here, not Django's staff flag
        return field

    def user_change_password(self, request, id, form_url=""):
        token = acting_user.set(request.user)  # the form saves through the pipeline as this user
        try:
            return super().user_change_password(request, id, form_url)
        finally:
            acting_user.reset(token)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if access.is_staff(request.user):
            return fieldsets
        # tenant admins manage profiles, roles and whether an account is active; the platform
        # flags (staff, superuser) are not theirs to see or set, and a user they add is of
        # their own tenant
        tenant = access.tenant_path(self.model) if obj is None else None
        out = []
        for name, opts in fieldsets:
            fields = tuple(f for f in opts["fields"] if f != tenant)
            if name == "Permissions":
                fields = tuple(f for f in fields if f == seats.ACTIVE)
            if fields:
                out.append((name, {**opts, "fields": fields}))
        return out

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not access.is_staff(request.user):
            fields += [f for f in ACCOUNT_DATES if f not in fields]  # shown, never edited
        return fields
