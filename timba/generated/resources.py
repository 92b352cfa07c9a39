# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-import-export resources for the resources that enable import/export."""

from import_export import fields
from import_export.widgets import ForeignKeyWidget, ManyToManyWidget

from timba.models import Client, Consignment, Log, Role, User
from timba.runtime.resources import EntityResource


class ClientResource(EntityResource):
    """Spreadsheet rows of clients, matched on name."""

    created_at = fields.Field(attribute="created_at", column_name="created_at", readonly=True)
    updated_at = fields.Field(attribute="updated_at", column_name="updated_at", readonly=True)
    column_aliases = {"name": ["client", "client name"], "contact": ["phone", "telephone"]}

    class Meta:
        model = Client
        import_id_fields = ("name",)
        fields = (
            "id",
            "name",
            "address",
            "contact",
            "email",
            "plan",
            "seats",
            "status",
            "paid_until",
            "created_at",
            "updated_at",
        )
        export_order = (
            "id",
            "name",
            "address",
            "contact",
            "email",
            "plan",
            "seats",
            "status",
            "paid_until",
            "created_at",
            "updated_at",
        )
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


class UserResource(EntityResource):
    """Spreadsheet rows of users, matched on username."""

    created_at = fields.Field(attribute="created_at", column_name="created_at", readonly=True)
    updated_at = fields.Field(attribute="updated_at", column_name="updated_at", readonly=True)
    client = fields.Field(
        attribute="client",
        column_name="client",
        widget=ForeignKeyWidget(Client, field="name"),
    )
    roles = fields.Field(
        attribute="roles",
        column_name="roles",
        widget=ManyToManyWidget(Role, field="name"),
    )
    column_aliases = {}

    class Meta:
        model = User
        import_id_fields = ("username",)
        fields = (
            "id",
            "name",
            "username",
            "email",
            "contact",
            "address",
            "client",
            "roles",
            "created_at",
            "updated_at",
        )
        export_order = (
            "id",
            "name",
            "username",
            "email",
            "contact",
            "address",
            "client",
            "roles",
            "created_at",
            "updated_at",
        )
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


class ConsignmentResource(EntityResource):
    """Spreadsheet rows of consignments, matched on client, name."""

    created_by = fields.Field(
        attribute="created_by",
        column_name="created_by",
        readonly=True,
        widget=ForeignKeyWidget(User, field="username"),
    )
    updated_by = fields.Field(
        attribute="updated_by",
        column_name="updated_by",
        readonly=True,
        widget=ForeignKeyWidget(User, field="username"),
    )
    created_at = fields.Field(attribute="created_at", column_name="created_at", readonly=True)
    updated_at = fields.Field(attribute="updated_at", column_name="updated_at", readonly=True)
    client = fields.Field(
        attribute="client",
        column_name="client",
        widget=ForeignKeyWidget(Client, field="name"),
    )
    column_aliases = {"vehicle_number": ["vehicle", "vehicle no", "truck"]}

    class Meta:
        model = Consignment
        import_id_fields = ("client", "name")
        fields = (
            "id",
            "name",
            "type",
            "vehicle_number",
            "client",
            "created_by",
            "updated_by",
            "created_at",
            "updated_at",
        )
        export_order = (
            "id",
            "name",
            "type",
            "vehicle_number",
            "client",
            "created_by",
            "updated_by",
            "created_at",
            "updated_at",
        )
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


class LogResource(EntityResource):
    """Spreadsheet rows of timber logs, matched on client, barcode."""

    volume = fields.Field(attribute="volume", column_name="volume", readonly=True)
    created_at = fields.Field(attribute="created_at", column_name="created_at", readonly=True)
    updated_at = fields.Field(attribute="updated_at", column_name="updated_at", readonly=True)
    consignment = fields.Field(
        attribute="consignment",
        column_name="consignment",
        widget=ForeignKeyWidget(Consignment, field="pk"),
    )
    client = fields.Field(
        attribute="client",
        column_name="client",
        widget=ForeignKeyWidget(Client, field="name"),
    )
    column_aliases = {
        "barcode": ["log id", "log number", "log no", "code"],
        "length": ["l", "length (m)"],
        "breadth": ["b", "width", "breadth (m)"],
        "height": ["h", "thickness", "height (m)"],
    }

    class Meta:
        model = Log
        import_id_fields = ("client", "barcode")
        fields = (
            "id",
            "consignment",
            "client",
            "barcode",
            "length",
            "breadth",
            "height",
            "volume",
            "created_at",
            "updated_at",
        )
        export_order = (
            "id",
            "consignment",
            "client",
            "barcode",
            "length",
            "breadth",
            "height",
            "volume",
            "created_at",
            "updated_at",
        )
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
