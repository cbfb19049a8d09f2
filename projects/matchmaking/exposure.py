"""A cheap record of how much attention each person got recently from suggestion lists.

Amortised fairness ("equity of attention", Biega et al. 2018) needs to know, when a list is
made, who has already been shown a lot. This is that memory, nothing more: a helper, not a
store of record. Losing it (cache flush, eviction, Redis down) only means rotation starts
over; suggestions keep working.

- Exposure of one showing is position-weighted: 1 / log2(1 + position), so the first place
  counts 1, the tenth 0.29 (the discount nDCG uses for the same attention).
- It decays with a half-life of `HALF_LIFE_DAYS`, so it is RECENT exposure: someone shown a
  lot last spring is not held back today.
- Per person: one cache key `matchmaking:exposure:<profile id>` holding (value, day), decayed
  when read. Per actor type: one key with the five totals, for the actor-type balance.
- Reads and writes are batched (get_many / set_many, one round trip each). Two processes
  adding to one person at the same moment can lose one of the two additions; for a helper
  that only nudges rotation that is an acceptable price for not locking.
- When the cache raises, a small per-process stand-in takes over (logged once), so rotation
  still works within each process and nothing fails.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import threading
from collections import OrderedDict

import numpy as np
from django.core.cache import cache

logger = logging.getLogger(__name__)

HALF_LIFE_DAYS = 14
TTL_SECONDS = 120 * 24 * 3600  # after 120 days a record has decayed below 3 %
PERSON_KEY = "matchmaking:exposure:{}"
TYPES_KEY = "matchmaking:exposure:types"
LOCAL_MAX_ENTRIES = 200_000


def position_weights(k: int) -> np.ndarray:
    """Attention of places 1..k: 1 / log2(1 + position)."""
    return 1.0 / np.log2(np.arange(2, k + 2, dtype=np.float64))


def _decayed(entry, today: int) -> float:
    if not entry:
        return 0.0
    value, day = entry
    return float(value) * math.pow(0.5, max(0, today - int(day)) / HALF_LIFE_DAYS)


class _LocalStore:
    """The per-process stand-in: a bounded dict with the cache's get_many/set_many."""

    def __init__(self):
        self._data: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get_many(self, keys):
        with self._lock:
            return {k: self._data[k] for k in keys if k in self._data}

    def set_many(self, mapping, timeout=None):
        with self._lock:
            self._data.update(mapping)
            for k in mapping:
                self._data.move_to_end(k)
            while len(self._data) > LOCAL_MAX_ENTRIES:
                self._data.popitem(last=False)

    def clear(self):
        with self._lock:
            self._data.clear()


_local = _LocalStore()
_state = {"cache_failed": False}


def _call(method: str, *args):
    """The cache's method, or the local stand-in's when the cache raises."""
    try:
        result = getattr(cache, method)(*args)
    except Exception as error:  # noqa: BLE001 - any cache failure: carry on locally
        if not _state["cache_failed"]:
            logger.warning("Exposure record: cache unavailable (%s); using process memory", error)
        _state["cache_failed"] = True
        return getattr(_local, method)(*args)
    if _state["cache_failed"]:
        logger.info("Exposure record: cache available again")
        _state["cache_failed"] = False
    return result


def _today(day: dt.date | None) -> int:
    return (day or dt.date.today()).toordinal()


def person_exposure(profile_ids, day: dt.date | None = None) -> np.ndarray:
    """Recent exposure of each profile (0 for anyone never shown or forgotten)."""
    ids = [int(p) for p in profile_ids]
    if not ids:
        return np.zeros(0)
    today = _today(day)
    found = _call("get_many", [PERSON_KEY.format(p) for p in ids])
    return np.array([_decayed(found.get(PERSON_KEY.format(p)), today) for p in ids])


def type_exposure(n_types: int, day: dt.date | None = None) -> np.ndarray:
    """Recent exposure of each actor type (by code), summed over everyone shown."""
    today = _today(day)
    entry = _call("get_many", [TYPES_KEY]).get(TYPES_KEY)
    out = np.zeros(n_types)
    if entry:
        values, stamp = entry
        factor = math.pow(0.5, max(0, today - int(stamp)) / HALF_LIFE_DAYS)
        out[: len(values)] = np.asarray(values[:n_types], dtype=np.float64) * factor
    return out


def record(profile_ids, positions, actor_codes, n_types: int, day: dt.date | None = None):
    """Add one showing: profile_ids[i] was shown at 1-based positions[i]."""
    ids = [int(p) for p in profile_ids]
    if not ids:
        return
    today = _today(day)
    weights = 1.0 / np.log2(1.0 + np.asarray(positions, dtype=np.float64))
    keys = [PERSON_KEY.format(p) for p in ids]
    found = _call("get_many", [*keys, TYPES_KEY])
    updates = {
        key: (round(_decayed(found.get(key), today) + float(w), 4), today)
        for key, w in zip(keys, weights, strict=True)
    }
    types = np.zeros(n_types)
    entry = found.get(TYPES_KEY)
    if entry:
        values, stamp = entry
        factor = math.pow(0.5, max(0, today - int(stamp)) / HALF_LIFE_DAYS)
        types[: len(values)] = np.asarray(values[:n_types], dtype=np.float64) * factor
    types += np.bincount(np.asarray(actor_codes, dtype=np.int64), weights=weights,
                         minlength=n_types)[:n_types]  # fmt: skip
    updates[TYPES_KEY] = ([round(float(v), 4) for v in types], today)
    _call("set_many", updates, TTL_SECONDS)


def reset_local() -> None:
    """Forget the per-process stand-in (tests)."""
    _local.clear()
    _state["cache_failed"] = False


# --- today's list ------------------------------------------------------------------------------

LIST_KEY = "matchmaking:shown:{}"
LIST_TTL_SECONDS = 2 * 24 * 3600


def todays_list(parts, day: dt.date | None = None) -> list[int]:
    """The profile ids already shown today in the list named by `parts` (empty if none)."""
    key = LIST_KEY.format(":".join(str(p) for p in (_today(day), *parts)))
    return list(_call("get_many", [key]).get(key) or [])


def remember_list(parts, profile_ids, day: dt.date | None = None) -> None:
    key = LIST_KEY.format(":".join(str(p) for p in (_today(day), *parts)))
    _call("set_many", {key: [int(p) for p in profile_ids]}, LIST_TTL_SECONDS)
