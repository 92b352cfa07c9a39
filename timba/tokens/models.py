"""ApiToken: a bearer token for the REST API. The secret is shown once, when issued; the table
keeps its SHA-256 digest (tokens are 256 random bits, so a fast hash is the right tool), a short
prefix to recognise it by, and its expiry."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

PREFIX = "tmb_"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def live(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=12, editable=False, help_text="First characters, to recognise a token")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API token"

    def __str__(self):
        return f"{self.prefix}… ({self.user})"

    @classmethod
    def issue(cls, user, *, lifetime: timedelta | None = None) -> tuple["ApiToken", str]:
        """Create a token for `user`; returns the row and the secret, which is never stored."""
        secret = PREFIX + secrets.token_urlsafe(32)
        lifetime = lifetime or timedelta(seconds=settings.API_TOKEN_LIFETIME_SECONDS)
        row = cls.objects.create(
            user=user, key_digest=digest(secret), prefix=secret[:12], expires_at=timezone.now() + lifetime
        )
        return row, secret

    @classmethod
    def matching(cls, secret: str) -> models.QuerySet:
        """The live token with this secret (by its digest), as a queryset the caller may extend."""
        if not secret.startswith(PREFIX):
            return cls.objects.none()
        return cls.objects.live().select_related("user").filter(key_digest=digest(secret))

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])


def revoke_other_tokens(users, acting_user) -> int:
    """Revoke the live tokens of `users`, whose passwords just changed, but the one the change
    was made with (a user who changes their own password through the API keeps that session)."""
    keep = getattr(acting_user, "api_token_in_use", None)
    rows = ApiToken.objects.filter(user__in=users, revoked_at__isnull=True)
    if keep is not None:
        rows = rows.exclude(pk=keep.pk)
    return rows.update(revoked_at=timezone.now())
