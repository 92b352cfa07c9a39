"""`make bench-export`: this project's streamed export (timba.runtime.exports) against
django-import-export's export of the same queryset (the generated resource's `export()` and
tablib), CSV and XLSX, in one run: rows/s, the ratio, and each one's peak Python memory.

A throwaway SQLite database in a temporary folder by default (BENCH_DATABASE_URL for another,
e.g. mysql://root:@127.0.0.1:3306/timba_bench_export, never the lead's `timba`), migrated and
seeded with BENCH_EXPORT_ROWS logs (default 50,000) in one tenant. Times are wall clock of one
pass each (the file consumed and thrown away); memory is tracemalloc's peak in a second pass.

    .venv/bin/python bench/export.py
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ROWS = int(os.environ.get("BENCH_EXPORT_ROWS", "50000"))
FOLDER = tempfile.mkdtemp(prefix="timba-bench-export-")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{FOLDER}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timba.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
os.environ["DEBUG"] = "0"
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from timba.generated.exports import LOG_EXPORT  # noqa: E402
from timba.generated.resources import LogResource  # noqa: E402
from timba.models import Client, Consignment, Log  # noqa: E402
from timba.runtime.exports.responses import streamed  # noqa: E402


def seed() -> None:
    call_command("migrate", verbosity=0)
    if Log.objects.count() == ROWS:
        return
    Log.objects.all().delete()
    client = Client.objects.get_or_create(name="Bench export client", defaults={"status": "active"})[0]
    consignments = [Consignment.objects.get_or_create(name=f"Load {i:03d}", client=client, defaults={"type": "hardwood"})[0]
                    for i in range(5)]
    batch = []
    for i in range(ROWS):
        length, breadth, height = Decimal("2.5") + i % 7, Decimal("0.4"), Decimal("0.3")
        batch.append(Log(consignment=consignments[i % 5], client=client, barcode=f"B{i:07d}", length=length,
                         breadth=breadth, height=height, volume=(length * breadth * height).quantize(Decimal("0.000001"))))
        if len(batch) == 5000:
            Log.objects.bulk_create(batch)
            batch = []
    Log.objects.bulk_create(batch)


def ours(fmt: str) -> int:
    return sum(len(block) for block in streamed(LOG_EXPORT, Log.objects.all(), fmt).streaming_content)


def theirs(fmt: str) -> int:
    data = LogResource().export(queryset=Log.objects.all())
    out = data.export(fmt)
    return len(out)


def timed(func, fmt: str) -> tuple[float, int]:
    started = time.perf_counter()
    size = func(fmt)
    return time.perf_counter() - started, size


def peak(func, fmt: str) -> float:
    tracemalloc.start()
    func(fmt)
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return top / 2**20


def main() -> None:
    seed()
    rows = Log.objects.count()
    print(f"{rows} logs, {django.db.connection.vendor}\n")
    print("| format | export | rows/s | MB | peak Python memory (MB) |")
    print("|---|---|---:|---:|---:|")
    for fmt in ("csv", "xlsx"):
        results = {}
        for name, func in (("timba (streamed)", ours), ("django-import-export", theirs)):
            seconds, size = timed(func, fmt)
            results[name] = rows / seconds
            print(f"| {fmt} | {name} | {rows / seconds:,.0f} | {size / 2**20:.1f} | {peak(func, fmt):.1f} |", flush=True)
        ratio = results["timba (streamed)"] / results["django-import-export"]
        print(f"| {fmt} | ratio | {ratio:.1f}× | | |")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(FOLDER, ignore_errors=True)
