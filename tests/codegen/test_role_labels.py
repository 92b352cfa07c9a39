"""`security.roles` in both its forms: the list of names (labels made from the names, no
descriptions) and the mapping of name to label and description, which the IR keeps in spec
order and the security module registers as ROLE_LABELS for the admin."""

from __future__ import annotations

import pytest

from codegen import ir
from codegen.emit.security import emit_security
from codegen.spec import SpecError, load_spec_text

SPEC = """version: 1
security:
  tenant: Shop
  roles: {roles}
resources:
  Shop:
    tenant: self
    fields:
      name: {{type: string, required: true, unique: true}}
"""


def security(roles: str):
    return ir.build(load_spec_text(SPEC.format(roles=roles))).security


def test_the_list_form_keeps_working_with_labels_made_from_the_names():
    sec = security("[clerk, head_clerk]")
    assert sec.roles == ("clerk", "head_clerk")
    assert sec.role_labels == (("clerk", "Clerk", ""), ("head_clerk", "Head clerk", ""))


def test_the_mapping_form_declares_labels_and_descriptions():
    sec = security('{head_clerk: {label: Shift lead, description: "Opens  and closes the shop"}, clerk: {}}')
    assert sec.roles == ("head_clerk", "clerk"), "spec order, the names the rules use"
    assert sec.role_labels == (("head_clerk", "Shift lead", "Opens and closes the shop"), ("clerk", "Clerk", ""))


def test_the_security_module_registers_the_labels():
    source = emit_security(ir.build(load_spec_text(SPEC.format(roles="{clerk: {label: Counter, description: Serves}}"))))
    text = source["timba/generated/security.py"]
    assert 'ROLE_LABELS = {"clerk": ("Counter", "Serves")}' in text
    assert "role_labels=ROLE_LABELS," in text


@pytest.mark.parametrize(
    "roles,message",
    [
        ("{a: {label: Same}, b: {label: same}}", "role 'b' has the label 'same'"),
        ("{a: {description: ' '}}", "an empty description"),
        ("{a: {name: A}}", "unknown key 'name'"),
        ("{}", "security.roles must list distinct role names"),
    ],
)
def test_bad_role_declarations_are_refused_with_their_place(roles, message):
    with pytest.raises(SpecError) as caught:
        security(roles)
    text = str(caught.value)
    assert message in text
    assert text.startswith("resources.yaml:4:"), text
