"""The seed's routes (`legacy:` in resources.yaml), served under /timba/ and /timbba/.

The original prototype's clients send their parameters in the query string or in a JSON body
(even on GET), under the seed's names (`con_id`, `client_id`, `role`, ...), and expect
`{"message": ..., "data": ...}` answers and an `"error"` key on failures. `LegacyResource`
translates both ways and does nothing else: every read and write goes through the same
selectors and services as /api/v1/ (bearer token, tenant scope, permissions, validation).
"""

from __future__ import annotations

import orjson
from django.http import Http404
from ninja import NinjaAPI, Schema, Status
from pydantic import ValidationError, create_model

from timba.runtime.problems import CONTENT_TYPE, Problem
from timba.runtime.selectors import entity_get, entity_list, visible_rows
from timba.runtime.services import entity_create, entity_delete, entity_update

BOTH_PLACES = "Parameters may be sent in the query string or in a JSON object body (the body wins)."


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
    """The seed routes of one model; the generated module declares one per `legacy:` section."""

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
        self.messages = dict(messages or {})
        self.collection_by, self.collection_params = collection_by, tuple(collection_params)
        self.collection_key = collection_key
        name = model.__name__
        self.created = create_model(f"Legacy{name}Created", __base__=Schema, message=(str, ...), data=(out, ...))
        self.listed = None
        if collection_key:
            self.listed = create_model(f"Legacy{name}List", __base__=Schema, **{collection_key: (list[out], ...)})

    # --- parameters ------------------------------------------------------------------------

    def payload(self, request, schema, *, partial: bool) -> dict:
        """The parameters as the input schema's payload: seed names mapped, ids and keys the
        schema does not take left out, then validated like /api/v1/ input."""
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
        return validated.model_dump(exclude_unset=partial)

    def pk(self, request) -> int:
        return _int_param(request, request_params(request), self.id_params)

    # --- operations ------------------------------------------------------------------------

    def create(self, request):
        data = self.payload(request, self.create_schema, partial=False)
        instance = entity_create(request, model=self.model, data=data)
        return Status(201, {"message": self.messages["create"], "data": instance})

    def get(self, request):
        return entity_get(request, model=self.model, pk=self.pk(request))

    def update(self, request):
        pk = self.pk(request)
        entity_update(request, model=self.model, pk=pk, data=self.payload(request, self.patch_schema, partial=True))
        return {"message": self.messages["update"]}

    def delete(self, request):
        entity_delete(request, model=self.model, pk=self.pk(request))
        return {"message": self.messages["delete"]}

    def collection(self, request):
        """The rows of one parent; a parent the caller cannot see is a 404, like a missing one."""
        parent_id = _int_param(request, request_params(request), self.collection_params)
        field = self.model._meta.get_field(self.collection_by.removesuffix("_id"))
        rows = entity_list(request, model=self.model)
        if not visible_rows(request.user, field.related_model).filter(pk=parent_id).exists():
            raise Http404(f"No {field.related_model._meta.verbose_name} with id {parent_id}.")
        return {self.collection_key: list(rows.filter(**{self.collection_by: parent_id}))}

    # --- OpenAPI ---------------------------------------------------------------------------

    def _properties(self, schema) -> tuple[dict, list[str]]:
        described = schema.model_json_schema()
        props = dict(described.get("properties", {}))
        required = list(described.get("required", []))
        for seed, target in self.aliases.items():
            if target in props and seed not in props:
                props[seed] = {**props[target], "description": f"The seed's name for '{target}'."}
        return props, required

    def _query(self, names: tuple[str, ...]) -> list[dict]:
        alternatives = " or ".join(f"`{n}`" for n in names)
        return [
            {"in": "query", "name": name, "required": False, "schema": {"type": "integer"},
             "description": f"The id; send one of {alternatives}."}
            for name in names
        ]

    def doc(self, op: str) -> dict:
        """`openapi_extra` for one route: the parameters ninja cannot see (they are read by hand)."""
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
        return extra
