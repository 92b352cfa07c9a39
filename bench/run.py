"""`make bench-api`: the generated REST API against two peers, on MariaDB, in one bounded run.

Creates the database (DATABASE_URL, default mysql://root:@127.0.0.1:3306/timba_bench), migrates,
seeds 100k logs (bench/seed.py, idempotent), issues a bearer token with `manage.py issue_token`,
starts gunicorn (2 sync workers, DEBUG off) on a free loopback port, and drives each endpoint
with wrk from a separate process: a warm-up, then a fixed measured duration, same concurrency.
Prints a markdown table; gunicorn is always stopped. Traffic goes to 127.0.0.1 only.

Environment: BENCH_DURATION (s, default 10), BENCH_WARMUP (s, default 2),
BENCH_CONNECTIONS (default 8), BENCH_THREADS (wrk threads, default 2).
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
BIN = Path(PY).parent
DURATION = int(os.environ.get("BENCH_DURATION", "10"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
WORKERS = 2
USERNAME = "bench_mobile_0"
BULK_USERNAME = "bench_web_0"  # mobile + web: a bulk upsert needs the create and update permissions
BULK_ITEMS = 100

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DEBUG": "0",  # the Makefile exports DEBUG=1 for `make run`; never measure with it
    "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY", "bench-only-not-a-secret"),
    "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", "mysql://root:@127.0.0.1:3306/timba_bench"),
    "LOG_LEVEL": "WARNING",
    "PYTHONPATH": str(ROOT),
}


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def run(args, timeout):
    return subprocess.run(args, cwd=ROOT, env=ENV, check=True, timeout=timeout, capture_output=True, text=True)


def create_database() -> None:
    import MySQLdb  # mysqlclient, the `mysql` extra

    url = urlsplit(ENV["DATABASE_URL"])
    assert url.hostname in ("127.0.0.1", "localhost"), "the benchmark only talks to loopback"
    name = url.path.lstrip("/")
    conn = MySQLdb.connect(host=url.hostname, port=url.port or 3306, user=url.username or "root",
                           passwd=url.password or "", connect_timeout=10)
    try:
        conn.cursor().execute(
            f"CREATE DATABASE IF NOT EXISTS `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
        )
    finally:
        conn.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(base, method, path, token=None, body=None, timeout=10):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()[:500]


def wait_healthy(base, proc, deadline_s=30) -> None:
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {proc.returncode}")
        try:
            if request(base, "GET", "/api/v1/health", timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError("gunicorn did not become healthy in time")


# --- wrk scripts ---------------------------------------------------------------------------

LUA_GET = """
wrk.headers["Authorization"] = "Bearer {token}"
local ids = {{{ids}}}
local i = 0
function request()
  i = i + 1
  return wrk.format("GET", "{prefix}" .. ids[(i % #ids) + 1])
end
"""

LUA_LIST = """
wrk.headers["Authorization"] = "Bearer {token}"
"""

LUA_CREATE = """
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer {token}"
wrk.headers["Content-Type"] = "application/json"
local n_threads = 0
function setup(thread)
  n_threads = n_threads + 1
  thread:set("tid", n_threads)
end
local counter = 0
function request()
  counter = counter + 1
  local body = string.format(
    '{{"consignment_id":{consignment},"barcode":"{tag}-%d-%d","length":"4.200","breadth":"0.500","height":"0.400"}}',
    tid, counter)
  return wrk.format(nil, nil, nil, body)
end
"""

# A bulk request of BULK_ITEMS logs. `new`: fresh barcodes every request (all rows created).
# `update`: each request takes one of 8 fixed groups of barcodes per wrk thread, in turn, so
# concurrent requests never hold the same keys; after the warm-up every row already exists.
LUA_BULK = """
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer {token}"
wrk.headers["Content-Type"] = "application/json"
local n_threads = 0
function setup(thread)
  n_threads = n_threads + 1
  thread:set("tid", n_threads)
end
local counter = 0
function request()
  counter = counter + 1
  local key = "{mode}" == "new" and string.format("%d-%d", tid, counter) or string.format("u%d-%d", tid, counter % 8)
  local items = {{}}
  for k = 1, {items} do
    items[k] = string.format(
      '{{"consignment_id":{consignment},"barcode":"{tag}-%s-%d","length":"%d.200","breadth":"0.500","height":"0.400"}}',
      key, k, 1 + counter % 9)
  end
  return wrk.format(nil, nil, nil, '{{"items":[' .. table.concat(items, ",") .. ']}}')
end
"""

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def wrk(url: str, script: str, seconds: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(script)
    try:
        out = subprocess.run(
            ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "5s",
             "-s", fh.name, url],
            capture_output=True, text=True, timeout=seconds + 30, check=True,
        ).stdout
    finally:
        os.unlink(fh.name)
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "p50": _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)),
        "p99": _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)),
        "bad": 0,
    }
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    result["bad"] = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, sock.groups())) if sock else 0)
    return result


# --- the run -------------------------------------------------------------------------------


def smoke(base, token):
    """One request to each endpoint, so the load runs measure working responses."""
    status, page = request(base, "GET", "/api/v1/logs?limit=50", token)
    assert status == 200 and len(page["items"]) == 50 and page["count"] == 50_000, (status, str(page)[:300])
    status, raw = request(base, "GET", "/bench/raw/logs?limit=50", token)
    assert status == 200 and [r["id"] for r in raw["items"]] == [r["id"] for r in page["items"]], status
    assert raw["count"] == page["count"]
    status, drf = request(base, "GET", "/bench/drf/logs?limit=50", token)
    assert status == 200 and [r["id"] for r in drf["results"]] == [r["id"] for r in page["items"]], status
    assert drf["count"] == page["count"]
    for limit in PAGES[1:]:  # the large page: the same rows from all three
        _s, big = request(base, "GET", f"/api/v1/logs?limit={limit}", token)
        _s, big_raw = request(base, "GET", f"/bench/raw/logs?limit={limit}", token)
        _s, big_drf = request(base, "GET", f"/bench/drf/logs?limit={limit}", token)
        assert len(big["items"]) == limit and big["items"] == big_raw["items"], limit
        assert [r["id"] for r in big_drf["results"]] == [r["id"] for r in big["items"]], limit  # DRF writes Z
    assert raw["items"] == page["items"], "the raw peer must answer the same JSON as the generated list"
    assert request(base, "GET", "/bench/raw/logs?limit=50", None)[0] == 401
    assert request(base, "GET", "/bench/drf/logs?limit=50", None)[0] in (401, 403)
    assert request(base, "GET", "/api/v1/logs?limit=50", None)[0] == 401
    for path, key in (("/api/v1/logs?limit=50&cursor=", "items"), ("/bench/raw/logs?limit=50&cursor=", "items"),
                      ("/bench/drf/logs-cursor?limit=50", "results")):
        status, body = request(base, "GET", path, token)
        assert status == 200 and [r["id"] for r in body[key]] == [r["id"] for r in page["items"]], (path, status)
    first = page["items"][0]
    for path in (f"/api/v1/logs/{first['id']}", f"/bench/raw/logs/{first['id']}", f"/bench/drf/logs/{first['id']}"):
        status, row = request(base, "GET", path, token)
        assert status == 200 and row["id"] == first["id"], (path, status, row)
    status, ids_page = request(base, "GET", "/api/v1/logs?limit=500&offset=1000", token)
    ids = [row["id"] for row in ids_page["items"]]
    stamp = f"smoke{int(time.time())}"
    for impl, path in (("gen", "/api/v1/logs"), ("raw", "/bench/raw/logs"), ("drf", "/bench/drf/logs")):
        body = {"consignment_id": first["consignment_id"], "barcode": f"{stamp}-{impl}",
                "length": "4.200", "breadth": "0.500", "height": "0.400"}
        status, row = request(base, "POST", path, token, body)
        assert status == 201 and row["volume"] in ("0.840000", 0.84), (path, status, row)
    return ids, first["consignment_id"]


PAGES = (50, 500)  # the default page and the largest one (pagination.MAX_LIMIT)


def list_rows():
    for limit in PAGES:
        yield f"list ({limit})", (
            ("generated", f"/api/v1/logs?limit={limit}"),
            ("raw", f"/bench/raw/logs?limit={limit}"),
            ("drf", f"/bench/drf/logs?limit={limit}"),
        )
        yield f"list cursor ({limit})", (
            ("generated", f"/api/v1/logs?limit={limit}&cursor="),
            ("raw", f"/bench/raw/logs?limit={limit}&cursor="),
            ("drf", f"/bench/drf/logs-cursor?limit={limit}"),
        )


BULK_NEW, BULK_UPDATE = f"bulk ({BULK_ITEMS}) new", f"bulk ({BULK_ITEMS}) update"
OPERATIONS = (*(op for op, _paths in list_rows()), "get", "create", BULK_NEW, BULK_UPDATE)
BULK_PATHS = {"generated": "/api/v1/logs/bulk", "raw": "/bench/raw/logs/bulk", "drf": "/bench/drf/logs-bulk"}


def smoke_bulk(base, token, consignment):
    """The three bulk endpoints create the same rows; the two upserts then update them."""
    stamp = f"smokebulk{int(time.time())}"
    for impl, path in BULK_PATHS.items():
        items = [{"consignment_id": consignment, "barcode": f"{stamp}-{impl}-{k}", "length": "4.200",
                  "breadth": "0.500", "height": "0.400"} for k in range(3)]
        status, body = request(base, "POST", path, token, {"items": items})
        assert status in (200, 201) and body["created"] == 3, (path, status, str(body)[:300])
        assert [row["volume"] for row in body["items"]] in (["0.840000"] * 3, [0.84] * 3), (path, body)
        if impl != "drf":
            items[0]["length"] = "5.000"
            status, body = request(base, "POST", path, token, {"items": items})
            assert status == 200 and (body["created"], body["updated"]) == (0, 3), (path, status, str(body)[:300])
            assert body["items"][0]["volume"] == "1.000000", (path, body["items"][0])


def bulk_rows(bulk_token, consignment, stamp):
    for op, mode, impls in ((BULK_NEW, "new", ("generated", "raw", "drf")), (BULK_UPDATE, "update", ("generated", "raw"))):
        for impl in impls:
            # `update` keys stay the same from the warm-up to the measured run: every row exists
            yield op, impl, BULK_PATHS[impl], lambda phase, m=mode, i=impl: LUA_BULK.format(
                token=bulk_token, mode=m, items=BULK_ITEMS, consignment=consignment,
                tag=f"{stamp}{phase if m == 'new' else ''}{i[:3]}")


def scenarios(token, ids, consignment, stamp):
    id_list = ",".join(map(str, ids))
    rows = [(op, impl, path) for op, paths in list_rows() for impl, path in paths]
    rows += [("get", impl, f"{prefix}/") for impl, prefix in
             (("generated", "/api/v1/logs"), ("raw", "/bench/raw/logs"), ("drf", "/bench/drf/logs"))]
    rows += [("create", impl, path) for impl, path in
             (("generated", "/api/v1/logs"), ("raw", "/bench/raw/logs"), ("drf", "/bench/drf/logs"))]
    for op, impl, path in rows:
        if op.startswith("list"):
            yield op, impl, path, lambda phase, t=token: LUA_LIST.format(token=t)
        elif op == "get":
            yield op, impl, path, lambda phase, t=token, p=path: LUA_GET.format(token=t, ids=id_list, prefix=p)
        else:
            yield op, impl, path, lambda phase, t=token, i=impl: LUA_CREATE.format(
                token=t, consignment=consignment, tag=f"{stamp}{phase}{i[:3]}")


def table(results) -> str:
    lines = [
        "| operation | implementation | req/s | p50 ms | p99 ms | non-2xx/errors | × raw | × DRF |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for op in OPERATIONS:
        raw = results[(op, "raw")]["rps"]
        drf = results[(op, "drf")]["rps"] if (op, "drf") in results else None
        for impl in ("generated", "raw", "drf"):
            r = results.get((op, impl))
            if r is None:  # DRF has no bulk upsert
                lines.append(f"| {op} | {impl} | — | — | — | — | — | — |")
                continue
            versus_drf = f"{r['rps'] / drf:.2f}" if drf else "—"
            lines.append(
                f"| {op} | {impl} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['bad']} "
                f"| {r['rps'] / raw:.2f} | {versus_drf} |"
            )
    return "\n".join(lines)


def main() -> int:
    started = time.monotonic()
    if shutil.which("wrk") is None:
        log("wrk is missing: apt-get install -y wrk")
        return 2
    create_database()
    run([PY, "manage.py", "migrate", "--noinput"], timeout=300)
    log(run([PY, "-m", "bench.seed"], timeout=300).stdout.strip().replace("\n", "; "))
    token = run([PY, "manage.py", "issue_token", USERNAME], timeout=60).stdout.strip().splitlines()[-1]
    bulk_token = run([PY, "manage.py", "issue_token", BULK_USERNAME], timeout=60).stdout.strip().splitlines()[-1]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        [str(BIN / "gunicorn"), "bench.wsgi:application", "--workers", str(WORKERS), "--bind",
         f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", "30"],
        cwd=ROOT, env=ENV, start_new_session=True,
    )
    results = {}
    try:
        wait_healthy(base, proc)
        ids, consignment = smoke(base, token)
        smoke_bulk(base, bulk_token, consignment)
        stamp = f"w{int(time.time())}"
        for op, impl, path, script in [*scenarios(token, ids, consignment, stamp), *bulk_rows(bulk_token, consignment, stamp)]:
            url = base + path
            if WARMUP:
                wrk(url, script("w"), WARMUP)
            results[(op, impl)] = r = wrk(url, script("m"), DURATION)
            log(f"{op:17} {impl:9} {r['rps']:8.0f} req/s  p50 {r['p50']:.1f} ms  p99 {r['p99']:.1f} ms  bad {r['bad']}")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
    print()
    print(f"gunicorn {WORKERS} sync workers, MariaDB, 100k logs / 2 clients; wrk -t{THREADS} -c{CONNECTIONS}, "
          f"{WARMUP}s warm-up + {DURATION}s per row; bearer token + tenant scope on every request")
    print()
    print(table(results))
    print()
    for op in OPERATIONS[:-4]:
        gen, raw, drf = (results[(op, i)]["rps"] for i in ("generated", "raw", "drf"))
        print(f"targets, {op}: generated/raw = {gen / raw:.2f} (≥ 0.8: {'met' if gen / raw >= 0.8 else 'MISSED'}), "
              f"generated/DRF = {gen / drf:.2f} (≥ 4: {'met' if gen / drf >= 4 else 'MISSED'})")
    print(f"run time {time.monotonic() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
