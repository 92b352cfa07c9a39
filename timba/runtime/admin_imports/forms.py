"""The import page's form: the file (or the one kept from the last attempt), the tenant the rows
go to (platform staff choose it; a tenant's users import into their own) and, for a workbook,
the sheet."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from unfold.widgets import (
    UnfoldAdminFileFieldWidget,
    UnfoldAdminSelectWidget,
    UnfoldAdminTextInputWidget,
)

from timba.runtime import access


def tenant_model():
    """The tenant resource's model: what the auth user's tenant reference names."""
    user_model = get_user_model()
    path = access.tenant_path(user_model)
    if path in (None, "self"):
        return None
    return user_model._meta.get_field(path).related_model


def chooses_tenant(user, model) -> bool:
    """Platform staff choose the tenant of a tenant-owned resource's rows."""
    return access.is_staff(user) and access.tenant_path(model) not in (None, "self") and tenant_model() is not None


class UploadForm(forms.Form):
    import_file = forms.FileField(label="File", required=False, widget=UnfoldAdminFileFieldWidget,
                                  help_text="CSV, TSV, XLSX, XLS or ODS; the header row may be below title rows.")
    kept = forms.CharField(required=False, widget=forms.HiddenInput)
    sheet = forms.CharField(label="Sheet", required=False, max_length=100, widget=UnfoldAdminTextInputWidget,
                            help_text="For a workbook: the sheet to read (the first visible one when empty).")

    def __init__(self, *args, user=None, model=None, kept_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.kept_name = kept_name
        if model is not None and chooses_tenant(user, model):
            tenants = tenant_model()
            self.fields["tenant"] = forms.ModelChoiceField(
                queryset=tenants._default_manager.order_by("pk"), required=False, label=str(tenants._meta.verbose_name).capitalize(),
                empty_label="As the file says", widget=UnfoldAdminSelectWidget,
                help_text=f"The {tenants._meta.verbose_name} the rows go to, and whose rows the references name.",
            )
            self.order_fields(["tenant", "import_file", "sheet"])

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("import_file") and not (cleaned.get("kept") and self.kept_name):
            self.add_error("import_file", "Choose a file to import.")
        return cleaned
