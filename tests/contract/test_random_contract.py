"""The contract in schemathesis' random mode: the OpenAPI document says exactly what the server
accepts.

Every operation of /api/v1/openapi.json (the seed routes included) gets `CONTRACT_EXAMPLES`
(30) random examples per generation mode, not derandomized, after the document's examples and
schemathesis' coverage cases, all checked by every check schemathesis has (`ALL_CHECKS`:
server errors, status codes, content types, headers and bodies as declared, schema-valid
requests accepted and schema-violating ones refused, missing headers, unsupported methods,
auth, use after free, ...). Then the stateful phase walks the document's OpenAPI links
(create -> get, update, replace, delete), `CONTRACT_SCENARIOS` scenarios of up to
`CONTRACT_STEPS` calls.

The run is seeded: `CONTRACT_SEED` (a new one per run when unset) seeds every operation's
examples and the stateful scenarios. The seed is printed in pytest's header and with every
failure; `CONTRACT_SEED=<seed> pytest tests/contract` replays a run. The summary line counts
the cases sent, the operations and the links the stateful phase followed.

The test data is real: references in schema-valid bodies (`client_id`, `roles`, the seed's
`con_id` and `role`) name rows that exist, as a client's do, so that a valid request can
succeed; schema-violating ones are sent as generated. The requests run in-process (WSGI) on the
test database, as platform staff (a superuser's bearer token).
"""

from __future__ import annotations

import os
import secrets
import time
from collections import Counter
from contextlib import contextmanager

import orjson
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import override_settings
from hypothesis import HealthCheck, assume, seed, settings
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.core.errors import HookExecutionError, format_transition
from spec_rows import RESOURCES, RowBuilder, model_of

from timba.wsgi import application

SEED = int(os.environ.get("CONTRACT_SEED") or secrets.randbits(32))  # conftest.py chooses it per run
MAX_EXAMPLES = int(os.environ.get("CONTRACT_EXAMPLES") or 30)
SCENARIOS = int(os.environ.get("CONTRACT_SCENARIOS") or 200)
STEPS = int(os.environ.get("CONTRACT_STEPS") or 10)
REPLAY = f"CONTRACT_SEED={SEED} .venv/bin/python -m pytest tests/contract/test_random_contract.py"

# what the run sent and walked, for the summary (tests/contract/conftest.py prints it)
STATS: dict = {"seed": SEED, "cases": 0, "operations": set(), "links": Counter(), "declared_links": set(), "started": None}


def _load_schema():
    with override_settings(ALLOWED_HOSTS=["localhost"]):
        loaded = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    loaded.config.seed = SEED
    # the stateful phase follows the document's links only: no links inferred from responses
    loaded.config.phases.stateful.inference.algorithms = []
    # A well-formed If-Match naming a version that is not the row's current one is a valid
    # request whose precondition fails: 412 is its answer (RFC 9110 13.1.1), as 404 and 409
    # are for a missing row or a conflict, which the check accepts already.
    accepted = loaded.config.checks.positive_data_acceptance
    accepted.expected_statuses = [*accepted.expected_statuses, "412"]
    return loaded


schema = _load_schema()
load_all_checks()
ALL_CHECKS = CHECKS.get_all()  # `--checks all`


def _declared_links(document: dict) -> set[str]:
    """Every link of the document, named as schemathesis names the transition it makes."""
    labels = {
        operation["operationId"]: f"{method.upper()} {path}"
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if isinstance(operation, dict) and "operationId" in operation
    }
    out = set()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, response in (operation.get("responses", {}) if isinstance(operation, dict) else {}).items():
                for name, link in response.get("links", {}).items():
                    out.add(format_transition(f"{method.upper()} {path}", str(status), name, labels[link["operationId"]]))
    return out


# --- test data: references to rows that exist ---------------------------------------------

def _reference_keys() -> dict[str, tuple[str, bool]]:
    """Body key -> (target resource, whether a natural key may stand for the id), for every
    reference and many-reference the spec lets a client send, under its API name and its seed
    aliases."""
    keys: dict[str, tuple[str, bool]] = {}
    for res in RESOURCES:
        for field in res.input_fields:
            if field.is_reference or field.is_many:
                keys[field.attname] = (field.target, False)
        if res.legacy is not None:
            for seed, key in res.legacy.params:
                if key in keys:
                    keys[seed] = (keys[key][0], True)
    return keys


REFERENCES = _reference_keys()


