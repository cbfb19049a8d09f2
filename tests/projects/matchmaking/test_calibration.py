"""The calibration from past projects (projects/matchmaking/calibration.py): rates, smoothing,
the fallback without history, what it may change in a list, and that only aggregates leave it.
"""

import datetime as dt
import json
from types import SimpleNamespace

import numpy as np
import pytest
from django.utils import timezone

from projects.matchmaking import calibration, fairness
from projects.models import ProjectMembership, ProjectStatus
from projects.services import matchmaking
from tests.factories import challenges as challenge_pages
from tests.factories.base import DistrictFactory
from tests.factories.people import ProfileFactory
from tests.factories.teams import ProjectFactory

SHARES = np.array([0.55, 0.20, 0.12, 0.10, 0.03])
CITIZEN, RESEARCHER = 0, 2


def _history(rates_by_type: dict, per_bucket: int, relative=(0.92, 1.02, 1.12)):
    """Candidates whose join counts are exactly rate × count, per type and relative score."""
    codes, rel, joined = [], [], []
    for code, rates in rates_by_type.items():
        for r, rate in zip(relative, rates, strict=True):
            joins = round(rate * per_bucket)
            codes += [code] * per_bucket
            rel += [r] * per_bucket
            joined += [True] * joins + [False] * (per_bucket - joins)
    return np.array(codes), np.array(rel), np.array(joined)


# --- fitting (no database) ---------------------------------------------------------------------


def test_too_little_history_gives_no_calibration():
    codes, rel, joined = _history({CITIZEN: (0.1, 0.2, 0.3)}, 1000)
    assert calibration.fit(codes, rel, joined, 5, projects=calibration.MIN_PROJECTS - 1) is None
    few = joined & (np.cumsum(joined) <= calibration.MIN_JOINS - 1)
    assert calibration.fit(codes, rel, few, 5, projects=100) is None
    assert calibration.fit(codes, rel, joined, 5, projects=100) is not None


def test_rates_follow_the_history_where_it_is_plentiful():
    codes, rel, joined = _history({CITIZEN: (0.05, 0.10, 0.15), RESEARCHER: (0.10, 0.20, 0.30)},
                                  4000)  # fmt: skip
    cal = calibration.fit(codes, rel, joined, 5, projects=100)
    b = calibration.bucket_of(np.array([0.92, 1.02, 1.12]))
    assert np.allclose(cal.rates[CITIZEN, b], (0.05, 0.10, 0.15), atol=0.003)
    assert np.allclose(cal.rates[RESEARCHER, b], (0.10, 0.20, 0.30), atol=0.003)
    # At the same score the citizen is less relevant; on the score's scale a researcher at
    # 1.02 × the cutoff counts more than 1.02, a citizen less.
    citizen, researcher = cal.relevance(np.array([CITIZEN, RESEARCHER]), np.array([1.02, 1.02]))
    assert citizen < 1.02 < researcher
    assert cal.tendency[CITIZEN] < 1 < cal.tendency[RESEARCHER]


def test_sparse_cells_shrink_toward_the_types_tendency_and_unseen_types_to_all_types():
    codes, rel, joined = _history({CITIZEN: (0.05, 0.10, 0.15), RESEARCHER: (0.10, 0.20, 0.30)},
                                  4000)  # fmt: skip
    # Two association candidates at 1.12, both joined: a rate of 1.0 on its own.
    codes = np.concatenate([codes, [3, 3]])
    rel = np.concatenate([rel, [1.12, 1.12]])
    joined = np.concatenate([joined, [True, True]])
    cal = calibration.fit(codes, rel, joined, 5, projects=100)
    b = calibration.bucket_of(np.array([1.12]))[0]
    assert cal.overall[b] < cal.rates[3, b] < 0.5  # pulled most of the way back
    # Municipality: no history at all, so exactly the all-types rate.
    assert np.allclose(cal.rates[4], cal.overall)
    assert cal.tendency[4] == 1.0


def test_bringing_a_missing_perspective_is_its_own_group():
    codes, rel, joined = _history({RESEARCHER: (0.05, 0.10, 0.15)}, 4000)
    wanted_codes, wanted_rel, wanted_joined = _history({RESEARCHER: (0.15, 0.30, 0.45)}, 4000)
    cal = calibration.fit(
        np.concatenate([codes, wanted_codes]), np.concatenate([rel, wanted_rel]),
        np.concatenate([joined, wanted_joined]), 5, projects=100,
        missing=np.arange(2 * len(codes)) >= len(codes),
    )  # fmt: skip
    b = calibration.bucket_of(np.array([0.92, 1.02, 1.12]))
    assert np.allclose(cal.rates[RESEARCHER, b], (0.05, 0.10, 0.15), atol=0.003)
    assert np.allclose(cal.rates[5 + RESEARCHER, b], (0.15, 0.30, 0.45), atol=0.005)
    one = np.array([RESEARCHER]), np.array([1.02])
    assert cal.relevance(*one, wanted=(RESEARCHER,))[0] > cal.relevance(*one)[0]


