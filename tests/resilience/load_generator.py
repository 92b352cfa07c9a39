"""Load from a second process on loopback, bounded in count and in time:

    python load_generator.py --port P --token T --paths /a,/b --threads 4 --seconds 8 \
        --max-requests 5000 --out results.json

Each thread sends GETs (the paths in turn) on fresh connections until the time or the count runs
out (or the stop file appears). Every request is recorded: [start, end, path, status or null, content type, Retry-After,
error], the times from time.time() so the test process can line them up with what it did.
"""

import argparse
import http.client
import json
import os
import threading
import time


def run(port: int, token: str, paths: list[str], threads: int, seconds: float, max_requests: int,
        timeout: float, stop_file: str | None = None) -> list[list]:
    results: list[list] = []
    lock = threading.Lock()
    stop_at = time.time() + seconds
    budget = [max_requests]

    def take() -> bool:
        with lock:
            if budget[0] <= 0 or time.time() >= stop_at or (stop_file and os.path.exists(stop_file)):
                return False
            budget[0] -= 1
            return True

    def worker(offset: int) -> None:
        n = offset
        while take():
            path = paths[n % len(paths)]
            n += 1
            start = time.time()
            status = kind = retry = error = None
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
            try:
                connection.request("GET", path, headers={"Authorization": f"Bearer {token}"})
                response = connection.getresponse()
                response.read()
                status, kind, retry = response.status, response.getheader("Content-Type"), response.getheader("Retry-After")
            except Exception as exc:  # recorded, not raised: failures are what is measured
                error = f"{type(exc).__name__}: {exc}"
            finally:
                connection.close()
            with lock:
                results.append([start, time.time(), path, status, kind, retry, error])

    pool = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=seconds + timeout + 5)
    with lock:
        return sorted(results)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--paths", required=True)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--max-requests", type=int, default=5000)
    parser.add_argument("--timeout", type=float, default=15)
    parser.add_argument("--out", required=True)
    parser.add_argument("--stop-file", help="stop early once this file exists")
    args = parser.parse_args()
    results = run(args.port, args.token, args.paths.split(","), args.threads, args.seconds, args.max_requests, args.timeout,
                  args.stop_file)
    with open(args.out, "w") as out:
        json.dump(results, out)


if __name__ == "__main__":
    main()
