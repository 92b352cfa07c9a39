"""SIGKILL one gunicorn worker under load: the master replaces it and requests keep succeeding;
at most the requests in flight at the kill fail."""

import os
import signal
import time

from app_server import CONSIGNMENTS, alive, health_path, wait_for


def test_a_killed_worker_is_replaced_and_requests_keep_succeeding(serve, load, record):
    server = serve()
    before = server.workers()
    assert len(before) == 2
    run = load(server.port, [CONSIGNMENTS, health_path(server.port)], threads=6, seconds=8, max_requests=20000)
    assert wait_for(lambda: run.out.parent.exists() and run.process.poll() is None, 5)
    time.sleep(2)  # let the load reach both workers

    victim = min(before)
    os.kill(victim, signal.SIGKILL)
    killed_at = time.time()
    assert wait_for(lambda: not alive(victim)), "the killed worker is still running"
    gone_at = time.time()
    replacement = wait_for(lambda: server.workers() - before)
    results = run.results()

    assert server.running(), server.log_tail()
    assert replacement, f"no new worker after the kill: {server.workers()}"
    in_flight = [r for r in results if r[0] <= killed_at <= r[1] or r[0] <= gone_at <= r[1]]
    failed = [r for r in results if r[3] != 200]
    after = [r for r in results if r[0] > gone_at]
    figures = {
        "requests": len(results), "in_flight_at_kill": len(in_flight), "failed": len(failed),
        "failed_in_flight": sum(1 for r in failed if r in in_flight), "requests_after_kill": len(after),
        "failures": sorted({(r[3], r[6]) for r in failed}, key=str)[:5],
        "worker_class": "gthread, 2 workers x 4 threads", "load_threads": 6,
    }
    record("worker_kill", figures)
    assert after, "no request was made after the kill"
    assert all(r[3] == 200 for r in after), [r for r in after if r[3] != 200][:5]
    assert all(r in in_flight for r in failed), f"requests not in flight at the kill failed: {failed[:5]}"