def test_living_in_the_projects_district_is_its_own_group_per_actor_type():
    # Citizens in the project's district join three times as often as those elsewhere at
    # the same score; researchers do not care where the project is.
    far, far_rel, far_joined = _history({CITIZEN: (0.02, 0.04, 0.06), RESEARCHER: (0.1, 0.2, 0.3)},
                                        4000)  # fmt: skip
    near, near_rel, near_joined = _history(
        {CITIZEN: (0.06, 0.12, 0.18), RESEARCHER: (0.1, 0.2, 0.3)}, 4000
    )
    cal = calibration.fit(
        np.concatenate([far, near]), np.concatenate([far_rel, near_rel]),
        np.concatenate([far_joined, near_joined]), 5, projects=100,
        local=np.arange(2 * len(far)) >= len(far),
    )  # fmt: skip
    assert cal.rates.shape[0] == 4 * 5  # type × missing perspective × district
    b = calibration.bucket_of(np.array([0.92, 1.02, 1.12]))
    assert np.allclose(cal.rates[CITIZEN, b], (0.02, 0.04, 0.06), atol=0.003)
    assert np.allclose(cal.rates[10 + CITIZEN, b], (0.06, 0.12, 0.18), atol=0.005)
    codes, at = np.array([CITIZEN, CITIZEN]), np.array([1.02, 1.02])
    elsewhere, local = cal.relevance(codes, at, local=np.array([False, True]))
    assert elsewhere < local
    researchers = cal.relevance(np.array([RESEARCHER] * 2), at, local=np.array([False, True]))
    assert researchers[0] == pytest.approx(researchers[1], rel=0.02)


def test_a_sparse_district_group_shrinks_toward_its_actor_types_tendency_not_to_everyone():
    # Plenty of researchers (who join often) elsewhere; two local researchers, neither joined.
    codes, rel, joined = _history({CITIZEN: (0.05, 0.10, 0.15), RESEARCHER: (0.15, 0.30, 0.45)},
                                  4000)  # fmt: skip
    local = np.zeros(len(codes) + 2, dtype=bool)
    local[-2:] = True
    cal = calibration.fit(
        np.concatenate([codes, [RESEARCHER] * 2]), np.concatenate([rel, [1.02, 1.02]]),
        np.concatenate([joined, [False, False]]), 5, projects=100, local=local,
    )  # fmt: skip
    # Two non-joins say little: the local researchers keep (almost) the researchers' tendency.
    assert cal.tendency[10 + RESEARCHER] > 1.0
    assert cal.tendency[10 + RESEARCHER] == pytest.approx(cal.tendency[RESEARCHER], rel=0.1)


def test_rates_never_fall_as_the_score_rises():
    # Noise makes the middle bucket of the citizens look better than the top one.
    codes, rel, joined = _history({CITIZEN: (0.05, 0.30, 0.20), RESEARCHER: (0.1, 0.2, 0.3)},
                                  2000)  # fmt: skip
    cal = calibration.fit(codes, rel, joined, 5, projects=100)
    assert np.all(np.diff(cal.rates, axis=1) >= -1e-12)
    assert np.all(np.diff(cal.overall) >= -1e-12)


def test_the_table_holds_aggregates_only():
    codes, rel, joined = _history({CITIZEN: (0.05, 0.10, 0.15), RESEARCHER: (0.1, 0.2, 0.3)},
                                  500)  # fmt: skip
    cal = calibration.fit(codes, rel, joined, 5, projects=50)
    # Its size depends on the buckets and types, not on how many people there were.
    width = len(calibration.EDGES) + 1
    for name in ("rates", "candidates", "joins"):
        assert getattr(cal, name).shape == (20, width)  # five types × wanted × in the district
    assert cal.overall.shape == cal.centres.shape == (width,)
    table = cal.table(["citizen", "company", "researcher", "association", "municipality"])
    json.dumps(table)
    assert set(table) == {"projects", "joins", "buckets_score_over_cutoff", "all_types_rate",
                          "by_actor_type"}  # fmt: skip
    citizen = table["by_actor_type"]["citizen"]
    assert set(citizen) == {"other", "bringing_a_missing_perspective", "in_the_projects_district",
                            "both"}  # fmt: skip
    assert citizen["other"]["candidates"][calibration.bucket_of(1.02)] == 500


