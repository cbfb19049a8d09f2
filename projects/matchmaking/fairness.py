"""Fair exposure: amortised over time, so near-equal people take turns and no actor type is
over- or under-exposed against its share of the opted-in pool.

Equity of attention (Biega, Gummadi and Weikum, SIGIR 2018): one list cannot be fair to
people whose scores are nearly equal (only ten places), but a sequence of lists can, if each
list favours, among near-equals, whoever has had the least attention so far. Attention here
is position-weighted (place p counts 1 / log2(1 + p)) and comes from the exposure record
(`exposure.py`), which decays with a half-life of two weeks.

One list of k places, from the candidates' scores:

1. Clearly better people keep their places. `cut` is the k-th best score. Everyone scoring
   more than `cut × (1 + MARGIN)` is shown, in score order, whatever their exposure.
2. The remaining places go to the near-equals around the cutoff, the band
   `[cut × (1 − TOLERANCE), cut × (1 + MARGIN)]`: the least exposed of them (ties: the
   better score, then a daily random order), shown in score order. So nobody is ever shown
   above someone whose score is more than MARGIN + TOLERANCE better, and someone clearly
   better than the cutoff is never pushed out.
3. Actor types, amortised: each type's recent exposure (the record, plus this list) divided
   by its share of the opted-in pool is its ratio. While a type is below LOW and another
   above HIGH (or, when none is above HIGH, above 1), the lowest-placed person of the most
   exposed type (never in the first KEEP_TOP places, never the only person of a type the
   wanted mix still misses) gives the place to the under-exposed type's best candidate not
   yet shown, if that one scores within TYPE_TOLERANCE of the person replaced (among its
   near-equals, the least exposed). At most MAX_TYPE_SWAPS per list: the balance is kept
   over many lists, not forced into each.

The explanation of a suggestion stays about fit (its own score's terms); the rotation only
decides who among near-equals is shown today.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

import numpy as np

TOLERANCE = 0.05  # below the cutoff: how much lower a score still counts as near-equal
MARGIN = 0.05  # above the cutoff: scores within this are near-equal to the cutoff too
TYPE_TOLERANCE = 0.30  # how much lower a score may be to rebalance actor types
LOW, HIGH = 0.90, 1.15  # kept inside issue 15's band 0.8–1.25, with margin
KEEP_TOP = 2
MAX_TYPE_SWAPS = 5
MAX_BAND = 200  # near-equals considered per list (the exposure record is read for these)
TYPE_CANDIDATES = 10  # per actor type, its best candidates below the list, for the balance


def daily_seed(*parts, day: dt.date | None = None) -> int:
    day = day or dt.date.today()
    text = ":".join(str(p) for p in (day.isoformat(), *parts))
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def rerank(
    scores: np.ndarray,
    actor: np.ndarray,
    shares: np.ndarray,
    k: int,
    seed: int,
    *,
    exposure_of: Callable[[np.ndarray], np.ndarray] | None = None,
    type_exposure: np.ndarray | None = None,
    wanted: tuple = (),
    tolerance: float | None = None,
    margin: float | None = None,
    type_tolerance: float | None = None,
    low: float | None = None,
    high: float | None = None,
) -> np.ndarray:
    """Positions (into `scores`) of up to k candidates in the order to show them.

    `scores` > 0 are candidates; `actor` their actor-type codes; `shares` each type's share
    of the opted-in pool (by code); `exposure_of(positions)` the recent exposure of those
    candidates (zeros without a record); `type_exposure` each type's recent exposure;
    `wanted` the codes of actor types the project's wanted mix still misses.
    """
    tolerance = TOLERANCE if tolerance is None else tolerance
    margin = MARGIN if margin is None else margin
    type_tolerance = TYPE_TOLERANCE if type_tolerance is None else type_tolerance
    low = LOW if low is None else low
    high = HIGH if high is None else high
    positive = np.flatnonzero(scores > 0)
    if not len(positive):
        return positive
    k = min(k, len(positive))
    rng = np.random.default_rng(seed)
    s = scores[positive]
    shuffle = rng.random(len(positive))  # ties between equal scores: a daily order
    cut = float(-np.partition(-s, k - 1)[k - 1])
    floor = cut * (1 - max(tolerance, type_tolerance))
    # Everything needed below happens among candidates above `floor`; sort only those.
    near = np.flatnonzero(s >= floor)
    near = near[np.lexsort((shuffle[near], -s[near]))]
    cand, cs, ctie = positive[near], s[near], shuffle[near]
    ca = actor[cand]
    fixed = np.flatnonzero(cs > cut * (1 + margin))[:k]
    band = np.flatnonzero((cs <= cut * (1 + margin)) & (cs >= cut * (1 - tolerance)))[:MAX_BAND]
    free = k - len(fixed)
    # The best few of each type outside the list, for the actor-type balance.
    rest = np.setdiff1d(np.arange(len(cand)), fixed, assume_unique=True)
    extra = [rest[ca[rest] == code][:TYPE_CANDIDATES] for code in range(len(shares))]
    looked = np.unique(np.concatenate([band, *extra]).astype(np.int64))
    exposure = np.zeros(len(cand))
    if exposure_of is not None and len(looked):
        exposure[looked] = exposure_of(cand[looked])
    # 2. The free places: the least exposed of the band.
    if free > 0 and len(band):
        picked = band[np.lexsort((np.arange(len(band)), exposure[band]))[:free]]
        chosen = sorted([*fixed.tolist(), *picked.tolist()])
    else:
        chosen = fixed.tolist()
    # 3. Actor types over time.
    if type_exposure is not None and len(shares):
        chosen = _balance_types(
            chosen, cs, ca, exposure, extra, shares, np.asarray(type_exposure, float),
            wanted, tolerance, type_tolerance, low, high,
        )  # fmt: skip
    chosen.sort(key=lambda i: (-cs[i], ctie[i]))
    return cand[np.asarray(chosen, dtype=np.int64)]


def _balance_types(chosen, cs, ca, exposure, extra, shares, totals, wanted, tolerance,
                   type_tolerance, low, high) -> list:  # fmt: skip
    weights = 1.0 / np.log2(np.arange(2, len(chosen) + 2))
    counts = totals.copy()
    for place, i in enumerate(chosen):
        counts[ca[i]] += weights[place]
    present = shares > 0
    shown = set(chosen)
    for _ in range(MAX_TYPE_SWAPS):
        total = counts.sum()
        if total <= 0:
            break
        ratio = np.where(present, counts / total / np.where(present, shares, 1), 1.0)
        over_exists = bool((ratio > high).any())
        swapped = False
        for under in [int(u) for u in np.argsort(ratio) if present[u] and ratio[u] < low]:
            limit = high if over_exists else 1.0
            per_type = np.bincount(ca[chosen], minlength=len(shares))
            victims = [
                place
                for place in range(len(chosen) - 1, KEEP_TOP - 1, -1)
                if ratio[ca[chosen[place]]] > max(limit, ratio[under])
                and not (ca[chosen[place]] in wanted and per_type[ca[chosen[place]]] == 1)
            ]
            if not victims:
                break
            place = victims[0]
            out = chosen[place]
            options = [int(i) for i in extra[under] if int(i) not in shown]
            if not options or cs[options[0]] < (1 - type_tolerance) * cs[out]:
                continue
            near = [i for i in options if cs[i] >= (1 - tolerance) * cs[options[0]]]
            incoming = min(near, key=lambda i: (exposure[i], -cs[i]))
            chosen[place] = incoming
            shown.discard(out)
            shown.add(incoming)
            counts[ca[out]] -= weights[place]
            counts[under] += weights[place]
            swapped = True
            break
        if not swapped:
            break
    return chosen


def gini(values: np.ndarray) -> float:
    """Gini coefficient of non-negative exposure (0 = everyone equally often)."""
    values = np.sort(np.asarray(values, dtype=np.float64))
    n = len(values)
    if n == 0 or values.sum() == 0:
        return 0.0
    index = np.arange(1, n + 1)
    return float((2 * index - n - 1) @ values / (n * values.sum()))
