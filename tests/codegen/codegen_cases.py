"""Shared helpers of the codegen tests (not a test module): where the golden cases live and how
a spec becomes the `{relative path: text}` tree that codegen would write for it."""

from __future__ import annotations

import os
from pathlib import Path

from codegen import emit, ir
from codegen.spec import SpecError, load_spec

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
REPO = HERE.parent.parent
REPO_SPEC = REPO / "resources.yaml"
REFRESH = os.environ.get("TIMBA_REFRESH_GOLDEN") == "1"
HEADER_PREFIX = "# generated from resources.yaml by codegen"


def case_names() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "resources.yaml").is_file())


def render(spec_path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(generated files, scaffold files) for a spec; raises SpecError for a bad one."""
    project = ir.build(load_spec(spec_path))
    return emit.generated_files(project), emit.scaffold_files(project)


def render_all(spec_path: Path) -> dict[str, str]:
    generated, scaffolds = render(spec_path)
    assert not set(generated) & set(scaffolds), "a path is both generated and scaffolded"
    return {**generated, **scaffolds}


def read_tree(root: Path) -> dict[str, str]:
    """Every file under `root` as {posix relative path: text}."""
    if not root.is_dir():
        return {}
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def success_cases() -> list[str]:
    return [name for name in case_names() if not (CASES / name / "expected_error.txt").exists()]


__all__ = [
    "CASES", "HEADER_PREFIX", "REFRESH", "REPO", "REPO_SPEC", "SpecError",
    "case_names", "read_tree", "render", "render_all", "success_cases",
]