# --- what it may change in a list --------------------------------------------------------------


def test_relevance_only_reorders_inside_the_window_and_the_list_stays_in_score_order():
    # Place 1 is far above the cutoff, 2..9 citizens near it, then near-equal researchers and
    # one citizen far below. Calibrated relevance that strongly favours researchers.
    scores = np.array([2.0, *np.linspace(1.10, 1.02, 8), 1.0, 0.99, 0.98, 0.5], dtype=np.float32)
    actor = np.array([CITIZEN] * 10 + [RESEARCHER, RESEARCHER, CITIZEN], dtype=np.int8)

    def favour_researchers(codes, relative, wanted):
        return relative + np.where(codes == RESEARCHER, 1.0, -1.0)

    plain = fairness.rerank(scores, actor, SHARES, 10, 1)
    assert plain.tolist() == list(range(10))
    chosen = fairness.rerank(scores, actor, SHARES, 10, 1, relevance=favour_researchers)
    assert 0 in chosen  # above the cutoff by more than MARGIN: always shown
    assert 12 not in chosen  # below the cutoff by more than WIDTH: never shown
    # The window's choice follows the relevance: both researchers in, the two citizens with
    # the least relevance out.
    assert set(chosen.tolist()) == {*range(8), 10, 11}
    assert np.all(np.diff(scores[chosen]) <= 0)  # shown in score order


def test_without_calibration_the_list_is_exactly_as_before():
    rng = np.random.default_rng(3)
    scores = rng.random(80).astype(np.float32)
    actor = rng.integers(0, 5, 80).astype(np.int8)
    exposure = rng.random(80)
    kw = dict(exposure_of=lambda p: exposure[p], type_exposure=np.array([1.0, 3, 3, 1, 1]))
    assert (
        fairness.rerank(scores, actor, SHARES, 10, 7, **kw).tolist()
        == fairness.rerank(scores, actor, SHARES, 10, 7, relevance=None, **kw).tolist()
    )


# --- from the database --------------------------------------------------------------------------


def opted_in(name, skills, actor_type="citizen"):
    profile = ProfileFactory(display_name=name, actor_type=actor_type, languages="svenska",
                             findable_for_projects=True, invitable_to_teams=True)  # fmt: skip
    profile.skills.add(*skills)
    return profile.user


@pytest.fixture
def small_history(db, monkeypatch):
    """Three completed projects (gis + ekonomi): a lead, a founder, and who joined a week
    later; one live project whose members must not count."""
    monkeypatch.setattr(calibration, "MIN_PROJECTS", 2)
    monkeypatch.setattr(calibration, "MIN_JOINS", 2)
    monkeypatch.setattr(calibration, "CUTOFF_RANK", 2)
    challenge = challenge_pages.challenge(title="Trygga stråk", plan="teams")
    people = {
        "rita": opted_in("Rita", ["gis", "ekonomi"], "researcher"),
        "carl": opted_in("Carl", ["gis", "ekonomi"]),
        "bo": opted_in("Bo", ["ekonomi"]),
        "eva": opted_in("Eva", ["gis"], "researcher"),
        "founder": opted_in("Frida", ["juridik"]),
    }
    start = timezone.now() - dt.timedelta(days=100)
    for _ in range(3):
        project = ProjectFactory(challenge=challenge, needed_skills=["gis", "ekonomi"],
                                 status=ProjectStatus.COMPLETED)  # fmt: skip
        ProjectMembership.objects.create(project=project, user=people["founder"])
        for name in ("rita", "bo"):
            ProjectMembership.objects.create(project=project, user=people[name])
        ProjectMembership.objects.filter(project=project).update(joined_at=start)
        joiners = [people["rita"], people["bo"]]
        ProjectMembership.objects.filter(project=project, user__in=joiners).update(
            joined_at=start + dt.timedelta(days=7)
        )
    # Eva lives in Ålidhem, where the last of them took place.
    alidhem = DistrictFactory(name="Ålidhem")
    project.districts.add(alidhem)
    people["eva"].profile.districts.add(alidhem)
    live = ProjectFactory(challenge=challenge, needed_skills=["gis", "ekonomi"])
    ProjectMembership.objects.create(project=live, user=people["carl"])
    return people


def _pool():
    from projects.matchmaking import index as mindex

    return mindex.get_index()[0]


