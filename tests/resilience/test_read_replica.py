"""A read replica for real: a second MariaDB replicating from the app's (GTID, from the start of
its binary log), the app served with DATABASE_REPLICA_URL. Reads come from the replica, writes go
to the primary, a request that wrote reads its own writes from the primary (and its client, by
the pin cookie, for a few seconds), the replica's lag is measured, and when the replica stops the
reads fall back to the primary, and return to the replica once it is back."""

import json
import secrets
import statistics
import time

import pytest
from app_server import DATABASE, request, wait_for
from mariadb_server import MariaDB

from timba.runtime.db_router import PIN_COOKIE

REPLICA_ONLY = 900001  # a role written on the replica alone: seen only when a read goes there
LAG_SAMPLES = 10
BOUND = 60


def caught_up(primary: MariaDB, replica: MariaDB, seconds: int = BOUND) -> bool:
    position = primary.query("SELECT @@gtid_binlog_pos")[0][0]
    return bool(wait_for(lambda: replica.query("SELECT MASTER_GTID_WAIT(%s, 1)", (position,))[0][0] == 0, seconds))


@pytest.fixture
def replica(primary, tmp_path_factory):
    server = MariaDB(tmp_path_factory.mktemp("replica"), server_id=2, log_bin=False)
    try:
        server.start()
        server.replicate_from(primary)
        assert caught_up(primary, server), f"the replica did not catch up: {server.replica_status()}"
        yield server
    finally:
        server.destroy()


def has_role(server: MariaDB, pk: int) -> bool:
    return bool(server.query("SELECT id FROM timba_role WHERE id = %s", (pk,), database=DATABASE))


def test_reads_from_the_replica_writes_to_the_primary_and_fallback(primary, replica, app, serve, record):
    server = serve(DATABASE_REPLICA_URL=replica.url(DATABASE), REPLICA_RETRY_SECONDS="2")
    port, token = server.port, app.token
    replica.query("INSERT INTO timba_role (id, name, created_at, updated_at) VALUES (%s, 'replica-only', NOW(6), NOW(6))",
                  (REPLICA_ONLY,), database=DATABASE)

    # reads go to the replica
    status, _, body = request(port, "GET", f"/api/v1/roles/{REPLICA_ONLY}", token=token)
    assert status == 200 and json.loads(body)["name"] == "replica-only", (status, body)
    assert not has_role(primary, REPLICA_ONLY)

    # writes go to the primary
    status, _, body = request(port, "POST", "/api/v1/roles", token=token, body={"name": f"written-{secrets.token_hex(4)}"})
    assert status == 201, body
    assert has_role(primary, json.loads(body)["id"])

    # read-your-writes, with replication paused: the create answers its row read back (a
    # consignment's aggregates are read after the write), and the pin cookie keeps the next read
    # on the primary, while a read without it goes to the replica, which lacks the row
    replica.query("STOP SLAVE SQL_THREAD")
    try:
        status, _, body = request(port, "POST", "/api/v1/clients", token=token, body={"name": f"replica-{secrets.token_hex(4)}"})
        assert status == 201, body
        client_id = json.loads(body)["id"]
        status, headers, body = request(port, "POST", "/api/v1/consignments", token=token,
                                        body={"name": "read back", "type": "hardwood", "client_id": client_id})
        assert status == 201, body
        created = json.loads(body)
        assert created["log_count"] == 0
        assert PIN_COOKIE in headers.get("set-cookie", "")
        pinned, _, _ = request(port, "GET", f"/api/v1/consignments/{created['id']}", token=token,
                               headers={"Cookie": f"{PIN_COOKIE}=1"})
        unpinned, _, _ = request(port, "GET", f"/api/v1/consignments/{created['id']}", token=token)
    finally:
        replica.query("START SLAVE SQL_THREAD")
    assert (pinned, unpinned) == (200, 404)
    assert caught_up(primary, replica)

    # the lag: a write answered by the primary, then the replica polled until it has the row
    lags = []
    for i in range(LAG_SAMPLES):
        status, _, body = request(port, "POST", "/api/v1/roles", token=token, body={"name": f"lag-{secrets.token_hex(4)}-{i}"})
        assert status == 201, body
        answered = time.monotonic()
        pk = json.loads(body)["id"]
        assert wait_for(lambda pk=pk: has_role(replica, pk), BOUND), f"row {pk} never reached the replica"
        lags.append(time.monotonic() - answered)

    # the replica stops: reads fall back to the primary (which lacks the replica-only row)
    replica.stop()
    fallback = [request(port, "GET", f"/api/v1/roles/{REPLICA_ONLY}", token=token)[0] for _ in range(10)]
    fallback += [request(port, "GET", "/api/v1/consignments?limit=5", token=token)[0] for _ in range(10)]

    # and return to it once it is back
    replica.start()
    returned = wait_for(lambda: request(port, "GET", f"/api/v1/roles/{REPLICA_ONLY}", token=token)[0] == 200, BOUND)

    record("read_replica", {
        "lag_seconds_median": round(statistics.median(lags), 4), "lag_seconds_max": round(max(lags), 4),
        "lag_samples": len(lags), "fallback_answers": {str(s): fallback.count(s) for s in set(fallback)},
        "reads_back_on_replica_after_restart": bool(returned),
    })
    assert fallback == [404] * 10 + [200] * 10, fallback
    assert returned, "reads did not return to the replica once it was back"
