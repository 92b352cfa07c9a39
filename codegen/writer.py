"""The only part of codegen that touches the disk: write generated files, create scaffolds once,
or (`check`) compare and report a diff without writing anything."""

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


def plan(root: Path, generated: dict[str, str], scaffolds: dict[str, str]) -> Plan:
    result = Plan(root=root)
    for rel, text in generated.items():
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
