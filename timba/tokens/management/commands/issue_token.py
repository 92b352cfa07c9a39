"""`manage.py issue_token <username>`: print a new API token for that user (on the last line,
alone, so scripts can take it with `tail -n 1`)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from timba.tokens.models import ApiToken


class Command(BaseCommand):
    help = "Issue an API bearer token for a user and print it."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user named '{username}'")
        if not user.is_active:
            raise CommandError(f"user '{username}' is inactive")
        row, secret = ApiToken.issue(user)
        self.stderr.write(f"token {row.prefix}… for {username}, expires {row.expires_at:%Y-%m-%d %H:%M} UTC")
        self.stdout.write(secret)
