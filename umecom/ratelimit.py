"""One rate limiter for what people do outside allauth's own log-in and sign-up (which allauth
limits itself, configured by ACCOUNT_RATE_LIMITS).

Sliding windows in Django's cache, written in allauth's rate syntax so both read alike:
"10/h/user,30/d/user" means at most 10 per hour and 30 per day per user; periods are s, m,
h and d (with an optional count, "5/15m/ip"), keys are `user` (signed in; falls back to ip)
and `ip`. An app keeps its defaults and settings name and calls `hit()`:

    from umecom import ratelimit
    if not ratelimit.hit(request, scope="projects", action="idea_propose",
                         rates=ratelimit.rates(DEFAULTS, "IDEA_RATE_LIMITS")):
        ...  # tell the person to wait

A window is estimated from two fixed-window counters (this period's and the last one's,
weighted by how much of the last one still lies inside the sliding period), the sliding
window counter of Cloudflare's and nginx's limiters: two keys per limit instead of a log of
timestamps, and no burst of twice the limit across a window's boundary as plain fixed
windows allow (all of one window's allowance at its end, all of the next at its start).

The cache is a helper, not a store: when it fails, the action is allowed (and logged)
rather than refused, like the other helpers in umecom/resilience.py.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*(?:/\s*(user|ip))?\s*$")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_clock = time.time  # (the tests move it across a window's boundary)


@dataclass(frozen=True)
class Rate:
    amount: int
    period: int  # seconds
    per: str  # "user" or "ip"


def parse(spec: str) -> list[Rate]:
    """Rates from allauth's syntax; a malformed part is ignored (and logged), never a 500."""
    found = []
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        match = _RATE.match(part)
        if match is None:
            logger.warning("ignoring malformed rate limit %r", part)
            continue
        amount, count, unit, per = match.groups()
        found.append(Rate(int(amount), int(count or 1) * _SECONDS[unit], per or "ip"))
    return found


def rates(defaults: dict[str, str], setting: str) -> dict[str, str]:
    """An app's defaults with the site's setting (a dict of action → rate) on top."""
    return {**defaults, **(getattr(settings, setting, None) or {})}


def _client_ip(request) -> str:
    # Behind the proxy, umecom's settings make REMOTE_ADDR the client's address.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _subject(request, per: str) -> str:
    user = getattr(request, "user", None)
    if per == "user" and getattr(user, "is_authenticated", False):
        return f"user:{user.pk}"
    return "ip:" + hashlib.sha256(_client_ip(request).encode()).hexdigest()[:32]


def _windows(request, scope: str, action: str, limits: list[Rate], now: float):
    """Per limit: (rate, this window's key, the last window's key, the share of the last
    window still inside the sliding period)."""
    for rate in limits:
        window, into = divmod(now, rate.period)
        base = f"rl:{scope}:{action}:{_subject(request, rate.per)}:{rate.period}:"
        yield rate, f"{base}{int(window)}", f"{base}{int(window) - 1}", 1 - into / rate.period


def hit(request, *, scope: str, action: str, rates: dict[str, str]) -> bool:
    """Count one `action`; False when any of its limits is already reached (then nothing is
    counted, so a refused attempt does not lengthen the wait)."""
    limits = parse(rates.get(action, ""))
    if not limits:
        return True
    windows = list(_windows(request, scope, action, limits, _clock()))
    try:
        counts = cache.get_many([key for _r, *keys, _w in windows for key in keys])
        for rate, current, last, weight in windows:
            if counts.get(current, 0) + weight * counts.get(last, 0) >= rate.amount:
                return False
        for rate, current, _last, _weight in windows:
            # add() then incr(): incr on a missing key raises, and a set would race. Kept
            # for two periods: the next window still reads it.
            cache.add(current, 0, timeout=2 * rate.period + 1)
            try:
                cache.incr(current)
            except ValueError:  # expired between add and incr
                cache.set(current, 1, timeout=2 * rate.period + 1)
    except Exception as error:  # a broken cache must not refuse (nor break) the action
        logger.warning("rate limit cache unavailable: %s", error)
        return True
    return True


def clear(request, *, scope: str, action: str, rates: dict[str, str]) -> None:
    """Forget the windows of `action` for this request's user or address (tests, and an
    admin lifting a limit)."""
    limits = parse(rates.get(action, ""))
    windows = _windows(request, scope, action, limits, _clock())
    cache.delete_many([key for _r, *keys, _w in windows for key in keys])
