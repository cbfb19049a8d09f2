"""Fair exposure and the team builder's guarantees on small hand-made cases (no database)."""

import datetime as dt

import numpy as np

from projects.matchmaking import fairness
from projects.matchmaking.engine import ACTOR_CODE, Need, PersonRow, Pool, score
from projects.matchmaking.teams import build_teams

SHARES = np.array([0.55, 0.20, 0.12, 0.10, 0.03])


def person(pid, skills=(), actor="citizen", **kw):
    return PersonRow(
        pid, 1000 + pid, actor, kw.get("hours", 10), kw.get("findable", True),
        kw.get("invitable", True), "members", "svenska", tuple(skills), (), (),
    )  # fmt: skip


def test_gini():
    assert fairness.gini(np.array([1, 1, 1, 1])) == 0
    assert fairness.gini(np.array([0, 0, 0, 10])) == 0.75
    assert fairness.gini(np.array([])) == 0


def test_rerank_is_deterministic_per_day_and_project_and_changes_between_days():
    rng = np.random.default_rng(1)
    scores = rng.uniform(0.5, 0.55, 200).astype(np.float32)  # near-ties
    actor = rng.choice(5, size=200, p=SHARES)
    day = dt.date(2026, 11, 30)
    first = fairness.rerank(scores, actor, SHARES, 10, fairness.daily_seed(7, day=day))
    again = fairness.rerank(scores, actor, SHARES, 10, fairness.daily_seed(7, day=day))
    other_day = fairness.rerank(
        scores, actor, SHARES, 10, fairness.daily_seed(7, day=day + dt.timedelta(days=1))
    )
    assert list(first) == list(again)
    assert list(first) != list(other_day)
    assert len(set(first)) == 10


def test_rerank_keeps_a_clearly_better_candidate_on_top():
    scores = np.array([0.9] + [0.3] * 50, dtype=np.float32)
    actor = np.zeros(51, dtype=np.int8)
    for seed in range(20):
        assert fairness.rerank(scores, actor, SHARES, 10, seed)[0] == 0


def test_rerank_spreads_exposure_and_keeps_actor_types_near_their_pool_share():
    rng = np.random.default_rng(3)
    n = 400
    actor = rng.choice(5, size=n, p=SHARES)
    base = rng.uniform(0.2, 1.0, n)
    # Researchers score a little higher everywhere: without quotas they would crowd lists.
    base[actor == ACTOR_CODE["researcher"]] *= 1.3
    shares = np.bincount(actor, minlength=5) / n
    plain, fair = np.zeros(n), np.zeros(n)
    for q in range(300):
        scores = (base * rng.uniform(0.9, 1.1, n)).astype(np.float32)
        plain[np.argsort(-scores)[:10]] += 1
        fair[fairness.rerank(scores, actor, shares, 10, q)] += 1
    assert fairness.gini(fair) < fairness.gini(plain)
    ratios = (np.bincount(actor, weights=fair, minlength=5) / fair.sum()) / shares
    assert all(0.8 <= r <= 1.25 for r in ratios), ratios


def test_rerank_gives_places_of_a_type_without_candidates_to_others():
    scores = np.linspace(1, 0.5, 30).astype(np.float32)
    actor = np.zeros(30, dtype=np.int8)  # citizens only
    assert len(fairness.rerank(scores, actor, SHARES, 10, 1)) == 10


def _team_pool():
    return Pool.build(
        [
            person(1, ["gis", "ekonomi"]),
            person(2, ["gis"]),
            person(3, ["juridik"], actor="researcher"),
            person(4, ["juridik"]),
            person(5, ["ekonomi"], actor="association"),
            person(6, ["foto"], actor="researcher"),
            person(7, ["gis", "juridik", "ekonomi"]),
            person(8, ["gis", "juridik"], actor="association"),
            person(9, ["ekonomi"], invitable=False, actor="researcher"),
        ]
    )


def _scores(pool, need):
    return score(pool, need, pool.eligible(for_inviting=True, may_see_hidden=True))


def test_team_builder_covers_skills_and_meets_the_mix_with_different_teams():
    pool = _team_pool()
    need = Need(project_id=1, skills=("gis", "juridik", "ekonomi"),
                wanted_mix={"researcher": 1, "association": 1})  # fmt: skip
    teams = build_teams(pool, _scores(pool, need), 3)
    assert teams
    first = teams[0]
    assert set(first.covered) == {"gis", "juridik", "ekonomi"} and not first.uncovered
    assert first.mix_met
    actors = {pool.actor[r] for r in first.rows}
    assert {ACTOR_CODE["researcher"], ACTOR_CODE["association"]} <= actors
    picked = [set(t.rows) for t in teams]
    assert len({frozenset(p) for p in picked}) == len(picked)  # all different
    assert not picked[0] & picked[1]  # the second team leaves out the first team's picks
    assert all(len(t.rows) <= 3 for t in teams)
    # Never someone who does not allow invitations.
    assert all(pool.user_ids[r] != 1009 for t in teams for r in t.rows)


def test_team_builder_fills_what_the_current_team_lacks():
    pool = _team_pool()
    need = Need(project_id=1, skills=("gis", "juridik"), member_user_ids=(1002,))
    team = build_teams(pool, _scores(pool, need), 1)[0]
    assert team.covered == ["juridik"]
    assert pool.user_ids[team.rows[0]] != 1002


def test_team_builder_reports_what_it_cannot_cover():
    pool = _team_pool()
    need = Need(project_id=1, skills=("gis", "dykning"), wanted_mix={"municipality": 1})
    team = build_teams(pool, _scores(pool, need), 2)[0]
    assert "dykning" in team.uncovered and not team.mix_met
    assert team.missing_actors == {"municipality": 1}


def test_team_builder_fills_the_size_asked_for_and_never_repeats_a_team():
    """When one cover is all the pool allows (each needed skill held by one person), the open
    places go to others and each proposal differs; none is proposed twice."""

    def local(pid, skills, actor="citizen"):  # cares about the project's theme, lives there
        return PersonRow(pid, 1000 + pid, actor, 10, True, True, "members", "svenska",
                         tuple(skills), ("unga",), (7,))  # fmt: skip

    people = [
        local(0, ["intervjumetodik"], "researcher"),
        local(1, ["fritidsledning"]),
        *[local(i, ["matlagning"]) for i in range(2, 9)],
        person(9, ["matlagning"]),  # no skill, no district: no reason to propose at all
    ]
    pool = Pool.build(people)
    need = Need(
        project_id=1, skills=("intervjumetodik", "fritidsledning"), terms=("unga",), districts=(7,)
    )
    teams = build_teams(pool, _scores(pool, need), 3)
    assert len(teams) == 3
    assert all(len(t.rows) == 3 for t in teams)
    assert all(not t.uncovered for t in teams)  # the sole holders may reappear for their skill
    assert len({frozenset(t.rows) for t in teams}) == 3
    assert all(pool.user_ids[r] != 1009 for t in teams for r in t.rows)


def test_team_builder_covers_skills_when_nobody_brings_the_missing_perspective():
    """A place kept for a missing actor type that nobody in the pool has is not left empty."""
    pool = Pool.build(
        [person(0, ["gis"]), person(1, ["juridik"]), person(2, ["ekonomi"], "researcher")]
    )
    need = Need(project_id=1, skills=("gis", "juridik"), wanted_mix={"municipality": 1})
    team = build_teams(pool, _scores(pool, need), 2)[0]
    assert not team.uncovered and len(team.rows) == 2
    assert team.missing_actors == {"municipality": 1} and not team.mix_met
