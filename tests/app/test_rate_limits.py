"""Rate limits (timba/runtime/throttles.py): per bearer token (API_RATE_LIMIT_TOKEN) and per client
address for calls without a valid token (API_RATE_LIMIT_ADDRESS), on /api/v1/ and the seed
routes alike, counted in Django's cache; a refused call is 429 problem+json with an integer
Retry-After. tests/settings.py sets limits the rest of the suite never meets; these tests lower
them with the `settings` fixture, and clear the cache around each test."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import threading
import uuid
from types import SimpleNamespace

import orjson
import pytest
from django.core.cache import cache, caches
from django.test import Client as HttpClient
from django.test import RequestFactory
from spec_rows import PASSWORD, assert_problem

from timba.runtime import throttles
from timba.runtime.throttles import (
    AddressRateThrottle,
    TokenRateThrottle,
    address_ident,
    client_address,
)
from timba.tokens.models import ApiToken

pytestmark = pytest.mark.django_db
LIST = "/api/v1/consignments"
SEED_LIST = "/timba/consignments?client_id=1"
TOKEN_URL = "/api/v1/auth/token"
HEALTH = "/api/v1/health"


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def token(superuser):
    """A fresh token of platform staff (staff pass every role and subscription check)."""
    return ApiToken.issue(superuser)[1]


def bearer(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


def get(url: str, secret: str | None = None, address: str = "127.0.0.1", **headers):
    client = HttpClient(REMOTE_ADDR=address)
    return client.get(url, headers={**(bearer(secret) if secret else {}), **headers})


def assert_throttled(response, *, period: int = 60) -> int:
    """429 problem+json with an integer Retry-After within the period; returns it."""
    body = assert_problem(response, 429)
    value = response["Retry-After"]
    assert value.isdigit(), value
    seconds = int(value)
    assert 1 <= seconds <= period
    assert str(seconds) in body["detail"]
    return seconds


# --- per token -----------------------------------------------------------------------------


def test_the_call_after_the_limit_is_429_with_retry_after(settings, token):
    settings.API_RATE_LIMIT_TOKEN = "3/min"
    for _ in range(3):
        assert get(LIST, token).status_code == 200
    assert_throttled(get(LIST, token))
    assert_throttled(get(LIST, token))  # and stays refused within the window


def test_each_token_has_its_own_budget(settings, superuser, token):
    settings.API_RATE_LIMIT_TOKEN = "2/min"
    other = ApiToken.issue(superuser)[1]  # the same user's second device
    for _ in range(2):
        assert get(LIST, token).status_code == 200
    assert_throttled(get(LIST, token))
    assert get(LIST, other).status_code == 200


def test_a_token_is_counted_wherever_it_calls_from(settings, token):
    settings.API_RATE_LIMIT_TOKEN = "2/min"
    assert get(LIST, token, address="10.0.0.1").status_code == 200
    assert get(LIST, token, address="10.0.0.2").status_code == 200
    assert_throttled(get(LIST, token, address="10.0.0.3"))


def test_authenticated_calls_do_not_use_the_address_budget(settings, token):
    settings.API_RATE_LIMIT_ADDRESS = "1/min"
    for _ in range(5):
        assert get(LIST, token).status_code == 200
    assert get(HEALTH).status_code == 200  # the address's one open call is still there
    assert_throttled(get(HEALTH))


def test_the_seed_routes_share_the_tokens_budget(settings, token, builder):
    settings.API_RATE_LIMIT_TOKEN = "3/min"
    seed = f"/timba/consignments?client_id={builder.create('Client').pk}"
    assert get(LIST, token).status_code == 200
    assert get(seed, token).status_code == 200
    assert get(seed.replace("/timba/", "/timbba/"), token).status_code == 200
    for url in (seed, seed.replace("/timba/", "/timbba/")):
        response = get(url, token)
        assert_throttled(response)
        assert orjson.loads(response.content)["error"] == orjson.loads(response.content)["detail"]
    assert_throttled(get(LIST, token))


def test_a_limit_can_be_turned_off(settings, token):
    settings.API_RATE_LIMIT_TOKEN = None
    settings.API_RATE_LIMIT_ADDRESS = None
    for _ in range(20):
        assert get(LIST, token).status_code == 200
        assert get(HEALTH).status_code == 200


# --- per address ---------------------------------------------------------------------------


def test_the_token_route_is_limited_per_address(settings, superuser):
    settings.API_RATE_LIMIT_ADDRESS = "2/min"
    login = orjson.dumps({"username": superuser.username, "password": PASSWORD})

    def ask(address):
        return HttpClient(REMOTE_ADDR=address).post(TOKEN_URL, data=login, content_type="application/json")

    assert ask("10.0.0.1").status_code == 201
    assert ask("10.0.0.1").status_code == 201
    assert_throttled(ask("10.0.0.1"))
    assert ask("10.0.0.2").status_code == 201  # another address, another budget


def test_open_routes_are_limited_per_address(settings):
    settings.API_RATE_LIMIT_ADDRESS = "2/min"
    assert get(HEALTH, address="10.0.0.1").status_code == 200
    assert get(HEALTH, address="10.0.0.1").status_code == 200
    assert_throttled(get(HEALTH, address="10.0.0.1"))
    assert get(HEALTH, address="10.0.0.2").status_code == 200


@pytest.mark.parametrize("url", [LIST, SEED_LIST, SEED_LIST.replace("/timba/", "/timbba/")])
def test_calls_without_a_valid_token_are_counted_per_address(settings, url):
    """ninja checks throttles only after authentication: the 401s are counted by the handler."""
    settings.API_RATE_LIMIT_ADDRESS = "2/min"
    for secret in (None, "tmb_guessed"):
        response = get(url, secret, address="10.0.0.1")
        assert_problem(response, 401)
        assert response["WWW-Authenticate"] == "Bearer"
    assert_throttled(get(url, "tmb_another-guess", address="10.0.0.1"))
    assert_problem(get(url, address="10.0.0.2"), 401)


def test_forwarded_for_is_ignored_without_trusted_proxies(settings):
    settings.API_RATE_LIMIT_ADDRESS = "2/min"
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(2):
        assert get(HEALTH, address="10.0.0.1", x_forwarded_for=f"192.0.2.{n}").status_code == 200
    assert_throttled(get(HEALTH, address="10.0.0.1", x_forwarded_for="192.0.2.9"))


def test_behind_a_trusted_proxy_the_address_it_saw_is_counted(settings):
    settings.API_RATE_LIMIT_ADDRESS = "2/min"
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.9.9.9"
    # what a client writes to the left of the proxy's entry changes nothing
    assert get(HEALTH, address=proxy, x_forwarded_for="192.0.2.1").status_code == 200
    assert get(HEALTH, address=proxy, x_forwarded_for="6.6.6.6, 192.0.2.1").status_code == 200
    assert_throttled(get(HEALTH, address=proxy, x_forwarded_for="7.7.7.7, 192.0.2.1"))
    assert get(HEALTH, address=proxy, x_forwarded_for="192.0.2.2").status_code == 200


def meta_request(remote="10.0.0.1", forwarded=None):
    request = RequestFactory().get("/", REMOTE_ADDR=remote)
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return request


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, None, "10.0.0.1"),
        (0, "192.0.2.1", "10.0.0.1"),
        (1, None, "10.0.0.1"),
        (1, "192.0.2.1", "192.0.2.1"),
        (1, "203.0.113.5, 192.0.2.1", "192.0.2.1"),
        (2, "203.0.113.5, 192.0.2.1", "203.0.113.5"),
        (2, "9.9.9.9,203.0.113.5 , 192.0.2.1", "203.0.113.5"),
        (3, "203.0.113.5, 192.0.2.1", "10.0.0.1"),  # fewer hops than proxies: not believed
        (1, "not-an-address", "10.0.0.1"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_address(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_address(meta_request(forwarded=forwarded)) == expected


@pytest.mark.parametrize(
    ("address", "ident"),
    [
        ("192.0.2.1", "192.0.2.1"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff::1", "2001:db8:1:2::/64"),  # the same /64: one client
        ("::ffff:192.0.2.1", "192.0.2.1"),
        ("", "unknown"),
        ("garbage", "unknown"),
    ],
)
def test_address_ident(address, ident):
    assert address_ident(address) == ident


# --- the throttles themselves ----------------------------------------------------------------


def authed_request(token_pk=1, user_pk=1):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1")
    request.auth = SimpleNamespace(pk=user_pk)
    request.api_token = SimpleNamespace(pk=token_pk)
    return request


class Clock:
    def __init__(self, now: float):
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_the_window_ends_when_retry_after_says(settings):
    throttle = TokenRateThrottle("2/min")
    throttle.timer = clock = Clock(1_000_000.0)
    request = authed_request()
    assert throttle.allow_request(request) and throttle.allow_request(request)
    assert not throttle.allow_request(request)
    wait = throttle.wait()
    assert isinstance(wait, int) and 1 <= wait <= 60
    clock.now += wait - 1
    assert not throttle.allow_request(request)
    clock.now += 1  # the window has ended
    assert throttle.allow_request(request)


def test_a_rate_given_to_the_throttle_wins_over_the_setting(settings):
    settings.API_RATE_LIMIT_TOKEN = "1000/min"
    throttle = TokenRateThrottle("1/hour")
    assert throttle.allow_request(authed_request())
    assert not throttle.allow_request(authed_request())
    assert 1 <= throttle.wait() <= 3600


def test_the_setting_is_read_on_every_call(settings):
    throttle = TokenRateThrottle()
    settings.API_RATE_LIMIT_TOKEN = "1/min"
    assert throttle.allow_request(authed_request())
    assert not throttle.allow_request(authed_request())
    settings.API_RATE_LIMIT_TOKEN = "5/min"
    assert throttle.allow_request(authed_request())


def test_each_throttle_counts_only_its_own_callers():
    token, address = TokenRateThrottle("1/min"), AddressRateThrottle("1/min")
    anonymous = meta_request()
    assert token.get_cache_key(anonymous) is None
    assert address.get_cache_key(authed_request()) is None
    assert token.get_cache_key(authed_request(token_pk=7)) == "throttle:token:t7"
    assert address.get_cache_key(anonymous) == "throttle:ip:10.0.0.1"
    without_token = authed_request(user_pk=3)
    del without_token.api_token
    assert token.get_cache_key(without_token) == "throttle:token:u3"


def test_a_malformed_rate_fails_when_the_api_is_built():
    with pytest.raises(ValueError):
        TokenRateThrottle("ten/min")


def test_concurrent_calls_never_lose_a_count():
    """The counter is the cache's atomic add/incr: 40 threads at once, exactly the limit passes."""
    assert_exact_under_threads(TokenRateThrottle("10/min"))


