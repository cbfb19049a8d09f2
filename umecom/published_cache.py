"""Values that change only when an editor publishes, kept in Django's cache until then.

The site shell (site, menu, language links, footer, breadcrumbs), page routes, view
restrictions and the taxonomy vocabularies cost about ten queries a page, rendered challenge
cards most of the index's time; all change only when an editor publishes, moves or deletes a
page or saves a setting. `cached(name, compute)` (or `cached_many` for many at once)
keeps them under a *generation*: `invalidate()` (wired to Wagtail's signals in
`umecom.core.apps`) starts a new generation after the editor's transaction commits, so no
process reads the old entries again and they expire on their own. Entries also expire after
`TIMEOUT`, which bounds staleness if an invalidation is ever missed (a per-process cache in a
second process, a cache outage while publishing).

The cache is an accelerator, never a dependency: if the backend raises, the value is computed
as if nothing were cached, and the outage is logged once until the cache answers again.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.core.cache import cache

logger = logging.getLogger(__name__)

T = TypeVar("T")
GENERATION_KEY = "umecom:published:generation"
TIMEOUT = 10 * 60
# Memory per process for copies of cached values (see _ProcessCopies).
PROCESS_COPIES_MAX_BYTES = 16 * 1024 * 1024
_MISSING = object()
_outage = {"logged": False}


def _cache_failed(error: Exception) -> None:
    if not _outage["logged"]:
        _outage["logged"] = True
        logger.warning("cache unavailable, computing published values directly: %s", error)


def _cache_answered() -> None:
    if _outage["logged"]:
        _outage["logged"] = False
        logger.info("cache available again")


# The generation read once per request (see `request_scope`): a page asks for a dozen cached
# values, and asking the cache for the generation before each doubled its round trips. A list
# so that the copies of the context asgiref makes between threads share one value.
_scope: ContextVar[list | None] = ContextVar("umecom_published_generation", default=None)


@contextmanager
def request_scope() -> Iterator[None]:
    """Read the generation at most once inside this block (one request). A publish in another
    process during the request shows from the next request on, as it would a moment later."""
    token = _scope.set([None])
    try:
        yield
    finally:
        _scope.reset(token)


def _generation() -> str:
    memo = _scope.get()
    if memo is not None and memo[0] is not None:
        return memo[0]
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # add(), not set(): when two processes start a generation at once, one of them wins.
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY) or "unset"
    if memo is not None:
        memo[0] = generation
    return generation


def key(*parts: object) -> str:
    """A cache-safe name for `parts` (paths can be long or hold any character)."""
    raw = "\x1f".join(str(p) for p in parts)
    return hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()


class _ProcessCopies:
    """Pickled copies of this process's recent lookups, by full key (generation included).

    A value under one generation never changes, so a copy in memory is as good as the one in
    Redis and saves a round trip per value: a page then asks Redis once, for the generation.
    Pickled, like Django's memory cache, so no two requests share a mutable object; bounded
    in bytes, least recently used out first, and never older than `TIMEOUT`.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, full_name: str):
        with self._lock:
            entry = self._entries.get(full_name)
            if entry is None:
                return _MISSING
            if entry[0] < time.monotonic():
                self._drop(full_name)
                return _MISSING
            self._entries.move_to_end(full_name)
        return pickle.loads(entry[1])  # noqa: S301 - bytes this process pickled itself

    def set(self, full_name: str, value) -> None:
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        if len(data) > self.max_bytes // 8:
            return  # one value may not push out everything else
        with self._lock:
            self._drop(full_name)
            self._entries[full_name] = (time.monotonic() + TIMEOUT, data)
            self._size += len(data)
            while self._size > self.max_bytes:
                self._drop(next(iter(self._entries)))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._size = 0

    def _drop(self, full_name: str) -> None:
        entry = self._entries.pop(full_name, None)
        if entry is not None:
            self._size -= len(entry[1])


_copies = _ProcessCopies(max_bytes=PROCESS_COPIES_MAX_BYTES)


def _prefix() -> str:
    return f"umecom:published:{_generation()}:"


def _get(full_name: str):
    value = _copies.get(full_name)
    if value is _MISSING:
        value = cache.get(full_name, _MISSING)
        if value is not _MISSING:
            _copies.set(full_name, value)
    return value


_unpicklable: set[str] = set()


