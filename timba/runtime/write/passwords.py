"""The password of the auth user's rows (the model Django logs in with): Django's
AUTH_PASSWORD_VALIDATORS on every path, then hashed. Other models have no password rules, and
a field of theirs that happens to be called `password` is a field like any other."""

from __future__ import annotations

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError

FIELD = "password"  # the payload key and model field of AbstractBaseUser
NONE = False  # an item's password that takes the row's password away (it cannot log in)


def applies(model) -> bool:
    return model is get_user_model()


def problems(instance, raw: str | None) -> list[str]:
    """The validators' messages for `raw` (none when no password is set)."""
    if not raw:
        return []
    try:
        password_validation.validate_password(raw, user=instance)
    except ValidationError as exc:
        return list(exc.messages)
    return []


def apply(instance, raw, *, creating: bool) -> None:
    """Hash a new password; a new row without one cannot log in until it is given one. An empty
    password (or None) on a change keeps the current one; NONE takes it away."""
    if raw:
        instance.set_password(raw)
    elif raw is NONE or creating and not instance.password:
        instance.set_unusable_password()
