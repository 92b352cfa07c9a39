# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-import-export resources for the resources that enable import/export."""

from import_export import fields
from import_export.widgets import ForeignKeyWidget

from timba.models import Client, Reading
from timba.runtime.resources import EntityResource


class ClientResource(EntityResource):
    """Spreadsheet rows of clients, each one created (no natural key to match on)."""

    created_at = fields.Field(attribute="created_at", column_name="created_at", readonly=True)
    updated_at = fields.Field(attribute="updated_at", column_name="updated_at", readonly=True)
    column_aliases = {"name": ["client name"]}

    class Meta:
        model = Client
        import_id_fields = ()
        fields = ("id", "name", "created_at", "updated_at")
        export_order = ("id", "name", "created_at", "updated_at")
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


class ReadingResource(EntityResource):
    """Spreadsheet rows of readings, each one created (no natural key to match on)."""

    created_at = fields.Field(attribute="created_at", column_name="created_at", readonly=True)
    updated_at = fields.Field(attribute="updated_at", column_name="updated_at", readonly=True)
    client = fields.Field(
        attribute="client",
        column_name="client",
        widget=ForeignKeyWidget(Client, field="name"),
    )
    column_aliases = {}

    class Meta:
        model = Reading
        import_id_fields = ()
        fields = ("id", "client", "value", "created_at", "updated_at")
        export_order = ("id", "client", "value", "created_at", "updated_at")
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
