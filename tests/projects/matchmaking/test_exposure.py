"""The exposure record behind amortised fair exposure, and the service's daily fair lists:
recorded once a day, decayed, rotating near-equals, and carrying on when the cache fails."""

import datetime as dt

import numpy as np
import pytest

from projects.matchmaking import exposure
from projects.services import matchmaking
from tests.factories import challenges as challenge_pages
from tests.factories.people import ProfileFactory
from tests.factories.teams import ProjectFactory

DAY = dt.date(2026, 11, 30)


class BrokenCache:
    """A cache whose every call fails, like a backend without its server."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("cache down")

        return fail


def test_record_is_position_weighted_and_decays_with_its_half_life():
    exposure.record([11, 12], [1, 3], [0, 2], 5, day=DAY)
    assert exposure.person_exposure([11, 12, 13], day=DAY) == pytest.approx([1.0, 0.5, 0.0])
    later = DAY + dt.timedelta(days=exposure.HALF_LIFE_DAYS)
    assert exposure.person_exposure([11], day=later) == pytest.approx([0.5])
    exposure.record([11], [1], [0], 5, day=later)
    assert exposure.person_exposure([11], day=later) == pytest.approx([1.5])


def test_type_totals_add_up_by_actor_type():
    exposure.record([1, 2, 3], [1, 2, 3], [0, 2, 2], 5, day=DAY)
    totals = exposure.type_exposure(5, day=DAY)
    assert totals == pytest.approx([1.0, 0.0, 1 / np.log2(3) + 0.5, 0.0, 0.0], abs=1e-3)


def test_the_record_carries_on_in_process_memory_when_the_cache_raises(monkeypatch, caplog):
    monkeypatch.setattr(exposure, "cache", BrokenCache())
    exposure.record([7], [1], [0], 5, day=DAY)
    assert exposure.person_exposure([7], day=DAY) == pytest.approx([1.0])
    assert exposure.type_exposure(5, day=DAY)[0] == pytest.approx(1.0)
    assert exposure.todays_list(("p",), day=DAY) == []
    assert "cache unavailable" in caplog.text


# --- through the service ----------------------------------------------------------------------


def _equal_candidates(count):
    """`count` people with the same skill (equal scores for the project below)."""
    people = []
    for i in range(count):
        profile = ProfileFactory(
            display_name=f"Lika {i:02d}",
            findable_for_projects=True,
            invitable_to_teams=True,
            languages="svenska",
            hours_per_month=10,
        )
        profile.skills.add("gis")
        people.append(profile)
    return people


@pytest.fixture
def project():
    lead = ProfileFactory(display_name="Lea Ledare", languages="svenska").user
    challenge = challenge_pages.challenge(title="Trygga stråk", plan="teams")
    return ProjectFactory(challenge=challenge, lead=lead, needed_skills=["gis"])


def lead_of(project):
    return project.memberships.get(role="lead").user


@pytest.mark.django_db
def test_an_equal_candidate_left_out_today_is_shown_on_a_later_day(project):
    _equal_candidates(12)
    lead = lead_of(project)
    first = {s.display_name for s in matchmaking.suggest_people(lead, project, day=DAY)}
    assert len(first) == 10
    left_out = {f"Lika {i:02d}" for i in range(12)} - first
    tomorrow = DAY + dt.timedelta(days=1)
    second = {s.display_name for s in matchmaking.suggest_people(lead, project, day=tomorrow)}
    assert left_out <= second


@pytest.mark.django_db
def test_reloads_the_same_day_show_the_same_list_and_record_it_once(project):
    people = _equal_candidates(12)
    lead = lead_of(project)
    first = [s.profile_id for s in matchmaking.suggest_people(lead, project, day=DAY)]
    again = [s.profile_id for s in matchmaking.suggest_people(lead, project, day=DAY)]
    assert again == first
    recorded = exposure.person_exposure([p.pk for p in people], day=DAY)
    assert recorded.sum() == pytest.approx(float((1 / np.log2(np.arange(2, 12))).sum()), abs=1e-3)


@pytest.mark.django_db
def test_suggestions_still_come_when_the_exposure_cache_raises(project, monkeypatch):
    _equal_candidates(3)
    monkeypatch.setattr(exposure, "cache", BrokenCache())
    shown = matchmaking.suggest_people(project_lead := lead_of(project), project, day=DAY)
    assert len(shown) == 3
    # The in-process stand-in remembered the list: a reload shows the same people.
    again = matchmaking.suggest_people(project_lead, project, day=DAY)
    assert [s.profile_id for s in again] == [s.profile_id for s in shown]