def assert_exact_under_threads(throttle, callers=40, limit=10):
    barrier = threading.Barrier(callers)
    allowed = []

    def call():
        barrier.wait()
        allowed.append(throttle.allow_request(authed_request()))

    threads = [threading.Thread(target=call) for _ in range(callers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert allowed.count(True) == limit
    assert not throttle.allow_request(authed_request())
    assert isinstance(throttle.wait(), int)


def test_calls_are_served_when_the_cache_fails(settings, token, monkeypatch, caplog):
    settings.API_RATE_LIMIT_TOKEN = "1/min"

    def broken(self, key, *, timeout):
        raise ConnectionError("cache down")

    monkeypatch.setattr(throttles.SettingsRateThrottle, "_count", broken)
    monkeypatch.setattr(throttles, "_last_cache_warning", [0.0])
    assert get(LIST, token).status_code == 200
    assert get(LIST, token).status_code == 200
    assert sum("rate limits not applied" in r.getMessage() for r in caplog.records) == 1


# --- Django's cache ---------------------------------------------------------------------------


def test_the_counts_live_in_djangos_cache(settings, token):
    settings.API_RATE_LIMIT_TOKEN = "1/min"
    row = ApiToken.objects.order_by("-pk").first()
    assert get(LIST, token).status_code == 200
    throttle = TokenRateThrottle()
    key = throttle.get_cache_key(SimpleNamespace(auth=row.user, api_token=row))
    counters = [k for k in cache._cache if k.split(":", 2)[2].startswith(key + ":")]  # LocMemCache
    assert len(counters) == 1
    assert_throttled(get(LIST, token))
    cache.clear()  # forget the counts: the token is let in again
    assert get(LIST, token).status_code == 200


def test_the_counts_follow_the_configured_cache(settings, token):
    settings.API_RATE_LIMIT_TOKEN = "1/min"
    assert get(LIST, token).status_code == 200
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "elsewhere"}}
    assert get(LIST, token).status_code == 200  # a new cache holds no count
    assert_throttled(get(LIST, token))
    cache.clear()


