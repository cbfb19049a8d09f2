"""Status follows from phases and today's date, in Python and in SQL alike."""

import datetime as dt

import pytest

from challenges.models import ChallengePhase
from challenges.phases import ChallengeStatus, PhaseKind, current_phase, derive_status
from challenges.selectors import challenge_queryset
from tests.factories import challenges as build

TODAY = dt.date(2026, 6, 15)


def phase(kind, start, end):
    """A phase `start`/`end` days from TODAY; `.build()`-style, no database."""
    return ChallengePhase(
        kind=kind,
        start_date=TODAY + dt.timedelta(days=start),
        end_date=TODAY + dt.timedelta(days=end),
    )


# (case id, [(kind, start, end) …], expected status, expected current phase kind or None)
CASES = [
    ("no phases", [], ChallengeStatus.UPCOMING, None),
    ("before the first phase", [(PhaseKind.IDEAS, 1, 30)], ChallengeStatus.UPCOMING, None),
    ("ideas start today", [(PhaseKind.IDEAS, 0, 30)], ChallengeStatus.OPEN, PhaseKind.IDEAS),
    ("ideas end today", [(PhaseKind.IDEAS, -30, 0)], ChallengeStatus.OPEN, PhaseKind.IDEAS),
    (
        "gap between ideas and teams shows the coming phase",
        [(PhaseKind.IDEAS, -30, -5), (PhaseKind.TEAMS, 5, 30)],
        ChallengeStatus.FORMING_TEAMS,
        PhaseKind.IDEAS,
    ),
    (
        "gap between teams and implementation shows the coming phase",
        [(PhaseKind.TEAMS, -30, -5), (PhaseKind.IMPLEMENTATION, 5, 30)],
        ChallengeStatus.IN_PROGRESS,
        PhaseKind.TEAMS,
    ),
    (
        "teams forming",
        [(PhaseKind.IDEAS, -30, -1), (PhaseKind.TEAMS, 0, 30)],
        ChallengeStatus.FORMING_TEAMS,
        PhaseKind.TEAMS,
    ),
    (
        "implementation under way",
        [
            (PhaseKind.IDEAS, -60, -31),
            (PhaseKind.TEAMS, -30, -11),
            (PhaseKind.IMPLEMENTATION, -10, 60),
        ],
        ChallengeStatus.IN_PROGRESS,
        PhaseKind.IMPLEMENTATION,
    ),
    (
        "results phase running",
        [(PhaseKind.IMPLEMENTATION, -60, -11), (PhaseKind.RESULTS, -10, 10)],
        ChallengeStatus.COMPLETED,
        PhaseKind.RESULTS,
    ),
    (
        "after the last phase ended",
        [(PhaseKind.IDEAS, -60, -31), (PhaseKind.TEAMS, -30, -1)],
        ChallengeStatus.COMPLETED,
        PhaseKind.TEAMS,
    ),
    (
        "phases listed out of order",
        [(PhaseKind.TEAMS, 0, 30), (PhaseKind.IDEAS, -30, -1)],
        ChallengeStatus.FORMING_TEAMS,
        PhaseKind.TEAMS,
    ),
]
IDS = [case[0] for case in CASES]


@pytest.mark.parametrize(("case", "plan", "expected", "expected_kind"), CASES, ids=IDS)
def test_derive_status_follows_the_phase_table(case, plan, expected, expected_kind):
    phases = [phase(*p) for p in plan]
    assert derive_status(phases, TODAY) == expected
    current = current_phase(phases, TODAY)
    assert (current.kind if current else None) == expected_kind


@pytest.mark.django_db
def test_sql_status_annotation_agrees_with_derive_status_for_every_case():
    index = build.challenge_index()
    pages = {
        case: build.challenge(title=case, plan=plan, index=index, today=TODAY)
        for case, plan, _expected, _kind in CASES
    }
    annotated = {p.title: p.current_status for p in challenge_queryset(today=TODAY).child_of(index)}
    python = {case: derive_status(page.phase_list(), TODAY) for case, page in pages.items()}
    expected = {case: status for case, _plan, status, _kind in CASES}
    assert python == expected
    assert annotated == expected


@pytest.mark.django_db
def test_page_status_uses_the_annotation_when_the_selector_provided_it():
    build.challenge(title="Öppen", plan="open")
    page = challenge_queryset().get(title="Öppen")
    assert page.current_status == ChallengeStatus.OPEN
    assert page.status == ChallengeStatus.OPEN


@pytest.mark.django_db
class TestOpenForIdeas:
    def test_open_challenge_without_deadline_is_open_for_ideas(self):
        assert build.challenge(plan="open").is_open_for_ideas is True

    def test_open_challenge_with_future_deadline_is_open_for_ideas(self):
        assert build.challenge(plan="open", idea_deadline_in=3).is_open_for_ideas is True

    def test_deadline_passed_closes_ideas_even_while_the_ideas_phase_runs(self):
        assert build.challenge(plan="open", idea_deadline_in=-1).is_open_for_ideas is False

    def test_deadline_today_still_accepts_ideas(self):
        assert build.challenge(plan="open", idea_deadline_in=0).is_open_for_ideas is True

    def test_gap_after_the_ideas_phase_does_not_accept_ideas(self):
        page = build.challenge(plan=[(PhaseKind.IDEAS, -30, -5), (PhaseKind.TEAMS, 5, 30)])
        assert page.status == ChallengeStatus.FORMING_TEAMS  # heading into the teams phase
        assert page.is_open_for_ideas is False

    @pytest.mark.parametrize("plan", ["upcoming", "teams", "in_progress", "completed", "none"])
    def test_challenges_outside_the_ideas_phase_are_closed(self, plan):
        assert build.challenge(plan=plan).is_open_for_ideas is False