def _set(full_name: str, value) -> None:
    try:
        _copies.set(full_name, value)
    except (pickle.PicklingError, TypeError, AttributeError) as error:
        # A bug in the caller (a value holding a lambda, a lock, a request), not an outage:
        # say so once per value, and serve it uncached.
        name = full_name.rsplit(":", 1)[-1]
        if name not in _unpicklable:
            _unpicklable.add(name)
            logger.error(
                "published value %s cannot be pickled, so it is not cached: %s", name, error
            )
        return
    cache.set(full_name, value, TIMEOUT)


def lookup(name: str):
    """The cached value of `name` in this generation, or None (also when the cache is down)."""
    try:
        value = _get(_prefix() + name)
    except Exception as error:  # noqa: BLE001 - any backend error means "not cached"
        _cache_failed(error)
        return None
    _cache_answered()
    return None if value is _MISSING else value


def store(name: str, value) -> None:
    try:
        _set(_prefix() + name, value)
    except Exception as error:  # noqa: BLE001
        _cache_failed(error)


def lookup_many(names: list[str]) -> dict:
    """The cached values among `names` in this generation, by name: one round trip for all
    that this process has no copy of."""
    try:
        prefix = _prefix()
        found = {}
        for name in names:
            value = _copies.get(prefix + name)
            if value is not _MISSING:
                found[name] = value
        missing = [prefix + name for name in names if name not in found]
        if missing:
            for full_name, value in cache.get_many(missing).items():
                _copies.set(full_name, value)
                found[full_name[len(prefix) :]] = value
    except Exception as error:  # noqa: BLE001
        _cache_failed(error)
        return {}
    _cache_answered()
    return found


def store_many(values: dict) -> None:
    try:
        prefix = _prefix()
        for name, value in values.items():
            _copies.set(prefix + name, value)
        cache.set_many({prefix + name: value for name, value in values.items()}, TIMEOUT)
    except Exception as error:  # noqa: BLE001
        _cache_failed(error)


def cached_many(names: list[str], objects: list, compute: Callable[[list], list[T]]) -> list[T]:
    """The value of each name, in order: `compute` gets the objects whose names were not cached
    (all at once, so it can prefetch for them) and returns their values in the same order."""
    found = lookup_many(names)
    missing = [(name, obj) for name, obj in zip(names, objects, strict=True) if name not in found]
    if missing:
        values = compute([obj for _name, obj in missing])
        computed = {name: value for (name, _obj), value in zip(missing, values, strict=True)}
        store_many(computed)
        found.update(computed)
    return [found[name] for name in names]


def cached(name: str, compute: Callable[[], T]) -> T:
    """`compute()`, remembered until the next publish (or `TIMEOUT`)."""
    try:
        full_name = _prefix() + name
        value = _get(full_name)
    except Exception as error:  # noqa: BLE001
        _cache_failed(error)
        return compute()
    _cache_answered()
    if value is not _MISSING:
        return value
    value = compute()
    try:
        _set(full_name, value)
    except Exception as error:  # noqa: BLE001
        _cache_failed(error)
    return value


def invalidate(**_signal_kwargs) -> None:
    """Start a new generation: every published value is computed afresh on next use."""
    generation = uuid.uuid4().hex
    memo = _scope.get()
    if memo is not None:
        memo[0] = generation  # this request's own publish shows in the rest of it
    try:
        cache.set(GENERATION_KEY, generation, None)
    except Exception as error:  # noqa: BLE001
        logger.warning("could not clear the published-content cache: %s", error)


# --- Wagtail view restrictions --------------------------------------------------------------
# Wagtail asks the database for the restrictions of a page and its ancestors on every page
# view (two queries), and `.public()` lists all restrictions for every queryset (one more).
# Restrictions change only when an editor sets "privacy" on a page: cache them all.
# (umecom.core.views.serve hands them to Wagtail's check.)


def _all_view_restrictions() -> list:
    from wagtail.models import PageViewRestriction

    return cached(
        "view-restrictions",
        lambda: list(PageViewRestriction.objects.select_related("page").prefetch_related("groups")),
    )


def private_pages_q():
    """`Q` matching pages behind a view restriction (what Wagtail's `.public()` excludes)."""
    from django.db.models import Q

    paths = sorted({r.page.path for r in _all_view_restrictions()})
    q = Q()
    for path in paths:
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


def view_restrictions_for(page) -> list | None:
    """The restrictions on `page` and its ancestors, as Wagtail's `get_view_restrictions`.

    None for an alias: aliases take their source's restrictions, which Wagtail looks up.
    """
    if page.alias_of_id:
        return None
    return [r for r in _all_view_restrictions() if page.path.startswith(r.page.path)]
