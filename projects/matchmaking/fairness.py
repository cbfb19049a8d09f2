"""Fair exposure: spread suggestions over people and actor types.

Two steps on the best `window` candidates of one list:

1. Randomise among near-ties: each candidate's key is log(score) plus Gumbel noise of scale
   `temperature` (a Plackett–Luce draw), so someone clearly better stays on top while people
   whose scores differ by a few per cent take turns. The seed is the day and the project (and
   role), so a list does not change between two reloads but does change from day to day.
2. Quotas by actor type: each type's expected number of places is its share of the opted-in
   pool times the list length; a list gives each type at least `low`× and at most `high`×
   that, rounded at random (same seed), so over many lists every type's share of exposure
   stays close to its share of the pool. A type with no candidate leaves its places to others.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math

import numpy as np

TEMPERATURE = 0.03
WINDOW_FACTOR = 5
LOW, HIGH = 0.9, 1.2  # inside the exposure-ratio band of issue 15 (0.8–1.25)


def daily_seed(*parts, day: dt.date | None = None) -> int:
    day = day or dt.date.today()
    text = ":".join(str(p) for p in (day.isoformat(), *parts))
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def _round(value: float, rng: np.random.Generator) -> int:
    whole = math.floor(value)
    return whole + (1 if rng.random() < value - whole else 0)


def rerank(
    scores: np.ndarray,
    actor: np.ndarray,
    shares: np.ndarray,
    k: int,
    seed: int,
    *,
    temperature: float | None = None,
    window_factor: int | None = None,
    low: float | None = None,
    high: float | None = None,
    wanted: tuple = (),
) -> np.ndarray:
    """Positions (into `scores`) of up to k candidates in the order to show them.

    `scores` > 0 are candidates; `actor` their actor-type codes; `shares` each type's share of
    the opted-in pool (by code); `wanted` the codes of actor types the project's wanted mix
    still misses, which always keep at least one place (the lead asked for them).
    """
    temperature = TEMPERATURE if temperature is None else temperature
    window_factor = WINDOW_FACTOR if window_factor is None else window_factor
    low = LOW if low is None else low
    high = HIGH if high is None else high
    positive = np.flatnonzero(scores > 0)
    if not len(positive):
        return positive
    window = min(len(positive), max(k * window_factor, k))
    if len(positive) > window:
        top = positive[np.argpartition(-scores[positive], window - 1)[:window]]
        # Each type's best few join the window even when they rank further down, so a
        # type's quota can be met from its own best candidates.
        extra = []
        for code in range(len(shares)):
            of_type = positive[actor[positive] == code]
            want = min(len(of_type), math.ceil(high * shares[code] * k) + 1)
            if want:
                extra.append(of_type[np.argpartition(-scores[of_type], want - 1)[:want]])
        positive = np.unique(np.concatenate([top, *extra]))
    rng = np.random.default_rng(seed)
    keys = np.log(scores[positive])
    if temperature > 0:
        keys = keys + temperature * rng.gumbel(size=len(positive))
    ordered = positive[np.argsort(-keys, kind="stable")]
    k = min(k, len(ordered))
    types = actor[ordered]
    available = np.bincount(types, minlength=len(shares))
    expected = shares * k
    lows = [min(_round(low * e, rng), a) for e, a in zip(expected, available, strict=True)]
    highs = [
        max(_round(high * e, rng), lo, 1 if code in wanted else 0)
        for code, (e, lo) in enumerate(zip(expected, lows, strict=True))
    ]
    lows, highs = np.array(lows), np.array(highs)
    while lows.sum() > k:  # rounding up can ask for more places than the list has
        lows[int(np.argmax(lows))] -= 1
    counts = np.zeros(len(shares), dtype=int)
    chosen = []
    for pos, t in zip(ordered, types, strict=True):
        if len(chosen) == k:
            break
        slots_left = k - len(chosen)
        unmet = int(np.maximum(lows - counts, 0).sum())
        if counts[t] < highs[t] and (counts[t] < lows[t] or slots_left > unmet):
            chosen.append(pos)
            counts[t] += 1
    if len(chosen) < k:  # caps left places empty: fill with the best of the rest
        taken = set(chosen)
        extra = [p for p in ordered if p not in taken][: k - len(chosen)]
        chosen.extend(extra)
    order = {p: i for i, p in enumerate(ordered)}
    chosen.sort(key=order.__getitem__)
    return np.asarray(chosen, dtype=np.int64)


def gini(values: np.ndarray) -> float:
    """Gini coefficient of non-negative exposure counts (0 = everyone equally often)."""
    values = np.sort(np.asarray(values, dtype=np.float64))
    n = len(values)
    if n == 0 or values.sum() == 0:
        return 0.0
    index = np.arange(1, n + 1)
    return float((2 * index - n - 1) @ values / (n * values.sum()))
