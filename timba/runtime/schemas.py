"""Base schema and value types for generated input: what the OpenAPI document declares is what
the server accepts, no more (pydantic's lax parsing would take `true` for 1, `"5"` for a
number in a JSON body, `0` or `"0"` for a date, `""` passed as a decimal's text).

- `InputSchema`: unknown keys are an error, not silently dropped.
- `IsoDate` / `IsoDateTime`: dates and datetimes as ISO 8601 text only, never numbers (Unix
  times); a datetime with an offset must exist in UTC (as the database stores it), a naive one
  is read in the site's time zone.
- `DecimalText(max_digits, decimal_places, ge=, le=)`: a decimal as a JSON number or as plain
  decimal text (`"12.5"`), within its column's digits; the document spells both out (a number's
  bounds and step, the text's pattern).
- `JSON_INTEGER`: an integer in a JSON body is a JSON integer (`5`, `5.0`), never `true` or
  `"5"`; the generated schemas give it the bounds of its column.
- `Password()`: the password rules a schema can state, stated and checked.
- `partial_schema(out)`: a list item cut by `?fields=`.

Generated schemas (timba/generated/schemas.py) use these; the patterns of `__in` filters and of
decimal text are timba.runtime.value_patterns'.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Annotated, Any

from ninja import Schema
from pydantic import AfterValidator, BeforeValidator, ConfigDict, create_model
from pydantic import Field as PydanticField
from pydantic_core import PydanticCustomError, core_schema

from timba.runtime.value_patterns import decimal_pattern


class InputSchema(Schema):
    model_config = ConfigDict(extra="forbid")


# --- dates and datetimes ------------------------------------------------------------------

DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# what the parser takes after the date: a time (T, t or a space), seconds and their fraction
# optional, then Z or an offset, optional (a naive datetime is read in the site's time zone)
DATETIME_TEXT = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[Tt ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?(?:[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?)?"
)
# a naive datetime this close to the ends of the calendar may not exist in another time zone
_EDGE = timedelta(days=1)


def _date_text(value: Any) -> Any:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and DATE_TEXT.fullmatch(value):
        return value
    raise PydanticCustomError("date_type", "Input should be a date as ISO 8601 text, YYYY-MM-DD")


def _datetime_text(value: Any) -> Any:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and DATETIME_TEXT.fullmatch(value):
        return value
    raise PydanticCustomError(
        "datetime_type", "Input should be a datetime as ISO 8601 text, e.g. 2026-01-31T08:00:00Z"
    )


def _in_utc(value: datetime) -> datetime:
    """The datetime must exist in UTC, as the database compares and stores it."""
    try:
        if value.tzinfo is not None:
            value.astimezone(UTC)
        else:
            value - _EDGE, value + _EDGE  # noqa: B018 (overflow is the check)
    except OverflowError:
        raise PydanticCustomError("datetime_range", "Input should be a datetime between the years 1 and 9999 in UTC") from None
    return value


IsoDate = Annotated[date, BeforeValidator(_date_text)]
IsoDateTime = Annotated[datetime, BeforeValidator(_datetime_text), AfterValidator(_in_utc)]


# --- whole numbers ------------------------------------------------------------------------


def _json_integer(value: Any) -> Any:
    """A JSON integer: a number with no fraction (`5` or `5.0`, as JSON Schema counts them);
    never a boolean or text, which pydantic's lax mode would turn into one."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError("int_type", "Input should be a whole number")
    if isinstance(value, float):
        if not value.is_integer():
            raise PydanticCustomError("int_from_float", "Input should be a whole number, without a fraction")
        return int(value)
    return value


# an integer in a JSON body: `Annotated[int, Field(ge=..., le=...), JSON_INTEGER]`, the bounds
# first (pydantic applies and documents them on the integer only when they come before it)
JSON_INTEGER = BeforeValidator(_json_integer)


# --- decimals -----------------------------------------------------------------------------


