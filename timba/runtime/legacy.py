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

import orjson
from ninja import NinjaAPI, Schema, Status
from pydantic import Field, ValidationError, create_model

from timba.runtime import access, versions
from timba.runtime.problems import CONTENT_TYPE, Problem, document_problems
from timba.runtime.selectors import entity_get, entity_queryset, nested_list
from timba.runtime.services import entity_create, entity_delete, entity_update

BOTH_PLACES = "Parameters may be sent in the query string or in a JSON object body (the body wins)."
INTEGER = re.compile(r"^\s*[+-]?\d+\s*$")
SHOWN_NAMES = 20  # accepted names listed in an unknown-name problem


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
    if request.body and request.body.strip():
        try:
            body = orjson.loads(request.body)
        except orjson.JSONDecodeError:
            raise Problem(400, "The request body is not valid JSON.") from None
        if not isinstance(body, dict):
            raise Problem(422, "The JSON body must be an object of parameters.")
        merged.update(body)
    return merged


def _where(request, name: str) -> str:
    return "query" if name in request.GET else "body"


def _is_name(value) -> bool:
    """A value to look up by natural key: a non-empty string that is not an integer."""
    return isinstance(value, str) and bool(value.strip()) and not INTEGER.match(value)


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


def _int_param(request, params: dict, names: tuple[str, ...]) -> int:
    """The id carried by the first of `names` present; 422 when none is or it is no integer."""
    for name in names:
        if name in params and params[name] not in (None, ""):
            value = params[name]
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            if isinstance(value, str) and value.strip().isdigit():
                return int(value)
            raise Problem(
                422,
                f"The parameter '{name}' must be an integer id.",
                errors=[{"loc": [_where(request, name), name], "msg": "Input should be a valid integer", "type": "int_parsing"}],
            )
    raise Problem(
        422,
        f"The request needs the parameter {' or '.join(repr(n) for n in names)}.",
        errors=[{"loc": ["query", names[0]], "msg": "Field required", "type": "missing"}],
    )


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
        data, named = {}, {}
        for key, value in request_params(request).items():
            if key in self.id_params:
                continue
            target = self.aliases.get(key, key)
            if target not in fields or (target in data and key != target):
                continue  # the seed's clients send extras (user_id, client_id of a log): ignored
            if target in self.many and not isinstance(value, list):
                value = [value]
            data[target], named[target] = value, key
        self._resolve_names(request, data, named)
        try:
            validated = schema.model_validate(data)
        except ValidationError as exc:
            errors = []
            for error in exc.errors():
                loc = list(error.get("loc", ()))
                if loc and loc[0] in named:
                    loc[0] = named[loc[0]]
                where = _where(request, str(loc[0])) if loc else "body"
                errors.append({"loc": [where, *loc], "msg": error.get("msg", ""), "type": error.get("type", "")})
            shown = ", ".join(".".join(str(p) for p in e["loc"][1:]) for e in errors[:3])
            raise Problem(422, f"The request is not valid: {shown}.", errors=errors) from None
        return validated.model_dump(exclude_unset=partial), named

    def _resolve_names(self, request, data: dict, named: dict) -> None:
        """Replace the natural keys sent under aliased reference parameters (`"role": "mobile"`)
        by the ids of the rows the caller may see; one query per target for all of them."""
        groups: dict[tuple, dict[str, set[str]]] = {}  # (target model, key field) -> {payload key: names}
        for target, seed in named.items():
            if seed not in self.lookups:
                continue
            value = data[target]
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
        return _int_param(request, request_params(request), self.id_params)

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

    def collection(self, request):
        """The rows of one parent; a parent the caller cannot see is a 404, like a missing one."""
        parent_id = _int_param(request, request_params(request), self.collection_params)
        field = self.model._meta.get_field(self.collection_by.removesuffix("_id"))
        rows = nested_list(request, model=self.model, parent=field.related_model, field=field.name, pk=parent_id)
        return {self.collection_key: list(rows)}

    # --- OpenAPI ---------------------------------------------------------------------------

    def _alias_property(self, seed: str, target: str, described: dict) -> dict:
        """How an alias is documented: like its target, except that a many-reference alias takes
        one id or a list, and a natural key may stand for an id."""
        key = self.lookups.get(seed)
        if target not in self.many and not key:
            return {**described, "description": f"The seed's name for '{target}'."}
        ones = [{"type": "integer"}, {"type": "string"}] if key else [{"type": "integer"}]
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

    def _query(self, names: tuple[str, ...]) -> list[dict]:
        alternatives = " or ".join(f"`{n}`" for n in names)
        return [
            {"in": "query", "name": name, "required": False, "schema": {"type": "integer"},
             "description": f"The id; send one of {alternatives}."}
            for name in names
        ]

    def doc(self, op: str) -> dict:
        """`openapi_extra` for one route: the parameters ninja cannot see (they are read by hand),
        and whether the route reads or checks versions (`versions.document_versions`)."""
        extra: dict = {"description": BOTH_PLACES}
        if op in {"create", "update"}:
            schema = self.create_schema if op == "create" else self.patch_schema
            props, required = self._properties(schema)
            if op == "update":
                props = {**{n: {"type": "integer", "description": "The id."} for n in self.id_params}, **props}
                required = []
            body = {"type": "object", "properties": props}
            if required:
                body["required"] = required
            extra["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
        elif op == "collection":
            extra["parameters"] = self._query(self.collection_params)
        else:
            extra["parameters"] = self._query(self.id_params)
        if op == "get":
            extra |= versions.marked(versions.READ)
        elif op in {"update", "delete"}:
            extra |= versions.marked(versions.WRITE)
        return extra
