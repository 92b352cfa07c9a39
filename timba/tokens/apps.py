"""The app that owns the API token table."""

from django.apps import AppConfig


class TokensConfig(AppConfig):
    name = "timba.tokens"
    label = "tokens"
    verbose_name = "API tokens"
    default_auto_field = "django.db.models.BigAutoField"
