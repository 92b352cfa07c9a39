"""Python source building blocks shared by the emitters: literals, imports, module layout.

Like Django's migration serializer, a value becomes code plus the imports it needs; a module
collects its imports in a set and prints them sorted, so output is identical on every run.
"""

from __future__ import annotations

import json
from decimal import Decimal

from codegen import VERSION

HEADER = f"# generated from resources.yaml by codegen {VERSION} — do not edit"
STDLIB = {"datetime", "decimal", "typing", "__future__"}


def literal(value: object) -> str:
    """Python source for a spec value (str, bool, int, Decimal, tuples and lists of them)."""
    if isinstance(value, Decimal):
        return f'Decimal("{value}")'
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # JSON string escapes are valid Python
    if isinstance(value, tuple):
        inner = ", ".join(literal(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(k)}: {literal(v)}" for k, v in value.items()) + "}"
    return repr(value)


def assign(name: str, value: object, *, width: int = 100) -> str:
    """`name = <value>`, with containers broken one element per line when too long."""
    return f"{name} = {_wrapped(value, len(name) + 3, 0, width)}"


def _wrapped(value: object, used: int, depth: int, width: int) -> str:
    flat = literal(value)
    if used + len(flat) <= width or not isinstance(value, (tuple, list, dict)) or not value:
        return flat
    pad = "    " * (depth + 1)
    if isinstance(value, dict):
        items = [f"{literal(k)}: {_wrapped(v, len(pad) + len(literal(k)) + 3, depth + 1, width)}" for k, v in value.items()]
        open_, close = "{", "}"
    else:
        items = [_wrapped(v, len(pad) + 1, depth + 1, width) for v in value]
        open_, close = ("(", ")") if isinstance(value, tuple) else ("[", "]")
    return open_ + "\n" + "".join(f"{pad}{item},\n" for item in items) + "    " * depth + close


def call(func: str, *args: str, **kwargs: str) -> str:
    """`func(a, k=v)` with arguments already rendered; wrapped one per line past 100 columns."""
    parts = list(args) + [f"{k}={v}" for k, v in kwargs.items()]
    one_line = f"{func}({', '.join(parts)})"
    if len(one_line) <= 88:
        return one_line
    return f"{func}(\n" + "".join(f"    {p},\n" for p in parts) + ")"


def indent(text: str, levels: int = 1) -> str:
    pad = "    " * levels
    return "\n".join(pad + line if line else line for line in text.split("\n"))


class Module:
    """A generated module: docstring, sorted imports in isort groups, then the body blocks."""

    def __init__(self, doc: str):
        self.doc = doc
        self.imports: set[str] = set()
        self.blocks: list[str] = []

    def need(self, *imports: str) -> None:
        self.imports.update(imports)

    def add(self, block: str) -> None:
        self.blocks.append(block.rstrip("\n"))

    def _merged_imports(self) -> list[str]:
        """`from x import a` and `from x import b` become one sorted `from x import a, b`."""
        names: dict[str, set[str]] = {}
        plain = set()
        for line in self.imports:
            if line.startswith("from "):
                module, _, imported = line[5:].partition(" import ")
                names.setdefault(module, set()).update(n.strip() for n in imported.split(","))
            else:
                plain.add(line)
        merged = list(plain)
        for module, imported in names.items():
            ordered = sorted(imported, key=lambda n: (not n.isupper(), not n[:1].isupper(), n.lower()))
            line = f"from {module} import {', '.join(ordered)}"
            if len(line) > 100:
                line = f"from {module} import (\n" + "".join(f"    {n},\n" for n in ordered) + ")"
            merged.append(line)
        return merged

    def _import_groups(self) -> list[list[str]]:
        groups: dict[int, set[str]] = {0: set(), 1: set(), 2: set(), 3: set()}
        for line in self._merged_imports():
            top = line.split()[1].split(".")[0]
            rank = 0 if top == "__future__" else 1 if top in STDLIB else 3 if top == "timba" else 2
            groups[rank].add(line)
        key = lambda line: (line.startswith("from "), line.split()[1], line)  # noqa: E731
        return [sorted(g, key=key) for _, g in sorted(groups.items()) if g]

    def render(self) -> str:
        parts = [HEADER, f'"""{self.doc}"""']
        imports = "\n\n".join("\n".join(g) for g in self._import_groups())
        if imports:
            parts.append(imports)
        text = "\n\n".join(parts[:2]) + "\n"
        if imports:
            text += "\n" + imports + "\n"
        previous_is_def = False
        for block in self.blocks:
            is_def = block.startswith(("class ", "def ", "@"))
            text += ("\n\n" if is_def or previous_is_def else "\n") + block + "\n"
            previous_is_def = is_def
        return text
