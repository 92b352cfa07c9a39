r"""The regular expressions the OpenAPI document gives query values, matched by the schemas too:
plain decimal text within a column's digits, and the comma-separated lists of `__in` filters
(integers within a column's range, real dates, declared choices, decimals, text).

Patterns are matched by pydantic's Rust engine, which reads `$` as the end of the text, as
JSON Schema's ECMA-262 patterns mean (Python's `re` also matches it before a final newline).
They spell their classes out in ASCII (`[0-9]`, `[A-Za-z0-9_]`, `[ \t]`), never `\d`, `\w` or
`\s`, whose reach differs between ECMA-262, Rust and Python. timba.runtime.schemas and the
generated schemas use them.
"""

from __future__ import annotations


def decimal_pattern(max_digits: int, decimal_places: int, *, signed: bool = True) -> str:
    """Plain decimal text with at most `max_digits - decimal_places` digits before the point
    and `decimal_places` after it: `12.5`, `-0.125`, `.5`, `7`; no exponent, no spaces."""
    whole = max_digits - decimal_places
    sign = "[+-]?" if signed else r"\+?"
    if decimal_places == 0:
        return rf"^{sign}[0-9]{{1,{whole}}}\.?$"
    places = rf"[0-9]{{1,{decimal_places}}}"
    if whole == 0:
        return rf"^{sign}0?\.{places}$"
    return rf"^{sign}(?:[0-9]{{1,{whole}}}(?:\.[0-9]{{0,{decimal_places}}})?|\.{places})$"


def _list_of(item: str) -> str:
    """A comma-separated list of one or more `item`s, spaces allowed around each."""
    return rf"^ *{item} *(?:, *{item} *)*$"


def int_range_pattern(low: int, high: int) -> str:
    """A regex (without anchors) of the decimal integers from `low` to `high`, leading zeros
    allowed: what `int()` reads within a column's range."""
    parts = []
    if low < 0:
        parts.append(f"-0*(?:{_natural_range(max(1, -high), -low)})")
    if high > 0:
        parts.append(rf"\+?0*(?:{_natural_range(max(low, 1), high)})")
    if low <= 0 <= high:
        parts.append("[+-]?0+")
    return "(?:" + "|".join(parts) + ")"


def _natural_range(low: int, high: int) -> str:
    """The alternatives of a regex of the integers `low`..`high` (1 <= low), without leading
    zeros: the range cut where a run of trailing nines ends or trailing zeros begin, so that
    each piece is one digit pattern (the split of the to-regex-range library)."""
    low = max(low, 1)  # zero is spelled by the caller
    if low > high:
        return "[^\\s\\S]"  # matches nothing
    stops = {high}
    nines = 1
    while low <= (stop := int((str(low)[:-nines] or "0") + "9" * nines)) <= high:
        stops.add(stop)
        nines += 1
    zeros = 1
    while low < (stop := (high + 1) - (high + 1) % 10**zeros - 1) <= high:
        stops.add(stop)
        zeros += 1
    alternatives, start = [], low
    for stop in sorted(stops):
        alternatives.append(_digits_between(str(start), str(stop)))
        start = stop + 1
    # every length from one digit up: `[1-9]|[1-9][0-9]|[1-9][0-9]{2}` is `[1-9][0-9]{0,2}`
    longest = 0
    while len(alternatives) > longest + 1 and alternatives[longest + 1] == "[1-9]" + _free(longest + 1):
        longest += 1
    if alternatives[0] == "[1-9]" and longest:
        alternatives[: longest + 1] = [f"[1-9][0-9]{{0,{longest}}}"]
    return "|".join(alternatives)


def _free(count: int) -> str:
    return "[0-9]" if count == 1 else f"[0-9]{{{count}}}"


def _digits_between(lo: str, hi: str) -> str:
    """The pattern of the numbers lo..hi, two spellings of one length where, after a common
    prefix, one digit ranges and every later one goes from 0 to 9."""
    pattern, free = "", 0
    for a, b in zip(lo, hi, strict=True):
        if a == b:
            pattern += a
        elif a == "0" and b == "9":
            free += 1
        else:
            pattern += f"[{a}-{b}]"
    return pattern + (_free(free) if free else "")


def int_list_pattern(low: int, high: int) -> str:
    """The `__in` list of integers (ids, references, integer fields) within `low`..`high`."""
    return _list_of(int_range_pattern(low, high))


def choice_list_pattern(choices: list[str] | tuple[str, ...]) -> str:
    return _list_of("(?:" + "|".join(_literal(c) for c in choices) + ")")


def _literal(text: str) -> str:
    """`text` matched literally, escaping only the syntax characters (ECMA-262's unicode mode
    refuses escapes such as Python's `\\-`)."""
    return "".join("\\" + ch if ch in "\\^$.|?*+()[]{}/" else ch for ch in text)


def text_list_pattern() -> str:
    """Comma-separated text: not empty, nor commas and spaces alone (values blank once stripped
    are dropped, and a list of none matches no row)."""
    return "[^ ,]"


def decimal_list_pattern(max_digits: int, decimal_places: int) -> str:
    return _list_of("(?:" + decimal_pattern(max_digits, decimal_places)[1:-1] + ")")


DATE_VALUE = (
    # years 0001-9999; days 01-28 of any month, 29-30 but in February, 31 in the long months,
    # and 29 February in leap years
    r"(?:(?:[0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})-"
    r"(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
    r"|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29)"
)


def date_list_pattern() -> str:
    return _list_of(DATE_VALUE)