class Rows:
    """The rows references may name; a kind whose rows were all deleted (by the fuzzer's DELETEs)
    gets a new one."""

    def __init__(self):
        self.builder = RowBuilder()

    def ids(self, target: str) -> list[int]:
        model = model_of(next(r for r in RESOURCES if r.name == target))
        ids = list(model._default_manager.order_by("pk").values_list("pk", flat=True)[:10])
        return ids or [self.builder.create(target).pk]

    def names(self, target: str) -> list[str]:
        res = next(r for r in RESOURCES if r.name == target)
        key = next((f.name for f in res.fields if f.unique and f.kind == "string"), None)
        model = model_of(res)
        self.ids(target)
        return list(model._default_manager.order_by("pk").values_list(key, flat=True)[:10]) if key else []


def _existing(value, target: str, natural: bool, rows: Rows):
    if isinstance(value, list):
        return [_existing(v, target, natural, rows) for v in value]
    if isinstance(value, float) and value.is_integer():  # 7.0 is the JSON integer 7
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int | str):
        return value
    if isinstance(value, str):
        names = rows.names(target) if natural else []
        return names[hash(value) % len(names)] if names else value
    ids = rows.ids(target)
    return ids[value % len(ids)]


def _with_rows(body, rows: Rows):
    if isinstance(body, list):
        return [_with_rows(item, rows) for item in body]
    if not isinstance(body, dict):
        return body
    out = {}
    for key, value in body.items():
        if key in REFERENCES and value is not None:
            target, natural = REFERENCES[key]
            out[key] = _existing(value, target, natural, rows)
        elif key == "items":  # a bulk body's items are create bodies
            out[key] = _with_rows(value, rows)
        else:
            out[key] = value
    return out


def _resource_of(case):
    """The resource an operation writes: by its REST path or its seed route's path."""
    parts = case.operation.path.strip("/").split("/")  # api, v1, <plural>[, {id} | bulk]
    for res in RESOURCES:
        if parts[:3] == ["api", "v1", res.plural] and len(parts) <= 4:
            return res
        if res.legacy is not None and parts == ["timba", res.legacy.path]:
            return res
    return None


def _items(case) -> list[dict]:
    body = case.body
    if isinstance(body, dict) and isinstance(body.get("items"), list) and case.operation.path.endswith("/bulk"):
        return [item for item in body["items"] if isinstance(item, dict)]
    return [body] if isinstance(body, dict) else []


def _staff_tenant(res, item: dict, rows: Rows) -> None:
    """Platform staff have no tenant to default to: they name the client, as the admin does."""
    if res.tenant in (None, "self"):
        return
    field = res.field(res.tenant)
    if field.is_reference and field.required and field.writable and item.get(field.attname) is None:
        item[field.attname] = rows.ids(field.target)[0]


def _changed_row(res, case, item: dict):
    """The row a PATCH changes, or None: the REST path's id, or the seed route's first id
    parameter present (as the route reads it)."""
    if case.method.upper() != "PATCH":
        return None
    pk = (case.path_parameters or {}).get("id")
    if pk is None and res.legacy is not None:
        params = {**(case.query or {}), **item}
        pk = next((params[n] for n in res.legacy.id_params if params.get(n) not in (None, "")), None)
    if not isinstance(pk, int) or isinstance(pk, bool):
        return None
    return model_of(res)._default_manager.filter(pk=pk).first()


