"""Carrying on while a helper service (Redis, later Elasticsearch) is down.

Redis is a cache and a channel layer here, never a store of record, so an outage must cost
speed and live updates, not pages. A `CircuitBreaker` remembers, per process, that a service
failed: callers skip it for `DEPENDENCY_RETRY_SECONDS` instead of waiting on a dead server in
every request, then try once more. The outage and the recovery are each logged once.
"""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings

logger = logging.getLogger("umecom.dependencies")


class CircuitBreaker:
    def __init__(self, name: str) -> None:
        self.name = name
        self._lock = threading.Lock()
        self._down_since: float | None = None
        self._retry_at = 0.0

    @property
    def retry_after(self) -> float:
        return float(getattr(settings, "DEPENDENCY_RETRY_SECONDS", 5))

    @property
    def is_down(self) -> bool:
        return self._down_since is not None

    def allows(self) -> bool:
        """True if the service should be tried: it is up, or it is time to look again."""
        return self._down_since is None or time.monotonic() >= self._retry_at

    def failed(self, error: BaseException) -> None:
        now = time.monotonic()
        with self._lock:
            first = self._down_since is None
            if first:
                self._down_since = now
            self._retry_at = now + self.retry_after
        if first:
            logger.warning(
                "%s unavailable (%s: %s); carrying on without it, trying again every %g s",
                self.name,
                type(error).__name__,
                error,
                self.retry_after,
            )

    def succeeded(self) -> bool:
        """Record a working call; True if it ended an outage."""
        if self._down_since is None:  # the common case, without taking the lock
            return False
        with self._lock:
            if self._down_since is None:
                return False
            lasted = time.monotonic() - self._down_since
            self._down_since = None
        logger.warning("%s is back after %.0f s", self.name, lasted)
        return True


_breakers: dict[str, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker(name: str) -> CircuitBreaker:
    """The process-wide breaker for `name` (threads and cache instances share it)."""
    with _breakers_lock:
        return _breakers.setdefault(name, CircuitBreaker(name))


channel_layer_breaker = breaker("Channel layer")