def redis_url() -> str | None:
    """REDIS_URL, else a spare database of a Redis on 127.0.0.1:6379, when one answers."""
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
    try:
        import redis
    except ImportError:
        return None
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except (redis.RedisError, OSError):
        return None
    return url


REDIS = redis_url()
needs_redis = pytest.mark.skipif(
    REDIS is None,
    reason=f"no Redis answers at {os.environ.get('REDIS_URL') or 'redis://127.0.0.1:6379/15'} "
    "(REDIS_URL, else the local default), or the redis package is not installed",
)


@pytest.fixture
def redis_cache(settings):
    """The default cache on Redis, under a key prefix of its own (removed afterwards)."""
    import redis

    prefix = f"timba-test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS, "KEY_PREFIX": prefix}}
    raw = redis.Redis.from_url(REDIS)
    yield raw, prefix
    for key in raw.scan_iter(f"{prefix}:*"):
        raw.delete(key)


@needs_redis
def test_the_counts_live_in_redis(settings, token, redis_cache):
    raw, prefix = redis_cache
    settings.API_RATE_LIMIT_TOKEN = "2/min"
    row = ApiToken.objects.order_by("-pk").first()
    assert get(LIST, token).status_code == 200
    assert get(LIST, token).status_code == 200
    keys = [k.decode() for k in raw.scan_iter(f"{prefix}:*")]
    assert len(keys) == 1 and f":throttle:token:t{row.pk}:" in keys[0], keys
    assert int(raw.get(keys[0])) == 2
    assert 60 <= raw.ttl(keys[0]) <= 120  # the window's rest and one period: never left behind
    assert_throttled(get(LIST, token))
    raw.delete(keys[0])  # another process resetting the count is seen at once
    assert get(LIST, token).status_code == 200
    assert "LocMem" not in type(caches["default"]).__name__


