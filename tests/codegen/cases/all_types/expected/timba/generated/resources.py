# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-import-export resources for the resources that enable import/export."""

from import_export import fields
from import_export.widgets import ForeignKeyWidget, ManyToManyWidget

from timba.models import Account, Item, Tag, Warehouse
from timba.runtime.resources import EntityResource


class WarehouseResource(EntityResource):
    """Spreadsheet rows of depots, matched on code."""

    column_aliases = {}

    class Meta:
        model = Warehouse
        import_id_fields = ("code",)
        fields = ("id", "code", "city")
        export_order = ("id", "code", "city")
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


class ItemResource(EntityResource):
    """Spreadsheet rows of items, matched on warehouse, title."""

    score = fields.Field(attribute="score", column_name="score", readonly=True)
    created_by = fields.Field(
        attribute="created_by",
        column_name="created_by",
        readonly=True,
        widget=ForeignKeyWidget(Account, field="username"),
    )
    updated_by = fields.Field(
        attribute="updated_by",
        column_name="updated_by",
        readonly=True,
        widget=ForeignKeyWidget(Account, field="username"),
    )
    created_at = fields.Field(attribute="created_at", column_name="created_at", readonly=True)
    updated_at = fields.Field(attribute="updated_at", column_name="updated_at", readonly=True)
    warehouse = fields.Field(
        attribute="warehouse",
        column_name="warehouse",
        widget=ForeignKeyWidget(Warehouse, field="code"),
    )
    tags = fields.Field(
        attribute="tags",
        column_name="tags",
        widget=ManyToManyWidget(Tag, field="name"),
    )
    column_aliases = {"title": ["name", "item name"], "quantity": ["qty", "count"]}

    class Meta:
        model = Item
        import_id_fields = ("warehouse", "title")
        fields = (
            "id",
            "title",
            "notes",
            "contact_email",
            "phone",
            "website",
            "quantity",
            "price",
            "weight",
            "active",
            "archived",
            "received_on",
            "checked_at",
            "status",
            "grade",
            "warehouse",
            "city",
            "tags",
            "score",
            "created_by",
            "updated_by",
            "created_at",
            "updated_at",
        )
        export_order = (
            "id",
            "title",
            "notes",
            "contact_email",
            "phone",
            "website",
            "quantity",
            "price",
            "weight",
            "active",
            "archived",
            "received_on",
            "checked_at",
            "status",
            "grade",
            "warehouse",
            "city",
            "tags",
            "score",
            "created_by",
            "updated_by",
            "created_at",
            "updated_at",
        )
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
