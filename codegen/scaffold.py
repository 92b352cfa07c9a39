"""`python -m codegen new`: append a well-formed resource to resources.yaml (placeholder)."""

from __future__ import annotations

import sys
from pathlib import Path


def main(spec: Path, name: str | None, *, tenant: bool, fields: str) -> int:
    print("not yet", file=sys.stderr)
    return 2
