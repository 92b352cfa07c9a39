"""Settings for the test suite: the production settings, with a throwaway secret key when the
environment gives none (so a bare `pytest` runs like `make test`)."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-a-secret")

from timba.settings import *  # noqa: E402,F403

# Hashing cost is not under test; a fast hasher keeps the suite quick.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The suite makes thousands of calls from one address with few tokens (whose ids the rolled-back
# tests reuse) in the one local-memory cache: the limits stay on, too high to be met.
# tests/app/test_rate_limits.py lowers them where it tests them.
API_RATE_LIMIT_TOKEN = "1000000/s"
API_RATE_LIMIT_ADDRESS = "1000000/s"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "timba-tests"}}
# Fresh dashboard figures on every view: tests reuse ids after rollbacks, so a kept figure would
# belong to another test's tenant. tests/app/test_dashboard.py turns the cache on where it tests it.
DASHBOARD_CACHE_SECONDS = 0
