"""How a challenge's status and idea deadline follow from its phases and today's date.

Each rule has two forms side by side: a Python function for a page in hand and an SQL
expression for querysets (lists filter and sort in the database). The SQL forms take the
phases of "the page in the outer query" as a queryset from the caller (`selectors.py`), so
this module needs no models; tests/challenges/test_phases.py checks both forms agree.

- `phase_in_effect`: the phase running today or, between two phases, the coming one. The
  status badge and the timeline both follow it, so they never disagree.
- `derive_status` / `status_rank_sql`: the status, and its rank in `STATUS_SORT_ORDER`.
- `idea_deadline` / `idea_deadline_sql`: the deadline for ideas, falling back to the end of
  the (last) ideas phase when the editor did not set one.
- `is_open_for_ideas`: whether an idea may be submitted today.
"""

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from django.db import models
from django.db.models import Case, Exists, IntegerField, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _


class PhaseKind(models.TextChoices):
    IDEAS = "ideas", _("Idéer")
    TEAMS = "teams", _("Team")
    IMPLEMENTATION = "implementation", _("Genomförande")
    RESULTS = "results", _("Resultat")


class ChallengeStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Kommande")
    OPEN = "open", _("Öppen för idéer")
    FORMING_TEAMS = "teams", _("Team bildas")
    IN_PROGRESS = "in_progress", _("Pågår")
    COMPLETED = "completed", _("Avslutad")


STATUS_OF_PHASE = {
    PhaseKind.IDEAS: ChallengeStatus.OPEN,
    PhaseKind.TEAMS: ChallengeStatus.FORMING_TEAMS,
    PhaseKind.IMPLEMENTATION: ChallengeStatus.IN_PROGRESS,
    PhaseKind.RESULTS: ChallengeStatus.COMPLETED,
}

# The order lists show statuses in: open challenges first, then the ones a visitor can still
# take part in, coming ones, and finished ones last. The SQL form computes this rank directly
# (one subquery a row) instead of a status string that a second CASE would have to rank.
STATUS_SORT_ORDER = [
    ChallengeStatus.OPEN,
    ChallengeStatus.FORMING_TEAMS,
    ChallengeStatus.IN_PROGRESS,
    ChallengeStatus.UPCOMING,
    ChallengeStatus.COMPLETED,
]
STATUS_RANK = {status: rank for rank, status in enumerate(STATUS_SORT_ORDER)}


class PhaseLike(Protocol):
    kind: str
    start_date: dt.date
    end_date: dt.date


# --- The phase in effect ----------------------------------------------------------------------


def phase_in_effect(phases: Sequence[PhaseLike], today: dt.date) -> PhaseLike | None:
    """The phase running today or, between two phases, the coming one.

    None before the first phase has started and after the last one has ended. With phases
    that overlap (the admin form refuses them) the earlier-starting unfinished one wins.
    """
    if not any(p.start_date <= today for p in phases):
        return None
    unfinished = [p for p in phases if p.end_date >= today]
    return min(unfinished, key=lambda p: p.start_date) if unfinished else None


def is_running(phase: PhaseLike, today: dt.date) -> bool:
    return phase.start_date <= today <= phase.end_date


# --- Status -----------------------------------------------------------------------------------


def derive_status(phases: Sequence[PhaseLike], today: dt.date) -> ChallengeStatus:
    phase = phase_in_effect(phases, today)
    if phase is not None:
        return STATUS_OF_PHASE[PhaseKind(phase.kind)]
    if phases and all(p.end_date < today for p in phases):
        return ChallengeStatus.COMPLETED
    return ChallengeStatus.UPCOMING


def status_of_rank(rank: int) -> ChallengeStatus:
    return STATUS_SORT_ORDER[rank]


def status_rank_sql(phases: QuerySet, today: dt.date) -> Case:
    """`STATUS_RANK[derive_status(…)]` in SQL; `phases` are the outer page's phases.

    One Exists and one Subquery a row: the unfinished phase that starts first gives the rank.
    """
    unfinished = (
        phases.filter(end_date__gte=today)
        .order_by("start_date")
        .annotate(
            _rank=Case(
                *[
                    When(kind=kind, then=Value(STATUS_RANK[status]))
                    for kind, status in STATUS_OF_PHASE.items()
                ],
                output_field=IntegerField(),
            )
        )
        .values("_rank")[:1]
    )
    return Case(
        # Nothing has started (or there are no phases at all): upcoming.
        When(
            ~Exists(phases.filter(start_date__lte=today)),
            then=Value(STATUS_RANK[ChallengeStatus.UPCOMING]),
        ),
        # Something has started and nothing is left unfinished: completed.
        default=Coalesce(Subquery(unfinished), Value(STATUS_RANK[ChallengeStatus.COMPLETED])),
        output_field=IntegerField(),
    )


# --- Idea deadline ----------------------------------------------------------------------------


def idea_deadline(page) -> dt.date | None:
    """The last day ideas are taken: the page's own deadline, else the ideas phase's end.

    `page` needs `idea_deadline` and `phase_list()` (a ChallengePage, or anything alike).
    """
    if page.idea_deadline is not None:
        return page.idea_deadline
    ends = [p.end_date for p in page.phase_list() if p.kind == PhaseKind.IDEAS]
    return max(ends) if ends else None


def idea_deadline_sql(phases: QuerySet, own_deadline: str = "idea_deadline") -> Coalesce:
    """`idea_deadline(page)` in SQL; `phases` are the outer page's phases."""
    ideas_end = phases.filter(kind=PhaseKind.IDEAS).order_by("-end_date").values("end_date")[:1]
    return Coalesce(own_deadline, Subquery(ideas_end), output_field=models.DateField())


def is_open_for_ideas(page, today: dt.date) -> bool:
    """Whether an idea for `page` may be submitted on `today`.

    Stricter than the status: between an earlier phase and the ideas phase the status
    already reads "open" (it shows the coming phase), but ideas are taken only while the
    ideas phase runs, and never after the deadline.
    """
    deadline = idea_deadline(page)
    if deadline is not None and today > deadline:
        return False
    phase = phase_in_effect(page.phase_list(), today)
    return phase is not None and phase.kind == PhaseKind.IDEAS and is_running(phase, today)


def days_until(day: dt.date | None, today: dt.date) -> int | None:
    return (day - today).days if day else None
