"""`manage.py seed_demo`: a superuser and demo data for two client tenants. Safe to re-run:
rows are matched on their natural keys and never duplicated."""

import os
import random
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction

from timba.models import Client, Consignment, Log, Role, User

ROLES = ("web", "mobile", "client_admin")
CLIENTS = (
    ("Northwood Timber", "12 Sawmill Road, Tartu", "+372 5550 1001", "office@northwood.example"),
    ("Pine Coast Logistics", "4 Harbour Street, Pärnu", "+372 5550 2002", "desk@pinecoast.example"),
)
# username suffix → roles: every channel alone, both, and the tenant admin (web + client_admin)
USERS = {"web": ("web",), "mobile": ("mobile",), "both": ("web", "mobile"), "admin": ("web", "client_admin")}
CONSIGNMENTS = 3
LOGS_PER_CONSIGNMENT = 60


class Command(BaseCommand):
    help = "Create a demo superuser, roles, two clients with users, consignments and logs."

    def handle(self, *args, **options):
        password = os.environ.get("DEMO_PASSWORD", "timba-demo-2026")
        with transaction.atomic():
            admin = self._superuser(password)
            roles = {name: Role.objects.get_or_create(name=name)[0] for name in ROLES}
            logins = []
            for index, (name, address, contact, email) in enumerate(CLIENTS):
                client, _ = Client.objects.get_or_create(
                    name=name,
                    defaults={
                        "address": address,
                        "contact": contact,
                        "email": email,
                        "plan": "standard",
                        "status": "active",
                        "seats": 10,
                    },
                )
                slug = name.split()[0].lower()
                for suffix, role_names in USERS.items():
                    user = self._user(f"{slug}-{suffix}", client, password, [roles[r] for r in role_names])
                    logins.append((user.username, "+".join(role_names)))
                self._consignments(client, admin, seed=index)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(f"  superuser: admin / {password}   (http://127.0.0.1:{os.environ.get('PORT', '8000')}/admin/)")
        for username, roles_text in logins:
            self.stdout.write(f"  {username} / {password}   roles: {roles_text}")
        self.stdout.write(
            "  API: POST /api/v1/auth/token {\"username\": \"northwood-mobile\", \"password\": …} "
            "or `manage.py issue_token northwood-mobile`, then send Authorization: Bearer <token>"
        )

    def _superuser(self, password):
        user = User.objects.filter(username="admin").first()
        if user is None:
            user = User.objects.create_superuser("admin", "admin@timba.example", password, name="Platform admin")
        return user

    def _user(self, username, client, password, roles):
        user, created = User.objects.get_or_create(
            username=username, defaults={"client": client, "name": username.replace("-", " ").title()}
        )
        if created:
            user.set_password(password)
            user.save()
        user.roles.set(roles)
        return user

    def _consignments(self, client, creator, *, seed):
        rng = random.Random(seed)
        for number in range(1, CONSIGNMENTS + 1):
            consignment, _ = Consignment.objects.get_or_create(
                client=client,
                name=f"{client.name.split()[0]} load {number:03d}",
                defaults={
                    "type": rng.choice(["hardwood", "pinewood"]),
                    "vehicle_number": f"{rng.randint(100, 999)} {rng.choice('ABCDEFGH')}{rng.choice('JKLMNPRS')}",
                    "created_by": creator,
                    "updated_by": creator,
                },
            )
            if consignment.logs.exists():
                continue
            logs = []
            for i in range(LOGS_PER_CONSIGNMENT):
                log = Log(
                    consignment=consignment,
                    barcode=f"{client.pk:02d}-{number:03d}-{i:05d}",
                    length=Decimal(rng.randint(2000, 6000)) / 1000,
                    breadth=Decimal(rng.randint(150, 600)) / 1000,
                    height=Decimal(rng.randint(150, 600)) / 1000,
                )
                log.prepare()
                logs.append(log)
            Log.objects.bulk_create(logs)
