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
from codegen.spec.model import ResourceSpec, SecuritySpec, SpecFile

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


UNSUPPORTED = "cannot be used in the spec; write the value out"


def _scalar(node, problems: list[SpecProblem], file: str):
    """The plain value of a scalar node; tags (`!!python/...`, `!custom`) and merge keys are
    problems, not crashes."""
    try:
        return yaml.safe_load(yaml.serialize(node))
    except yaml.YAMLError:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!", 1)
        what = "merge keys ('<<')" if tag == "!!merge" else f"the YAML tag '{tag}'"
        problems.append(SpecProblem(*_mark(node), f"{what} {UNSUPPORTED}", file))
        return None


def _to_data(node, loc: Loc, pos: Positions, problems: list[SpecProblem], file: str):
    pos.values[loc] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = key_node.value if key_node.tag == "tag:yaml.org,2002:str" else _scalar(key_node, problems, file)
            else:
                problems.append(SpecProblem(*_mark(key_node), "a key must be a plain name, not a list or mapping", file))
                continue
            if key is None and key_node.tag != "tag:yaml.org,2002:null":
                continue
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
    return _scalar(node, problems, file)


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


# What a value must be, by the error type pydantic gives when a union branch refuses it.
EXPECTED = {
    "bool_type": "a boolean", "bool_parsing": "a boolean", "int_type": "an integer",
    "int_parsing": "an integer", "int_from_float": "an integer", "decimal_type": "a number",
    "decimal_parsing": "a number", "string_type": "a string", "list_type": "a list",
    "dict_type": "a mapping",
}


def _document_loc(error: dict, data) -> tuple[Loc, bool]:
    """The error's location in the document, and whether pydantic put a union branch name
    ('bool', 'list[constrained-str]') or a '[key]' marker in it: parts that name no key."""
    loc, node, branched = [], data, False
    parts = error["loc"]
    for i, part in enumerate(parts):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, str) and part == "type":  # the `name: string` shorthand
            pass
        elif isinstance(node, list) and isinstance(part, int) and not isinstance(part, bool) and 0 <= part < len(node):
            node = node[part]
        elif error["type"] == "missing" and i == len(parts) - 1:
            node = None
        else:
            branched = True
            continue
        loc.append(part)
    return tuple(loc), branched


def _join_or(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _structural_problems(exc: PydanticError, data, pos: Positions, file: str) -> list[SpecProblem]:
    plain, branched = [], {}
    for error in exc.errors():
        loc, in_union = _document_loc(error, data)
        error = {**error, "loc": loc}
        if in_union:
            branched.setdefault(loc, []).append(error)
        else:
            plain.append(error)
    # A union reports one error per branch. When the value had the right shape for a branch
    # (a list of choices with a bad item), only that branch's deeper errors matter; otherwise
    # the branches merge into one "expected a list or a mapping".
    for loc, errors in branched.items():
        if any(other[: len(loc)] == loc and len(other) > len(loc) for other in branched):
            continue
        kinds = [EXPECTED.get(e["type"]) for e in errors]
        if len(errors) > 1 and all(kinds):
            plain.append({**errors[0], "type": "union", "msg": f"expected {_join_or(list(dict.fromkeys(kinds)))}"})
        else:
            plain += errors
    problems = []
    for error in plain:
        line, col = pos.of(error["loc"], key=error["type"] == "extra_forbidden")
        problems.append(SpecProblem(line, col, _describe(error), file))
    return problems


def _declared(data: dict) -> set[str]:
    resources = data.get("resources")
    return set(resources) if isinstance(resources, dict) else set()


def _valid_part(data: dict) -> tuple[SpecFile | None, set[str]]:
    """The resources that are structurally valid on their own, so that their cross-reference
    problems are reported in the same run as the structural ones; and the names of those that
    are not, which take part with their valid sections (`_valid_sections`) as context for the
    others' checks, their own cross problems left until their structural ones are fixed."""
    resources = data.get("resources")
    if not isinstance(resources, dict):
        return None, set()
    valid, partial = {}, set()
    for name, body in resources.items():
        try:
            valid[name] = ResourceSpec.model_validate(body)
        except PydanticError:
            part = _valid_sections(body)
            if part is not None:
                valid[name] = part
                partial.add(name)
    security = data.get("security")
    try:  # the resources' roles and tenant are checked against it: without it every one would be "unknown"
        security = None if security is None else SecuritySpec.model_validate(security)
    except PydanticError:
        return None, set()  # its own problems are reported; the checks against it would mislead
    return SpecFile(version=1, security=security, resources=valid), partial


def _valid_sections(body) -> ResourceSpec | None:
    """A resource that failed the structural check, with the sections of it that pass: its
    fields (and so its references and related_names) still count for the other resources'
    checks. None when even its fields fail."""
    if not isinstance(body, dict):
        return None
    kept: dict = {"fields": body.get("fields")}
    try:
        part = ResourceSpec.model_validate(kept)
    except PydanticError:
        return None
    for key, value in body.items():
        if key == "fields":
            continue
        try:
            part = ResourceSpec.model_validate({**kept, key: value})
        except PydanticError:
            continue
        kept[key] = value
    return part


def _cross_problems(spec: SpecFile | None, pos: Positions, file: str, declared=None, partial=frozenset()) -> list[SpecProblem]:
    if spec is None:
        return []
    return [
        SpecProblem(*pos.of(loc, key=on_key), msg, file)
        for loc, on_key, msg in check_spec(spec, declared)
        if not (loc[:1] == ("resources",) and len(loc) > 1 and loc[1] in partial)
    ]


def load_spec_text(text: str, file: str = "resources.yaml") -> SpecFile:
    problems: list[SpecProblem] = []
    pos = Positions()
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        if context and reason.startswith("but "):  # "expected a single document…, but found another"
            reason = f"{context}, {reason}"
        raise SpecError([SpecProblem(line, col, f"invalid YAML: {reason}", file)]) from None
    if root is None or not isinstance(root, yaml.MappingNode):
        raise SpecError([SpecProblem(1, 1, "the spec must be a mapping with 'version' and 'resources'", file)])
    data = _to_data(root, (), pos, problems, file)
    if any(p.message.endswith(UNSUPPORTED) for p in problems):
        raise SpecError(problems)  # the values behind them are unknown: checking them would mislead
    try:
        spec = SpecFile.model_validate(data)
    except PydanticError as exc:
        problems += _structural_problems(exc, data, pos, file)
        part, partial = _valid_part(data)
        problems += _cross_problems(part, pos, file, declared=_declared(data), partial=partial)
        raise SpecError(problems) from None
    problems += _cross_problems(spec, pos, file)
    if problems:
        raise SpecError(problems)
    return spec


def load_spec(path: str | Path) -> SpecFile:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SpecError([SpecProblem(1, 1, f"the spec is not UTF-8 text ({exc.reason} at byte {exc.start})", path.name)]) from None
    return load_spec_text(text, file=path.name)
