# generated from resources.yaml by codegen 0.1.0 — do not edit

"""What imports map and convert columns with, registered into timba.runtime.imports when the app loads."""

from timba.runtime.imports.descriptors import Column, register

register(
    "Warehouse",
    label="storage depot",
    key=("code",),
    tenant=None,
    columns=(
        Column(name="code", label="code", kind="string", required=True),
        Column(name="city", label="city", kind="string"),
    ),
)

register(
    "Item",
    label="item",
    key=("warehouse", "title"),
    tenant=None,
    columns=(
        Column(
            name="title",
            label="item title",
            kind="string",
            required=True,
            aliases=("name", "item name"),
        ),
        Column(name="notes", label="notes", kind="text"),
        Column(name="contact_email", label="contact email", kind="email"),
        Column(name="phone", label="phone", kind="phone"),
        Column(name="website", label="website", kind="url"),
        Column(name="quantity", label="quantity", kind="integer", aliases=("qty", "count")),
        Column(name="price", label="price", kind="decimal"),
        Column(name="weight", label="weight", kind="decimal"),
        Column(name="active", label="active", kind="boolean"),
        Column(name="archived", label="archived", kind="boolean"),
        Column(name="received_on", label="received on", kind="date"),
        Column(name="checked_at", label="checked at", kind="datetime"),
        Column(
            name="status",
            label="status",
            kind="choice",
            required=True,
            choices=(("draft", "Draft"), ("live", "Live")),
        ),
        Column(
            name="grade",
            label="grade",
            kind="choice",
            choices=(("a_grade", "A grade"), ("b_grade", "B grade")),
        ),
        Column(
            name="warehouse",
            label="warehouse",
            kind="reference",
            required=True,
            target="Warehouse",
            lookup="code",
        ),
        Column(name="tags", label="tags", kind="many-references", target="Tag", lookup="name"),
    ),
)
