"""Reads of challenges. Views and the home page call these; they keep query counts flat.

Every list of challenges goes through `challenge_queryset`, which annotates the status and
the idea deadline in SQL (the rules of `phases.py`) and prefetches what a challenge card
shows (themes, districts, hero image and its renditions), so a page of 3 or of 300
challenges costs the same number of queries. Work per row stays small too: the database
computes one Exists and two subqueries for each challenge, the page shows twelve.
"""

import datetime as dt

from django.db.models import F, OuterRef, Prefetch, QuerySet
from django.utils import timezone
from wagtail.images import get_image_model

from umecom import published_cache
from umecom.taxonomy.models import District, Theme

from .models import ChallengeIndexPage, ChallengePage, ChallengePhase
from .phases import STATUS_RANK, ChallengeStatus, idea_deadline_sql, status_rank_sql


def _phases_of_outer_page() -> QuerySet[ChallengePhase]:
    return ChallengePhase.objects.filter(page=OuterRef("pk"))


def status_annotation(today: dt.date) -> dict:
    """`status_rank` (see phases.STATUS_SORT_ORDER; `page.status` reads it) in SQL."""
    return {"status_rank": status_rank_sql(_phases_of_outer_page(), today)}


def idea_deadline_annotation() -> dict:
    """`effective_idea_deadline` (phases.idea_deadline) in SQL."""
    return {"effective_idea_deadline": idea_deadline_sql(_phases_of_outer_page())}


def challenge_queryset(*, locale=None, today: dt.date | None = None) -> QuerySet[ChallengePage]:
    """Live, public challenges with status and deadline annotated and card data prefetched."""
    today = today or timezone.localdate()
    # Wagtail's .public() with the view restrictions from the cache (it would query them).
    qs = ChallengePage.objects.live().exclude(published_cache.private_pages_q())
    if locale is not None:
        qs = qs.filter(locale=locale)
    # The hero image comes through a Prefetch rather than select_related so that its
    # renditions can be prefetched too (one query for all cards, not one per image).
    images = get_image_model().objects.prefetch_renditions()
    return qs.annotate(**status_annotation(today), **idea_deadline_annotation()).prefetch_related(
        "themes",
        "districts",
        Prefetch("hero_image", queryset=images),
    )


def challenges_sorted(qs: QuerySet[ChallengePage]) -> QuerySet[ChallengePage]:
    """By status (phases.STATUS_SORT_ORDER), then nearest idea deadline, then newest."""
    # Ordering by the selected annotations lets the database reuse them by alias.
    return qs.order_by(
        "status_rank",
        F("effective_idea_deadline").asc(nulls_last=True),
        "-first_published_at",
        "pk",
    )


def challenges_for_index(
    *,
    index_page: ChallengeIndexPage,
    status: str = "",
    theme: Theme | None = None,
    district: District | None = None,
    today: dt.date | None = None,
) -> QuerySet[ChallengePage]:
    """The challenges listed under `index_page`, filtered and in display order."""
    qs = challenge_queryset(locale=index_page.locale_id, today=today).child_of(index_page)
    if status:
        qs = qs.filter(status_rank=STATUS_RANK[status])
    if theme is not None:
        qs = qs.filter(themes=theme)
    if district is not None:
        qs = qs.filter(districts=district)
    return challenges_sorted(qs)


def challenges_featured(*, locale=None, limit: int = 3) -> list[ChallengePage]:
    qs = challenge_queryset(locale=locale).filter(status_rank=STATUS_RANK[ChallengeStatus.OPEN])
    return list(challenges_sorted(qs)[:limit])


def challenges_recently_updated(*, locale=None, limit: int = 4) -> list[ChallengePage]:
    return list(challenge_queryset(locale=locale).order_by("-last_published_at")[:limit])


def filter_vocabularies() -> tuple[list[Theme], list[District]]:
    """Themes and districts offered in the index filter (cached until one is saved)."""
    return published_cache.cached(
        "challenge-filter-vocabularies",
        lambda: (list(Theme.objects.order_by("name")), list(District.objects.order_by("name"))),
    )
