"""Status and idea deadline follow from phases and today's date, in Python and SQL alike."""

import datetime as dt
from types import SimpleNamespace

import pytest

from challenges import phases as rules
from challenges.models import ChallengePage, ChallengePhase
from challenges.phases import ChallengeStatus, PhaseKind, derive_status, phase_in_effect
from challenges.selectors import challenge_queryset, idea_deadline_annotation
from tests.factories import challenges as build

TODAY = dt.date(2026, 6, 15)


def TODAY_REAL():  # noqa: N802 - reads as the constant it stands in for
    from django.utils import timezone

    return timezone.localdate()


def phase(kind, start, end):
    """A phase `start`/`end` days from TODAY; `.build()`-style, no database."""
    return ChallengePhase(
        kind=kind,
        start_date=TODAY + dt.timedelta(days=start),
        end_date=TODAY + dt.timedelta(days=end),
    )


# (case id, [(kind, start, end) …], expected status, expected kind of the phase in effect)
CASES = [
    ("no phases", [], ChallengeStatus.UPCOMING, None),
    ("before the first phase", [(PhaseKind.IDEAS, 1, 30)], ChallengeStatus.UPCOMING, None),
    ("ideas start today", [(PhaseKind.IDEAS, 0, 30)], ChallengeStatus.OPEN, PhaseKind.IDEAS),
    ("ideas end today", [(PhaseKind.IDEAS, -30, 0)], ChallengeStatus.OPEN, PhaseKind.IDEAS),
    (
        "gap between ideas and teams shows the coming phase",
        [(PhaseKind.IDEAS, -30, -5), (PhaseKind.TEAMS, 5, 30)],
        ChallengeStatus.FORMING_TEAMS,
        PhaseKind.TEAMS,
    ),
    (
        "gap between teams and implementation shows the coming phase",
        [(PhaseKind.TEAMS, -30, -5), (PhaseKind.IMPLEMENTATION, 5, 30)],
        ChallengeStatus.IN_PROGRESS,
        PhaseKind.IMPLEMENTATION,
    ),
    (
        "gap before the ideas phase after an earlier one shows the ideas phase",
        [(PhaseKind.RESULTS, -30, -5), (PhaseKind.IDEAS, 5, 30)],
        ChallengeStatus.OPEN,
        PhaseKind.IDEAS,
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
        None,
    ),
    (
        "overlapping phases: the earlier-starting unfinished one",
        [(PhaseKind.IDEAS, -30, 5), (PhaseKind.TEAMS, -10, 30)],
        ChallengeStatus.OPEN,
        PhaseKind.IDEAS,
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
    in_effect = phase_in_effect(phases, TODAY)
    assert (in_effect.kind if in_effect else None) == expected_kind


@pytest.mark.parametrize(("case", "plan", "expected", "expected_kind"), CASES, ids=IDS)
def test_status_is_the_status_of_the_phase_in_effect(case, plan, expected, expected_kind):
    """The badge and the timeline follow one rule: they can never disagree."""
    phases = [phase(*p) for p in plan]
    in_effect = phase_in_effect(phases, TODAY)
    if in_effect is not None:
        assert derive_status(phases, TODAY) == rules.STATUS_OF_PHASE[in_effect.kind]


@pytest.mark.django_db
def test_sql_status_annotation_agrees_with_derive_status_for_every_case():
    index = build.challenge_index()
    pages = {
        case: build.challenge(title=case, plan=plan, index=index, today=TODAY)
        for case, plan, _expected, _kind in CASES
    }
    annotated = {p.title: p.status for p in challenge_queryset(today=TODAY).child_of(index)}
    python = {case: derive_status(page.phase_list(), TODAY) for case, page in pages.items()}
    expected = {case: status for case, _plan, status, _kind in CASES}
    assert python == expected
    assert annotated == expected


@pytest.mark.django_db
def test_page_status_uses_the_annotation_when_the_selector_provided_it(
    django_assert_num_queries,
):
    build.challenge(title="Öppen", plan="open")
    page = challenge_queryset().get(title="Öppen")
    assert page.status_rank == rules.STATUS_RANK[ChallengeStatus.OPEN]
    with django_assert_num_queries(0):
        assert page.status == ChallengeStatus.OPEN


# (case id, own deadline in days or None, [(kind, start, end) …], expected deadline in days)
DEADLINE_CASES = [
    ("own deadline wins", 3, [(PhaseKind.IDEAS, -10, 20)], 3),
    ("no own deadline: end of the ideas phase", None, [(PhaseKind.IDEAS, -10, 20)], 20),
    (
        "no own deadline, two ideas phases: the later end",
        None,
        [(PhaseKind.IDEAS, -40, -30), (PhaseKind.TEAMS, -29, -20), (PhaseKind.IDEAS, -10, 7)],
        7,
    ),
    ("no own deadline, no ideas phase", None, [(PhaseKind.TEAMS, -10, 20)], None),
    ("no deadline and no phases", None, [], None),
    ("own deadline without phases", 5, [], 5),
]
DEADLINE_IDS = [case[0] for case in DEADLINE_CASES]


def _days(offset):
    return None if offset is None else TODAY + dt.timedelta(days=offset)


@pytest.mark.parametrize(("case", "own", "plan", "expected"), DEADLINE_CASES, ids=DEADLINE_IDS)
def test_idea_deadline_follows_the_table(case, own, plan, expected):
    # No database: anything with `idea_deadline` and `phase_list()` will do.
    phases = [phase(*p) for p in plan]
    page = SimpleNamespace(idea_deadline=_days(own), phase_list=lambda: phases)
    assert rules.idea_deadline(page) == _days(expected)


@pytest.mark.django_db
def test_sql_idea_deadline_agrees_with_the_python_rule_for_every_case():
    index = build.challenge_index()
    pages = {
        case: build.challenge(title=case, plan=plan, index=index, today=TODAY, idea_deadline_in=own)
        for case, own, plan, _expected in DEADLINE_CASES
    }
    annotated = {
        p.title: p.effective_idea_deadline
        for p in ChallengePage.objects.child_of(index).annotate(**idea_deadline_annotation())
    }
    python = {case: rules.idea_deadline(page) for case, page in pages.items()}
    expected = {case: _days(days) for case, _own, _plan, days in DEADLINE_CASES}
    assert python == expected
    assert annotated == expected


@pytest.mark.django_db
def test_cards_index_and_page_share_the_fallback_deadline(client):
    """Without an own deadline the end of the ideas phase shows on the card too."""
    page = build.challenge(title="Utan egen deadline", plan="open")
    listed = challenge_queryset().get(pk=page.pk)
    ideas_end = [p.end_date for p in page.phase_list() if p.kind == PhaseKind.IDEAS][-1]
    assert listed.effective_idea_deadline == page.effective_idea_deadline == ideas_end
    html = client.get("/utmaningar/").content.decode()
    assert f'<time datetime="{ideas_end.isoformat()}">' in html


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

    def test_fallback_deadline_closes_ideas_like_an_own_deadline(self):
        page = build.challenge(plan=[(PhaseKind.IDEAS, -10, -1), (PhaseKind.TEAMS, 5, 30)])
        assert rules.idea_deadline(page) == page.phase_list()[0].end_date
        assert rules.is_open_for_ideas(page, TODAY_REAL()) is False

    def test_is_open_for_ideas_takes_the_day_to_check(self):
        page = build.challenge(plan="open", idea_deadline_in=3)
        today = TODAY_REAL()
        assert rules.is_open_for_ideas(page, today) is True
        assert rules.is_open_for_ideas(page, today + dt.timedelta(days=3)) is True
        assert rules.is_open_for_ideas(page, today + dt.timedelta(days=4)) is False

    def test_gap_after_the_ideas_phase_does_not_accept_ideas(self):
        page = build.challenge(plan=[(PhaseKind.IDEAS, -30, -5), (PhaseKind.TEAMS, 5, 30)])
        assert page.status == ChallengeStatus.FORMING_TEAMS  # heading into the teams phase
        assert page.is_open_for_ideas is False

    @pytest.mark.parametrize("plan", ["upcoming", "teams", "in_progress", "completed", "none"])
    def test_challenges_outside_the_ideas_phase_are_closed(self, plan):
        assert build.challenge(plan=plan).is_open_for_ideas is False
