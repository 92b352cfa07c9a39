"""The rows of the auth user (the model Django logs in with): its username and email as Django
normalises them (before uniqueness is checked, so `ﬁle` and `file` are one name), its password
against Django's AUTH_PASSWORD_VALIDATORS on every path, then hashed. Other models have none of
this: a field of theirs that happens to be called `password` is a field like any other."""

from __future__ import annotations

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError

FIELD = "password"  # the payload key and model field of AbstractBaseUser
NONE = False  # an item's password that takes the row's password away (it cannot log in)


def applies(model) -> bool:
    return model is get_user_model()


def normalize(instance) -> None:
    """The username and email as AbstractUser.clean() would leave them."""
    name = instance.USERNAME_FIELD
    setattr(instance, name, instance.normalize_username(getattr(instance, name)))
    email = instance.get_email_field_name()
    if getattr(instance, email, None):
        setattr(instance, email, type(instance)._default_manager.normalize_email(getattr(instance, email)))


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


def changes_password(item) -> bool:
    """Whether the item sets a new password or takes the password away."""
    return item.password is NONE or bool(item.password)
