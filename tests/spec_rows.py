"""Spec-driven test data: valid API payloads and database rows for any resource in resources.yaml.

Everything is read from the IR (`codegen.ir`), so a newly declared resource gets data without
touching the tests. Values honour the field's type, max_length, choices and min/max; unique
values come from a counter; required parents are created recursively; derived, computed and
auto-set fields are never sent (the model fills them in).
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import orjson
from django.apps import apps
from django.utils import timezone

from codegen.ir import Field, Project, Resource, build
from codegen.spec import load_spec

SPEC_PATH = Path(__file__).resolve().parent.parent / "resources.yaml"
PROJECT: Project = build(load_spec(SPEC_PATH))
RESOURCES: tuple[Resource, ...] = PROJECT.resources
PASSWORD = "Tr1cky-Pass-phrase"  # noqa: S105 - test fixture only
TEXTUAL = {"string", "text", "email", "phone", "choice"}

_counter = itertools.count(1)


def next_number() -> int:
    return next(_counter)


def resource(name: str) -> Resource:
    return PROJECT.resource(name)


def model_of(res: Resource):
    return apps.get_model("timba", res.name)


def collection_url(res: Resource) -> str:
    return f"/api/v1/{res.plural}"


def item_url(res: Resource, pk) -> str:
    return f"{collection_url(res)}/{pk}"


def output_keys(res: Resource) -> set[str]:
    """The keys of <Name>Out, as the emitter declares them."""
    keys = {"id"} | {f.attname for f in res.fields}
    if res.auth_user:
        keys |= {"is_active", "is_staff"}
    if res.timestamps:
        keys |= {"created_at", "updated_at"}
    return keys | {a.name for a in res.aggregates}


def unique_groups(res: Resource) -> list[tuple[str, ...]]:
    """Every uniqueness rule of the spec: single `unique` fields and unique_together groups."""
    return [(f.name,) for f in res.fields if f.unique] + list(res.unique_together)


def _fit(text: str, max_length: int | None, n: int) -> str:
    """`text` ending in the counter, cut to max_length while keeping the counter."""
    suffix = str(n)
    if max_length is None or len(text) <= max_length:
        return text
    return text[: max(max_length - len(suffix), 0)] + suffix[-max_length:]


def _decimal(field: Field, n: int) -> Decimal:
    places = field.decimal_places or 0
    step = Decimal(1).scaleb(-places)
    whole_digits = (field.max_digits or 12) - places
    top = Decimal(10) ** whole_digits - step  # the largest value the column holds
    low = field.min if field.min is not None else Decimal(0)
    high = min(field.max, top) if field.max is not None else top
    value = low + 1 + Decimal(n % 97) * Decimal("0.125") + step  # varied, inside the bounds
    if value > high:
        value = (low + high) / 2
    return value.quantize(step)


def _integer(field: Field, n: int) -> int:
    low = int(field.min) if field.min is not None else 0
    high = int(field.max) if field.max is not None else low + 10**6
    return low + (n % (high - low + 1))


def scalar_value(field: Field, n: int | None = None):
    """A valid Python value for a non-relation field; distinct for each counter value."""
    n = next_number() if n is None else n
    kind = field.kind
    if kind == "string":
        return _fit(f"{field.name}-{n}", field.max_length, n)
    if kind == "text":
        return f"{field.name} text {n}"
    if kind == "email":
        return _fit(f"user{n}@example.com", field.max_length, n)
    if kind == "phone":
        return f"+1 555 {n:07d}"[: field.max_length or 20]
    if kind == "url":
        return _fit(f"https://example.com/{field.name}/{n}", field.max_length, n)
    if kind == "choice":
        return field.choices[n % len(field.choices)][0]
    if kind == "integer":
        return _integer(field, n)
    if kind == "decimal":
        return _decimal(field, n)
    if kind == "boolean":
        return bool(n % 2)
    if kind == "date":
        return date(2024, 1, 1) + timedelta(days=n % 3000)
    if kind == "datetime":
        return datetime(2024, 1, 1, tzinfo=UTC) + timedelta(minutes=n)
    raise ValueError(f"no value rule for field type {kind!r}")


def to_json(value):
    """A Python value as the API accepts and returns it."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def wrong_type_value(field: Field):
    """A JSON value of the wrong type for the field's input schema."""
    if field.kind == "choice":
        return "not-a-declared-choice"
    if field.kind in TEXTUAL:
        return {"not": "a string"}
    if field.kind == "many-references":
        return "not-a-list"
    if field.kind == "boolean":
        return {"not": "a boolean"}
    return "not-a-number"


def invalid_values(field: Field) -> list[tuple[str, object]]:
    """(label, JSON value) pairs of the right type that break one of the field's rules."""
    out = []
    if field.kind in {"string", "email", "phone"} and field.max_length:
        out.append(("too-long", "1" * (field.max_length + 1)))
    if field.kind == "string" and field.required:
        out.append(("empty", ""))
    if field.kind == "email":
        out.append(("malformed", "not-an-email"))
    if field.kind == "phone":
        out.append(("malformed", "call me maybe"))
    if field.kind == "url":
        out.append(("malformed", "example.com/no-scheme"))
        if field.max_length:
            out.append(("too-long", "https://example.com/" + "a" * field.max_length))
    if field.kind in {"integer", "decimal"}:
        if field.min is not None:
            out.append(("below-min", to_json(field.min - 1)))
        if field.max is not None:
            out.append(("above-max", to_json(field.max + 1)))
    if field.kind == "decimal":
        out.append(("too-many-places", "1." + "1" * (field.decimal_places + 1)))
        out.append(("too-many-digits", "9" * (field.max_digits - field.decimal_places + 1)))
    return out