def _password_fits(res, case, item: dict) -> None:
    """A password the validators take (a schema cannot list the common ones, nor say which are
    too like the user's name): judged against the user as the request leaves it, the changed
    row's name and email with the body's over them."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from spec_rows import PASSWORD

    if not res.auth_user or not item.get("password"):
        return
    user = _changed_row(res, case, item) or model_of(res)()
    names = {f.attname for f in user._meta.concrete_fields if not f.is_relation} - {"password"}
    for key, value in item.items():
        if key in names and isinstance(value, str):
            setattr(user, key, value)
    try:
        validate_password(item["password"], user)
    except ValidationError:
        item["password"] = PASSWORD


def _computed_fit(res, case, item: dict) -> bool:
    """What the hooks compute from the values (a log's volume from its dimensions) fits its
    column: a rule over several fields, which a schema cannot state."""
    model = model_of(res)
    computed = getattr(model, "computed_fields", ())
    if not computed:
        return True
    instance = None
    pk = (case.path_parameters or {}).get("id")
    if pk is not None and case.method.upper() == "PATCH":
        instance = model._default_manager.filter(pk=pk).first()
    instance = instance or model()
    for key, value in item.items():
        field = next((f for f in model._meta.concrete_fields if key in {f.name, f.attname}), None)
        if field is not None and not field.is_relation:
            try:
                setattr(instance, field.attname, field.to_python(value))
            except Exception:  # noqa: BLE001 - a value the schema refuses later; not this rule's case
                return True
    for name in computed:
        field = model._meta.get_field(name)
        value = getattr(instance, f"compute_{name}")()
        if value is None:
            continue
        try:
            field.run_validators(field.to_python(value))
        except Exception:  # noqa: BLE001 - ValidationError, or a Decimal beyond any context
            return False
    return True


def _distinct_keys(res, items: list[dict]) -> bool:
    """A bulk body names each row once (the key repeated in one request is refused)."""
    if len(items) < 2:
        return True
    keys = []
    for item in items:
        key = []
        for name in res.bulk_key:
            field = res.field(name)
            if field.derived_from:  # the key's tenant comes from the parent row
                parent, attr = field.derived_from
                parent_field = res.field(parent)
                row = model_of(next(r for r in RESOURCES if r.name == parent_field.target))._default_manager.filter(
                    pk=item.get(parent_field.attname)).values_list(f"{attr}_id", flat=True).first()
                key.append(row)
            else:
                key.append(item.get(field.attname))
        keys.append(tuple(key))
    return len(set(keys)) == len(keys)


def _real_cursor(case, headers: dict) -> None:
    """A cursor the list gave out (a token only the server can mint): the next of the first
    page of the same query, or empty when that page is the last."""
    from urllib.parse import parse_qs, urlsplit

    from django.test import Client

    query = {k: v for k, v in (case.query or {}).items() if k not in {"cursor", "offset", "limit"}}
    response = Client().get(case.formatted_path, {**query, "cursor": "", "limit": 1},
                            HTTP_AUTHORIZATION=headers["Authorization"])
    _keep_test_connection()  # Django's test client connects close_old_connections back
    following = ""
    if response.status_code == 200:
        if case.operation.path.startswith("/api/"):
            following = orjson.loads(response.content).get("next") or ""
        elif response.has_header("Link"):
            url = response["Link"].split(";")[0].strip("<> ")
            following = parse_qs(urlsplit(url).query).get("cursor", [""])[0]
    case.query["cursor"] = following


def realistic(case, rows: Rows, headers: dict) -> None:
    """A schema-valid case made what a real client would send where the schema cannot say it:
    references name rows that exist (as a client's name its rows), a cursor is one the list gave
    out, staff name the client of a tenant's row, a password passes the validators (an upload: see
    `real_upload`). A case breaking a rule no schema can state (a computed value too large for its column, a bulk key
    sent twice) is discarded. Cases that violate the schema are sent exactly as generated."""
    if isinstance(case.query, dict):  # an empty list is no parameter on the wire: sent as such
        for key in [k for k, v in case.query.items() if v == []]:
            del case.query[key]
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return
    if isinstance(case.body, dict | list):
        case.body = _with_rows(case.body, rows)
    if isinstance(case.query, dict) and case.query.get("cursor") not in (None, ""):
        _real_cursor(case, headers)
    res = _resource_of(case)
    if res is None or case.method.upper() not in {"POST", "PUT", "PATCH"}:
        return
    items = _items(case)
    for item in items:
        if case.method.upper() != "PATCH":
            _staff_tenant(res, item, rows)
        _password_fits(res, case, item)
        if not _computed_fit(res, case, item):
            raise Unrealistic("a computed value would not fit its column")
    if case.operation.path.endswith("/bulk") and not _distinct_keys(res, items):
        raise Unrealistic("a bulk key sent twice")


def _is_upload(case) -> bool:
    return case.method.upper() == "POST" and case.operation.path.endswith("/imports") and isinstance(case.body, dict)


def real_upload(case, rows: Rows, kwargs: dict) -> None:
    """A schema-valid upload made one the import reads (a schema can say "binary", not "a CSV"):
    the header row of every column of the resource, no rows, and the client staff name (a row
    that exists). The multipart body goes in the call's own arguments: schemathesis takes a
    generated body holding binary for schema-violating once a hook edits it."""
    from urllib3.filepost import encode_multipart_formdata

    from timba.runtime.imports.descriptors import descriptor_for

    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return
    res = _resource_of(case)
    header = ",".join(c.label for c in descriptor_for(model_of(res)).columns) + "\r\n"
    fields = {"file": ("rows.csv", header.encode(), "text/csv")}
    item = {k: v for k, v in case.body.items() if k != "file" and v is not None}
    item = _with_rows(item, rows)
    _staff_tenant(res, item, rows)
    fields |= {k: str(v) for k, v in item.items()}
    body, content_type = encode_multipart_formdata(fields)
    kwargs["data"] = body
    case.headers = {**(case.headers or {}), "Content-Type": content_type}


class Unrealistic(Exception):
    """A schema-valid case that breaks a rule no schema can state: discarded (hypothesis'
    `assume`), neither sent nor counted."""


@contextmanager
def discarding_unrealistic():
    """`assume(False)` for a case the `before_call` hook found unrealistic (schemathesis wraps
    what a hook raises)."""
    try:
        yield
    except HookExecutionError as exc:
        if isinstance(exc.__cause__, Unrealistic):
            assume(False)
        raise


# --- the WSGI app on the test database ----------------------------------------------------

def _keep_test_connection() -> None:
    """The WSGI requests stay on the test's connection, in its transaction: no closing of "old"
    connections around them (which would close this one on MySQL, whose test transaction is not
    in autocommit), as Django's test client does for its own requests."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)


@pytest.fixture
def in_test_transaction():
    _keep_test_connection()
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def headers(db, settings, superuser, in_test_transaction) -> dict:
    from timba.tokens.models import ApiToken

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]  # schemathesis' WSGI Host
    if STATS["started"] is None:
        STATS["started"] = time.monotonic()
        STATS["declared_links"] = _declared_links(schema.raw_schema)
    return {"Authorization": f"Bearer {ApiToken.issue(superuser)[1]}"}


