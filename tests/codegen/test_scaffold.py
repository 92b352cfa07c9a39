"""`python -m codegen new`: the resource it appends to a spec is well-formed, keeps everything
else of the file as it was, validates with no edit, and refuses what cannot work."""

from __future__ import annotations

import pytest
from codegen_cases import CASES, REPO_SPEC

from codegen import ir
from codegen.scaffold import ScaffoldError, add_resource
from codegen.spec import SpecError, load_spec_text

SPEC = REPO_SPEC.read_text(encoding="utf-8")


def _resource(text: str, name: str):
    return ir.build(load_spec_text(text)).resource(name)


def test_the_result_validates_and_keeps_the_rest_of_the_file():
    new = add_resource(SPEC, "Pallet", tenant=True, fields="code:string!,weight:decimal,note:text")
    assert new.startswith(SPEC.rstrip("\n")), "the existing text, comments and layout stay as they were"
    comments = [line for line in SPEC.splitlines() if line.lstrip().startswith("#")]
    assert comments and all(line in new.splitlines() for line in comments)
    pallet = _resource(new, "Pallet")
    security = ir.build(load_spec_text(new)).security
    assert pallet.tenant == "client" and pallet.field("client").target == security.tenant
    assert pallet.field("code").required and pallet.field("weight").kind == "decimal"
    assert pallet.operations == ("list", "get", "create", "update", "delete")
    assert pallet.legacy is None and not pallet.import_export
    assert "code" in pallet.list_search and pallet.admin_list[:2] == ("code", "weight")


def _same_tenancy(project, *, tenant: bool):
    for res in project.resources:
        if res.auth_user:
            continue
        if bool(res.tenant and res.tenant != "self") == tenant and res.permissions:
            return res
    return None


@pytest.mark.parametrize("tenant", [True, False])
def test_permissions_mirror_a_resource_of_the_same_tenancy(tenant):
    new = add_resource(SPEC, "Crate", tenant=tenant, fields="label:string")
    project = ir.build(load_spec_text(new))
    model = _same_tenancy(ir.build(load_spec_text(SPEC)), tenant=tenant)
    expected = {op: roles for op, roles in model.permissions if op not in {"import", "export"}}
    assert dict(project.resource("Crate").permissions) == expected
    assert (project.resource("Crate").tenant is not None) is tenant


def test_a_reference_names_its_target():
    new = add_resource(SPEC, "Stack", tenant=True, fields="consignment:reference:Consignment!,height:integer")
    stack = _resource(new, "Stack")
    assert stack.field("consignment").target == "Consignment" and stack.field("consignment").required


def test_a_spec_without_security_gets_a_plain_resource():
    minimal = (CASES / "minimal" / "resources.yaml").read_text(encoding="utf-8")
    new = add_resource(minimal, "Tag", fields="label:string!")
    assert _resource(new, "Tag").permissions == ()
    with pytest.raises(ScaffoldError, match="security section"):
        add_resource(minimal, "Tag", tenant=True, fields="label:string")


@pytest.mark.parametrize(
    "name,fields,tenant,message",
    [
        ("pallet", "code:string", False, "CamelCase"),
        ("Log", "code:string", False, "already declared"),
        ("Pallet", "", False, "at least one field"),
        ("Pallet", "code:strng", False, "did you mean 'string'"),
        ("Pallet", "code", False, "name:type"),
        ("Pallet", "Code:string", False, "snake_case"),
        ("Pallet", "kind:choice", False, "choices"),
        ("Pallet", "owner:reference", False, "needs the resource"),
        ("Pallet", "owner:reference:Usr", False, "did you mean 'User'"),
        ("Pallet", "code:string,code:text", False, "twice"),
        ("Pallet", "client:string", True, "leave it out"),
    ],
)
def test_what_cannot_work_is_refused(name, fields, tenant, message):
    with pytest.raises(ScaffoldError, match=message):
        add_resource(SPEC, name, tenant=tenant, fields=fields)


def test_a_result_codegen_would_refuse_is_not_returned():
    with pytest.raises(SpecError, match=r"resources\.yaml:\d+:\d+: .*reserved"):
        add_resource(SPEC, "Pallet", fields="id:integer")
