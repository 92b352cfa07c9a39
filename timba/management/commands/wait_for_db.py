"""`manage.py wait_for_db [--timeout 60] [--interval 1] [--database default]`: retry a
connection until the database answers, then exit 0; exit 1 when it still does not answer after
`--timeout` seconds. deploy/entrypoint.sh runs it before migrating (a container can start before
its database is ready, even with compose's healthcheck, e.g. after the database restarts)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections


class Command(BaseCommand):
    help = "Wait until the database accepts connections (or fail after --timeout seconds)."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=60.0, help="seconds to keep trying (default 60)")
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between attempts (default 1)")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="the connection alias (default 'default')")

    def handle(self, *args, timeout: float, interval: float, database: str, **options):
        connection = connections[database]
        deadline = time.monotonic() + max(timeout, 0)
        attempt = 0
        while True:
            attempt += 1
            try:
                connection.ensure_connection()
                with connection.cursor() as cursor:
                    cursor.execute("SELECT 1")
                break
            except OperationalError as exc:
                connection.close()
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise CommandError(f"database {database!r} did not answer within {timeout:g} s: {exc}") from exc
                if attempt == 1:
                    self.stderr.write(f"waiting for database {database!r}: {exc}")
                time.sleep(min(interval, remaining))
        connection.close()
        self.stdout.write(f"database {database!r} is up (attempt {attempt})")
