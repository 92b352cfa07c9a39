"""Freeze the app's MariaDB (SIGSTOP: its port stays open, it answers nothing) under load, with
DATABASE_READ_TIMEOUT set: requests answer 503 problem+json with Retry-After once the connect or
read timeout passes, instead of hanging; after SIGCONT every request succeeds again, with the
same workers."""

import time

from app_server import CONSIGNMENTS, recovered, request, wait_for

READ_TIMEOUT = 2  # DATABASE_READ_TIMEOUT for this server; the connect timeout is 3
CLIENT_TIMEOUT = 40  # the load's bound on one request: far above what the timeouts allow
FROZEN_BOUND = 30


def test_a_frozen_database_is_503_not_a_hang(primary, app, serve, load, record):
    server = serve(DATABASE_READ_TIMEOUT=str(READ_TIMEOUT))
    workers = server.workers()
    run = load(server.port, [CONSIGNMENTS], threads=4, seconds=90, max_requests=50000, timeout=CLIENT_TIMEOUT)
    wait_for(lambda: False, 1.5)

    primary.freeze()
    frozen_at = time.time()
    try:
        def a_503():
            sent = time.monotonic()
            status, headers, _ = request(server.port, "GET", CONSIGNMENTS, token=app.token, timeout=CLIENT_TIMEOUT)
            return (status, headers.get("retry-after"), time.monotonic() - sent) if status == 503 else None

        seen = wait_for(a_503, FROZEN_BOUND)
        wait_for(lambda: False, 5)  # the load's requests meet the frozen server too
    finally:
        thawed_at = time.time()
        primary.thaw()
    recovered_at = recovered(server.port, app.token)
    run.stop()
    results = run.results()

    while_frozen = [r for r in results if frozen_at <= r[0] and r[1] <= thawed_at]
    after = [r for r in results if recovered_at is not None and r[0] >= recovered_at]
    figures = {
        "requests": len(results), "frozen_seconds": round(thawed_at - frozen_at, 2),
        "answered_while_frozen": len(while_frozen),
        "slowest_answer_seconds": round(max((r[1] - r[0] for r in results), default=0), 2),
        "first_503_took_seconds": None if not seen else round(seen[2], 2),
        "seconds_to_recover_after_thaw": None if recovered_at is None else round(recovered_at - thawed_at, 2),
        "statuses": {str(s): sum(1 for r in results if r[3] == s) for s in {r[3] for r in results}},
    }
    record("database_freeze", figures)

    assert seen and seen[1], "no 503 with Retry-After while the database was frozen"
    assert while_frozen and all(r[3] == 503 for r in while_frozen), [r for r in while_frozen if r[3] != 503][:5]
    assert not [r for r in results if r[6] is not None], "requests hung past the client's bound or were dropped"
    assert not [r for r in results if r[3] not in (200, 503)], "answers other than 200 and 503"
    assert all(r[4].startswith("application/problem+json") and r[5] for r in results if r[3] == 503)
    assert recovered_at is not None, "not recovered after the database was thawed"
    assert after and all(r[3] == 200 for r in after), [r for r in after if r[3] != 200][:5]
    assert server.running() and server.workers() == workers, "workers were replaced: a crash loop"
