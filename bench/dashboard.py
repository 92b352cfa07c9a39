"""The admin dashboard at a million logs: seeds one big tenant (LOGS logs in 200 consignments,
spread over 20 weeks) and 20 small ones with mixed subscriptions, then renders /admin/ in process
as that tenant's admin and as platform staff, printing the median time, the number of queries
and the slowest query of each: figures counted on every view, and kept in the cache
(DASHBOARD_CACHE_SECONDS).

    BENCH_DATABASE_URL=mysql://root:@127.0.0.1:3306/timba_dash SECRET_KEY=x DEBUG=1 \\
        .venv/bin/python bench/dashboard.py [LOGS]

The seed is idempotent (a database holding the big tenant's logs is left alone) and, on MariaDB,
one INSERT … SELECT over the sequence engine (seq_1_to_N); elsewhere bulk_create.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timba.settings")
if os.environ.get("BENCH_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client as Browser  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from timba.import_runs.models import ImportRun  # noqa: E402
from timba.models import Client, Consignment, Log, Role, User  # noqa: E402

BIG = "Dash Big Timber"
CONSIGNMENTS = 200
WEEKS = 20
REPEATS = 5


def seed(logs: int) -> tuple[User, User]:
    call_command("migrate", verbosity=0)
    big, _ = Client.objects.get_or_create(name=BIG, defaults={"status": "active", "seats": 50})
    web, _ = Role.objects.get_or_create(name="web")
    boss, _ = Role.objects.get_or_create(name="client_admin")
    admin, made = User.objects.get_or_create(username="dash_admin", defaults={"client": big})
    if made:
        admin.set_password("x")
        admin.save()
        admin.roles.set([web, boss])
    staff = User.objects.filter(username="dash_root").first() or User.objects.create_superuser("dash_root", "r@example.com", "x")
    for i in range(20):
        status = ("active", "trial", "past_due", "cancelled")[i % 4]
        paid = timezone.localdate() + timedelta(days=i * 5 - 20)
        Client.objects.get_or_create(name=f"Dash Small {i:02d}", defaults={"status": status, "paid_until": paid})
    if Consignment.objects.filter(client=big).count() < CONSIGNMENTS:
        Consignment.objects.bulk_create(
            [Consignment(client=big, name=f"C{i:03d}", type="hardwood") for i in range(CONSIGNMENTS)], ignore_conflicts=True
        )
    have = Log.objects.filter(client=big).count()
    if have < logs:
        started = time.monotonic()
        _insert_logs(big, have, logs)
        print(f"seeded {logs - have:,} logs in {time.monotonic() - started:.1f} s")
    if not ImportRun.objects.filter(tenant_id=big.pk).exists():
        for state in ("applied", "failed", "staged", "applied", "reverted", "applied"):
            ImportRun.objects.create(resource="Log", tenant_id=big.pk, user=admin, state=state, file_name=f"logs-{state}.xlsx", new=1000)
    return admin, staff


def _insert_logs(big: Client, have: int, logs: int) -> None:
    first = Consignment.objects.filter(client=big).order_by("pk").values_list("pk", flat=True).first()
    now = timezone.now()
    if connection.vendor == "mysql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO timba_log (barcode, length, breadth, height, volume, created_at, updated_at, client_id, consignment_id) "
                f"SELECT CONCAT('B', seq), 1 + MOD(seq, 7), 0.3 + MOD(seq, 5) / 10, 0.2 + MOD(seq, 3) / 10, "
                f"(1 + MOD(seq, 7)) * (0.3 + MOD(seq, 5) / 10) * (0.2 + MOD(seq, 3) / 10), "
                f"%s - INTERVAL MOD(seq, {WEEKS * 7}) DAY, %s, %s, %s + MOD(seq * seq, {CONSIGNMENTS}) "
                f"FROM seq_{have + 1}_to_{logs}",
                [now, now, big.pk, first],
            )
        return
    batch = []
    for n in range(have + 1, logs + 1):
        length, breadth, height = Decimal(1 + n % 7), Decimal("0.3") + Decimal(n % 5) / 10, Decimal("0.2") + Decimal(n % 3) / 10
        batch.append(Log(barcode=f"B{n}", length=length, breadth=breadth, height=height, volume=length * breadth * height,
                         client=big, consignment_id=first + (n * n) % CONSIGNMENTS, created_at=now - timedelta(days=n % (WEEKS * 7)), updated_at=now))
        if len(batch) == 5000:
            Log.objects.bulk_create(batch)
            batch = []
    Log.objects.bulk_create(batch)


def measure(user, label: str, *, kept: bool) -> None:
    """Median time of REPEATS views after a warm-up one; `kept`: the figures come from the cache
    (DASHBOARD_CACHE_SECONDS), else every view counts them again."""
    from django.core.cache import cache
    from django.test.utils import override_settings

    with override_settings(DASHBOARD_CACHE_SECONDS=60 if kept else 0):
        cache.clear()
        browser = Browser()
        browser.force_login(user)
        browser.get("/admin/")  # warm: templates, the buffer pool, and the cache when kept
        times, slowest, count = [], (0.0, ""), 0
        for _ in range(REPEATS):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = browser.get("/admin/")
                times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
            count = len(queries)
            slow = max(queries.captured_queries, key=lambda q: float(q["time"]))
            slowest = max(slowest, (float(slow["time"]) * 1000, slow["sql"][:90]))
    how = "kept" if kept else "counted"
    print(f"{label:<15} {how:<8} {statistics.median(times):7.0f} ms  {count:3d} queries  slowest {slowest[0]:5.0f} ms: {slowest[1]}")


def main() -> None:
    logs = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    admin, staff = seed(logs)
    print(f"{connection.vendor}: {Log.objects.count():,} logs, {Client.objects.count()} tenants; median of {REPEATS}")
    for kept in (False, True):
        measure(admin, "tenant admin", kept=kept)
        measure(staff, "platform staff", kept=kept)


if __name__ == "__main__":
    main()
