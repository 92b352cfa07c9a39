"""Base classes of the generated admin: django-unfold screens, import/export with unfold's
forms, and Django's user admin for the auth user resource."""

from django.contrib.auth.admin import UserAdmin
from import_export.admin import ImportExportModelAdmin
from unfold.admin import ModelAdmin
from unfold.contrib.import_export.forms import ExportForm, ImportForm
from unfold.forms import AdminPasswordChangeForm, UserChangeForm, UserCreationForm


class EntityAdmin(ModelAdmin):
    list_per_page = 50
    show_full_result_count = False

    def save_model(self, request, obj, form, change):
        obj.set_auto_fields(request.user, creating=not change)
        super().save_model(request, obj, form, change)


class ImportExportMixin(ImportExportModelAdmin):
    import_form_class = ImportForm
    export_form_class = ExportForm


class EntityUserAdmin(UserAdmin, EntityAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    change_password_form = AdminPasswordChangeForm
