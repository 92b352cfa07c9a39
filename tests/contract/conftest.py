"""The random contract run's seed, chosen here once per run (`CONTRACT_SEED` when set, else a new
one) and shown in pytest's header; what the run covered, in its summary."""

from __future__ import annotations

import os
import secrets
import sys
import time

os.environ.setdefault("CONTRACT_SEED", str(secrets.randbits(32)))


def _stats():
    module = sys.modules.get("tests.contract.test_random_contract") or sys.modules.get("test_random_contract")
    if module is None:
        module = next((m for name, m in sys.modules.items() if name.endswith("test_random_contract")), None)
    return getattr(module, "STATS", None)


def pytest_report_header(config):
    seed = os.environ["CONTRACT_SEED"]
    return f"contract seed: {seed} (replay with CONTRACT_SEED={seed})"


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    stats = _stats()
    if not stats or not stats["cases"]:
        return
    declared = stats["declared_links"]
    followed = set(stats["links"])
    took = time.monotonic() - stats["started"] if stats["started"] else 0
    terminalreporter.write_sep("-", "schemathesis random contract")
    terminalreporter.write_line(
        f"seed {stats['seed']}: {stats['cases']} cases over {len(stats['operations'])} operations in {took:.0f} s; "
        f"links followed {len(followed & declared)} of {len(declared)} declared "
        f"({sum(stats['links'].values())} transitions)"
    )
    missing = sorted(declared - followed)
    if missing:
        terminalreporter.write_line("links not followed: " + "; ".join(missing))
