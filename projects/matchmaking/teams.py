"""The team builder: up to three different teams that cover what a forming project needs.

Greedy weighted set cover: each step takes the candidate who adds the most IDF weight of
still-uncovered skills, plus a bonus when their actor type is still missing from the wanted
mix, with the reciprocal score as a small tie-breaker. When the places left are exactly the
perspectives still missing, only people bringing one of them are considered, so the mix is
met whenever the pool allows it. Places the cover leaves open are filled with the best
reciprocal fits. Each next team leaves out the previous teams' picks (except someone who alone
holds a needed skill), and a team of the same people is never proposed twice. Nobody is
added: the lead sends invitations.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .engine import ACTOR_CODE, ACTOR_TYPES, Pool, Scores

ACTOR_BONUS = 0.5  # × the largest IDF; the reserve rule below guarantees the mix
TIE_BREAK = 0.05


@dataclass
class Team:
    rows: list[int]  # pool rows, in the order picked
    covered: list[str]  # needed skills the team (current members + picks) covers
    uncovered: list[str]
    mix_met: bool
    missing_actors: dict  # what the wanted mix still lacks after the picks


def build_teams(
    pool: Pool, scores: Scores, size: int, *, count: int = 3, candidates: int = 4000
) -> list[Team]:
    """Up to `count` teams of `size` new people each, from the rows scored in `scores`."""
    state = scores.state
    lacking = list(state.lacking)
    lacking_cols = pool.skill_vocab.cols(dict.fromkeys(lacking))
    lacking_names = [pool.skill_vocab.terms[c] for c in lacking_cols]
    unknown = [s for s in dict.fromkeys(lacking) if s not in pool.skill_vocab.index]
    idf = pool.idf[lacking_cols].astype(np.float64)
    bonus = ACTOR_BONUS * (float(idf.max()) if len(idf) else 1.0)
    actors = pool.actor[scores.rows]
    # Candidates: everyone bringing a lacking skill or a missing perspective, best first.
    sub = pool.skills[scores.rows][:, lacking_cols].tocsr() if len(lacking_cols) else None
    brings_skill = (
        np.asarray(sub.sum(axis=1)).ravel() > 0 if sub is not None else np.zeros(len(actors), bool)
    )
    missing_codes = [ACTOR_CODE[t] for t in state.missing_actors]
    useful = np.flatnonzero(brings_skill | np.isin(actors, missing_codes))
    if len(useful) > candidates:
        useful = useful[np.argsort(-scores.total[useful], kind="stable")[:candidates]]
    dense = sub[useful].toarray().astype(bool) if sub is not None else np.zeros((len(useful), 0))
    useful_actors = actors[useful]
    tie = TIE_BREAK * scores.total[useful]
    used = np.zeros(len(useful), dtype=bool)
    # Places the cover leaves open go to the best-fitting others, not used by an earlier team:
    # a team of the size asked for, and proposals that differ even when one cover is all the
    # pool allows. Only the first few hundred by score are ever needed.
    top = min(len(scores.total), 50 + size * (count + 1))
    best_first = np.argpartition(-scores.total, top - 1)[:top] if top else np.zeros(0, int)
    best_first = best_first[np.argsort(-scores.total[best_first], kind="stable")]
    used_rows: set[int] = set()
    seen: set[frozenset] = set()
    teams = []
    for _ in range(count):
        uncovered = np.ones(len(lacking_cols), dtype=bool)
        missing = dict(state.missing_actors)
        picks: list[int] = []
        allowed = ~used
        if used.any() and dense.shape[1]:
            # A skill only earlier picks have: they may appear again, for that skill only.
            orphan = ~dense[allowed].any(axis=0) & dense.any(axis=0)
            if orphan.any():
                allowed = allowed | dense[:, orphan].any(axis=1)
        for _slot in range(size):
            open_idx = np.flatnonzero(allowed)
            if not len(open_idx):
                break
            gain = dense[open_idx][:, uncovered] @ idf[uncovered] if uncovered.any() else 0.0
            gain = np.zeros(len(open_idx)) + gain
            still = [ACTOR_CODE[t] for t, n in missing.items() if n > 0]
            needs_actor = np.isin(useful_actors[open_idx], still)
            gain = gain + bonus * needs_actor + tie[open_idx]
            slots_left = size - len(picks)
            # Keep the last places for the missing perspectives, if anybody can bring one.
            if needs_actor.any() and slots_left <= sum(n for n in missing.values() if n > 0):
                gain = np.where(needs_actor, gain, -np.inf)
            best = int(np.argmax(gain))
            if not np.isfinite(gain[best]) or gain[best] <= 0:
                break
            choice = open_idx[best]
            allowed[choice] = False
            picks.append(choice)
            uncovered &= ~dense[choice]
            actor = ACTOR_TYPES[useful_actors[choice]]
            if missing.get(actor, 0) > 0:
                missing[actor] -= 1
        if not picks:
            break
        used[picks] = True
        rows = [int(scores.rows[useful[p]]) for p in picks]
        for position in best_first:
            if len(rows) >= size:
                break
            row = int(scores.rows[position])
            if row not in rows and row not in used_rows and scores.total[position] > 0:
                rows.append(row)
        used_rows.update(rows)
        if frozenset(rows) in seen:
            continue  # the same people again: not a different proposal
        seen.add(frozenset(rows))
        missing = {t: n for t, n in missing.items() if n > 0}
        teams.append(
            Team(
                rows=rows,
                covered=[s for s, u in zip(lacking_names, uncovered, strict=True) if not u],
                uncovered=[s for s, u in zip(lacking_names, uncovered, strict=True) if u] + unknown,
                mix_met=not missing,
                missing_actors=missing,
            )
        )
    return teams
