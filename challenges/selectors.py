"""Reads of challenges. Views and the home page call these; they keep query counts flat.

Every list of challenges goes through `challenge_queryset`, which annotates the status in SQL
and prefetches what a challenge card shows (themes, districts, phases, hero image and its
renditions), so a page of 3 or of 300 challenges costs the same number of queries.
"""

import datetime as dt

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.images import get_image_model

from umecom.taxonomy.models import District, Theme

from .models import ChallengeIndexPage, ChallengePage, ChallengePhase
from .phases import ChallengeStatus, status_annotation

# Open challenges first (soonest deadline first), then the rest in the order a visitor
# would care about them: teams forming, under way, coming up, and finally finished ones.
STATUS_SORT_ORDER = [
    ChallengeStatus.OPEN,
    ChallengeStatus.FORMING_TEAMS,
    ChallengeStatus.IN_PROGRESS,
    ChallengeStatus.UPCOMING,
    ChallengeStatus.COMPLETED,
]
_FAR_FUTURE = dt.date(9999, 12, 31)


def challenge_queryset(*, locale=None, today: dt.date | None = None) -> QuerySet[ChallengePage]:
    """Live, public challenges with `current_status` annotated and card data prefetched."""
    today = today or timezone.localdate()
    qs = ChallengePage.objects.live().public()
    if locale is not None:
        qs = qs.filter(locale=locale)
    # The hero image comes through a Prefetch rather than select_related so that its
    # renditions can be prefetched too (one query for all cards, not one per image).
    images = get_image_model().objects.prefetch_renditions()
    return qs.annotate(**status_annotation(today)).prefetch_related(
        "themes",
        "districts",
        Prefetch("phases", queryset=ChallengePhase.objects.order_by("start_date")),
        Prefetch("hero_image", queryset=images),
    )


def challenges_sorted(qs: QuerySet[ChallengePage]) -> QuerySet[ChallengePage]:
    """Open first by idea deadline, then by status, newest first within a status."""
    status_rank = Case(
        *[When(current_status=status, then=Value(i)) for i, status in enumerate(STATUS_SORT_ORDER)],
        default=Value(len(STATUS_SORT_ORDER)),
        output_field=IntegerField(),
    )
    return qs.annotate(
        status_rank=status_rank,
        # Challenges without a deadline sort after those with one (portable NULLS LAST).
        deadline_rank=Coalesce("idea_deadline", Value(_FAR_FUTURE)),
    ).order_by("status_rank", "deadline_rank", "-first_published_at", "pk")


def challenges_for_index(
    *,
    index_page: ChallengeIndexPage,
    status: str = "",
    theme: Theme | None = None,
    district: District | None = None,
    today: dt.date | None = None,
) -> QuerySet[ChallengePage]:
    """The challenges listed under `index_page`, filtered and in display order."""
    qs = challenge_queryset(locale=index_page.locale, today=today).child_of(index_page)
    if status:
        qs = qs.filter(current_status=status)
    if theme is not None:
        qs = qs.filter(themes=theme)
    if district is not None:
        qs = qs.filter(districts=district)
    return challenges_sorted(qs)


def challenges_featured(*, locale=None, limit: int = 3) -> list[ChallengePage]:
    qs = challenge_queryset(locale=locale).filter(current_status=ChallengeStatus.OPEN)
    return list(challenges_sorted(qs)[:limit])


def challenges_recently_updated(*, locale=None, limit: int = 4) -> list[ChallengePage]:
    return list(challenge_queryset(locale=locale).order_by("-last_published_at")[:limit])


def filter_vocabularies() -> tuple[list[Theme], list[District]]:
    """Themes and districts offered in the index filter (two queries)."""
    return list(Theme.objects.order_by("name")), list(District.objects.order_by("name"))
