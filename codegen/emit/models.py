"""IR → timba/generated/models.py (abstract bases) and timba/models.py (the concrete models,
which live in the hand-written hook modules)."""

from __future__ import annotations

from codegen.emit.source import Module, call, indent, literal
from codegen.field_types import BLANK, FALSE
from codegen.ir import Field, Project, Resource

ON_DELETE = {
    "cascade": "models.CASCADE",
    "protect": "models.PROTECT",
    "restrict": "models.RESTRICT",
    "set_null": "models.SET_NULL",
}


def field_source(res: Resource, field: Field, mod: Module) -> str:
    ftype = field.field_type
    args: list[str] = []
    kw: dict[str, str] = {}
    if ftype.relation:
        args.append(literal(f"timba.{field.target}"))
        if field.on_delete:
            kw["on_delete"] = ON_DELETE[field.on_delete]
        if field.related_name:
            kw["related_name"] = literal(field.related_name)
        kw["verbose_name"] = literal(field.label)
    else:
        args.append(literal(field.label))
    if field.max_length:
        kw["max_length"] = literal(field.max_length)
    if ftype.takes("max_digits"):
        kw["max_digits"] = literal(field.max_digits)
        kw["decimal_places"] = literal(field.decimal_places)
    if field.choices:
        kw["choices"] = literal([(v, label) for v, label in field.choices])
    if field.unique:
        kw["unique"] = "True"
    if field.index and not field.unique:
        kw["db_index"] = "True"
    if field.nullable:
        kw["null"] = "True"
    if field.blank:
        kw["blank"] = "True"
    if field.default is not None:
        kw["default"] = literal(field.default)
    elif not field.required and ftype.empty == BLANK and not field.nullable:
        kw["default"] = '""'
    elif ftype.empty == FALSE:
        kw["default"] = "False"
    if not field.writable:
        kw["editable"] = "False"
    validators = []
    bound = (lambda v: literal(int(v))) if ftype.whole_number else literal
    if field.min is not None:
        validators.append(f"MinValueValidator({bound(field.min)})")
    if field.max is not None:
        validators.append(f"MaxValueValidator({bound(field.max)})")
    for validator, needs in ftype.validators:
        validators.append(validator)
        mod.need(needs)
    if res.auth_user and field.name == "username":
        validators.append("UnicodeUsernameValidator()")
        mod.need("from django.contrib.auth.validators import UnicodeUsernameValidator")
    if validators:
        kw["validators"] = "[" + ", ".join(validators) + "]"
    if field.min is not None or field.max is not None:
        names = [n for n, v in (("MinValueValidator", field.min), ("MaxValueValidator", field.max)) if v is not None]
        mod.need(f"from django.core.validators import {', '.join(names)}")
    if field.help:
        kw["help_text"] = literal(field.help)
    if "Decimal(" in "".join(kw.values()):
        mod.need("from decimal import Decimal")
    return f"{field.name} = {call(ftype.model_field, *args, **kw)}"


def _meta(res: Resource) -> str:
    lines = ["abstract = True", f"ordering = {literal(list(res.ordering))}"]
    lines.append(f"verbose_name = {literal(res.label)}")
    lines.append(f"verbose_name_plural = {literal(res.label_plural)}")
    constraints = [
        call(
            "models.UniqueConstraint",
            fields=literal(list(group)),
            name=literal(f"{res.snake}_{'_'.join(group)}_uniq"),
        )
        for group in res.unique_together
    ]
    if constraints:
        lines.append("constraints = [\n" + indent(",\n".join(constraints)) + ",\n]")
    indexes = [
        call("models.Index", fields=literal(list(g)), name=literal(f"{res.snake}_{'_'.join(g)}_idx"[:30]))
        for g in res.indexes
    ]
    if indexes:
        lines.append("indexes = [\n" + indent(",\n".join(indexes)) + ",\n]")
    head = "class Meta(AbstractUser.Meta):" if res.auth_user else "class Meta:"
    return head + "\n" + indent("\n".join(lines))


def _spec_attributes(res: Resource) -> list[str]:
    """Class attributes that tell the runtime which fields it fills in."""
    lines = []
    derived = {f.name: f.derived_from for f in res.fields if f.derived_from}
    if derived:
        lines.append(f"derived_fields = {literal(derived)}")
    computed = tuple(f.name for f in res.fields if f.computed)
    if computed:
        lines.append(f"computed_fields = {literal(computed)}")
    inputs = {f.name: f.computed_from for f in res.fields if f.computed and f.computed_from}
    if inputs:
        lines.append(f"computed_inputs = {literal(inputs)}")
    auto = {f.name: f.auto for f in res.fields if f.auto}
    if auto:
        lines.append(f"auto_fields = {literal(auto)}")
    aggregates = {a.name: (a.op, a.path) for a in res.aggregates}
    if aggregates:
        lines.append(f"aggregate_fields = {literal(aggregates)}")
    return lines


def _base_class(res: Resource, mod: Module) -> str:
    # EntityModel first: AbstractBaseUser.clean() does not call super(), so behind it the
    # runtime's clean() (derived fields, seat limit) would never run for the auth user.
    bases = "EntityModel, AbstractUser" if res.auth_user else "EntityModel"
    if res.auth_user:
        mod.need("from django.contrib.auth.models import AbstractUser")
    body = [f'"""Generated fields of {res.name}; the concrete model is timba/hooks/{res.snake}.py."""']
    body += [field_source(res, f, mod) for f in res.fields]
    if res.timestamps:
        body.append('created_at = models.DateTimeField("created at", auto_now_add=True)')
        body.append('updated_at = models.DateTimeField("updated at", auto_now=True)')
    title = display_field(res)
    if title:
        body.append(
            f"def __str__(self):\n    return str(self.{title})\n\n"
            f"label_fields = {literal((title,))}  # what __str__ reads: a change list joining this row loads only these"
        )
    spec_lines = _spec_attributes(res)
    if spec_lines:
        body.append("\n".join(spec_lines))
    body.append(_meta(res))
    return f"class {res.name}Base({bases}):\n" + indent(_join(body))


def display_field(res: Resource) -> str | None:
    """The field that names a row in the admin and in error messages: the first unique string,
    else the first required string."""
    strings = [f for f in res.fields if f.field_type.display]
    ranked = sorted(strings, key=lambda f: (not f.required, not f.unique))
    return ranked[0].name if ranked else None


def _join(body: list[str]) -> str:
    """Fields one per line; the docstring, runtime attributes and Meta set apart by a blank line."""
    out = [body[0], ""]
    for line in body[1:]:
        if line.startswith(("class Meta", "def __str__", "derived_fields", "computed_fields", "computed_inputs", "auto_fields", "aggregate_fields")):
            out += ["", line]
        else:
            out.append(line)
    return "\n".join(out)


def emit_models(project: Project) -> dict[str, str]:
    mod = Module("Abstract model bases, one per resource in resources.yaml.")
    mod.need("from django.db import models", "from timba.runtime.models import EntityModel")
    for res in project.resources:
        mod.add(_base_class(res, mod))

    concrete = Module("The app's models: the hand-written subclasses in timba/hooks/, one per resource.")
    for res in project.resources:
        concrete.need(f"from timba.hooks.{res.snake} import {res.name}")
    names = ", ".join(literal(r.name) for r in project.resources)
    concrete.add(f"__all__ = [{names}]")
    return {"timba/generated/models.py": mod.render(), "timba/models.py": concrete.render()}
