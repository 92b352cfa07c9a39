"""The API's one JSON encoder: orjson, with decimals as strings ("11.476", never a float that
would lose digits). Responses, list pages and cursors all go through `dumps`."""

from decimal import Decimal

import orjson


def _default(value):
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def dumps(data) -> bytes:
    return orjson.dumps(data, default=_default)
