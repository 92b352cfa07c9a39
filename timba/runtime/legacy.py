"""The seed's routes (`legacy:` in resources.yaml), served under /timba/ and /timbba/.

The original prototype's clients send their parameters in the query string or in a JSON body
(even on GET), under the seed's names (`con_id`, `client_id`, `role`, ...), and expect
`{"message": ..., "data": ...}` answers and an `"error"` key on failures. `LegacyResource`
translates both ways and does nothing else: every read and write goes through the same
selectors and services as /api/v1/ (bearer token, tenant scope, permissions, validation), and
versions work as there (GET answers an ETag and 304, PATCH and DELETE honour If-Match).

Two translations follow from the seed's single `role`: a seed alias of a many-reference
(`params: {role: roles}`) also answers `<alias>_id`, the id of the first of those rows (lowest id,
null when none), and an aliased reference or many-reference parameter accepts, besides ids, the
target's natural key (a role's name), resolved among the rows the caller may see.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from functools import cache
from urllib.parse import urlencode

import orjson
from ninja import NinjaAPI, Schema, Status
from pydantic import Field, ValidationError, create_model

from timba.runtime import access, versions
from timba.runtime.api import created_links
from timba.runtime.pagination import MAX_OFFSET, window
from timba.runtime.problems import CONTENT_TYPE, Problem, document_problems
from timba.runtime.problems import message as pattern_message
from timba.runtime.selectors import entity_get, entity_queryset, nested_list
from timba.runtime.services import entity_create, entity_delete, entity_update

BOTH_PLACES = "Parameters may be sent in the query string or in a JSON object body (the body wins)."
SPACES = " \t\n\r\f\v"
# ASCII digits and spaces: `\d` and `\s` would take any script's
INTEGER = re.compile(r"[ \t\n\r\f\v]*[+-]?[0-9]+[ \t\n\r\f\v]*")
NAME_PATTERN = r"[^ \t\n\r\f\v0-9+-]"  # a natural key has a character no integer has
NAME = re.compile(NAME_PATTERN)
ASCII_DIGITS = re.compile(r"[0-9]+")
SIGNED_DIGITS = re.compile(r"[+-]?[0-9]+")
SHOWN_NAMES = 20  # accepted names listed in an unknown-name problem
PAGE_PARAMS = ("limit", "offset", "cursor")  # a collection's, as the REST lists take them


class Message(Schema):
    message: str


class LegacyAPI(NinjaAPI):
    """A NinjaAPI whose problem+json errors also carry the seed's `"error": "<detail>"` key."""

    def on_exception(self, request, exc):
        response = super().on_exception(request, exc)
        if response.get("Content-Type", "").startswith(CONTENT_TYPE):
            body = orjson.loads(response.content)
            body["error"] = body.get("detail", "")
            response.content = orjson.dumps(body)
        return response

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """The seed routes' own document, with their conditional headers and problem responses."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return document_problems(versions.document_versions(schema))


def request_params(request) -> dict:
    """Query-string parameters, then the keys of a JSON object body over them."""
    merged: dict = {}
    for key in request.GET:
        values = request.GET.getlist(key)
        merged[key] = values if len(values) > 1 else values[0]
    merged.update(json_body(request))
    return merged


def json_body(request) -> dict:
    """The JSON object body's parameters ({} without a body)."""
    if not (request.body and request.body.strip()):
        return {}
    try:
        body = orjson.loads(request.body)
    except orjson.JSONDecodeError:
        raise Problem(400, "The request body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise Problem(422, "The JSON body must be an object of parameters.")
    return body


@cache
def _query_kinds(schema) -> dict[str, str]:
    """Payload key -> `integer`, `boolean` or `integers` (a list of them) for the keys of
    `schema` whose JSON type is not text: what a query-string value of theirs is read as."""
    kinds = {}
    for key, prop in schema.model_json_schema().get("properties", {}).items():
        types = {p.get("type") for p in prop.get("anyOf", [prop])}
        items = {p.get("items", {}).get("type") for p in prop.get("anyOf", [prop]) if p.get("type") == "array"}
        if "integer" in types:
            kinds[key] = "integer"
        elif "boolean" in types:
            kinds[key] = "boolean"
        elif "integer" in items:
            kinds[key] = "integers"
    return kinds


def _from_query(kind: str | None, value):
    """A query-string value as the JSON value it spells for its key: `5` an integer, `true` and
    `false` booleans; other text (a role's name, a malformed number) as it is, for validation
    to refuse or the natural-key lookup to resolve."""
    if isinstance(value, list):
        return [_from_query("integer" if kind == "integers" else kind, v) for v in value]
    if kind in {"integer", "integers"} and isinstance(value, str) and SIGNED_DIGITS.fullmatch(value):
        return int(value)
    if kind == "boolean" and value in {"true", "false"}:
        return value == "true"
    return value


def _where(request, name: str) -> str:
    return "query" if name in request.GET else "body"


def _is_name(value) -> bool:
    """A value to look up by natural key: text with a character other than an ASCII space,
    digit or sign (`NAME`, as the document's pattern says)."""
    return isinstance(value, str) and bool(NAME.search(value))


def _as_id(value):
    """Text of ASCII digits (spaces around them, a sign) as the integer it spells; any other
    value as it is."""
    if isinstance(value, str) and INTEGER.fullmatch(value):
        return int(value.strip(SPACES))
    return value


def _first_id(attribute: str):
    """A resolver: the lowest id among the row's (prefetched) `attribute` rows, None when none."""

    def resolve(obj):
        return min((row.pk for row in getattr(obj, attribute).all()), default=None)

    return staticmethod(resolve)


def _relation(model, key: str):
    """The reference or many-reference field a payload key (`consignment_id`, `roles`) sets."""
    for field in [*model._meta.fields, *model._meta.many_to_many]:
        if (field.many_to_one or field.many_to_many) and key in {field.name, field.attname}:
            return field
    raise LookupError(f"{model.__name__} has no reference field for the payload key {key!r}")


def _whole(value, bounds: tuple[int, int]) -> int | None:
    """`value` as an integer within `bounds`: a JSON integer, or text of ASCII digits (`²`, `①`
    or Arabic-Indic digits are no id, whatever `str.isdigit` says); None otherwise."""
    if isinstance(value, str) and ASCII_DIGITS.fullmatch(value.strip(SPACES)):
        value = int(value.strip(SPACES))
    if isinstance(value, float) and value.is_integer():  # 7.0 is the JSON integer 7
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and bounds[0] <= value <= bounds[1]:
        return value
    return None


def _int_param(request, params: dict, names: tuple[str, ...], bounds: tuple[int, int]) -> int:
    """The id carried by the first of `names` present; 422 when none is, or when any of them
    present is not an integer within `bounds` (the ids of the rows)."""
    found = None
    for name in names:
        if name in params and params[name] not in (None, ""):
            value = _whole(params[name], bounds)
            if value is None:
                raise Problem(
                    422,
                    f"The parameter '{name}' must be an id: a whole number from {bounds[0]} to {bounds[1]}.",
                    errors=[{"loc": [_where(request, name), name], "msg": f"Input should be an integer from {bounds[0]} to {bounds[1]}", "type": "int_parsing"}],
                )
            found = value if found is None else found
    if found is not None:
        return found
    raise Problem(
        422,
        f"The request needs the parameter {' or '.join(repr(n) for n in names)}.",
        errors=[{"loc": ["query", names[0]], "msg": "Field required", "type": "missing"}],
    )


def _bad_param(request, name: str, msg: str) -> Problem:
    return Problem(422, f"The request is not valid: {name}. {msg}.", errors=[{"loc": [_where(request, name), name], "msg": msg, "type": "value_error"}])


def _url(request, params: dict, page: dict) -> str:
    """This route's URL with `params` (query and body alike) in the query string and the page
    parameters replaced by `page`: where the next page is."""
    query = []
    for key, value in {**{k: v for k, v in params.items() if k not in PAGE_PARAMS}, **page}.items():
        for one in value if isinstance(value, list) else [value]:
            if isinstance(one, bool):
                one = "true" if one else "false"
            if isinstance(one, str | int | float):
                query.append((key, one))
    return f"{request.path}?{urlencode(query)}"


class LegacyResource:
    """The seed routes of one model; the generated module declares one per `legacy:` section.

    `params` maps seed names to payload keys (`con_id` → `consignment_id`, `role` → `roles`);
    `lookups` maps those seed names whose target has a natural key to it (`role` → `name`), so
    that the seed's clients may send `"role": "mobile"`."""

    def __init__(
        self,
        model,
        *,
        out,
        create=None,
        patch=None,
        id_params: tuple[str, ...] = ("id",),
        params: dict[str, str] | None = None,
        many: tuple[str, ...] = (),
        lookups: dict[str, str] | None = None,
        messages: dict[str, str] | None = None,
        collection_by: str | None = None,
        collection_params: tuple[str, ...] = (),
        collection_key: str | None = None,
        collection_max_items: int = 1000,
        id_range: tuple[int, int] = (1, 2**63 - 1),
        links: dict[str, str] | None = None,
    ):
        self.model, self.out = model, out
        self.create_schema, self.patch_schema = create, patch
        self.id_params = tuple(id_params)
        self.aliases = dict(params or {})  # seed name -> payload key
        self.many = set(many)
        self.lookups = dict(lookups or {})  # seed name -> the target's natural-key field
        self.messages = dict(messages or {})
        self.collection_by, self.collection_params = collection_by, tuple(collection_params)
        self.collection_key = collection_key
        self.max_items = collection_max_items  # the most rows one answer of the collection holds
        self.id_range = tuple(id_range)  # the ids the id and `by` parameters may carry
        self.links = dict(links or {})  # link name -> operationId, from the create answer's id
        # `<seed>_id` -> many-reference: the seed's single `role_id` beside the API's `roles`
        self.first_ids = {f"{seed}_id": target for seed, target in self.aliases.items() if target in self.many}
        name = model.__name__
        self.answer = self._answer_schema(name, out)
        self.created = create_model(
            f"Legacy{name}Created", __base__=Schema, message=(str, ...), data=(self.answer, ...)
        )
        self.listed = None
        if collection_key:
            self.listed = create_model(f"Legacy{name}List", __base__=Schema, **{collection_key: (list[self.answer], ...)})

    def _answer_schema(self, name: str, out):
        """The rows as the seed's routes answer them: `out`, plus `<seed>_id` for every seed
        alias of a many-reference (read from the prefetched rows, no query of its own)."""
        if not self.first_ids:
            return out
        clash = sorted(set(self.first_ids) & set(out.model_fields))
        if clash:
            raise ValueError(f"{name}: the seed answer's {clash[0]} would hide the field of the same name")
        keys = ", ".join(f"`{key}`" for key in self.first_ids)
        namespace: dict = {
            "__module__": __name__,
            "__doc__": f"{(out.__doc__ or name).rstrip('.')}; the seed's routes add {keys}.",
            "__annotations__": {},
        }
        for key, attribute in self.first_ids.items():
            namespace["__annotations__"][key] = int | None
            namespace[key] = Field(
                description=f"The id of the first (lowest id) of `{attribute}`; null when there is none."
            )
            namespace[f"resolve_{key}"] = _first_id(attribute)
        return type(f"Legacy{name}Out", (out,), namespace)

    # --- parameters ------------------------------------------------------------------------

    def payload(self, request, schema, *, partial: bool) -> tuple[dict, dict]:
        """The parameters as the input schema's payload: seed names mapped, natural keys
        resolved to ids, ids and keys the schema does not take left out, then validated like
        /api/v1/ input. Returns (payload, {payload key: the name the client sent it under})."""
        fields = schema.model_fields
        kinds = _query_kinds(schema)
        body = json_body(request)
        given: dict[str, list[tuple[str, object]]] = {}  # payload key -> [(name sent, value)]
        for key, value in request_params(request).items():
            if key in self.id_params:
                continue
            target = self.aliases.get(key, key)
            if target not in fields:
                continue  # the seed's clients send extras (user_id, client_id of a log): ignored
            if key not in body:  # query-string text: `5` is the number 5 for an integer field
                value = _from_query(kinds.get(target), value)
            if target in self.many and not isinstance(value, list):
                value = [value]
            given.setdefault(target, []).append((key, value))
        data, named, also = {}, {}, []
        for target, values in given.items():  # the field's own name wins over its seed aliases
            (key, value), *rest = sorted(values, key=lambda kv: kv[0] != target)
            data[target], named[target] = value, key
            also += [({target: v}, {target: k}) for k, v in rest]
        self._resolve_names(request, data, named)
        validated = self._validated(request, schema, data, named)
        for one, sent in also:  # a value sent under a second name is checked too, then unused
            self._resolve_names(request, one, sent)
            self._validated(request, schema, one, sent, only=next(iter(one)))
        return validated.model_dump(exclude_unset=partial), named

    def _validated(self, request, schema, data: dict, named: dict, *, only: str | None = None):
        """`data` validated by `schema`, errors reported under the names the client sent; with
        `only`, just that key's errors count (the rest of the payload is checked elsewhere)."""
        try:
            return schema.model_validate(data)
        except ValidationError as exc:
            errors = []
            for error in exc.errors():
                loc = list(error.get("loc", ()))
                if only is not None and loc[:1] != [only]:
                    continue
                if loc and loc[0] in named:
                    loc[0] = named[loc[0]]
                where = _where(request, str(loc[0])) if loc else "body"
                errors.append({"loc": [where, *loc], "msg": pattern_message(error), "type": error.get("type", "")})
            if not errors:
                return None
            shown = ", ".join(".".join(str(p) for p in e["loc"][1:]) for e in errors[:3])
            raise Problem(422, f"The request is not valid: {shown}.", errors=errors) from None

    def _resolve_names(self, request, data: dict, named: dict) -> None:
        """Replace the natural keys sent under aliased reference parameters (`"role": "mobile"`)
        by the ids of the rows the caller may see; one query per target for all of them."""
        groups: dict[tuple, dict[str, set[str]]] = {}  # (target model, key field) -> {payload key: names}
        for target, seed in named.items():
            if seed not in self.lookups:
                continue
            value = data[target]
            if isinstance(value, list):  # an id sent as text ("5") is the id 5, as ever
                value = data[target] = [_as_id(v) for v in value]
            else:
                value = data[target] = _as_id(value)
            names = {v for v in (value if isinstance(value, list) else [value]) if _is_name(v)}
            if names:
                model = _relation(self.model, target).related_model
                groups.setdefault((model, self.lookups[seed]), {})[target] = names
        for (model, key), wanted in groups.items():
            asked = set().union(*wanted.values())
            rows = entity_queryset(request, model=model, op="list")  # naming rows needs listing them
            found = dict(rows.filter(**{f"{key}__in": asked}).values_list(key, "pk"))
            for target, names in wanted.items():
                if names - set(found):
                    raise self._unknown_names(request, named[target], model, key, sorted(names - set(found)))
                value = data[target]
                data[target] = [found[v] if _is_name(v) else v for v in value] if isinstance(value, list) else found[value]

    def _unknown_names(self, request, seed: str, model, key: str, missing: list[str]) -> Problem:
        """422 naming the values the parameter accepts (the first few the caller may see)."""
        label = model._meta.verbose_name
        rows = entity_queryset(request, model=model, op="list")
        accepted = list(rows.order_by(key).values_list(key, flat=True)[: SHOWN_NAMES + 1])
        shown = ", ".join(str(v) for v in accepted[:SHOWN_NAMES]) + (", …" if len(accepted) > SHOWN_NAMES else "")
        takes = f"a {label} id or one of the {key}s {shown}" if accepted else f"a {label} id (there is no {label} to name)"
        where = _where(request, seed)
        errors = [
            {"loc": [where, seed], "msg": f"No {label} with {key} {name!r}; send {takes}.", "type": "does_not_exist"}
            for name in missing
        ]
        names = ", ".join(repr(n) for n in missing)
        return Problem(422, f"The parameter '{seed}' names no {label} {names}; it takes {takes}.", errors=errors)

    @contextmanager
    def _seed_names(self, request, named: dict):
        """The services report a field by its payload key (`["body", "roles"]`); report it by the
        name the client sent (`["query", "role"]`)."""
        try:
            yield
        except Problem as exc:
            for error in exc.errors or ():
                loc = error.get("loc")
                if isinstance(loc, list) and len(loc) >= 2 and loc[0] == "body" and loc[1] in named:
                    seed = named[loc[1]]
                    error["loc"] = [_where(request, seed), seed, *loc[2:]]
            raise

    def pk(self, request) -> int:
        return _int_param(request, request_params(request), self.id_params, self.id_range)

    # --- operations ------------------------------------------------------------------------

    def create(self, request):
        access.require(request.user, self.model, "create")  # before names are looked up (or listed)
        data, named = self.payload(request, self.create_schema, partial=False)
        with self._seed_names(request, named):
            instance = entity_create(request.user, model=self.model, data=data)
        return Status(201, {"message": self.messages["create"], "data": instance})

    def get(self, request, response):
        """The row with its ETag (the same as /api/v1/'s), or an empty 304 to a matching If-None-Match."""
        instance = entity_get(request, model=self.model, pk=self.pk(request))
        return versions.answer_get(request, response, self.out, instance)

    def update(self, request, response):
        """PATCH; 412 when If-Match is stale, and the new ETag on success."""
        pk = self.pk(request)
        access.require(request.user, self.model, "update")  # before names are looked up (or listed)
        data, named = self.payload(request, self.patch_schema, partial=True)
        with self._seed_names(request, named):
            expected = versions.if_match(request)
            instance = entity_update(request.user, model=self.model, pk=pk, data=data, expected=expected, out=self.out)
        versions.tagged(response, self.out, instance)
        return {"message": self.messages["update"]}

    def delete(self, request):
        """DELETE; 412 when If-Match is stale."""
        pk = self.pk(request)
        entity_delete(request.user, model=self.model, pk=pk, expected=versions.if_match(request), out=self.out)
        return {"message": self.messages["delete"]}

    def collection(self, request, response):
        """The rows of one parent, at most `max_items` of them (or `limit`) from `offset` or
        after `cursor`, as the REST lists page; `Link: <…>; rel="next"` names the next page
        while more remain. A parent the caller cannot see is a 404, like a missing one."""
        params = request_params(request)
        parent_id = _int_param(request, params, self.collection_params, self.id_range)
        limit, offset, cursor = self._page(request, params)
        field = self.model._meta.get_field(self.collection_by.removesuffix("_id"))
        rows = nested_list(request, model=self.model, parent=field.related_model, field=field.name, pk=parent_id)
        order = list(self.model._meta.ordering or ["pk"])
        items, following = window(rows, order, limit=limit, offset=offset, cursor=cursor)
        if following is not None:
            page = {"cursor": following} if cursor is not None else {"offset": following}
            response["Link"] = f'<{_url(request, params, {"limit": limit, **page})}>; rel="next"'
        return {self.collection_key: items}

    def _page(self, request, params: dict) -> tuple[int, int, str | None]:
        """The page the parameters ask for: (limit, offset, cursor), 422 for a bad one."""
        limit = self._page_number(request, params, "limit", (1, self.max_items), self.max_items)
        offset = self._page_number(request, params, "offset", (0, MAX_OFFSET), 0)
        cursor = params.get("cursor")
        if cursor is not None and not isinstance(cursor, str):
            raise _bad_param(request, "cursor", "Input should be the `cursor` of a Link header, or empty")
        return limit, offset, cursor

    @staticmethod
    def _page_number(request, params: dict, name: str, bounds: tuple[int, int], default: int) -> int:
        if name not in params:
            return default
        value = params[name]
        if isinstance(value, str) and SIGNED_DIGITS.fullmatch(value):
            value = int(value)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool) and bounds[0] <= value <= bounds[1]:
            return value
        raise _bad_param(request, name, f"Input should be an integer from {bounds[0]} to {bounds[1]}")

    # --- OpenAPI ---------------------------------------------------------------------------

    def _alias_property(self, seed: str, target: str, described: dict) -> dict:
        """How an alias is documented: like its target, except that a many-reference alias takes
        one id or a list, and a natural key may stand for an id."""
        key = self.lookups.get(seed)
        if target not in self.many and not key:
            return {**described, "description": f"The seed's name for '{target}'."}
        name = {"type": "string", "pattern": NAME_PATTERN, "description": "a natural key (digits alone are an id)"}
        ones = [self._id_schema(), name] if key else [self._id_schema()]
        one = {"anyOf": ones} if key else ones[0]
        if target in self.many:
            prop = {"anyOf": [*ones, {"type": "array", "items": one}]}
            text = f"The seed's name for '{target}': one id or a list of them"
        else:
            nullable = {"type": "null"} in described.get("anyOf", ())
            prop = {"anyOf": [*ones, *([{"type": "null"}] if nullable else [])]}
            text = f"The seed's name for '{target}'"
        if key:
            label = _relation(self.model, target).related_model._meta.verbose_name
            text += f"; a {label}'s {key} may stand for its id"
        return {**prop, "description": text + "."}

    def _properties(self, schema) -> tuple[dict, list[str]]:
        described = schema.model_json_schema()
        props = dict(described.get("properties", {}))
        required = list(described.get("required", []))
        for seed, target in self.aliases.items():
            if target in props and seed not in props:
                props[seed] = self._alias_property(seed, target, props[target])
        return props, required

    def _id_schema(self) -> dict:
        low, high = self.id_range
        return {"type": "integer", "minimum": low, "maximum": high}

    def _one_of(self, names: tuple[str, ...]) -> str:
        if len(names) == 1:
            return f"`{names[0]}`"
        return "one of " + ", ".join(f"`{n}`" for n in names) + " (the first present wins)"

    def _ids_parameter(self, names: tuple[str, ...]) -> dict:
        """The query parameter carrying the id: required, under one of `names`. OpenAPI has no
        "one of these parameters" (an exploded object parameter says it, but clients and test
        tools read such a parameter unreliably), so the first name is the required parameter,
        and the others, which the seed's older clients send, are its `x-aliases`: the same
        id under another name, the first present winning."""
        text = f"The id, a whole number from {self.id_range[0]} to {self.id_range[1]}."
        parameter = {"in": "query", "name": names[0], "required": True, "schema": self._id_schema()}
        if len(names) > 1:
            text += f" Also accepted as {' or '.join(f'`{n}`' for n in names[1:])}: {self._one_of(names)}."
            parameter["x-aliases"] = list(names[1:])
        return {**parameter, "description": text}

    def _page_parameters(self) -> list[dict]:
        return [
            {"in": "query", "name": "limit", "required": False,
             "schema": {"type": "integer", "minimum": 1, "maximum": self.max_items, "default": self.max_items},
             "description": f"Rows in this answer, at most {self.max_items} (the default)"},
            {"in": "query", "name": "offset", "required": False,
             "schema": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0},
             "description": "Rows to skip: from the first row, or (with cursor) past the cursor"},
            {"in": "query", "name": "cursor", "required": False, "schema": {"type": "string"},
             "description": "Keyset pages: empty for the first page, then the `cursor` of the Link header's next URL"},
        ]

    def doc(self, op: str) -> dict:
        """`openapi_extra` for one route: the parameters ninja cannot see (they are read by hand),
        the links from a created row to the routes that take its id, and whether the route reads
        or checks versions (`versions.document_versions`)."""
        extra: dict = {"description": BOTH_PLACES}
        if op in {"create", "update"}:
            schema = self.create_schema if op == "create" else self.patch_schema
            props, required = self._properties(schema)
            body = {"type": "object", "properties": props}
            if op == "update":  # the id goes in the body here, which JSON Schema can say "one of"
                body["properties"] = {**{n: self._id_schema() for n in self.id_params}, **props}
                body["anyOf"] = [{"required": [n]} for n in self.id_params]
                body["description"] = f"The id: {self._one_of(self.id_params)}; and the fields to change."
            elif required:  # a required field may come under its seed alias instead
                names = {r: [r, *(s for s, t in self.aliases.items() if t == r and s in props)] for r in required}
                if plain := [r for r in required if len(names[r]) == 1]:
                    body["required"] = plain
                if either := [{"anyOf": [{"required": [n]} for n in names[r]]} for r in required if len(names[r]) > 1]:
                    body["allOf"] = either
            extra["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
            if op == "create" and self.links:
                extra |= self._created_links()
        elif op == "collection":
            extra["parameters"] = [self._ids_parameter(self.collection_params), *self._page_parameters()]
            link = {"description": 'The next page while more rows remain: `<url>; rel="next"`', "schema": {"type": "string"}}
            extra["responses"] = {200: {"description": "OK", "headers": {"Link": link}}}
        else:
            extra["parameters"] = [self._ids_parameter(self.id_params)]
        if op == "get":
            extra |= versions.marked(versions.READ)
        elif op in {"update", "delete"}:
            extra |= versions.marked(versions.WRITE)
        return extra

    def _created_links(self) -> dict:
        """Links from the created row's `data.id` to the get, update and delete routes: the id
        as their first id parameter (in the update's body, where it documents the id)."""
        return created_links({}, pointer="/data/id", seed=self.links, seed_id=self.id_params[0])