class DecimalText:
    """`Annotated[Decimal, DecimalText(8, 3, ge=0)]`: a decimal for a column of `max_digits`
    digits, `decimal_places` of them after the point, at least `ge` and at most `le` when given.
    It is a JSON number (whole multiples of 10^-places, below 10^(digits - places) in size) or a
    string of plain decimal notation (`decimal_pattern`); anything else, `""` included, is
    refused. The document declares both forms exactly."""

    def __init__(self, max_digits: int, decimal_places: int, *, ge=None, le=None, text_only: bool = False):
        self.max_digits, self.decimal_places = max_digits, decimal_places
        self.text_only = text_only  # a query parameter's: documented as its text alone
        self.ge = None if ge is None else Decimal(str(ge))
        self.le = None if le is None else Decimal(str(le))
        signed = self.ge is None or self.ge < 0
        self.pattern = decimal_pattern(max_digits, decimal_places, signed=signed)
        self._text = re.compile(self.pattern)

    def _check(self, value: Any) -> Any:
        if isinstance(value, bool):
            raise PydanticCustomError("decimal_type", "Input should be a number or decimal text")
        if isinstance(value, str) and not self._text.fullmatch(value):  # not before a final newline
            raise PydanticCustomError(
                "decimal_text",
                "Input should be decimal text with at most {whole} digits before the point and {places} after it",
                {"whole": self.max_digits - self.decimal_places, "places": self.decimal_places},
            )
        return value

    def __get_pydantic_core_schema__(self, source, handler) -> core_schema.CoreSchema:
        inner = core_schema.decimal_schema(
            max_digits=self.max_digits, decimal_places=self.decimal_places, ge=self.ge, le=self.le, allow_inf_nan=False
        )
        return core_schema.no_info_before_validator_function(self._check, inner)

    def __get_pydantic_json_schema__(self, schema, handler) -> dict:
        size = 10 ** (self.max_digits - self.decimal_places)
        number: dict = {"type": "number", "exclusiveMaximum": size, "exclusiveMinimum": -size}
        if self.ge is not None:
            number.pop("exclusiveMinimum")
            number["minimum"] = _json_number(self.ge)
        if self.le is not None:
            number.pop("exclusiveMaximum")
            number["maximum"] = _json_number(self.le)
        number["multipleOf"] = _json_number(Decimal(1).scaleb(-self.decimal_places))
        text = {"type": "string", "pattern": self.pattern}
        return text if self.text_only else {"anyOf": [number, text]}


def _json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


# --- list items cut by ?fields= -----------------------------------------------------------


def partial_schema(out, name: str):
    """`out` with every key optional: an item of a list page that `?fields=` keeps only some
    keys of (the page's items are `out` or this)."""
    fields = {
        key: (field.annotation, PydanticField(default=None, description=field.description))
        for key, field in out.model_fields.items()
    }
    doc = f"{(out.__doc__ or name).rstrip('.')}, with only the keys ?fields= names."
    return create_model(name, __base__=Schema, __doc__=doc, __module__=out.__module__, **fields)


# --- passwords ----------------------------------------------------------------------------


def _password_rules() -> tuple[dict, list[str]]:
    """What AUTH_PASSWORD_VALIDATORS ask that a schema can state (JSON Schema keywords), and
    every rule in words."""
    from django.conf import settings

    rules: dict = {}
    texts = []
    for validator in settings.AUTH_PASSWORD_VALIDATORS:
        name = validator["NAME"].rsplit(".", 1)[-1]
        if name == "MinimumLengthValidator":
            rules["minLength"] = validator.get("OPTIONS", {}).get("min_length", 8)
            texts.append(f"at least {rules['minLength']} characters")
        elif name == "NumericPasswordValidator":
            rules["pattern"] = "[^0-9]"
            texts.append("not digits alone")
        elif name == "CommonPasswordValidator":
            texts.append("not a common password")
        elif name == "UserAttributeSimilarityValidator":
            texts.append("not like the user's name or e-mail")
    return rules, texts


class Password:
    """`Annotated[str, Password()]`: the auth user's password, "" for no login. The document
    states, and the schema checks, the rules of AUTH_PASSWORD_VALIDATORS that a schema can state
    (the minimum length, not digits alone); the write checks them all (a common password, one
    too like the user's name or e-mail, is a 422 on `password` too)."""

    @staticmethod
    def _check(value: str) -> str:
        """The stated rules, in the validators' own words (ASCII digits alone, as the pattern
        says; the write's NumericPasswordValidator also refuses other scripts' digits)."""
        from django.contrib.auth.password_validation import (
            MinimumLengthValidator,
            NumericPasswordValidator,
        )
        from django.core.exceptions import ValidationError

        if not value:
            return value
        rules, _ = _password_rules()
        problems = []
        if "minLength" in rules:
            try:
                MinimumLengthValidator(rules["minLength"]).validate(value)
            except ValidationError as exc:
                problems += exc.messages
        if "pattern" in rules and value.isascii() and value.isdigit():
            problems.append(str(NumericPasswordValidator().get_error_message()))
        if problems:
            raise PydanticCustomError("password", " ".join(problems))
        return value

    def __get_pydantic_core_schema__(self, source, handler) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(self, schema, handler) -> dict:
        out = handler(schema)
        rules, texts = _password_rules()
        if rules:
            out["anyOf"] = [{"maxLength": 0}, rules]
        if texts:
            out["description"] = "Empty for no login, else " + ", ".join(texts) + "."
        return out
