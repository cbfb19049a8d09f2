"""How a challenge's status follows from its phases and today's date.

One rule, two forms: `derive_status` for a page in hand, `status_annotation` for querysets
(the index filters and sorts in SQL). tests/challenges/test_phases.py checks they agree.
"""

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from django.db import models
from django.db.models import Case, CharField, OuterRef, Subquery, Value, When
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


class PhaseLike(Protocol):
    kind: str
    start_date: dt.date
    end_date: dt.date


def current_phase(phases: Sequence[PhaseLike], today: dt.date) -> PhaseLike | None:
    """The latest phase that has started; between two phases the earlier one still counts."""
    started = [p for p in phases if p.start_date <= today]
    return max(started, key=lambda p: p.start_date) if started else None


def derive_status(phases: Sequence[PhaseLike], today: dt.date) -> ChallengeStatus:
    if not phases:
        return ChallengeStatus.UPCOMING
    if all(p.end_date < today for p in phases):
        return ChallengeStatus.COMPLETED
    phase = current_phase(phases, today)
    if phase is None:
        return ChallengeStatus.UPCOMING
    if phase.end_date < today:
        # Between two phases the challenge is heading into the next one: after the ideas
        # phase it no longer takes ideas, so it must not be shown as open for them.
        coming = [p for p in phases if p.start_date > today]
        if coming:
            phase = min(coming, key=lambda p: p.start_date)
    return STATUS_OF_PHASE[PhaseKind(phase.kind)]


def status_annotation(today: dt.date) -> dict:
    """Annotations giving each ChallengePage its `current_status` in SQL (see derive_status)."""
    from .models import ChallengePhase

    phases = ChallengePhase.objects.filter(page=OuterRef("pk"))
    started = phases.filter(start_date__lte=today).order_by("-start_date")
    coming = phases.filter(start_date__gt=today).order_by("start_date")
    last_end = Subquery(phases.order_by("-end_date").values("end_date")[:1])
    return {
        "current_phase_kind": Subquery(started.values("kind")[:1]),
        "current_phase_end": Subquery(started.values("end_date")[:1]),
        "next_phase_kind": Subquery(coming.values("kind")[:1]),
        "last_phase_end": last_end,
        "current_status": Case(
            When(last_phase_end__isnull=True, then=Value(ChallengeStatus.UPCOMING)),
            When(last_phase_end__lt=today, then=Value(ChallengeStatus.COMPLETED)),
            When(current_phase_kind__isnull=True, then=Value(ChallengeStatus.UPCOMING)),
            *[
                When(current_phase_end__lt=today, next_phase_kind=kind, then=Value(status))
                for kind, status in STATUS_OF_PHASE.items()
            ],
            *[
                When(current_phase_kind=kind, then=Value(status))
                for kind, status in STATUS_OF_PHASE.items()
            ],
            default=Value(ChallengeStatus.UPCOMING),
            output_field=CharField(),
        ),
    }
