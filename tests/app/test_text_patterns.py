"""The pattern the document gives a text type (e-mail, phone, web address) says exactly what the
model field takes: a value the pattern matches passes the field's own validation (Django's
EmailValidator, URLValidator, the phone validator), and pydantic's reading of the pattern (Rust's
regex) agrees with Python's. A value the pattern allows but the field refuses would be a
schema-valid request answered 422, which the random contract test finds only by luck."""

from __future__ import annotations

import importlib
import re
import unicodedata
from typing import Annotated

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import Field, TypeAdapter
from pydantic import ValidationError as PydanticError

from codegen.field_types import TYPES

PATTERNED = [pytest.param(t, id=name) for name, t in TYPES.items() if t.pattern]
# every character some reader of a pattern counts as white space, and the other controls
SPACES = [chr(c) for c in range(0x20)] + [c for c in map(chr, range(0x7F, 0x3001)) if c.isspace()] + ["\ufeff", "\x7f"]


def model_field(ftype):
    """The model field the emitter declares for the type, with its validators."""
    validators = []
    for name, needs in ftype.validators:
        module = re.match(r"from (\S+) import", needs).group(1)
        validators.append(getattr(importlib.import_module(module), name))
    cls = getattr(models, ftype.model_field.split(".", 1)[1])
    return cls(max_length=ftype.default_max_length, validators=validators)


def takes(field, value) -> bool:
    try:
        field.clean(value, None)
    except ValidationError:
        return False
    return True


def pydantic_takes(ftype, value) -> bool:
    adapter = TypeAdapter(Annotated[str, Field(pattern=ftype.pattern, max_length=ftype.default_max_length)])
    try:
        adapter.validate_python(value)
    except PydanticError:
        return False
    return True


@pytest.mark.parametrize("ftype", PATTERNED)
@settings(max_examples=300, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_what_the_pattern_matches_the_field_takes(ftype, data):
    value = data.draw(st.from_regex(ftype.pattern, fullmatch=True).filter(lambda v: len(v) <= ftype.default_max_length))
    assert takes(model_field(ftype), value), value
    assert pydantic_takes(ftype, value), value


@pytest.mark.parametrize("ftype", PATTERNED)
@pytest.mark.parametrize("char", SPACES, ids=lambda c: unicodedata.name(c, f"U+{ord(c):04X}"))
def test_white_space_and_controls_read_alike(ftype, char):
    """Python, ECMAScript and Rust each have their own `\\s`: the pattern names what it refuses,
    so all three readers and the field agree on every such character inside a value."""
    field = model_field(ftype)
    samples = {"email": f"a{char}b@example.com", "url": f"http://example.com/a{char}b", "phone": f"+1 2{char}3"}
    value = samples.get(ftype.name, f"a{char}b")
    matched = bool(re.fullmatch(ftype.pattern.removeprefix("^").removesuffix("$"), value))
    assert matched == pydantic_takes(ftype, value), value
    if matched:
        assert takes(field, value), value
