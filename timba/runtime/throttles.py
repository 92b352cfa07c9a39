"""Rate limits of the APIs: per bearer token and per client address, counted in Django's cache.

- `TokenRateThrottle` (`API_RATE_LIMIT_TOKEN`) counts authenticated calls by the token they carry
  (`request.api_token`, set by `auth.BearerToken`; the user when some other scheme authenticated),
  so one user's two devices have a budget each, and the seed routes and /api/v1/ share one.
- `AddressRateThrottle` (`API_RATE_LIMIT_ADDRESS`) counts calls without a valid token by the
  client's address (`client_address`: REMOTE_ADDR, or X-Forwarded-For behind
  `TRUSTED_PROXY_COUNT` proxies; an IPv6 client by its /64): the open routes (issuing a token,
  the health check) and, through `install_handlers`, every 401, so guessing or replaying tokens
  is limited too.

Both are django-ninja throttles (`NinjaAPI(throttle=[...])`), read their rate from the settings on
every call (so `override_settings` applies at once; a rate given to the constructor wins), and
count in fixed windows of the rate's period with the cache's atomic `add`/`incr`, so concurrent
workers never lose a count (ninja's own `SimpleRateThrottle` reads and rewrites a list of
timestamps, which they can). Each identity's window starts at its own offset, so the clients
refused together are not all let in at the same second. A refused call is answered 429
problem+json with `Retry-After`: the whole seconds until its window ends. Refused calls count
too (a client that keeps hammering stays refused until its window ends, no longer). When the
cache cannot be reached the calls are served, and a warning is logged once a minute.
"""

from __future__ import annotations

import ipaddress
import logging
import math
import threading
import zlib

from django.conf import settings
from django.core.cache import cache as default_cache
from ninja.errors import AuthenticationError, Throttled
from ninja.throttling import SimpleRateThrottle

from timba.runtime.problems import problem_response

logger = logging.getLogger("timba.api")
_last_cache_warning = [0.0]


def _cache_unavailable(now: float) -> None:
    """Log, at most once a minute, that the limits are not applied because the cache failed."""
    if now - _last_cache_warning[0] >= 60:
        _last_cache_warning[0] = now
        logger.warning("rate limits not applied: the cache cannot be reached", exc_info=True)


def client_address(request) -> str:
    """The address a call comes from. REMOTE_ADDR, unless `TRUSTED_PROXY_COUNT` is N > 0: then
    the N-th entry from the right of X-Forwarded-For (the one the outermost trusted proxy
    appended), when there are that many and it is an IP address. Anything a client writes to the
    left of it is never believed."""
    remote = request.META.get("REMOTE_ADDR") or ""
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0
    if count > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= count and _ip(hops[-count]) is not None:
            return hops[-count]
    return remote


def _ip(text: str):
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def address_ident(address: str) -> str:
    """The address as counted: an IPv4 address as it is, an IPv6 one by its /64 (one client
    holds a whole /64), anything unparsable as "unknown"."""
    ip = _ip(address)
    if ip is None:
        return "unknown"
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


