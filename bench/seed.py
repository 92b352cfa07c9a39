"""Seed the benchmark database: 2 active clients, a `mobile` user each, 5 consignments each and
100k logs in all (bulk_create in batches of 5000; volume via Log.prepare()). Idempotent: a
database that already holds the bench clients and their logs is left alone.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.seed
"""

import os
import random
import time
from decimal import Decimal

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from timba.models import Client, Consignment, Log, Role, User  # noqa: E402

CLIENTS = ("Bench Timber A", "Bench Timber B")
CONSIGNMENTS_PER_CLIENT = 5
LOGS_TOTAL = 100_000
BATCH = 5000


def username(index: int) -> str:
    return f"bench_mobile_{index}"


def bulk_username(index: int) -> str:
    """The user of the bulk rows: `mobile` for the API channel and `web`, which may update logs
    (a bulk upsert needs both create and update)."""
    return f"bench_web_{index}"


def seed() -> None:
    started = time.monotonic()
    per_client = LOGS_TOTAL // len(CLIENTS)
    # rows a previous run created through the API: dropped, so every run lists the same 100k
    created = Log.objects.filter(client__name__in=CLIENTS).exclude(barcode__startswith="S0-")
    removed, _ = created.exclude(barcode__startswith="S1-").delete()
    if removed:
        print(f"seed: removed {removed} logs created by an earlier run")
    if Log.objects.filter(client__name__in=CLIENTS).count() >= LOGS_TOTAL and User.objects.filter(
        username=bulk_username(0)
    ).exists():
        print(f"seed: already seeded ({Log.objects.count()} logs)")
        return
    mobile, _ = Role.objects.get_or_create(name="mobile")
    web, _ = Role.objects.get_or_create(name="web")
    rng = random.Random(42)
    for index, name in enumerate(CLIENTS):
        client, _ = Client.objects.get_or_create(
            name=name, defaults={"status": "active", "plan": "enterprise", "seats": 100}
        )
        if client.status != "active" or client.paid_until is not None:
            Client.objects.filter(pk=client.pk).update(status="active", paid_until=None)
        user = User.objects.filter(username=username(index)).first()
        if user is None:
            user = User(username=username(index), name=f"Bench mobile {index}", client=client)
            user.set_unusable_password()
            user.save()
        user.roles.add(mobile)
        bulk_user = User.objects.filter(username=bulk_username(index)).first()
        if bulk_user is None:
            bulk_user = User(username=bulk_username(index), name=f"Bench web {index}", client=client)
            bulk_user.set_unusable_password()
            bulk_user.save()
        bulk_user.roles.add(mobile, web)
        consignments = []
        for number in range(CONSIGNMENTS_PER_CLIENT):
            consignment, _ = Consignment.objects.get_or_create(
                client=client, name=f"Bench consignment {index}-{number}",
                defaults={"type": "hardwood" if number % 2 else "pinewood", "created_by": user},
            )
            consignments.append(consignment)
        have = Log.objects.filter(client=client).count()
        with transaction.atomic():
            batch = []
            for n in range(have, per_client):
                row = Log(
                    consignment=consignments[n % len(consignments)],
                    barcode=f"S{index}-{n:07d}",
                    length=Decimal(rng.randint(1000, 12000)) / 1000,
                    breadth=Decimal(rng.randint(200, 1500)) / 1000,
                    height=Decimal(rng.randint(200, 1500)) / 1000,
                )
                row.prepare()  # client from the consignment, volume computed
                batch.append(row)
                if len(batch) == BATCH:
                    Log.objects.bulk_create(batch)
                    batch = []
            if batch:
                Log.objects.bulk_create(batch)
    print(f"seed: {Log.objects.count()} logs, {Consignment.objects.count()} consignments, "
          f"{Client.objects.count()} clients in {time.monotonic() - started:.1f}s")


if __name__ == "__main__":
    seed()
