# generated from resources.yaml by codegen 0.1.0 — do not edit

"""What imports map and convert columns with, registered into timba.runtime.imports when the app loads."""

from timba.runtime.imports.descriptors import Column, register

register(
    "Client",
    label="client",
    key=(),
    tenant=None,
    columns=(
        Column(name="name", label="name", kind="string", aliases=("client name",)),
    ),
)

register(
    "Reading",
    label="reading",
    key=(),
    tenant=None,
    columns=(
        Column(
            name="client",
            label="client",
            kind="reference",
            required=True,
            target="Client",
            lookup="name",
        ),
        Column(name="value", label="value", kind="decimal"),
    ),
)
