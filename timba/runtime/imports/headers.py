"""Headings as the import compares them: case, spaces and punctuation ignored, and a unit in
brackets at the end split off ("L (m)" → ("l", "m"), "Length [cm]" → ("length", "cm"),
"Log No." and "log_no" → "logno")."""

from __future__ import annotations

import re

UNIT = re.compile(r"^(?P<base>.*?)\s*[\(\[]\s*(?P<unit>[^\(\)\[\]]*?)\s*[\)\]]\s*$")
NOT_WORD = re.compile(r"[\W_]+")


def squash(text: str) -> str:
    """Lower case, letters and digits only."""
    return NOT_WORD.sub("", str(text).casefold())


def split_unit(heading: str) -> tuple[str, str | None]:
    """(the heading without its bracketed unit, the unit) both squashed; unit None without one."""
    text = str(heading).strip()
    found = UNIT.match(text)
    if found and squash(found["base"]):
        return squash(found["base"]), squash(found["unit"]) or None
    return squash(text), None
