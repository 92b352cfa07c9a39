# generated from resources.yaml by codegen 0.1.0 — do not edit

"""What imports map and convert columns with, registered into timba.runtime.imports when the app loads."""

from timba.runtime.imports.descriptors import Column, register

register(
    "Client",
    label="client",
    key=("name",),
    tenant="self",
    columns=(
        Column(
            name="name",
            label="name",
            kind="string",
            required=True,
            aliases=("client", "client name"),
        ),
        Column(name="address", label="address", kind="text"),
        Column(name="contact", label="contact", kind="phone", aliases=("phone", "telephone")),
        Column(name="email", label="email", kind="email"),
        Column(
            name="plan",
            label="plan",
            kind="choice",
            choices=(("basic", "Basic"), ("standard", "Standard"), ("enterprise", "Enterprise")),
        ),
        Column(name="seats", label="seats", kind="integer"),
        Column(
            name="status",
            label="status",
            kind="choice",
            choices=(("trial", "Trial"), ("active", "Active"), ("past_due", "Past due"), ("cancelled", "Cancelled")),
        ),
        Column(name="paid_until", label="paid until", kind="date"),
    ),
)

register(
    "User",
    label="user",
    key=("username",),
    tenant="client",
    columns=(
        Column(name="name", label="name", kind="string"),
        Column(name="username", label="username", kind="string", required=True),
        Column(name="email", label="email", kind="email"),
        Column(name="contact", label="contact", kind="phone"),
        Column(name="address", label="address", kind="text"),
        Column(name="client", label="client", kind="reference", target="Client", lookup="name"),
        Column(
            name="roles",
            label="roles",
            kind="many-references",
            target="Role",
            lookup="name",
        ),
    ),
)

register(
    "Consignment",
    label="consignment",
    key=("client", "name"),
    tenant="client",
    columns=(
        Column(name="name", label="name", kind="string", required=True),
        Column(
            name="type",
            label="type",
            kind="choice",
            required=True,
            choices=(("hardwood", "Hardwood"), ("pinewood", "Pinewood")),
        ),
        Column(
            name="vehicle_number",
            label="vehicle number",
            kind="string",
            aliases=("vehicle", "vehicle no", "truck"),
        ),
        Column(
            name="client",
            label="client",
            kind="reference",
            required=True,
            target="Client",
            lookup="name",
        ),
    ),
)

register(
    "Log",
    label="timber log",
    key=("client", "barcode"),
    tenant="client",
    columns=(
        Column(
            name="consignment",
            label="consignment",
            kind="reference",
            required=True,
            target="Consignment",
            lookup="pk",
        ),
        Column(
            name="barcode",
            label="barcode",
            kind="string",
            required=True,
            aliases=("log id", "log number", "log no", "code"),
        ),
        Column(
            name="length",
            label="length",
            kind="decimal",
            required=True,
            aliases=("l", "length (m)"),
            units=(("m", "1"), ("cm", "0.01"), ("mm", "0.001")),
        ),
        Column(
            name="breadth",
            label="breadth",
            kind="decimal",
            required=True,
            aliases=("b", "width", "breadth (m)"),
            units=(("m", "1"), ("cm", "0.01"), ("mm", "0.001")),
        ),
        Column(
            name="height",
            label="height",
            kind="decimal",
            required=True,
            aliases=("h", "thickness", "height (m)"),
            units=(("m", "1"), ("cm", "0.01"), ("mm", "0.001")),
        ),
    ),
)