def test_history_counts_later_joins_of_past_projects_only(small_history):
    pool = _pool()
    codes, relative, joined, missing, local, projects = calibration.history(pool)
    assert projects == 3
    assert not missing.any()  # the projects wanted no particular actor type
    # Only Eva, in the one project in her district, was a local candidate (and did not join).
    assert codes[local].tolist() == [RESEARCHER] and not joined[local].any()
    # Per project: Rita, Carl, Bo and Eva are candidates (the lead and the founder are the
    # team); Rita and Bo joined. Carl's membership of a live project is not a join.
    assert len(codes) == 3 * 4
    assert joined.sum() == 6
    assert sorted(codes[joined].tolist()) == [0, 0, 0, 2, 2, 2]
    assert np.all(relative[joined & (codes == 2)] >= 1.0)


def test_current_is_cached_and_falls_back_without_history_or_on_failure(db, monkeypatch):
    calls = []
    real = calibration.compute

    def counting(pool):
        calls.append(1)
        return real(pool)

    monkeypatch.setattr(calibration, "compute", counting)
    pool = _pool()
    assert calibration.current(pool) is None  # no history: no calibration
    calibration.reset_local()
    assert calibration.current(pool) is None
    assert len(calls) == 1  # the shared copy (None) was used, not recomputed

    def broken(pool):
        raise RuntimeError("database gone")

    from django.core.cache import cache

    cache.clear()
    calibration.reset_local()
    monkeypatch.setattr(calibration, "compute", broken)
    assert calibration.current(pool) is None  # logged, never raised


def test_suggestions_use_the_calibration_inside_the_fairness_step(small_history, monkeypatch):
    challenge = challenge_pages.challenge(title="Nya stråk", plan="teams")
    lead = ProfileFactory(display_name="Lea", languages="svenska").user
    project = ProjectFactory(challenge=challenge, lead=lead, needed_skills=["gis", "ekonomi"])
    cal = calibration.current(_pool())
    assert cal is not None and cal.projects == 3
    seen = []
    real = fairness.rerank

    def spy(*args, **kwargs):
        seen.append(kwargs.get("relevance"))
        return real(*args, **kwargs)

    monkeypatch.setattr(fairness, "rerank", spy)
    fair = [s.display_name for s in matchmaking.suggest_people(lead, project)]
    assert seen == [cal.relevance]
    # Four candidates for ten places: the calibration decides nothing here, and the plain
    # ranking (fair=False) never uses it.
    plain = [s.display_name for s in matchmaking.suggest_people(lead, project, fair=False)]
    assert sorted(fair) == sorted(plain) and len(seen) == 1


def test_a_cache_outage_means_no_calibration_not_an_error(small_history, monkeypatch):
    from django.core.cache import cache

    def down(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "add", down)
    assert calibration.current(_pool_without_cache()) is None


def _pool_without_cache():
    """A pool built directly (the index itself needs the cache for its version numbers)."""
    from projects.matchmaking import index as mindex

    return mindex.build_pool()


def test_a_stale_calibration_is_used_while_the_worker_recomputes_it(db, monkeypatch):
    from django.core.cache import cache

    from projects import tasks

    codes, rel, joined = _history({CITIZEN: (0.05, 0.10, 0.15)}, 2000)
    old = calibration.fit(codes, rel, joined, 5, projects=100)
    cache.set(calibration.CACHE_KEY, (0.0, old))  # computed long ago
    queued = []
    monkeypatch.setattr(
        tasks, "refresh_calibration", SimpleNamespace(enqueue=lambda: queued.append(1))
    )
    monkeypatch.setattr(calibration, "compute", lambda pool: pytest.fail("not in the request"))
    assert np.array_equal(calibration.current(None).rates, old.rates)  # the stale copy
    calibration.reset_local()
    assert np.array_equal(calibration.current(None).rates, old.rates)  # lock taken
    assert len(queued) == 1


def test_a_missing_calibration_is_queued_not_computed_in_the_request(db, monkeypatch):
    from projects import tasks

    queued = []
    monkeypatch.setattr(
        tasks, "refresh_calibration", SimpleNamespace(enqueue=lambda: queued.append(1))
    )
    monkeypatch.setattr(calibration, "compute", lambda pool: pytest.fail("not in the request"))
    assert calibration.current(None) is None  # the plain fairness step meanwhile
    assert len(queued) == 1


def test_the_worker_task_computes_and_shares_it(small_history):
    from django.core.cache import cache

    from projects.tasks import refresh_calibration

    cache.add(calibration.LOCK_KEY, 1)  # as current() leaves it when it queues the task
    refresh_calibration.call()
    stored_at, value = cache.get(calibration.CACHE_KEY)
    assert value is not None and value.projects == 3
    assert cache.get(calibration.LOCK_KEY) is None  # the next refresh may be queued
