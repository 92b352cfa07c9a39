"""Field validators the spec's types need beyond Django's own."""

from django.core.validators import RegexValidator

phone_validator = RegexValidator(
    r"^\+?[0-9 ()\-]{3,20}$",
    "Enter a phone number: digits, spaces, brackets and dashes, optionally starting with +.",
    code="invalid_phone",
)