@pytest.fixture
def rows(db, headers) -> Rows:
    rows = Rows()
    for target in sorted({t for t, _ in REFERENCES.values()}):
        rows.ids(target)
    CURRENT["rows"], CURRENT["headers"] = rows, headers
    yield rows
    CURRENT.clear()


CURRENT: dict = {}  # the running test's rows and headers, for the hook and the auth below


@schema.auth(refresh_interval=None)  # each test has its own database, so its own token
class StaffToken:
    """The running test's bearer token, set by schemathesis on every case but those testing a
    missing or wrong token (which it knows to expect a 401 for)."""

    def get(self, case, context):
        return CURRENT["headers"]["Authorization"] if CURRENT else None  # None: none yet (collection)

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": data}


@schemathesis.hook
def before_call(ctx, case, kwargs):
    """Where schemathesis reads edits of a case (and re-checks whether it still violates the
    schema): only this module's cases, while one of its tests runs."""
    if CURRENT:
        if _is_upload(case):
            real_upload(case, CURRENT["rows"], kwargs)
        else:
            realistic(case, CURRENT["rows"], CURRENT["headers"])
        STATS["cases"] += 1
        STATS["operations"].add(case.operation.label)


def _note_seed(exc: BaseException) -> None:
    exc.add_note(f"contract seed {SEED}; replay with: {REPLAY}")


# --- every operation, random examples -----------------------------------------------------

@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=False,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_in_random_mode(case, headers, rows):
    try:
        with discarding_unrealistic():
            case.call_and_validate(checks=ALL_CHECKS)
    except BaseException as exc:
        _note_seed(exc)
        if os.environ.get("CONTRACT_DEBUG"):
            print("DEBUG", case.query, dict(case.headers or {}), case.body, case.meta.generation, case.meta.phase)
        raise


# --- the stateful phase: the document's links ---------------------------------------------

def test_links_in_random_mode(headers, rows):
    """Scenarios that create rows and follow the links of the create answers to the get,
    update, replace and delete of the row created, every response checked by every check
    schemathesis enables (all of them: the state machine's default, with the scenario's
    records for use-after-free and resource availability)."""
    base = schema.as_state_machine()

    class Workflow(base):
        def setup(self):
            """Each scenario in a savepoint, rolled back after it: every scenario starts from the
            same rows, so that hypothesis can replay (and shrink) a failing one."""
            self._scenario = transaction.atomic()
            self._scenario.__enter__()

        def teardown(self):
            transaction.set_rollback(True)
            self._scenario.__exit__(None, None, None)

        def step(self, input):
            with discarding_unrealistic():
                output = super().step(input)
            if os.environ.get("CONTRACT_DEBUG") and "timba" in input.case.operation.label:
                print("STEP", input.case.operation.label, output.response.status_code, output.response.text[:300])
            if input.transition is not None and input.is_applied:
                STATS["links"][input.transition.id] += 1
            return output

    seed(SEED)(Workflow)  # hypothesis' run_state_machine_as_test reads the class's seed
    try:
        Workflow.run(
            settings=settings(
                max_examples=SCENARIOS,
                stateful_step_count=STEPS,
                derandomize=False,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
        )
    except BaseException as exc:
        _note_seed(exc)
        raise
