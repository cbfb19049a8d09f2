"""Django's Redis cache, made to carry on while Redis is down.

Redis only ever holds copies here, so a dead Redis must not turn pages into 500s. Every call
goes to Redis while it answers. When it fails, the process-wide circuit breaker
(umecom/resilience.py) opens: for the next few seconds calls skip Redis altogether and use a
small per-process memory cache instead, then one call tries Redis again. So

- pages and forms keep working, only slower (misses where Redis had the copy);
- allauth's rate limits keep counting, per process;
- the outage and the recovery are logged once each, not once per request.

Two things keep what Redis serves after an outage honest. Entries in the stand-in live at
most `FALLBACK_MAX_SECONDS`, so a change made through another process shows within that time.
And the keys written or deleted during the outage (an editor published, a counter moved) are
deleted from Redis when it answers again, so it cannot serve the copies they replaced.
"""

from __future__ import annotations

import threading
from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from umecom.resilience import breaker
from umecom.resilience import logger as dependency_logger

# What a dead, restarting or unreachable server raises; anything else (a bad key, a
# serialisation error) is a bug and still raises.
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)
# The longest rate-limit window in use (allauth's login_failed: 5 minutes).
FALLBACK_MAX_SECONDS = 300
FALLBACK_MAX_ENTRIES = 2000
# Keys changed during an outage, to delete from Redis once it is back; past this many the
# rest can only expire by their timeout (logged).
MAX_TRACKED_KEYS = 10_000

_changed_during_outage: dict[str, set[str]] = {}
_changed_lock = threading.Lock()
_shared_pools: dict[tuple, object] = {}
_pools_lock = threading.Lock()


class SharedPoolClient(RedisCacheClient):
    """Django's Redis client with one connection pool per server per process.

    Django keeps cache objects per async context, and under ASGI every request is a new
    context: each request built a new client, a new pool and so a new TCP connection (with
    its HELLO) to Redis, and dropped the old one to the garbage collector. redis-py's pools
    are thread-safe and notice a fork, so one per process serves every request.
    """

    def _get_connection_pool(self, write):
        index = self._get_connection_pool_index(write)
        pool = self._pools.get(index)
        if pool is None:
            key = (self._servers[index], repr(sorted(self._pool_options.items())))
            with _pools_lock:
                pool = _shared_pools.get(key)
                if pool is None:
                    pool = _shared_pools[key] = self._pool_class.from_url(
                        self._servers[index], **self._pool_options
                    )
            self._pools[index] = pool
        return pool


