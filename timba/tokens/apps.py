"""The app that owns the API token table."""

from django.apps import AppConfig


class TokensConfig(AppConfig):
    name = "timba.tokens"
    label = "tokens"
    verbose_name = "API tokens"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from timba.runtime.registry import on_password_change
        from timba.tokens.models import revoke_other_tokens

        on_password_change(revoke_other_tokens)  # a new password ends the sessions of the old one
