"""The only part of codegen that touches the disk: write generated files, create scaffolds once,
refresh the generated regions of hand-written documents (the README's diagram, between
`<!-- generated: NAME -->` and `<!-- /generated: NAME -->`), or (`check`) compare and report a
diff without writing anything."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Plan:
    """What generation would change under `root`."""

    root: Path
    changed: dict[str, str] = field(default_factory=dict)  # generated files whose text differs
    created: dict[str, str] = field(default_factory=dict)  # scaffolds that do not exist yet
    diffs: list[str] = field(default_factory=list)

    @property
    def stale(self) -> bool:
        return bool(self.changed or self.created)


def region_markers(name: str) -> tuple[str, str]:
    return f"<!-- generated: {name} -->", f"<!-- /generated: {name} -->"


def with_regions(text: str, regions: dict[str, str]) -> str:
    """`text` with each region's lines between its markers replaced; a document without a
    region's markers is left as it is (the region is optional)."""
    for name, body in regions.items():
        start, end = region_markers(name)
        if start not in text or end not in text:
            continue
        head, rest = text.split(start, 1)
        _old, tail = rest.split(end, 1)
        text = f"{head}{start}\n{body.rstrip()}\n{end}{tail}"
    return text


def plan(root: Path, generated: dict[str, str], scaffolds: dict[str, str], regions: dict[str, dict[str, str]] | None = None) -> Plan:
    result = Plan(root=root)
    documents = {}
    for rel, parts in (regions or {}).items():
        path = root / rel
        if path.exists():
            old = path.read_text(encoding="utf-8")
            documents[rel] = with_regions(old, parts)
    for rel, text in {**generated, **documents}.items():
        path = root / rel
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if old != text:
            result.changed[rel] = text
            diff = difflib.unified_diff(
                old.splitlines(keepends=True),
                text.splitlines(keepends=True),
                fromfile=f"a/{rel}",
                tofile=f"b/{rel}",
            )
            result.diffs.append("".join(diff))
    for rel, text in scaffolds.items():
        if not (root / rel).exists():
            result.created[rel] = text
            result.diffs.append(f"missing hand-written module {rel} (generate creates it)\n")
    return result


def write(result: Plan) -> list[str]:
    """Apply a plan; returns the relative paths written."""
    written = []
    for rel, text in {**result.changed, **result.created}.items():
        path = result.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(rel)
    return sorted(written)
