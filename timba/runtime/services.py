"""The writes of the REST API and the seed routes, one function per operation: `entity_create`,
`entity_update` (PATCH), `entity_replace` (PUT), `entity_delete` and `entity_bulk` (the bulk
upsert of `api: bulk:`). Each hands plain values to the write pipeline (timba.runtime.write):
the caller, the payload, and for a change the row's id and the version the caller read (the
request's If-Match, which the route parses); none takes a request.
"""

from timba.runtime import write
from timba.runtime.write import Item


def entity_create(user, *, model, data: dict):
    return write.save(user, model, [Item.payload(model, data)], perms=("create",))[0]


def entity_update(user, *, model, pk, data: dict, expected: str | None = None, out=None):
    """PATCH: set the keys of `data`, leave the others as they are. `expected` is the If-Match
    the row is held to (412 when stale), `out` the schema its ETag is taken over."""
    item = Item.payload(model, data, pk=pk, expected=expected)
    return write.save(user, model, [item], perms=("update",), out=out)[0]


def entity_replace(user, *, model, pk, data: dict, expected: str | None = None, out=None):
    """PUT: `data` is a whole create payload (its defaults filled in), so every writable field
    is replaced; the update permission applies."""
    return entity_update(user, model=model, pk=pk, data=data, expected=expected, out=out)


def entity_delete(user, *, model, pk, expected: str | None = None, out=None) -> None:
    write.delete(user, model, [Item(pk=pk, expected=expected)], out=out)


def entity_bulk(user, *, model, items: list[dict], key: tuple[str, ...]) -> dict:
    """Create or update every item, matched on the natural `key`; all or nothing (a 422 or 409
    naming each failing item, nothing written). Needs both create and update."""
    batch = [Item.payload(model, data, index=i) for i, data in enumerate(items)]
    rows = write.save(user, model, batch, perms=("create", "update"), key=key, batch=True)
    created = sum(1 for item in batch if not item.stored)
    return {"created": created, "updated": len(batch) - created, "items": rows}
