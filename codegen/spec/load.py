"""Read resources.yaml into plain data while remembering where every key and value stands.

Problems are collected, never raised one at a time: YAML duplicates, structural errors from the
pydantic models, then the cross-reference checks. Any problem means a `SpecError`.
"""

from __future__ import annotations

import types
import typing
from pathlib import Path

import yaml
from pydantic import BaseModel
from pydantic import ValidationError as PydanticError

from codegen.spec.check import check_spec
from codegen.spec.errors import SpecError, SpecProblem, did_you_mean
from codegen.spec.model import ResourceSpec, SpecFile

Loc = tuple


class Positions:
    """Line/column (1-based) of each key and value in the document, by path."""

    def __init__(self):
        self.values: dict[Loc, tuple[int, int]] = {}
        self.keys: dict[Loc, tuple[int, int]] = {}

    def of(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        loc = tuple(loc)
        while True:
            table = self.keys if key and loc in self.keys else self.values
            if loc in table:
                return table[loc]
            if not loc:
                return (1, 1)
            loc = loc[:-1]


def _mark(node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _to_data(node, loc: Loc, pos: Positions, problems: list[SpecProblem], file: str):
    pos.values[loc] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            key = yaml.safe_load(yaml.serialize(key_node)) if key_node.tag != "tag:yaml.org,2002:str" else key_node.value
            if key in out:
                first = pos.keys[(*loc, key)]
                problems.append(
                    SpecProblem(*_mark(key_node), f"duplicate key '{key}' (first defined at line {first[0]})", file)
                )
                continue
            pos.keys[(*loc, key)] = _mark(key_node)
            out[key] = _to_data(value_node, (*loc, key), pos, problems, file)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_to_data(item, (*loc, i), pos, problems, file) for i, item in enumerate(node.value)]
    return yaml.safe_load(yaml.serialize(node))


def _allowed_keys(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names valid at `loc` (the mapping that holds an unknown key)."""
    annotation: object = model
    for part in loc:
        origin = typing.get_origin(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(part)
            if field is None:
                return []
            annotation = field.annotation
        elif origin in (dict, list):
            annotation = typing.get_args(annotation)[-1]
        else:
            return []
        while typing.get_origin(annotation) in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = options[0]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _describe(error: dict) -> str:
    loc = error["loc"]
    where = ".".join(str(p) for p in loc)
    if error["type"] == "extra_forbidden":
        hint = did_you_mean(loc[-1], _allowed_keys(SpecFile, loc[:-1]))
        return f"{where}: unknown key '{loc[-1]}'{hint}"
    if error["type"] == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        options = [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",")]
        hint = did_you_mean(error.get("input"), options)
        return f"{where}: '{error.get('input')}' is not one of {expected}{hint}"
    if error["type"] == "missing":
        return f"{where}: required key is missing"
    return f"{where}: {error['msg']}"


def _structural_problems(exc: PydanticError, pos: Positions, file: str) -> list[SpecProblem]:
    problems = []
    for error in exc.errors():
        # Drop pydantic's union branch names ("list[...]", "dict[...]") from the location.
        loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and "[" in p))
        error = {**error, "loc": loc}
        line, col = pos.of(loc, key=error["type"] == "extra_forbidden")
        problems.append(SpecProblem(line, col, _describe(error), file))
    return problems


def _declared(data: dict) -> set[str]:
    resources = data.get("resources")
    return set(resources) if isinstance(resources, dict) else set()


def _valid_part(data: dict) -> SpecFile | None:
    """The resources that are structurally valid on their own, so that their cross-reference
    problems are reported in the same run as the structural ones."""
    resources = data.get("resources")
    if not isinstance(resources, dict):
        return None
    valid = {}
    for name, body in resources.items():
        try:
            valid[name] = ResourceSpec.model_validate(body)
        except PydanticError:
            continue
    return SpecFile(version=1, resources=valid)


def _cross_problems(spec: SpecFile | None, pos: Positions, file: str, declared=None) -> list[SpecProblem]:
    if spec is None:
        return []
    return [SpecProblem(*pos.of(loc, key=on_key), msg, file) for loc, on_key, msg in check_spec(spec, declared)]


def load_spec_text(text: str, file: str = "resources.yaml") -> SpecFile:
    problems: list[SpecProblem] = []
    pos = Positions()
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = getattr(exc, "problem", None) or str(exc)
        raise SpecError([SpecProblem(line, col, f"invalid YAML: {reason}", file)]) from None
    if root is None or not isinstance(root, yaml.MappingNode):
        raise SpecError([SpecProblem(1, 1, "the spec must be a mapping with 'version' and 'resources'", file)])
    data = _to_data(root, (), pos, problems, file)
    try:
        spec = SpecFile.model_validate(data)
    except PydanticError as exc:
        problems += _structural_problems(exc, pos, file)
        problems += _cross_problems(_valid_part(data), pos, file, declared=_declared(data))
        raise SpecError(problems) from None
    problems += _cross_problems(spec, pos, file)
    if problems:
        raise SpecError(problems)
    return spec


def load_spec(path: str | Path) -> SpecFile:
    path = Path(path)
    return load_spec_text(path.read_text(encoding="utf-8"), file=path.name)