class RowBuilder:
    """Creates rows (`create`) and API payloads (`payload`) for any resource of the spec."""

    def __init__(self, project: Project = PROJECT):
        self.project = project

    def create(self, res: Resource | str, _chain: tuple[str, ...] = (), **overrides):
        """Save a valid row through the ORM; `overrides` are model attribute values."""
        res = self.project.resource(res) if isinstance(res, str) else res
        model = model_of(res)
        values, many = {}, {}
        for field in res.input_fields:
            if field.name in overrides:
                continue
            if field.is_reference:
                if field.required or (field.target not in _chain and field.target != res.name):
                    values[field.name] = self.create(field.target, (*_chain, res.name))
            elif field.is_many:
                if field.target not in _chain and field.target != res.name:
                    many[field.name] = [self.create(field.target, (*_chain, res.name))]
            else:
                values[field.name] = scalar_value(field)
        for name, value in overrides.items():
            if res.field(name).is_many:
                many[name] = value
            else:
                values[name] = value
        instance = model(**values)
        if res.auth_user:
            instance.set_password(PASSWORD)
        instance.save()
        for name, rows in many.items():
            getattr(instance, name).set(rows)
        return instance

    def payload(self, res: Resource | str, *, required_only: bool = False, **overrides) -> dict:
        """A valid JSON body for POST /api/v1/<plural>: every writable field (or just the
        required ones), parents created in the database first. Keys of `overrides` are
        payload keys (`client_id`, not `client`)."""
        res = self.project.resource(res) if isinstance(res, str) else res
        body = {}
        for field in res.input_fields:
            if required_only and not field.required:
                continue
            if field.attname in overrides:
                continue
            if field.is_reference:
                body[field.attname] = self.create(field.target).pk
            elif field.is_many:
                body[field.name] = [self.create(field.target).pk]
            else:
                body[field.name] = to_json(scalar_value(field))
        if res.auth_user and not required_only:
            body["password"] = PASSWORD
        body.update(overrides)
        return body

    def patch_change(self, res: Resource, instance) -> tuple[str, object]:
        """One payload key and a new valid value for it, for a partial update: the first
        writable scalar field (a reference when there is none)."""
        scalars = [f for f in res.input_fields if not (f.is_reference or f.is_many)]
        for field in scalars:
            value = scalar_value(field)
            if field.kind == "choice" and len(field.choices) > 1:
                current = getattr(instance, field.name)
                value = next(v for v, _ in field.choices if v != current)
            return field.attname, to_json(value)
        for field in res.input_fields:
            if field.is_reference:
                return field.attname, self.create(field.target).pk
        raise LookupError(f"{res.name} has no writable field to patch")


def admin_form_data(res: Resource, builder: RowBuilder, row=None) -> dict:
    """Admin add- or change-form POST data for every writable field, copied from `row` when given."""
    data = {}
    for field in res.input_fields:
        if field.is_many:
            data[field.name] = [str(builder.create(field.target).pk)]
        elif field.is_reference:
            data[field.name] = str(getattr(row, field.attname) if row else builder.create(field.target).pk)
        else:
            value = getattr(row, field.name) if row else scalar_value(field)
            data[field.name] = str(value)
            if isinstance(value, datetime):  # the admin's split widget: a date and a time, local
                local = timezone.localtime(value)
                data[f"{field.name}_0"], data[f"{field.name}_1"] = local.date().isoformat(), local.time().isoformat()
    return data


def json_equal(sent, returned) -> bool:
    """Compare a sent JSON value with the API's answer (decimals and datetimes as text)."""
    if isinstance(sent, str) and isinstance(returned, str):
        try:
            return Decimal(sent) == Decimal(returned)
        except ArithmeticError:
            pass
        try:
            return datetime.fromisoformat(sent) == datetime.fromisoformat(returned)
        except ValueError:
            return sent == returned
    if isinstance(sent, list) and isinstance(returned, list):
        return sorted(sent) == sorted(returned)
    return sent == returned


# --- API helpers ---------------------------------------------------------------------------

PROBLEM_KEYS = {"type", "title", "status", "detail"}


class JsonClient:
    """Django's test client speaking JSON to the API as the holder of `token` (none: anonymous);
    bodies may be dicts or raw text."""

    def __init__(self, client, token: str | None = None):
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def _send(self, method: str, url: str, body=None):
        data = body if isinstance(body, (str, bytes)) or body is None else orjson.dumps(body)
        return getattr(self.client, method)(url, data=data, content_type="application/json", headers=self.headers)

    def get(self, url: str, **params):
        return self.client.get(url, params or None, headers=self.headers)

    def post(self, url: str, body):
        return self._send("post", url, body)

    def patch(self, url: str, body):
        return self._send("patch", url, body)

    def delete(self, url: str):
        return self.client.delete(url, headers=self.headers)


def assert_problem(response, status: int) -> dict:
    """The response is an RFC 9457 problem with `status`; returns its body."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/problem+json"), response["Content-Type"]
    body = orjson.loads(response.content)
    assert PROBLEM_KEYS <= set(body), body
    assert body["status"] == status
    return body


def error_locs(body: dict) -> list[list]:
    return [list(e["loc"]) for e in body.get("errors") or []]