@needs_redis
def test_concurrent_calls_never_lose_a_count_on_redis(redis_cache):
    assert_exact_under_threads(TokenRateThrottle("10/min"))


# --- settings ------------------------------------------------------------------------------


def settings_module(monkeypatch, **environ):
    for name in ("CACHE_URL", "REDIS_URL", "API_RATE_LIMIT_TOKEN", "API_RATE_LIMIT_ADDRESS", "TRUSTED_PROXY_COUNT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    import timba.settings

    return importlib.reload(timba.settings)


@pytest.fixture
def fresh_settings(monkeypatch):
    yield lambda **environ: settings_module(monkeypatch, **environ)
    monkeypatch.undo()
    import timba.settings

    importlib.reload(timba.settings)


def test_settings_defaults(fresh_settings):
    module = fresh_settings()
    assert module.API_RATE_LIMIT_TOKEN == "1200/min"
    assert module.API_RATE_LIMIT_ADDRESS == "300/min"
    assert module.TRUSTED_PROXY_COUNT == 0
    assert module.CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_settings_from_the_environment(fresh_settings):
    module = fresh_settings(API_RATE_LIMIT_TOKEN="50/s", API_RATE_LIMIT_ADDRESS="off", TRUSTED_PROXY_COUNT="2")
    assert (module.API_RATE_LIMIT_TOKEN, module.API_RATE_LIMIT_ADDRESS, module.TRUSTED_PROXY_COUNT) == ("50/s", None, 2)
    TokenRateThrottle(module.API_RATE_LIMIT_TOKEN)  # ninja reads what the settings accept


@pytest.mark.parametrize("rate", ["ten/min", "10/hours", "10", "10/min/x"])
def test_a_malformed_rate_setting_is_refused_at_startup(fresh_settings, rate):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="API_RATE_LIMIT_TOKEN"):
        fresh_settings(API_RATE_LIMIT_TOKEN=rate)


@pytest.mark.parametrize(
    ("environ", "backend", "location"),
    [
        ({"REDIS_URL": "redis://127.0.0.1:6379/3"}, "django.core.cache.backends.redis.RedisCache", "redis://127.0.0.1:6379/3"),
        ({"REDIS_URL": "rediss://:pw@cache.internal:6380/0"}, "django.core.cache.backends.redis.RedisCache", "rediss://:pw@cache.internal:6380/0"),
        ({"CACHE_URL": "redis://10.0.0.5:6379/1"}, "django.core.cache.backends.redis.RedisCache", "redis://10.0.0.5:6379/1"),
        ({"CACHE_URL": "locmemcache://", "REDIS_URL": "redis://127.0.0.1:6379/3"}, "django.core.cache.backends.locmem.LocMemCache", ""),
    ],
)
def test_the_cache_from_the_environment(fresh_settings, environ, backend, location):
    config = fresh_settings(**environ).CACHES["default"]
    assert (config["BACKEND"], config["LOCATION"]) == (backend, location)


def test_cache_url_options_reach_djangos_redis_backend(fresh_settings):
    config = fresh_settings(CACHE_URL="redis://127.0.0.1:6379/2?key_prefix=timba&timeout=30").CACHES["default"]
    assert config["KEY_PREFIX"] == "timba" and config["TIMEOUT"] == 30


def test_a_redis_url_of_another_scheme_is_refused(fresh_settings):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="REDIS_URL"):
        fresh_settings(REDIS_URL="http://127.0.0.1:6379")


def test_settings_import_no_cache_client():
    """Whatever the cache, the settings import no client library: the backend does, when used."""
    code = "import sys, timba.settings; print(sorted(m for m in sys.modules if m.split('.')[0] in {'redis', 'pymemcache', 'django_redis'}))"
    for extra in ({}, {"REDIS_URL": "redis://127.0.0.1:6379/15"}):
        env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CACHE_URL"}} | {"SECRET_KEY": "x", **extra}
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        assert out.stdout.strip() == "[]", (extra, out.stdout, out.stderr)


def test_the_429_names_the_wait_in_whole_seconds():
    response = throttles.too_many_requests(1)
    assert (response.status_code, response["Retry-After"]) == (429, "1")
    assert orjson.loads(response.content)["detail"] == "Too many requests; try again in 1 second."
