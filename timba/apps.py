"""The single Django app that holds every resource declared in resources.yaml."""

from django.apps import AppConfig


class TimbaConfig(AppConfig):
    name = "timba"
    verbose_name = "Timba"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # the generated security rules and import descriptors register themselves into the runtime on import
        from timba.generated import imports, security  # noqa: F401
        from timba.runtime import checks  # noqa: F401  (registers the system checks)
