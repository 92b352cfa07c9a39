"""The OpenAPI links the stateful phase of the contract follows, declared from the spec: every
create's 201 answer links its `id` to the get, update, replace and delete of the row (and the
seed routes' of it), and to the creates of the rows that refer to it; a seed create's answer
(`data.id`) to the seed's get, update and delete."""

from __future__ import annotations

import pytest
from spec_rows import RESOURCES


@pytest.fixture(scope="module")
def document():
    from timba.api import api

    return api.get_openapi_schema(path_prefix="/api/v1/")


def _links(document, path, method) -> dict:
    responses = document["paths"][path][method]["responses"]
    return next(r for code, r in responses.items() if str(code) == "201").get("links", {})


def _operation_ids(document) -> set[str]:
    return {op["operationId"] for ops in document["paths"].values() for op in ops.values() if "operationId" in op}


CREATES = [r for r in RESOURCES if "create" in r.operations]


@pytest.mark.parametrize("res", CREATES, ids=[r.name for r in CREATES])
def test_a_create_links_to_the_operations_on_its_row(res, document):
    links = _links(document, f"/api/v1/{res.plural}", "post")
    expected = {op: f"{res.snake}_{op}" for op in ("get", "update", "delete") if op in res.operations}
    if "update" in res.operations:
        expected["replace"] = f"{res.snake}_replace"
    for name, operation in expected.items():
        assert links[name]["operationId"] == operation
        assert links[name]["parameters"] == {"path.id": "$response.body#/id"}
    leg = res.legacy
    for op in ("get", "update", "delete"):
        if leg and op in leg.operations:
            link = links[f"seed_{op}"]
            assert link["operationId"] == f"seed_{res.snake}_{op}"
            where = link.get("parameters") or link["requestBody"]
            assert list(where.values()) == ["$response.body#/id"]
    assert {link["operationId"] for link in links.values()} <= _operation_ids(document)  # every target exists


@pytest.mark.parametrize("res", CREATES, ids=[r.name for r in CREATES])
def test_a_create_links_to_the_creates_of_rows_under_it(res, document):
    links = _links(document, f"/api/v1/{res.plural}", "post")
    for child in RESOURCES:
        for field in child.input_fields:
            if field.is_reference and field.target == res.name and "create" in child.operations:
                assert links[f"{child.snake}_create"]["requestBody"] == {field.attname: "$response.body#/id"}


SEED_CREATES = [r for r in RESOURCES if r.legacy and "create" in r.legacy.operations]


@pytest.mark.parametrize("res", SEED_CREATES, ids=[r.name for r in SEED_CREATES])
def test_a_seed_create_links_to_the_seed_routes_of_its_row(res, document):
    leg = res.legacy
    links = _links(document, f"/timba/{leg.path}", "put")
    for op in ("get", "update", "delete"):
        if op not in leg.operations:
            continue
        link = links[op]
        assert link["operationId"] == f"seed_{res.snake}_{op}"
        if op == "update":
            assert link["requestBody"] == {leg.id_params[0]: "$response.body#/data/id"}
        else:
            assert link["parameters"] == {f"query.{leg.id_params[0]}": "$response.body#/data/id"}