class SettingsRateThrottle(SimpleRateThrottle):
    """A ninja throttle whose rate is the Django setting `setting` (None: no limit), counting in
    fixed windows with atomic cache operations. Subclasses say whom a call is counted for
    (`ident`, None: not counted here)."""

    setting: str = ""
    scope: str = ""
    cache = default_cache  # the default alias, looked up on each use (override_settings works)

    def __init__(self, rate: str | None = None):
        self.fixed_rate = rate
        self._state = threading.local()  # one throttle serves every thread: wait() reads this
        super().__init__(rate)  # parses now: a malformed rate fails when the API is built

    def get_rate(self) -> str | None:
        return getattr(settings, self.setting, None)

    def current_rate(self) -> tuple[int | None, int | None]:
        return self.parse_rate(self.fixed_rate or self.get_rate())

    def ident(self, request) -> str | None:
        raise NotImplementedError

    def get_cache_key(self, request) -> str | None:
        ident = self.ident(request)
        return None if ident is None else f"throttle:{self.scope}:{ident}"

    def allow_request(self, request) -> bool:
        self._state.retry_after = None
        limit, period = self.current_rate()
        if limit is None:
            return True
        key = self.get_cache_key(request)
        if key is None:
            return True
        now = self.timer()
        offset = zlib.crc32(key.encode()) % period  # a stable per-identity start of the windows
        window = math.floor((now - offset) / period)
        ends = (window + 1) * period + offset
        try:
            count = self._count(f"{key}:{window}", timeout=math.ceil(ends - now) + period)
        except Exception:  # the cache is down: serve the call rather than fail it
            _cache_unavailable(now)
            return True
        if count <= limit:
            return True
        self._state.retry_after = max(1, math.ceil(ends - now))
        return False

    def _count(self, key: str, *, timeout: int) -> int:
        """Add one to the window's counter and return it; atomic on Redis, memcached and local
        memory. The key outlives its window by a period, so `incr` never meets an expired one."""
        if self.cache.add(key, 1, timeout):
            return 1
        try:
            return self.cache.incr(key)
        except ValueError:  # gone between add and incr (evicted, or the cache was cleared)
            self.cache.add(key, 1, timeout)
            return 1

    def wait(self) -> int | None:
        """Whole seconds until the refused call's window ends (ninja sends it as Retry-After)."""
        return getattr(self._state, "retry_after", None)


class TokenRateThrottle(SettingsRateThrottle):
    """Authenticated calls, per bearer token (the user when no token is at hand)."""

    setting = "API_RATE_LIMIT_TOKEN"
    scope = "token"

    def ident(self, request) -> str | None:
        if getattr(request, "auth", None) is None:
            return None  # the address throttle counts these
        token = getattr(request, "api_token", None)
        if token is not None:
            return f"t{token.pk}"
        return f"u{getattr(request.auth, 'pk', request.auth)}"


class AddressRateThrottle(SettingsRateThrottle):
    """Calls without a valid token, per client address (`client_address`, `address_ident`)."""

    setting = "API_RATE_LIMIT_ADDRESS"
    scope = "ip"

    def ident(self, request) -> str | None:
        if getattr(request, "auth", None) is not None:
            return None  # the token throttle counts these
        return address_ident(client_address(request))


def default_throttles() -> list[SettingsRateThrottle]:
    """The throttles every API of the project takes (`NinjaAPI(throttle=...)`)."""
    return [TokenRateThrottle(), AddressRateThrottle()]


def too_many_requests(retry_after: int | None):
    seconds = max(1, int(retry_after)) if retry_after is not None else None
    detail = "Too many requests; slow down."
    if seconds is not None:
        detail = f"Too many requests; try again in {seconds} second{'s' if seconds != 1 else ''}."
    headers = {"Retry-After": str(seconds)} if seconds is not None else None
    return problem_response(429, detail, headers=headers)


def install_handlers(api, throttles: list) -> None:
    """On `api` (after `problems.install_handlers`): 429 problem+json with Retry-After for a
    throttled call; and every 401 (no token, or one that is unknown, expired or revoked) counted
    against the caller's address by the API's `AddressRateThrottle`, a 429 once over its limit.
    ninja checks throttles only after authentication succeeds, so without this a client could
    try tokens without limit."""
    address = next((t for t in throttles if isinstance(t, AddressRateThrottle)), None)
    unauthenticated = api._lookup_exception_handler(AuthenticationError())  # problems' 401

    def throttled(request, exc: Throttled):
        return too_many_requests(exc.wait)

    def refused(request, exc: AuthenticationError):
        if address is not None and not address.allow_request(request):
            return too_many_requests(address.wait())
        return unauthenticated(request, exc)

    api.add_exception_handler(Throttled, throttled)
    if address is not None and unauthenticated is not None:
        api.add_exception_handler(AuthenticationError, refused)
