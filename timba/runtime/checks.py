"""System checks for the hand-written side: every computed field of the spec needs its
`compute_<field>()` method on the concrete model, or saving a row would fail later."""

from django.apps import apps
from django.core import checks


@checks.register(checks.Tags.models)
def computed_fields_have_hooks(app_configs=None, **kwargs):
    errors = []
    for model in apps.get_models():
        for name in getattr(model, "computed_fields", ()):
            method = getattr(model, f"compute_{name}", None)
            if method is None:
                errors.append(
                    checks.Error(
                        f"{model.__name__}.{name} is computed but {model.__name__} has no compute_{name}(self)",
                        hint=f"Define compute_{name}(self) on {model.__name__}, in its hook module",
                        obj=model,
                        id="timba.E001",
                    )
                )
    return errors
