"""The generic code holds no domain names: the runtime (timba/runtime/) and the emitters
(codegen/emit/) read every resource, field, relation and role name from the spec (or from what
the generated code registers), never spell one out.

The names come from resources.yaml through the IR: resource names (and their snake and plural
forms), field names, related names, aggregates, seed parameters and role names; a few are
Django's or HTTP's own and not domain names (`id`, `name`, `user`, `username`, `email`,
`password`, `type`, `status`), and neither are the words of Python's, Django's, HTTP's and the
spec language's own vocabulary (`count`, `title`, `phone`: `_vocabulary`), so a spec may name
its fields so and still pass. A name counts as spelled out when it is a string literal of its
own (`"roles"`), part of a lookup (`"roles__in"`, f"{x}__roles"), an attribute (`user.roles`)
or a keyword argument (`roles=`). Two exceptions: the keys of the registered subscription rules
(`subscription["seats"]`) and the attributes of the generic code's own objects, the IR and the
registered rules (`sec.roles`, the spec's list of role names). Prose inside messages and
docstrings is not looked at.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from spec_rows import PROJECT

from codegen import ir
from codegen.field_types import TYPES
from codegen.spec import model as spec_model
from timba.runtime.registry import SecurityRules

ROOT = Path(__file__).resolve().parent.parent
GENERIC_CODE = ("timba/runtime", "codegen/emit")
NOT_DOMAIN = {"id", "name", "user", "username", "email", "password", "type", "status"}


def _vocabulary() -> set[str]:
    """Words the generic code spells as Python's, Django's or HTTP's own, whatever a spec names
    its fields: the methods of builtin types (`str.title`, `list.count`), the attributes of a
    model, queryset, manager and model field, a validation error's arguments (`code=`), RFC
    9457's problem keys, and the spec language's field types (`kind == "phone"`). A spec may
    name a field `count`, `title`, `code` or `phone`; the code's `rows.count()` is not about it."""
    from django.db import models

    words = {"type", "title", "status", "detail", "instance", "errors"} | set(TYPES)
    words |= set(inspect.signature(ValidationError).parameters)  # an error's `code=`, `message`, `params`
    for kind in (str, bytes, list, dict, set, tuple, int, models.Model, models.QuerySet, models.Manager, models.Field):
        words |= {n for n in dir(kind) if not n.startswith("_")}
    return words


IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _spec_words() -> set[str]:
    words = set(PROJECT.security.roles)
    for res in PROJECT.resources:
        words |= {res.name, res.snake, res.plural}
        words |= {f.name for f in res.fields} | {f.related_name for f in res.fields if f.related_name}
        words |= {a.name for a in res.aggregates}
        if res.legacy:
            words |= {seed for seed, _ in res.legacy.params} | set(res.legacy.id_params) | {res.legacy.path}
    return words


def _attributes_of_the_generic_objects() -> set[str]:
    """Attributes the generic code reads off its own objects (the IR, the registered rules):
    `sec.roles` is the spec's list of role names, not a field of a user."""
    classes = [SecurityRules, *(v for v in vars(ir).values() if dataclasses.is_dataclass(v))]
    return {f.name for cls in classes for f in dataclasses.fields(cls)}


# keys of the registered subscription rules (`subscription["seats"]`), the spec language's words
SUBSCRIPTION_KEYS = set(spec_model.SubscriptionSpec.model_fields)
DOMAIN = _spec_words() - NOT_DOMAIN - _vocabulary()
LITERALS_ALLOWED = SUBSCRIPTION_KEYS
ATTRIBUTES_ALLOWED = SUBSCRIPTION_KEYS | _attributes_of_the_generic_objects()


def _docstrings(tree) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                out.add(id(first.value))
    return out


def spelled_names(source: str) -> list[tuple[int, str]]:
    """(line, name) for every identifier the code spells out as data (a literal, a lookup, a
    keyword argument) or as an attribute; attribute names come prefixed with '.'."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            names = [part for part in node.value.split("__") if IDENTIFIER.match(part)]
        elif isinstance(node, ast.Attribute):
            names = ["." + node.attr]
        elif isinstance(node, ast.keyword) and node.arg:
            names = node.arg.split("__")
        found += [(getattr(node, "lineno", 0), name) for name in names]
    return found


def is_domain(spelled: str) -> bool:
    if spelled.startswith("."):
        return spelled[1:] in DOMAIN and spelled[1:] not in ATTRIBUTES_ALLOWED
    return spelled in DOMAIN and spelled not in LITERALS_ALLOWED


def _modules():
    return [pytest.param(path, id=str(path.relative_to(ROOT))) for root in GENERIC_CODE for path in sorted((ROOT / root).rglob("*.py"))]


def test_the_spec_has_domain_names_to_look_for():
    assert {r.name for r in PROJECT.resources} <= DOMAIN


@pytest.mark.parametrize("path", _modules())
def test_generic_code_spells_no_domain_name(path):
    hits = [f"{path.relative_to(ROOT)}:{line}: {name}" for line, name in spelled_names(path.read_text()) if is_domain(name)]
    assert not hits, "domain names in generic code (read them from the spec instead):\n" + "\n".join(hits)


@pytest.mark.parametrize("snippet", ["user.{f}.all()", "rows.filter({f}__in=ids)", "getattr(row, '{f}')", "rows.values('{f}__pk')", "f'{{x}}__{f}'"])
def test_the_check_sees_a_hard_coded_field(snippet):
    field = sorted(f.name for r in PROJECT.resources for f in r.fields if is_domain(f.name) and is_domain("." + f.name))[0]
    assert any(is_domain(name) for _, name in spelled_names(snippet.format(f=field)))
