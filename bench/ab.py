"""`make bench-ab OTHER=<checkout>`: this checkout against another one (an older commit, say
`git worktree add /tmp/before <commit>`), head to head on the bench database.

Both run under gunicorn (2 sync workers each, DEBUG off) at once, on free loopback ports; wrk
then alternates between them (old/new, then new/old, …), a 2 s warm-up and a measured run each,
for log create and for a bulk upsert of 100 new logs, so that the machine's drift hits both
alike. Prints each run and the mean requests/s of each side. Needs what `make bench-api` sets up
(the seeded timba_bench database, wrk, the bench users); run that once first.

Environment: AB_ROUNDS (default 4), AB_SECONDS (measured seconds per run, default 8).
"""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from run import BIN, ENV, LUA_BULK, LUA_CREATE, PY, ROOT, free_port, wait_healthy, wrk

ROUNDS = int(os.environ.get("AB_ROUNDS", "4"))
SECONDS = int(os.environ.get("AB_SECONDS", "8"))


def token(username: str) -> str:
    done = subprocess.run([PY, "manage.py", "issue_token", username], cwd=ROOT, env=ENV,
                          capture_output=True, text=True, check=True, timeout=60)
    return done.stdout.strip().splitlines()[-1]


def main(other: Path) -> int:
    tokens = {"create": token("bench_mobile_0"), "bulk": token("bench_web_0")}
    servers = {}
    for name, root in (("other", other), ("this", ROOT)):
        port = free_port()
        proc = subprocess.Popen(
            [str(BIN / "gunicorn"), "bench.wsgi:application", "--workers", "2", "--bind", f"127.0.0.1:{port}",
             "--log-level", "warning"],
            cwd=root, env={**ENV, "PYTHONPATH": str(root)}, start_new_session=True,
        )
        servers[name] = (f"http://127.0.0.1:{port}", proc)
    try:
        for base, proc in servers.values():
            wait_healthy(base, proc)
        ask = urllib.request.Request(servers["this"][0] + "/api/v1/logs?limit=1",
                                     headers={"Authorization": f"Bearer {tokens['create']}"})
        consignment = json.loads(urllib.request.urlopen(ask, timeout=10).read())["items"][0]["consignment_id"]
        for op, path in (("create", "/api/v1/logs"), ("bulk (100) new", "/api/v1/logs/bulk")):
            rates = {"other": [], "this": []}
            for round_ in range(ROUNDS):
                for name in ("other", "this") if round_ % 2 == 0 else ("this", "other"):
                    def script(phase, name=name, round_=round_, op=op):
                        tag = f"ab{int(time.time() * 1000)}{name}{round_}{phase}"
                        if op == "create":
                            return LUA_CREATE.format(token=tokens["create"], consignment=consignment, tag=tag)
                        return LUA_BULK.format(token=tokens["bulk"], mode="new", items=100, consignment=consignment, tag=tag)
                    url = servers[name][0] + path
                    wrk(url, script("w"), 2)
                    result = wrk(url, script("m"), SECONDS)
                    rates[name].append(result["rps"])
                    print(f"{op:15} {name:5} round {round_}: {result['rps']:7.1f} req/s, {result['bad']} non-2xx/errors", flush=True)
            means = {k: sum(v) / len(v) for k, v in rates.items()}
            print(f"{op}: other {means['other']:.1f} req/s, this {means['this']:.1f} req/s, this/other = {means['this'] / means['other']:.2f}")
    finally:
        for _base, proc in servers.values():
            os.killpg(proc.pid, signal.SIGTERM)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2 or not (Path(sys.argv[1]) / "manage.py").exists():
        sys.exit("usage: python bench/ab.py <another checkout of the project>")
    sys.exit(main(Path(sys.argv[1]).resolve()))
