"""Stop the app's MariaDB under load, then start it again: while it is down every request answers
503 problem+json with Retry-After (no 500, no request left hanging past the client's timeout);
once it is back every request succeeds again, with the same workers (no crash loop)."""

import json
import time

from app_server import CONSIGNMENTS, recovered, request, wait_for

RECOVERY_BOUND = 60  # seconds the app may take to succeed again once the database answers
SEED = "/timba/consignment?con_id=1"


def is_problem_503(status, headers_or_kind, retry) -> bool:
    return status == 503 and (headers_or_kind or "").startswith("application/problem+json") and bool(retry)


def test_database_down_is_503_and_the_app_recovers_when_it_returns(primary, app, serve, load, record):
    server = serve()
    workers = server.workers()
    run = load(server.port, [CONSIGNMENTS], threads=4, seconds=60, max_requests=50000, timeout=15)
    wait_for(lambda: False, 1.5)  # load running against a healthy database

    primary.stop()
    stopped_at = time.time()
    try:
        down = []  # answers seen from here while the database is down
        for path in (CONSIGNMENTS, SEED):
            status, headers, body = request(server.port, "GET", path, token=app.token)
            down.append((path, status, headers.get("content-type"), headers.get("retry-after"), json.loads(body or b"{}")))
        wait_for(lambda: False, 2)  # the load meets the stopped database
    finally:
        restarted_at = time.time()
        primary.start()  # answers queries when it returns
    back_at = time.time()

    recovered_at = recovered(server.port, app.token, seconds=RECOVERY_BOUND)
    wait_for(lambda: False, 1)
    run.stop()
    results = run.results()

    while_down = [r for r in results if stopped_at <= r[0] and r[1] <= restarted_at]
    after = [r for r in results if recovered_at is not None and r[0] >= recovered_at]
    statuses: dict = {}
    for r in results:
        key = str(r[3] if r[3] is not None else r[6].split(":")[0])
        statuses[key] = statuses.get(key, 0) + 1
    figures = {
        "requests": len(results), "statuses": statuses, "requests_while_down": len(while_down),
        "down_seconds": round(restarted_at - stopped_at, 2),
        "seconds_to_recover_after_database_answers": None if recovered_at is None else round(max(0.0, recovered_at - back_at), 2),
        "seconds_from_database_start_to_recovery": None if recovered_at is None else round(recovered_at - restarted_at, 2),
        "database_start_seconds": round(back_at - restarted_at, 2),
        "slowest_answer_while_down_seconds": round(max((r[1] - r[0] for r in while_down), default=0), 3),
        "workers_before": sorted(workers), "workers_after": sorted(server.workers()),
    }
    record("database_restart", figures)

    for path, status, kind, retry, body in down:
        assert is_problem_503(status, kind, retry), (path, status, kind, retry, body)
        assert body["status"] == 503
    assert "error" in down[1][4], "the seed's routes carry their `error` key"
    assert while_down, "no request of the load met the stopped database"
    assert all(is_problem_503(r[3], r[4], r[5]) for r in while_down), [r for r in while_down if r[3] != 503][:5]
    assert not [r for r in results if r[6] is not None], "requests hung past the timeout or were dropped"
    assert not [r for r in results if r[3] not in (200, 503)], "answers other than 200 and 503"
    assert recovered_at is not None, f"not recovered within {RECOVERY_BOUND}s"
    assert after and all(r[3] == 200 for r in after), [r for r in after if r[3] != 200][:5]
    assert server.running(), server.log_tail()
    assert server.workers() == workers, "workers were replaced: a crash loop"
