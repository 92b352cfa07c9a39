"""Spec problems: where (file, line, column), what, and a hint of what to do."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class SpecProblem:
    line: int
    col: int
    message: str
    file: str = "resources.yaml"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


class SpecError(Exception):
    """Raised with every problem found in a spec; nothing may be generated from it."""

    def __init__(self, problems: list[SpecProblem]):
        self.problems = sorted(set(problems), key=lambda p: (p.line, p.col, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))


def did_you_mean(word: object, choices) -> str:
    """` (did you mean 'x'?)` when a close match exists, else an empty string."""
    if not isinstance(word, str):
        return ""
    matches = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""
