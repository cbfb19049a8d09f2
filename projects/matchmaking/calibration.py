"""Calibrated relevance: how often people actually joined past projects, by actor type, by
whether they brought a perspective the project's wanted mix missed and by whether they lived
in one of its districts, at the same score relative to the project's cutoff.

Why: the engine's score ranks people within a project, but it is not calibrated across these
groups. At the same score relative to the 10th best, people who bring the perspective a
project asked for join two to three times as often as the rest, and citizens (whom no mix
asks for) less than the others; the score gives that perspective only a small term. Where
the project is matters more to some actor types than to others (citizens and associations
act where they live, companies and researchers across the city), while the score's district
term is the same for all. The
fairness step (`fairness.py`) must give every actor type its share of attention; where it
picks whom to show among near-equals, the calibrated relevance tells it where that costs the
fewest joins (the researcher a project asked for rather than an equally scored one it did
not). The plain ranking (`Scores.order`) stays the score: a type-dependent join rate as the
ranking itself would push whole actor types down (citizens most), which is what the type band
exists to prevent, and the explanations are about the score's terms.

The estimate, from projects past forming (active, paused, completed: their team is formed):

- Each such project is scored again with today's pool, against the team as it was when the
  project started (the lead and anyone who joined on the lead's first day); the people who
  joined later (accepted memberships other than the lead and those founders) are its joins.
- Every candidate with a positive score falls into a bucket of score / that project's
  10th-best score (EDGES). Per group (actor type × with or without a missing perspective ×
  in the project's district or not: twenty groups) and bucket: candidates and joins.
- Smoothing: a group's overall tendency (its joins against what the all-types rate of each
  bucket would predict) is estimated coarse to fine, each level shrunk with TYPE_PRIOR
  expected joins toward the level above: the actor type toward 1, with or without the
  missing perspective toward its type, in the district or not toward that. Each cell then
  shrinks toward the all-types rate scaled by its group's tendency with CELL_PRIOR
  candidates. A sparse cell therefore says what its group says overall, and a sparse group
  what its parent says. Rates are then made non-decreasing in the score (pool adjacent
  violators), since a better fit never makes joining less likely.
- Too little history (fewer than MIN_PROJECTS projects or MIN_JOINS joins; a fresh install,
  the tests) gives no calibration: the fairness step then works exactly as without it.

The relevance is put back on the score's scale (the score / cutoff at which an average
person joins as often), so the fairness step's gains and window keep their meaning.

Only aggregates leave the computation: per group and bucket counts and rates, never who was
a candidate or who joined. The result is cached (`current()`) and recomputed once a day by the
task worker (`projects.tasks.refresh_calibration`, queued by the first request that finds it
missing or stale; about 0.7 s at 10,000 people, 5 s at 100,000), while requests go on with the
stale copy or none; any failure, cache outage or missing worker means no calibration, never a
broken suggestion.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

import numpy as np

log = logging.getLogger(__name__)

# Buckets of score / the project's 10th-best score. Fine around the cutoff, where the
# fairness step chooses (its window is cut × (1 − WIDTH) … cut × (1 + MARGIN)).
EDGES = (0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0, 1.05, 1.1, 1.15, 1.2, 1.35, 1.6)
CUTOFF_RANK = 10  # the cutoff a list of ten has
CELL_PRIOR = 40.0  # candidates' worth of pull of a cell toward its type's scaled rate
TYPE_PRIOR = 20.0  # expected joins' worth of pull of a type's tendency toward 1
MIN_PROJECTS = 30
MIN_JOINS = 150


def _pav(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Non-decreasing least-squares fit (pool adjacent violators)."""
    blocks: list[list[float]] = []  # [value, weight, length]
    for v, w in zip(values.tolist(), weights.tolist(), strict=True):
        blocks.append([v, max(w, 1e-9), 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            v2, w2, n2 = blocks.pop()
            v1, w1, n1 = blocks.pop()
            blocks.append([(v1 * w1 + v2 * w2) / (w1 + w2), w1 + w2, n1 + n2])
    return np.concatenate([np.full(n, v) for v, _w, n in blocks])


@dataclass(frozen=True)
class Calibration:
    """Join rates per group and score bucket (columns). Group of a person of actor type code
    c: c + n_types × (brings a perspective the project's wanted mix misses: the engine's
    `actor` term) + 2 × n_types × (lives in one of the project's districts: its `district`
    term), so 4 × n_types rows."""

    n_types: int
    edges: tuple
    centres: np.ndarray  # mean score / cutoff of the candidates in each bucket
    rates: np.ndarray  # smoothed, monotone join rate per group and bucket
    overall: np.ndarray  # all-types join rate per bucket (monotone)
    candidates: np.ndarray  # counts per group and bucket
    joins: np.ndarray
    tendency: np.ndarray  # per group: joins / joins the all-types rates predict (smoothed)
    projects: int

    def groups(self, codes, wanted=(), local=None) -> np.ndarray:
        codes = np.asarray(codes, dtype=np.int64)
        groups = codes + self.n_types * np.isin(codes, list(wanted))
        if local is not None:
            groups = groups + 2 * self.n_types * np.asarray(local, dtype=bool)
        return groups

    def relevance(self, codes: np.ndarray, relative: np.ndarray, wanted=(), local=None):
        """Calibrated relevance of candidates of types `codes` at score / cutoff `relative`
        (`wanted`: the type codes the project's mix still misses; `local`: whether each
        lives in one of the project's districts, None = no), on the same scale: the score /
        cutoff at which a person of any type joins as often as they do (their group's join
        rate there, interpolated between bucket centres, read back through the all-types
        curve). So the fairness step's gains keep their meaning (shares of the cutoff's
        score)."""
        relative = np.asarray(relative, dtype=np.float64)
        groups = self.groups(codes, wanted, local)
        rate = np.empty(len(relative))
        for group in np.unique(groups):
            at = groups == group
            row = self.rates[group] if 0 <= group < len(self.rates) else self.overall
            rate[at] = np.interp(relative[at], self.centres, row)
        # The all-types curve, made strictly increasing so it can be read backwards.
        curve = self.overall + np.arange(len(self.overall)) * 1e-9
        return np.interp(rate, curve, self.centres)

    def table(self, names) -> dict:
        """The aggregate table (for the benchmark, the admin, the logs): no person in it."""
        labels = [f"<{self.edges[0]}"] + [
            f"{lo}-{hi}" for lo, hi in zip(self.edges, self.edges[1:], strict=False)
        ] + [f">={self.edges[-1]}"]  # fmt: skip
        n = self.n_types

        def group(g):
            return {
                "tendency": round(float(self.tendency[g]), 3),
                "rate": np.round(self.rates[g], 4).tolist(),
                "candidates": self.candidates[g].astype(int).tolist(),
                "joins": self.joins[g].astype(int).tolist(),
            }

        return {
            "projects": self.projects,
            "joins": int(self.joins.sum()),
            "buckets_score_over_cutoff": labels,
            "all_types_rate": np.round(self.overall, 4).tolist(),
            "by_actor_type": {
                name: {
                    "other": group(code),
                    "bringing_a_missing_perspective": group(code + n),
                    "in_the_projects_district": group(code + 2 * n),
                    "both": group(code + 3 * n),
                }
                for code, name in enumerate(names)
            },
        }


def bucket_of(relative: np.ndarray) -> np.ndarray:
    return np.digitize(relative, EDGES)


def fit(
    codes: np.ndarray,
    relative: np.ndarray,
    joined: np.ndarray,
    n_types: int,
    projects: int,
    missing: np.ndarray | None = None,
    local: np.ndarray | None = None,
) -> Calibration | None:
    """The calibration from candidates pooled over past projects: actor type code, score /
    that project's cutoff, whether they joined, whether they brought a perspective the
    project's mix missed and whether they lived in its district (one entry per candidate and
    project; None: no). None with too little history."""
    joined = np.asarray(joined, dtype=bool)
    if projects < MIN_PROJECTS or joined.sum() < MIN_JOINS:
        return None
    groups = 4 * n_types
    codes = np.asarray(codes, dtype=np.int64)
    for flag, step in ((missing, n_types), (local, 2 * n_types)):
        if flag is not None:
            codes = codes + step * np.asarray(flag, dtype=bool)
    relative = np.asarray(relative, dtype=np.float64)
    width = len(EDGES) + 1
    bucket = bucket_of(relative)
    cand = np.zeros((groups, width))
    join = np.zeros((groups, width))
    np.add.at(cand, (codes, bucket), 1)
    np.add.at(join, (codes, bucket), joined)
    all_cand, all_join = cand.sum(axis=0), join.sum(axis=0)
    sums = np.bincount(bucket, weights=relative, minlength=width)
    inner = [(a + b) / 2 for a, b in zip(EDGES, EDGES[1:], strict=False)]
    default = np.array([EDGES[0] / 2, *inner, EDGES[-1] * 1.25])
    centres = np.where(all_cand > 0, sums / np.maximum(all_cand, 1), default)
    centres = np.maximum.accumulate(centres + np.arange(width) * 1e-9)  # strictly increasing
    overall = _pav(all_join / np.maximum(all_cand, 1), all_cand)
    # Tendencies, coarse to fine: actor type (toward 1), then with or without the missing
    # perspective (toward its type's), then in the district or not (toward that): a sparse
    # group says what its parent says.
    observed = join.sum(axis=1)
    expected = cand @ overall
    tendency = np.ones(groups)
    for parents in (n_types, 2 * n_types, 4 * n_types):
        level = np.arange(groups) % parents  # each group's ancestor at this level
        j = np.bincount(level, weights=observed, minlength=parents)
        e = np.bincount(level, weights=expected, minlength=parents)
        prior = tendency[:parents]  # group g < parents: its ancestor's, one level up
        tendency = ((j + TYPE_PRIOR * prior) / (e + TYPE_PRIOR))[level]
    # (Capped: a strong tendency times a high all-types rate is no certainty.)
    prior = np.minimum(overall[None, :] * tendency[:, None], 1.0)
    rates = (join + CELL_PRIOR * prior) / (cand + CELL_PRIOR)
    rates = np.stack([_pav(rates[t], cand[t] + CELL_PRIOR) for t in range(groups)])
    return Calibration(
        n_types=n_types,
        edges=EDGES,
        centres=centres,
        rates=rates,
        overall=overall,
        candidates=cand,
        joins=join,
        tendency=tendency,
        projects=projects,
    )


# --- from the database, cached -----------------------------------------------------------------

CACHE_KEY = "matchmaking:calibration:2"  # 2: groups by district too
LOCK_KEY = "matchmaking:calibration:2:computing"
MAX_AGE = 24 * 3600  # join behaviour changes slowly
LOCK_TTL = 600
LOCAL_TTL = 300  # a process re-reads the shared copy this often
_local: dict = {"value": None, "read_at": 0.0}
_local_lock = threading.Lock()


def needs_for(project_ids, founders: dict) -> dict:
    """Needs of past projects as they were when they started: every role counts (filled
    since), the team is the founders."""
    from ..models import Project, ProjectRole, ProjectRoleSkill
    from .engine import Need
    from .index import grouped, project_attributes

    ids = list(project_ids)
    skills, terms, districts = project_attributes(pk__in=ids)
    # Every role counts (filled since), the project's own skills first.
    for pid, name in ProjectRoleSkill.objects.filter(
        content_object__project_id__in=ids
    ).values_list("content_object__project_id", "tag__name"):
        skills[pid].append(name)
    hours = grouped(
        ProjectRole.objects.filter(project_id__in=ids, hours_per_month__gt=0).values_list(
            "project_id", "hours_per_month"
        )
    )
    return {
        pid: Need(
            project_id=pid,
            skills=tuple(dict.fromkeys(skills[pid])),
            terms=tuple(terms[pid]),
            districts=tuple(districts[pid]),
            hours=float(max(hours[pid])) if hours[pid] else None,
            wanted_mix=dict(mix or {}),
            member_user_ids=founders[pid],
        )
        for pid, mix in Project.objects.filter(pk__in=ids).values_list("pk", "wanted_actor_mix")
    }


def history(pool) -> tuple:
    """(codes, relative, joined, missing, projects) over projects past forming, scored with
    today's pool: per candidate, actor type code, score / cutoff, joined, brought a missing
    perspective. Arrays without names, for `fit` only."""
    from ..models import MemberRole, ProjectMembership, ProjectStatus
    from .engine import score

    memberships: dict = {}
    for pid, uid, role, joined_at in (
        ProjectMembership.objects.exclude(project__status=ProjectStatus.FORMING)
        .values_list("project_id", "user_id", "role", "joined_at")
        .order_by("project_id", "joined_at", "pk")
    ):
        memberships.setdefault(pid, []).append((uid, role, joined_at))
    founders, joiners = {}, {}
    for pid, rows in memberships.items():
        lead = [j for _u, r, j in rows if r == MemberRole.LEAD]
        if not lead:
            continue
        start = lead[0]
        founders[pid] = [u for u, r, j in rows if r == MemberRole.LEAD or (j - start).days < 1]
        joiners[pid] = {u for u, r, j in rows if r != MemberRole.LEAD and (j - start).days >= 1}
    pids = [pid for pid, js in joiners.items() if js]
    needs = needs_for(pids, {pid: tuple(founders[pid]) for pid in pids})
    findable = pool.alive & pool.findable
    codes, relative, joined, missing, local = [], [], [], [], []
    used = 0
    for pid in pids:
        need = needs.get(pid)
        if need is None:
            continue
        mask = findable.copy()
        mask[pool.rows_of_users(need.member_user_ids)] = False
        result = score(pool, need, mask)
        positive = np.flatnonzero(result.total > 0)
        if len(positive) < CUTOFF_RANK:
            continue
        cut = float(-np.partition(-result.total[positive], CUTOFF_RANK - 1)[CUTOFF_RANK - 1])
        rows = result.rows[positive]
        users = pool.user_ids[rows]
        codes.append(pool.actor[rows])
        relative.append(result.total[positive] / cut)
        joined.append(np.isin(users, list(joiners[pid])))
        missing.append(result.terms["actor"][positive] > 0)
        local.append(result.terms["district"][positive] > 0)
        used += 1
    if not used:
        return (
            np.zeros(0, int),
            np.zeros(0),
            np.zeros(0, bool),
            np.zeros(0, bool),
            np.zeros(0, bool),
            0,
        )
    return (np.concatenate(codes), np.concatenate(relative), np.concatenate(joined),
            np.concatenate(missing), np.concatenate(local), used)  # fmt: skip


def compute(pool) -> Calibration | None:
    from .engine import ACTOR_TYPES

    codes, relative, joined, missing, local, projects = history(pool)
    return fit(codes, relative, joined, len(ACTOR_TYPES), projects, missing, local)


def refresh(pool) -> Calibration | None:
    """Compute the calibration from `pool` and share it (the caller holds the lock, which
    this releases). Run by the task worker (projects.tasks), never inside a page view."""
    from django.core.cache import cache

    now = time.time()
    try:
        value = compute(pool)
        cache.set(CACHE_KEY, (now, value), 2 * MAX_AGE)
        with _local_lock:
            _local.update(value=value, read_at=now)
        return value
    finally:
        cache.delete(LOCK_KEY)


def current(pool) -> Calibration | None:
    """The cached calibration (None: not enough history, or not available right now).

    Never raises and never computes here: suggestions work without it. When it is missing
    (first use, a flushed cache) or stale (older than MAX_AGE), the request that takes the
    lock queues a refresh for the task worker (seconds at 100,000 people) and, like every
    other, goes on with what there is: the stale copy, or none (the plain fairness step).
    With an inline task backend (the tests) the refresh has run when `enqueue` returns.
    """
    from django.core.cache import cache

    now = time.time()
    with _local_lock:
        if now - _local["read_at"] < LOCAL_TTL:
            return _local["value"]
    try:
        stored = cache.get(CACHE_KEY)
        missing_or_old = stored is None or now - stored[0] > MAX_AGE
        if missing_or_old and cache.add(LOCK_KEY, 1, LOCK_TTL):
            from ..tasks import refresh_calibration

            refresh_calibration.enqueue()
            stored = cache.get(CACHE_KEY) or stored
    except Exception:  # noqa: BLE001 - a cache or queue outage must not break suggestions
        log.warning("matchmaking calibration: not available", exc_info=True)
        stored = None
    value = stored[1] if stored else None
    with _local_lock:
        _local.update(value=value, read_at=now)
    return value


def reset_local() -> None:
    with _local_lock:
        _local.update(value=None, read_at=0.0)
