"""Settings for the test suite: the production settings, with a throwaway secret key when the
environment gives none (so a bare `pytest` runs like `make test`)."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-a-secret")

from timba.settings import *  # noqa: E402,F403

# Hashing cost is not under test; a fast hasher keeps the suite quick.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
