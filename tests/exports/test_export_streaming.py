"""Exports stream in constant memory: the answer is a StreamingHttpResponse, nothing is read
before it is iterated, and the rows are read in keyset chunks of CHUNK_SIZE (one query each,
`LIMIT` the chunk size), every row once, in the list's order."""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from spec_rows import model_of

from timba.runtime.exports import chunks
from timba.runtime.exports.responses import streamed

from .export_support import FORMATS, WITH_IE, read_csv, rows_by_id, table_of

pytestmark = pytest.mark.django_db


def _row_queries(queries, res) -> list[str]:
    table = model_of(res)._meta.db_table
    return [q["sql"] for q in queries if q["sql"].startswith("SELECT") and f"FROM {connection.ops.quote_name(table)}" in q["sql"]]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("res", WITH_IE)
def test_rows_are_read_in_chunks_when_the_answer_is_iterated(builder, res, fmt, monkeypatch):
    monkeypatch.setattr(chunks, "CHUNK_SIZE", 2)
    rows = [builder.create(res) for _ in range(5)]
    model = model_of(res)
    queryset = model._default_manager.all()
    with CaptureQueriesContext(connection) as before:
        response = streamed(table_of(res), queryset, fmt)
    assert isinstance(response, StreamingHttpResponse)
    assert not before.captured_queries, "nothing is read before the answer is iterated"
    with CaptureQueriesContext(connection) as reading:
        body = b"".join(response.streaming_content)
    selects = _row_queries(reading.captured_queries, res)
    total = model._default_manager.count()
    assert len(selects) == total // 2 + 1, selects  # one query per chunk (and one finding the end)
    assert all("LIMIT 2" in sql for sql in selects)
    exported = rows_by_id(res, fmt, body)
    assert set(exported) == set(model._default_manager.values_list("pk", flat=True))
    assert {r.pk for r in rows} <= set(exported)


@pytest.mark.parametrize("res", WITH_IE)
def test_chunks_follow_the_order_without_repeats(builder, res, monkeypatch):
    monkeypatch.setattr(chunks, "CHUNK_SIZE", 2)
    for _ in range(5):
        builder.create(res)
    model = model_of(res)
    queryset = model._default_manager.order_by("-pk")
    records = read_csv(b"".join(streamed(table_of(res), queryset, "csv").streaming_content))
    got = [int(r["id"]) for r in records]
    assert got == list(model._default_manager.order_by("-pk").values_list("pk", flat=True))


@pytest.mark.parametrize("res", WITH_IE)
def test_an_order_on_something_else_than_a_column_falls_back_to_the_models(builder, res):
    model = model_of(res)
    field = next(f.name for f in model._meta.concrete_fields if f.is_relation) if any(
        f.is_relation for f in model._meta.concrete_fields) else None
    if field is None:
        pytest.skip("no reference to sort through")
    related = model._meta.get_field(field).related_model._meta.pk.name
    queryset = model._default_manager.order_by(f"{field}__{related}")
    assert chunks.order_of(queryset) == list(model._meta.ordering or ["pk"])
