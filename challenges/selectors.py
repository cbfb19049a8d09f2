"""Reads of challenges. Views and the home page call these; they keep query counts flat."""

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from .models import ChallengePage, ChallengePhase
from .phases import ChallengeStatus, status_annotation


def challenge_queryset(*, locale=None, today=None) -> QuerySet[ChallengePage]:
    today = today or timezone.localdate()
    qs = ChallengePage.objects.live().public()
    if locale is not None:
        qs = qs.filter(locale=locale)
    return (
        qs.annotate(**status_annotation(today))
        .select_related("hero_image")
        .prefetch_related("themes", "districts", Prefetch("phases", queryset=ChallengePhase.objects.order_by("start_date")))
    )


def challenges_featured(*, locale=None, limit: int = 3):
    qs = challenge_queryset(locale=locale).filter(current_status=ChallengeStatus.OPEN)
    return list(qs.order_by("idea_deadline", "-first_published_at")[:limit])


def challenges_recently_updated(*, locale=None, limit: int = 4):
    return list(challenge_queryset(locale=locale).order_by("-last_published_at")[:limit])