def _display_name(location: str) -> str:
    # Never log a password from the URL.
    parts = urlsplit(location)
    return f"Redis cache ({parts.hostname}:{parts.port or 6379}{parts.path or '/0'})"


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        # Fail in a second, not after the operating system's two minutes, when the server
        # is unreachable rather than refusing.
        options.setdefault("socket_connect_timeout", 1)
        options.setdefault("socket_timeout", 1)
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._class = SharedPoolClient
        self._name = _display_name(self._servers[0])
        self._breaker = breaker(self._name)
        fallback_params = {k: v for k, v in params.items() if k != "OPTIONS"}
        fallback_params["OPTIONS"] = {"MAX_ENTRIES": FALLBACK_MAX_ENTRIES}
        # LocMemCache instances with one name share their memory: one stand-in per process.
        self._fallback = LocMemCache(f"umecom-fallback:{self._name}", fallback_params)
        with _changed_lock:
            self._changed = _changed_during_outage.setdefault(self._name, set())

    # --- the guard ------------------------------------------------------------------------

    def _guarded(self, use_redis, use_fallback, *, changes=None):
        if self._breaker.allows():
            try:
                result = self._with_one_retry(use_redis)
            except UNAVAILABLE as error:
                self._breaker.failed(error)
            else:
                if self._breaker.succeeded():
                    self._after_outage()
                return result
        if changes is not None:
            self._remember_changed(changes())
        return use_fallback()

    def _with_one_retry(self, call):
        try:
            return call()
        except RedisConnectionError:
            # A pooled connection may have died with the previous server process while the
            # new one already answers: one more try, on fresh connections. (Not after a
            # timeout: a hung server would only make the caller wait twice.)
            for pool in self._cache._pools.values():
                pool.disconnect()
            return call()

    def _remember_changed(self, keys) -> None:
        with _changed_lock:
            room = MAX_TRACKED_KEYS - len(self._changed)
            self._changed.update(list(keys)[: max(room, 0)])

    def _after_outage(self) -> None:
        with _changed_lock:
            stale = list(self._changed)
            self._changed.clear()
        self._fallback.clear()
        if not stale:
            return
        try:
            self._cache.delete_many(stale)
        except UNAVAILABLE as error:
            self._breaker.failed(error)
            self._remember_changed(stale)
            return
        if len(stale) >= MAX_TRACKED_KEYS:
            dependency_logger.warning(
                "%s: more than %d keys changed during the outage; the others expire by timeout",
                self._name,
                MAX_TRACKED_KEYS,
            )

    def _fallback_timeout(self, timeout):
        timeout = self.default_timeout if timeout is DEFAULT_TIMEOUT else timeout
        if timeout is None or timeout > FALLBACK_MAX_SECONDS:
            return FALLBACK_MAX_SECONDS
        return timeout

    def _keys(self, keys, version):
        return [self.make_and_validate_key(key, version=version) for key in keys]

    def ping(self) -> bool:
        """A real round trip (for /readyz/), ignoring the back-off; feeds the breaker."""
        try:
            self._with_one_retry(lambda: self._cache.get_client().ping())
        except UNAVAILABLE as error:
            self._breaker.failed(error)
            return False
        if self._breaker.succeeded():
            self._after_outage()
        return True

    # --- Django's cache API -----------------------------------------------------------------

    def get(self, key, default=None, version=None):
        return self._guarded(
            lambda: super(TolerantRedisCache, self).get(key, default, version),
            lambda: self._fallback.get(key, default, version),
        )

    def get_many(self, keys, version=None):
        return self._guarded(
            lambda: super(TolerantRedisCache, self).get_many(keys, version),
            lambda: self._fallback.get_many(keys, version),
        )

    def has_key(self, key, version=None):
        return self._guarded(
            lambda: super(TolerantRedisCache, self).has_key(key, version),
            lambda: self._fallback.has_key(key, version),
        )

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(
            lambda: super(TolerantRedisCache, self).add(key, value, timeout, version),
            lambda: self._fallback.add(key, value, self._fallback_timeout(timeout), version),
            changes=lambda: self._keys([key], version),
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(
            lambda: super(TolerantRedisCache, self).set(key, value, timeout, version),
            lambda: self._fallback.set(key, value, self._fallback_timeout(timeout), version),
            changes=lambda: self._keys([key], version),
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(
            lambda: super(TolerantRedisCache, self).set_many(data, timeout, version),
            lambda: self._fallback.set_many(data, self._fallback_timeout(timeout), version),
            changes=lambda: self._keys(data, version),
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(
            lambda: super(TolerantRedisCache, self).touch(key, timeout, version),
            lambda: self._fallback.touch(key, self._fallback_timeout(timeout), version),
            changes=lambda: self._keys([key], version),
        )

    def incr(self, key, delta=1, version=None):
        return self._guarded(
            lambda: super(TolerantRedisCache, self).incr(key, delta, version),
            lambda: self._fallback.incr(key, delta, version),
            changes=lambda: self._keys([key], version),
        )

    def delete(self, key, version=None):
        return self._guarded(
            lambda: super(TolerantRedisCache, self).delete(key, version),
            lambda: self._fallback.delete(key, version),
            changes=lambda: self._keys([key], version),
        )

    def delete_many(self, keys, version=None):
        return self._guarded(
            lambda: super(TolerantRedisCache, self).delete_many(keys, version),
            lambda: self._fallback.delete_many(keys, version),
            changes=lambda: self._keys(keys, version),
        )

    def clear(self):
        self._fallback.clear()
        return self._guarded(lambda: super(TolerantRedisCache, self).clear(), lambda: False)
